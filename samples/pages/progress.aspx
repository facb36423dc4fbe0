<%@ Page Title="Progress and timer" %>
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
    <h1>UpdateProgress and Timer</h1>
    <asp:UpdatePanel ID="SlowPanel" runat="server" UpdateMode="Conditional" AnnounceText="The slow job panel was updated.">
      <ContentTemplate>
        <asp:Button ID="Slow" runat="server" Text="Run a slow job" OnClick="Slow_Click" />
        <asp:Label ID="SlowResult" runat="server" Text="Not run yet." />
        <p><asp:Label runat="server" AssociatedControlID="Note" Text="Keep typing while it runs" />
          <asp:TextBox ID="Note" runat="server" /></p>
      </ContentTemplate>
    </asp:UpdatePanel>
    <asp:UpdateProgress ID="SlowProgress" runat="server" AssociatedUpdatePanelID="SlowPanel" DisplayAfter="200">
      <ProgressTemplate><p class="progress">Working on it…</p></ProgressTemplate>
    </asp:UpdateProgress>

    <p>
      <input type="button" id="Ask" value="Ask by callback" onclick="AskServer('ping', '')" />
      <span id="Answer">No callback answer yet.</span>
    </p>
    <asp:UpdatePanel ID="TickPanel" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        <asp:Timer ID="Ticker" runat="server" Interval="700" OnTick="Ticker_Tick" />
        Ticks: <asp:Label ID="Ticks" runat="server" Text="0" />
        <asp:Button ID="StopTicking" runat="server" Text="Stop the timer" OnClick="StopTicking_Click" />
      </ContentTemplate>
    </asp:UpdatePanel>
  </form>
  <script>
    function ShowAnswer(result) { document.getElementById('Answer').textContent = result; }
  </script>
</main>
</body>
</html>
