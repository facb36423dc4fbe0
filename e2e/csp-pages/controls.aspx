<%@ Page Title="Handlers under a nonce CSP" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server">
  <meta charset="utf-8" />
  <link rel="icon" href="data:," />
</head>
<body>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <p><asp:TextBox ID="Name" runat="server" AutoPostBack="true" OnTextChanged="Name_Changed" /></p>
    <p>
      <asp:DropDownList ID="Color" runat="server" AutoPostBack="true" OnSelectedIndexChanged="Color_Changed">
        <asp:ListItem>red</asp:ListItem>
        <asp:ListItem>green</asp:ListItem>
      </asp:DropDownList>
    </p>
    <p><asp:CheckBox ID="Agree" runat="server" AutoPostBack="true" OnCheckedChanged="Agree_Changed" Text="Agree" /></p>
    <asp:Panel ID="Search" runat="server" onkeypress="javascript:return WebForm_FireDefaultButton(event, 'Find')">
      <asp:TextBox ID="Query" runat="server" />
      <asp:Button ID="Other" runat="server" Text="Other" OnClick="Other_Click" />
      <asp:Button ID="Find" runat="server" Text="Find" OnClick="Find_Click" />
    </asp:Panel>
    <p><asp:Button ID="Cross" runat="server" Text="Post with options" PostBackUrl="controls.aspx" OnClick="Cross_Click" /></p>
    <p><asp:LinkButton ID="Guarded" runat="server" Text="Guarded" OnClientClick="return confirm('Sure?')" OnClick="Guarded_Click" /></p>
    <p>Log: <asp:Label ID="Log" runat="server" /></p>
    <p>Form submits counted by the onsubmit statement: <asp:Label ID="Submits" runat="server" /></p>
    <asp:HiddenField ID="SubmitCount" runat="server" Value="0" />
  </form>
</body>
</html>
