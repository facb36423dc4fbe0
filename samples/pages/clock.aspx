<%@ Page Title="Clock" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <h1>Get Server Time</h1>
    <p>Page first rendered at <asp:Label ID="FirstRendered" runat="server" />.</p>
    <asp:UpdatePanel ID="UpdatePanel1" UpdateMode="Conditional" runat="server">
      <ContentTemplate>
        <p>Server time: <asp:Label ID="Label1" runat="server" Text="not asked yet" /></p>
        <p>Asked <asp:Label ID="Asked" runat="server" Text="0" /> time(s).</p>
        <asp:Button ID="Button1" runat="server" Text="Get Server Time" OnClick="Button1_Click" />
      </ContentTemplate>
      <Triggers>
        <asp:AsyncPostBackTrigger ControlID="Refresh" EventName="Click" />
      </Triggers>
    </asp:UpdatePanel>
    <p><asp:Button ID="Refresh" runat="server" Text="Refresh" OnClick="Button1_Click" /></p>
  </form>
</main>
</body>
</html>
