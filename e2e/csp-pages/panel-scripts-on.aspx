<%@ Page Title="Panel scripts (on)" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="icon" href="data:," />
</head>
<body>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" ExecutePanelScripts="true" />
    <asp:UpdatePanel ID="Panel1" runat="server">
      <ContentTemplate>
        <asp:Label ID="Count" runat="server" Text="0" />
        <asp:Button ID="Bump" runat="server" Text="Bump" OnClick="Bump_Click" />
        <asp:Literal ID="Echo" runat="server" Mode="PassThrough" />
        <script>
          window.panelRuns = (window.panelRuns || []).concat(document.getElementById('Count').textContent);
        </script>
      </ContentTemplate>
    </asp:UpdatePanel>
  </form>
</body>
</html>
