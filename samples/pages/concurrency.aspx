<%@ Page Title="Concurrency" %>
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
    <h1>Concurrency policies</h1>
    <p>Click two buttons of one panel quickly (or slow the network down) to see what each policy does
      with a postback asked for while another is in flight.</p>

    <h2>Last wins (ASP.NET's behaviour)</h2>
    <asp:UpdatePanel ID="PanelLast" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        Total = <asp:Label ID="TotalLast" runat="server" Text="0" />
        <asp:Button ID="LastAdd1" runat="server" Text="+1" OnClick="Add_Click" CommandArgument="1" />
        <asp:Button ID="LastAdd10" runat="server" Text="+10" OnClick="Add_Click" CommandArgument="10" />
      </ContentTemplate>
    </asp:UpdatePanel>

    <h2>Queue</h2>
    <asp:UpdatePanel ID="PanelQueue" runat="server" UpdateMode="Conditional" Concurrency="Queue">
      <ContentTemplate>
        Total = <asp:Label ID="TotalQueue" runat="server" Text="0" />
        <asp:Button ID="QueueAdd1" runat="server" Text="+1" OnClick="Add_Click" CommandArgument="1" />
        <asp:Button ID="QueueAdd10" runat="server" Text="+10" OnClick="Add_Click" CommandArgument="10" />
      </ContentTemplate>
    </asp:UpdatePanel>

    <h2>Drop</h2>
    <asp:UpdatePanel ID="PanelDrop" runat="server" UpdateMode="Conditional" Concurrency="Drop">
      <ContentTemplate>
        Total = <asp:Label ID="TotalDrop" runat="server" Text="0" />
        <asp:Button ID="DropAdd1" runat="server" Text="+1" OnClick="Add_Click" CommandArgument="1" />
        <asp:Button ID="DropAdd10" runat="server" Text="+10" OnClick="Add_Click" CommandArgument="10" />
      </ContentTemplate>
    </asp:UpdatePanel>

    <h2>Abort conflicting</h2>
    <asp:UpdatePanel ID="PanelLeft" runat="server" UpdateMode="Conditional" Concurrency="AbortConflicting">
      <ContentTemplate>
        Left = <asp:Label ID="TotalLeft" runat="server" Text="0" />
        <asp:Button ID="LeftAdd1" runat="server" Text="Left +1" OnClick="Add_Click" CommandArgument="1" />
        <asp:Button ID="LeftAdd10" runat="server" Text="Left +10" OnClick="Add_Click" CommandArgument="10" />
      </ContentTemplate>
    </asp:UpdatePanel>
    <asp:UpdatePanel ID="PanelRight" runat="server" UpdateMode="Conditional" Concurrency="AbortConflicting">
      <ContentTemplate>
        Right = <asp:Label ID="TotalRight" runat="server" Text="0" />
        <asp:Button ID="RightAdd1" runat="server" Text="Right +1" OnClick="Add_Click" CommandArgument="1" />
      </ContentTemplate>
    </asp:UpdatePanel>

    <h2>Handlers run on the server</h2>
    <asp:UpdatePanel ID="PanelRuns" runat="server" UpdateMode="Conditional">
      <ContentTemplate>
        <p>Orders placed (handler runs, all visitors): <asp:Label ID="Placed" runat="server" Text="0" EnableViewState="false" />.
          Slow requests the server saw aborted: <asp:Label ID="Aborted" runat="server" Text="0" EnableViewState="false" />.</p>
        <asp:Button ID="PlaceAsync" runat="server" Text="Place an order" OnClick="Place_Click" />
        <asp:Button ID="Slow" runat="server" Text="Slow (3 s)" OnClick="Slow_Click" />
        <asp:Button ID="Show" runat="server" Text="Show the counts" />
      </ContentTemplate>
      <Triggers><asp:PostBackTrigger ControlID="PlaceFull" /></Triggers>
    </asp:UpdatePanel>
    <p><asp:Button ID="PlaceFull" runat="server" Text="Place an order (full postback)" OnClick="Place_Click" /></p>
    </main>
  </form>
</body>
</html>
