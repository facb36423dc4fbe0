<%@ Page Title="Client callback: hello" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>A client callback</h1>
    <p>The button runs one server method through a callback: no postback, no page reload.</p>
    <input type="button" id="CallButton" value="Call the server" onclick="CallServer('Hello, Deltaform', '')" />
    <p><span id="Message" role="status">Not called yet.</span></p>
  </form>
  <script>
    function ReceiveServerData(result, context) {
      document.getElementById('Message').textContent = result;
    }
  </script>
</main>
</body>
</html>
