<%@ Page Title="Client callback: employees" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Employees by department</h1>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Departments" Text="Department" />
      <asp:DropDownList ID="Departments" runat="server" onchange="CallServer(this.value, 'employees')">
        <asp:ListItem Value="">Choose…</asp:ListItem>
        <asp:ListItem Value="sales">Sales</asp:ListItem>
        <asp:ListItem Value="engineering">Engineering</asp:ListItem>
        <asp:ListItem Value="support">Support</asp:ListItem>
      </asp:DropDownList>
    </div>
    <div class="row">
      <label for="Employees">Employees</label>
      <select id="Employees" name="Employees"></select>
    </div>
    <p>Page loads: <asp:Label ID="Loads" runat="server" Text="0" /></p>
  </form>
  <script>
    // The callback answers a comma-separated list; fill the employees list from it.
    function ReceiveServerData(result, context) {
      var list = document.getElementById('Employees');
      list.options.length = 0;
      result.split(',').filter(Boolean).forEach(function (name) { list.add(new Option(name, name)); });
    }
  </script>
</main>
</body>
</html>
