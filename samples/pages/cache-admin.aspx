<%@ Page Title="Cache admin" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Cache admin</h1>
    <p>Invalidating a tag clears every output-cached page and cached object that carries it — on every
      instance when the app runs on Redis.</p>
    <p><asp:Button ID="InvalidateWeather" runat="server" Text="Invalidate &quot;weather&quot;" OnClick="InvalidateWeather_Click" /></p>
    <p role="status"><asp:Label ID="Status" runat="server" EnableViewState="false" /></p>
    <p><asp:Label ID="Stats" runat="server" EnableViewState="false" /></p>
    <p><a href="cache.aspx">Back to the cached page</a></p>
  </form>
</main>
</body>
</html>
