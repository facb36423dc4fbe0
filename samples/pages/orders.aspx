<%@ Page Title="Orders" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <h1>Orders</h1>

    <h2>Paging and sorting by client callbacks</h2>
    <asp:GridView ID="CallbackOrders" runat="server" AutoGenerateColumns="false" DataKeyNames="Id"
        AllowPaging="true" PageSize="50" AllowSorting="true" EnableSortingAndPagingCallbacks="true"
        SelectMethod="GetOrders" CssClass="grid">
      <Columns>
        <asp:BoundField DataField="Id" HeaderText="Order" SortExpression="Id" />
        <asp:BoundField DataField="Customer" HeaderText="Customer" SortExpression="Customer" />
        <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" SortExpression="Total" />
      </Columns>
    </asp:GridView>

    <h2>Paging, sorting and selection in an UpdatePanel</h2>
    <asp:UpdatePanel ID="OrdersPanel" runat="server">
      <ContentTemplate>
        <asp:GridView ID="PanelOrders" runat="server" AutoGenerateColumns="false" DataKeyNames="Id"
            AllowPaging="true" PageSize="50" AllowSorting="true" SelectMethod="GetOrders" CssClass="grid"
            OnSelectedIndexChanged="PanelOrders_SelectedIndexChanged">
          <Columns>
            <asp:BoundField DataField="Id" HeaderText="Order" SortExpression="Id" />
            <asp:BoundField DataField="Customer" HeaderText="Customer" SortExpression="Customer" />
            <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" SortExpression="Total" />
            <asp:CommandField ShowSelectButton="true" HeaderText="Details" />
          </Columns>
        </asp:GridView>
        <h3>Selected order</h3>
        <asp:DetailsView ID="OrderDetails" runat="server" AutoGenerateRows="false" DataKeyNames="Id"
            SelectMethod="GetSelectedOrder" EmptyDataText="Select an order above.">
          <Fields>
            <asp:BoundField DataField="Id" HeaderText="Order" />
            <asp:BoundField DataField="Customer" HeaderText="Customer" />
            <asp:BoundField DataField="Placed" HeaderText="Placed" DataFormatString="{0:yyyy-MM-dd}" />
            <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" />
          </Fields>
        </asp:DetailsView>
      </ContentTemplate>
    </asp:UpdatePanel>
  </form>
</main>
</body>
</html>
