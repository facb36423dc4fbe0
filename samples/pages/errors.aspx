<%@ Page Title="Errors, redirects and focus" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" OnAsyncPostBackError="ScriptManager1_AsyncPostBackError" />
    <h1>Errors, redirects and focus</h1>
    <asp:UpdatePanel ID="Panel1" runat="server">
      <ContentTemplate>
        <p>
          <asp:Button ID="Throw" runat="server" Text="Throw" OnClick="Throw_Click" />
          <asp:Button ID="Redirect" runat="server" Text="Go to the counter" OnClick="Redirect_Click" />
          <asp:Button ID="Focus" runat="server" Text="Focus the name box" OnClick="Focus_Click" />
        </p>
        <div class="row">
          <asp:Label runat="server" AssociatedControlID="Name" Text="Name" />
          <asp:TextBox ID="Name" runat="server" />
        </div>
        <p><asp:Label ID="Status" runat="server" Text="Ready." /></p>
      </ContentTemplate>
    </asp:UpdatePanel>
    <p>Last error: <output id="ErrorOut">none</output></p>
  </form>
  <script>
    // Mark server errors handled: show them instead of letting the PageRequestManager throw.
    if (window.Sys && Sys.WebForms && Sys.WebForms.PageRequestManager.getInstance()) {
      Sys.WebForms.PageRequestManager.getInstance().add_endRequest(function (sender, args) {
        var error = args.get_error();
        if (error) {
          document.getElementById('ErrorOut').textContent = error.name + ' (' + error.httpStatusCode + '): ' + error.message;
          args.set_errorHandled(true);
        }
      });
    }
  </script>
</main>
</body>
</html>
