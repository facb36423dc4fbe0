<%@ Page Title="LinkButton postback" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>A LinkButton that posts back</h1>
    <p>
      <asp:LinkButton ID="SayHello" runat="server" Text="Say hello" OnClick="SayHello_Click" />
    </p>
    <p><asp:Label ID="Message" runat="server" Text="Nobody clicked yet." /></p>
    <p>Clicks so far: <asp:Label ID="Clicks" runat="server" Text="0" /></p>
  </form>
</main>
</body>
</html>
