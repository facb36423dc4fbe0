<%@ Page Title="Panels" %>
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
    <h1>UpdatePanels</h1>

    <h2>Conditional A</h2>
    <asp:UpdatePanel ID="PanelA" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        A = <asp:Label ID="CountA" runat="server" Text="0" />
        <asp:Button ID="BumpA" runat="server" Text="A+1" OnClick="BumpA_Click" />
        <asp:Button ID="TouchB" runat="server" Text="Set B from A" OnClick="TouchB_Click" />
        <asp:Button ID="FullA" runat="server" Text="A+1 (full postback)" OnClick="BumpA_Click" />
      </ContentTemplate>
      <Triggers>
        <asp:AsyncPostBackTrigger ControlID="BumpBoth" />
        <asp:PostBackTrigger ControlID="FullA" />
      </Triggers>
    </asp:UpdatePanel>

    <h2>Conditional B</h2>
    <asp:UpdatePanel ID="PanelB" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        B = <asp:Label ID="CountB" runat="server" Text="0" />
        <asp:Button ID="BumpB" runat="server" Text="B+1" OnClick="BumpB_Click" />
      </ContentTemplate>
      <Triggers>
        <asp:AsyncPostBackTrigger ControlID="BumpBoth" EventName="Click" />
      </Triggers>
    </asp:UpdatePanel>
    <p><asp:Button ID="BumpBoth" runat="server" Text="A+1 and B+1" OnClick="BumpBoth_Click" /></p>

    <h2>Always</h2>
    <asp:UpdatePanel ID="PanelAlways" runat="server">
      <ContentTemplate>Postbacks so far: <asp:Label ID="Postbacks" runat="server" Text="0" /></ContentTemplate>
    </asp:UpdatePanel>

    <h2>Nested</h2>
    <asp:UpdatePanel ID="Outer" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        Outer = <asp:Label ID="CountOuter" runat="server" Text="0" />
        <asp:Button ID="BumpOuter" runat="server" Text="Outer+1" OnClick="BumpOuter_Click" />
        <asp:UpdatePanel ID="Inner" runat="server" UpdateMode="Conditional">
          <ContentTemplate>
            Inner = <asp:Label ID="CountInner" runat="server" Text="0" />
            <asp:Button ID="BumpInner" runat="server" Text="Inner+1" OnClick="BumpInner_Click" />
          </ContentTemplate>
        </asp:UpdatePanel>
      </ContentTemplate>
    </asp:UpdatePanel>

    <p>Last data item: <output id="DataItemOut">none</output></p>
  </form>
  <script>
    // A data item sent by the server reaches pageLoaded handlers, as in ASP.NET AJAX.
    if (window.Sys && Sys.WebForms && Sys.WebForms.PageRequestManager.getInstance()) {
      Sys.WebForms.PageRequestManager.getInstance().add_pageLoaded(function (sender, args) {
        var item = args.get_dataItems()['PanelAlways'];
        if (item) document.getElementById('DataItemOut').textContent = 'postback ' + item.postbacks;
      });
    }
  </script>
</main>
</body>
</html>
