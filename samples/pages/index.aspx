<%@ Page Title="Deltaform samples" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
  <main>
    <h1>Deltaform samples</h1>
    <p>Each page is an <code>.aspx</code> file with an optional <code>.aspx.ts</code> code-behind beside it.</p>
    <ul id="samples">
      <li><a href="postback-linkbutton.aspx">postback-linkbutton.aspx</a> — a LinkButton that posts back and runs its handler</li>
      <li><a href="register.aspx">register.aspx</a> — a form with every validator kind and a ValidationSummary</li>
      <li><a href="counter.aspx">counter.aspx</a> — a count kept in view state, and TextChanged on postback</li>
      <li><a href="clock.aspx">clock.aspx</a> — Get Server Time: a Conditional UpdatePanel with a trigger outside it</li>
      <li><a href="panels.aspx">panels.aspx</a> — Conditional, Always and nested panels, triggers, update() and data items</li>
      <li><a href="errors.aspx">errors.aspx</a> — server errors, redirects and focus during async postbacks</li>
      <li><a href="concurrency.aspx">concurrency.aspx</a> — what a postback asked for during another does (last wins, queue, drop, abort conflicting), double clicks, idempotent postbacks</li>
      <li><a href="progress.aspx">progress.aspx</a> — UpdateProgress during a slow handler, and a Timer</li>
      <li><a href="morph.aspx">morph.aspx</a> — UpdateStrategy="Morph" panels patched in place, and the FocusPolicy of a panel</li>
      <li><a href="callback-hello.aspx">callback-hello.aspx</a> — a client callback from a plain HTML button</li>
      <li><a href="callback-employees.aspx">callback-employees.aspx</a> — a DropDownList filling another through a callback</li>
      <li><a href="callback-time.aspx">callback-time.aspx</a> — Get Server Time by callback, with an error callback</li>
      <li><a href="callback-validator.aspx">callback-validator.aspx</a> — a CallbackValidator checking each field on the server as you leave it</li>
      <li><a href="cache.aspx">cache.aspx</a> — an output-cached page per zip code with a live Substitution hole, and <a href="cache-admin.aspx">cache-admin.aspx</a> to invalidate it</li>
      <li><a href="session-counter.aspx">session-counter.aspx</a> — a counter in session state, updated by partial postbacks</li>
      <li><a href="orders.aspx">orders.aspx</a> — GridViews of 200 orders: paging and sorting by callbacks or in an UpdatePanel, and a DetailsView</li>
      <li><a href="history.aspx">history.aspx</a> — a trip planner whose steps are browser history points: Back, Forward and links restore each step by an async postback</li>
    </ul>
  </main>
</body>
</html>
