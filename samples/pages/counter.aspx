<%@ Page Title="Counter" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Counter</h1>
    <p>
      <asp:Button ID="Decrement" runat="server" Text="-1" OnClick="Decrement_Click" />
      <asp:Label ID="Count" runat="server" CssClass="count" Text="0" />
      <asp:Button ID="Increment" runat="server" Text="+1" OnClick="Increment_Click" />
    </p>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Step" Text="Step" />
      <asp:TextBox ID="Step" runat="server" Text="1" TextMode="Number" OnTextChanged="Step_TextChanged" />
    </div>
    <p><asp:Label ID="StepNote" runat="server" /></p>
  </form>
</main>
</body>
</html>
