<%@ Page Title="Register" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Create an account</h1>
    <asp:ValidationSummary ID="Summary" runat="server" CssClass="summary" HeaderText="Please correct the following:" />
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="UserName" Text="User name" />
      <asp:TextBox ID="UserName" runat="server" MaxLength="30" />
      <asp:RequiredFieldValidator ID="UserNameRequired" runat="server" ControlToValidate="UserName"
        ErrorMessage="A user name is required." Text="*" CssClass="error" Display="Dynamic" />
      <asp:CustomValidator ID="UserNameFree" runat="server" ControlToValidate="UserName"
        ErrorMessage="That user name is taken." Text="taken" CssClass="error" Display="Dynamic"
        OnServerValidate="UserNameFree_ServerValidate" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Email" Text="Email" />
      <asp:TextBox ID="Email" runat="server" />
      <asp:RequiredFieldValidator ID="EmailRequired" runat="server" ControlToValidate="Email"
        ErrorMessage="An email address is required." Text="*" CssClass="error" Display="Dynamic" />
      <asp:RegularExpressionValidator ID="EmailFormat" runat="server" ControlToValidate="Email"
        ValidationExpression="[^@\s]+@[^@\s]+\.[^@\s]+" ErrorMessage="The email address is not valid."
        Text="invalid" CssClass="error" Display="Dynamic" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Password" Text="Password" />
      <asp:TextBox ID="Password" runat="server" TextMode="Password" />
      <asp:RequiredFieldValidator ID="PasswordRequired" runat="server" ControlToValidate="Password"
        ErrorMessage="A password is required." Text="*" CssClass="error" Display="Dynamic" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Confirm" Text="Confirm password" />
      <asp:TextBox ID="Confirm" runat="server" TextMode="Password" />
      <asp:CompareValidator ID="ConfirmMatches" runat="server" ControlToValidate="Confirm"
        ControlToCompare="Password" ErrorMessage="The passwords do not match." Text="no match"
        CssClass="error" Display="Dynamic" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Age" Text="Age" />
      <asp:TextBox ID="Age" runat="server" TextMode="Number" />
      <asp:RangeValidator ID="AgeRange" runat="server" ControlToValidate="Age" Type="Integer"
        MinimumValue="18" MaximumValue="120" ErrorMessage="Age must be a whole number from 18 to 120."
        Text="out of range" CssClass="error" Display="Dynamic" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Plan" Text="Plan" />
      <asp:DropDownList ID="Plan" runat="server">
        <asp:ListItem Value="free">Free</asp:ListItem>
        <asp:ListItem Value="pro" Text="Pro" />
        <asp:ListItem Value="team">Team</asp:ListItem>
      </asp:DropDownList>
    </div>
    <div class="row">
      <asp:CheckBox ID="Terms" runat="server" Text="I accept the terms" />
    </div>
    <asp:Button ID="Register" runat="server" Text="Register" OnClick="Register_Click" />
    <p><asp:Label ID="Result" runat="server" /></p>
  </form>
</main>
</body>
</html>
