<%@ Page Title="Client callback: server time" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Get Server Time, by callback</h1>
    <p>
      <input type="button" id="GetTime" value="Get Server Time" onclick="GetServerTime('time')" />
      <input type="button" id="Fail" value="Cause a server error" onclick="GetServerTime('fail')" />
    </p>
    <p>Server time: <span id="Time">not asked yet</span></p>
    <p>Error: <span id="Error">none</span></p>
  </form>
  <script>
    function showTime(result, context) { document.getElementById('Time').textContent = result; }
    function postMyError(message, context) { document.getElementById('Error').textContent = message; }
  </script>
</main>
</body>
</html>
