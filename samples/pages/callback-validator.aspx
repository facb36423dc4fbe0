<%@ Page Title="Live field checks by callback" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="stylesheet" href="site.css" />
  <style>
    .callback-mark { display: inline-block; min-width: 1.5rem; margin-left: .4rem; font-weight: 700; }
    .callback-mark-valid { color: #0a6b2d; }
    .callback-mark-invalid, .callback-mark-error { color: #b00020; }
    .callback-mark-error { font-weight: 400; font-size: .9rem; }
  </style>
</head>
<body>
<main>
  <form id="form1" runat="server">
    <h1>Create an account, checked as you type</h1>
    <p>Leaving a field checks it on the server through a client callback: the page does not post
      back. <strong>Create account</strong> still posts the whole form and validates it again.</p>
    <asp:ValidationSummary ID="Summary" runat="server" CssClass="summary" HeaderText="Please correct the following:" />
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="UserId" Text="User ID" />
      <asp:TextBox ID="UserId" runat="server" MaxLength="30" autocomplete="username" />
      <asp:RequiredFieldValidator ID="UserIdRequired" runat="server" ControlToValidate="UserId"
        ErrorMessage="A user ID is required." Text="*" CssClass="error" Display="Dynamic" />
      <asp:CustomValidator ID="UserIdFree" runat="server" ControlToValidate="UserId"
        ErrorMessage="That user ID is taken." Text="taken" CssClass="error" Display="Dynamic"
        OnServerValidate="UserIdFree_ServerValidate" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Email" Text="Email" />
      <asp:TextBox ID="Email" runat="server" MaxLength="80" autocomplete="email" />
      <asp:RequiredFieldValidator ID="EmailRequired" runat="server" ControlToValidate="Email"
        ErrorMessage="An email address is required." Text="*" CssClass="error" Display="Dynamic" />
      <asp:RegularExpressionValidator ID="EmailFormat" runat="server" ControlToValidate="Email"
        ValidationExpression="[^@\s]+@[^@\s]+\.[^@\s]+" ErrorMessage="The email address is not valid."
        Text="invalid" CssClass="error" Display="Dynamic" />
    </div>
    <div class="row">
      <asp:Label runat="server" AssociatedControlID="Password" Text="Password" />
      <asp:TextBox ID="Password" runat="server" TextMode="Password" autocomplete="new-password" />
      <asp:RequiredFieldValidator ID="PasswordRequired" runat="server" ControlToValidate="Password"
        ErrorMessage="A password is required." Text="*" CssClass="error" Display="Dynamic" />
      <asp:RegularExpressionValidator ID="PasswordStrength" runat="server" ControlToValidate="Password"
        ValidationExpression="(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}"
        ErrorMessage="The password needs at least 8 characters with a lower-case letter, an upper-case letter and a digit."
        Text="too weak" CssClass="error" Display="Dynamic" />
    </div>
    <asp:CallbackValidator ID="LiveCheck" runat="server" />
    <asp:Button ID="Submit" runat="server" Text="Create account" OnClick="Submit_Click" />
    <p><asp:Label ID="Result" runat="server" /></p>
  </form>
</main>
</body>
</html>
