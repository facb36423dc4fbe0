<%@ Page Title="Output cache" %>
<%@ OutputCache Duration="60" VaryByParam="zip" Location="Server" Tags="weather" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Output cache</h1>
    <p>This page is kept on the server for 60 seconds per <code>zip</code> (browsers revalidate with its ETag): the forecast and its render time stay the same on
      every reload, while the live clock is a Substitution filled on every answer.</p>
    <p>
      <a href="cache.aspx?zip=98052">98052</a> ·
      <a href="cache.aspx?zip=10001">10001</a> ·
      <a href="cache.aspx?zip=60601">60601</a> ·
      <a href="cache-admin.aspx">invalidate the "weather" tag</a>
    </p>
    <h2>Forecast for <asp:Label ID="Zip" runat="server" /></h2>
    <p id="forecast"><asp:Label ID="Forecast" runat="server" /></p>
    <p>Rendered at <asp:Label ID="RenderedAt" runat="server" /> (cached).</p>
    <p>Now: <span id="live"><asp:Substitution runat="server" MethodName="Now" /></span> (live on every answer).</p>
  </form>
</main>
</body>
</html>
