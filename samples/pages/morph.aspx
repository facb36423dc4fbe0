<%@ Page Title="Morph updates and focus policies" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <main>
      <h1>Morph updates and focus policies</h1>

      <h2>UpdateStrategy="Morph"</h2>
      <p>The panel is patched in place: the note field keeps its listener and the focus while the list beside it grows.</p>
      <asp:UpdatePanel ID="MorphPanel" runat="server" UpdateMode="Conditional" UpdateStrategy="Morph">
        <ContentTemplate>
          <asp:Literal ID="ItemList" runat="server" Mode="PassThrough" />
          <div class="row">
            <asp:Label runat="server" AssociatedControlID="Note" Text="Note" />
            <asp:TextBox ID="Note" runat="server" />
          </div>
          <p>Items: <asp:Label ID="ItemCount" runat="server" Text="1" /></p>
          <asp:Button ID="AddItem" runat="server" Text="Add an item" OnClick="AddItem_Click" />
        </ContentTemplate>
      </asp:UpdatePanel>
      <p>Typed in the note: <output id="Keystrokes">0</output> times.</p>

      <h2>FocusPolicy="FirstInvalid"</h2>
      <asp:UpdatePanel ID="AddressPanel" runat="server" UpdateMode="Always" FocusPolicy="FirstInvalid">
        <ContentTemplate>
          <div class="row">
            <asp:Label runat="server" AssociatedControlID="City" Text="City" />
            <asp:TextBox ID="City" runat="server" />
            <asp:RequiredFieldValidator ID="CityRequired" runat="server" ControlToValidate="City" ValidationGroup="Address"
              ErrorMessage="A city is required." CssClass="error" Display="Dynamic" />
          </div>
          <div class="row">
            <asp:Label runat="server" AssociatedControlID="Zip" Text="Zip code" />
            <asp:TextBox ID="Zip" runat="server" />
            <asp:RegularExpressionValidator ID="ZipFormat" runat="server" ControlToValidate="Zip" ValidationGroup="Address"
              ValidationExpression="\d{5}" ErrorMessage="A zip code is five digits." CssClass="error" Display="Dynamic" />
          </div>
          <asp:Button ID="SaveAddress" runat="server" Text="Save the address" ValidationGroup="Address" OnClick="SaveAddress_Click" />
          <asp:Label ID="AddressStatus" runat="server" />
        </ContentTemplate>
      </asp:UpdatePanel>

      <h2>FocusPolicy="Heading"</h2>
      <asp:Button ID="Search" runat="server" Text="Search" CausesValidation="false" OnClick="Search_Click" />
      <asp:UpdatePanel ID="ResultsPanel" runat="server" UpdateMode="Conditional" FocusPolicy="Heading">
        <ContentTemplate>
          <h3>Results</h3>
          <p><asp:Label ID="Results" runat="server" Text="No search yet." /></p>
        </ContentTemplate>
        <Triggers><asp:AsyncPostBackTrigger ControlID="Search" /></Triggers>
      </asp:UpdatePanel>
    </main>
  </form>
  <script>
    // A listener added by a page script, as many Web Forms pages do: a Morph update keeps it.
    var keystrokes = 0;
    document.getElementById('Note').addEventListener('input', function () {
      document.getElementById('Keystrokes').textContent = String(++keystrokes);
    });
  </script>
</body>
</html>
