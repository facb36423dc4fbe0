<%@ Page Title="Trip planner — Start" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
  <style>
    .steps { position: fixed; top: 0; left: 0; right: 0; background: #f5f5f7; padding: .5rem 1rem; border-bottom: 1px solid #ccc; }
    .step { margin-top: 4rem; }
    .filler { height: 2400px; border-left: 4px dotted #ccc; padding-left: 1rem; color: #666; }
  </style>
</head>
<body>
  <form id="form1" runat="server">
    <%-- Each step is a history point: Back and Forward walk through the steps, a link with the
         fragment opens its step, and the title follows. --%>
    <asp:ScriptManager ID="ScriptManager1" runat="server" EnableHistory="true" OnNavigate="ScriptManager1_Navigate" />
    <nav class="steps">
      <asp:Button ID="Step0" runat="server" Text="Start" CommandArgument="0" OnCommand="Step_Command" />
      <asp:Button ID="Step1" runat="server" Text="1. Destination" CommandArgument="1" OnCommand="Step_Command" />
      <asp:Button ID="Step2" runat="server" Text="2. Dates" CommandArgument="2" OnCommand="Step_Command" />
      <asp:Button ID="Step3" runat="server" Text="3. Confirm" CommandArgument="3" OnCommand="Step_Command" />
      <label for="Notes" style="min-width: 0">Notes</label> <asp:TextBox ID="Notes" runat="server" />
    </nav>
    <main>
      <asp:UpdatePanel ID="StepPanel" runat="server" UpdateMode="Conditional">
        <ContentTemplate>
          <div class="step">
            <h1><asp:Label ID="StepTitle" runat="server" /></h1>
            <p><asp:Label ID="StepText" runat="server" /></p>
          </div>
        </ContentTemplate>
        <Triggers>
          <asp:AsyncPostBackTrigger ControlID="Step0" />
          <asp:AsyncPostBackTrigger ControlID="Step1" />
          <asp:AsyncPostBackTrigger ControlID="Step2" />
          <asp:AsyncPostBackTrigger ControlID="Step3" />
        </Triggers>
      </asp:UpdatePanel>
      <div class="filler">A long page: scroll somewhere, go to another step, then come back with the browser's Back button.</div>
    </main>
  </form>
</body>
</html>
