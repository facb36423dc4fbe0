<%@ Page Title="Session counter" %>
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
    <h1>Session counter</h1>
    <p>The count lives in session state (memory, or Redis with <code>REDIS_URL</code>): it follows you to
      every page and every instance, and requests of one session run one at a time, so no click is lost.</p>
    <asp:UpdatePanel ID="CounterPanel" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        <p>
          <asp:Label ID="Count" runat="server" CssClass="count" Text="0" />
          <asp:Button ID="Add" runat="server" Text="+1" OnClick="Add_Click" />
          <asp:Button ID="Reset" runat="server" Text="Forget me" OnClick="Reset_Click" />
        </p>
      </ContentTemplate>
    </asp:UpdatePanel>
    <p><a href="session-counter.aspx">Open again</a> — the count stays.</p>
  </form>
</main>
</body>
</html>
