import { describe, expect, it } from 'vitest'
import { MarkupError } from '../errors.ts'
import type { ExpressionNode, Node, ServerElement, TextNode } from './ast.ts'
import { parseMarkup } from './parse.ts'

const FILE = 'pages/test.aspx'

function parse(source: string) {
  return parseMarkup(source, FILE)
}

function elements(nodes: Node[]): ServerElement[] {
  return nodes.filter((n): n is ServerElement => n.kind === 'element')
}

function only<T extends Node['kind']>(nodes: Node[], kind: T): Array<Extract<Node, { kind: T }>> {
  return nodes.filter((n) => n.kind === kind) as Array<Extract<Node, { kind: T }>>
}

/** The element at a path of element-only child indexes. */
function at(nodes: Node[], ...path: number[]): ServerElement {
  let list = nodes
  let el: ServerElement | undefined
  for (const i of path) {
    el = elements(list)[i]
    if (!el) throw new Error(`no element at ${path.join('/')}`)
    list = el.children
  }
  return el!
}

function attr(el: ServerElement, lower: string) {
  return el.attributes.find((a) => a.lower === lower)?.value.parts
}

/** Text with expressions shown as {mode:code}, to compare whole sequences at a glance. */
function flat(nodes: Node[]): string {
  return nodes
    .map((n) =>
      n.kind === 'text' ? n.text : n.kind === 'expression' ? `{${n.mode}:${n.code}}` : `[${n.prefix ? n.prefix + ':' : ''}${n.tagName}]`,
    )
    .join('|')
}

function markupError(source: string, file = FILE): MarkupError {
  try {
    parseMarkup(source, file)
  } catch (e) {
    if (e instanceof MarkupError) return e
    throw e
  }
  throw new Error('expected a MarkupError')
}

describe('directives', () => {
  it('reads name and attributes, quoted or not, case-insensitively', () => {
    const doc = parse(
      '<%@ Page Title="Home page" language=C# AutoEventWireup=\'true\' %>\n' +
        '<%@ register tagprefix="uc1" TagName="Foo" Src="~/Foo.ascx" %>\n' +
        '<%@OutputCache Duration="60" VaryByParam="none"%>\n<p>hi</p>',
    )
    expect(doc.directives).toEqual([
      {
        kind: 'directive',
        name: 'page',
        attributes: { title: 'Home page', language: 'C#', autoeventwireup: 'true' },
        pos: { line: 1, column: 1 },
      },
      {
        kind: 'directive',
        name: 'register',
        attributes: { tagprefix: 'uc1', tagname: 'Foo', src: '~/Foo.ascx' },
        pos: { line: 2, column: 1 },
      },
      {
        kind: 'directive',
        name: 'outputcache',
        attributes: { duration: '60', varybyparam: 'none' },
        pos: { line: 3, column: 1 },
      },
    ])
    expect(flat(doc.nodes)).toBe('\n\n\n<p>hi</p>')
  })

  it('names a directive without a name after the kind of file', () => {
    expect(parse('<%@ Language="C#" %>').directives[0]!.name).toBe('page')
    expect(parseMarkup('<%@ ClassName="X" %>', 'a.ascx').directives[0]!.name).toBe('control')
    expect(parseMarkup('<%@ Language="C#" %>', 'site.master').directives[0]!.name).toBe('master')
  })

  it('keeps %> inside a quoted directive value and reports an unclosed directive', () => {
    expect(parse('<%@ Page Title="100%> sure" %>x').directives[0]!.attributes['title']).toBe('100%> sure')
    const e = markupError('\n  <%@ Page Title="x"')
    expect([e.line, e.column]).toEqual([2, 3])
  })
})

describe('server controls and property elements', () => {
  it('nests controls, property elements and templates', () => {
    const doc = parse(
      [
        '<asp:GridView ID="Grid" runat="server" AutoGenerateColumns="false">',
        '  <HeaderStyle BackColor="#eee" />',
        '  <Columns>',
        '    <asp:BoundField DataField="Name" HeaderText="Name" />',
        '    <asp:TemplateField>',
        '      <ItemTemplate>',
        '        <b><asp:Label ID="L" runat="server" Text=\'<%# Eval("Name") %>\' /></b>',
        '      </ItemTemplate>',
        '    </asp:TemplateField>',
        '  </Columns>',
        '</asp:GridView>',
      ].join('\n'),
    )
    const grid = at(doc.nodes, 0)
    expect(grid).toMatchObject({ prefix: 'asp', tagName: 'GridView', lower: 'gridview', role: 'control', hasRunat: true })
    expect(grid.attributes.map((a) => a.name)).toEqual(['ID', 'AutoGenerateColumns'])
    expect(elements(grid.children).map((e) => [e.prefix, e.tagName, e.role])).toEqual([
      [null, 'HeaderStyle', 'property'],
      [null, 'Columns', 'property'],
    ])
    // whitespace between property elements is kept as text nodes
    expect(only(grid.children, 'text').map((t) => t.text)).toEqual(['\n  ', '\n  ', '\n'])
    const headerStyle = at(doc.nodes, 0, 0)
    expect(headerStyle.selfClosing).toBe(true)
    expect(attr(headerStyle, 'backcolor')).toEqual(['#eee'])
    const columns = at(doc.nodes, 0, 1)
    expect(elements(columns.children).map((e) => e.tagName)).toEqual(['BoundField', 'TemplateField'])
    const itemTemplate = at(doc.nodes, 0, 1, 1, 0)
    expect(itemTemplate).toMatchObject({ prefix: null, lower: 'itemtemplate', role: 'property', pos: { line: 6, column: 7 } })
    expect(flat(itemTemplate.children)).toBe('\n        <b>|[asp:Label]|</b>\n      ')
    const label = at(doc.nodes, 0, 1, 1, 0, 0)
    expect(label.pos).toEqual({ line: 7, column: 12 })
    expect(attr(label, 'text')).toMatchObject([{ kind: 'expression', mode: 'bind', code: 'Eval("Name")' }])
    expect(grid.endPos).toEqual({ line: 11, column: 1 })
  })

  it('accepts prefixed tags without runat and any prefix', () => {
    const doc = parse('<uc1:Foo ID="F" /><asp:Literal Text="x"></asp:Literal>')
    expect(elements(doc.nodes).map((e) => [e.prefix, e.tagName, e.hasRunat])).toEqual([
      ['uc1', 'Foo', false],
      ['asp', 'Literal', false],
    ])
  })

  it('lowercases the prefix and keeps the tag name as written', () => {
    const el = at(parse('<ASP:TextBox runat="server" />').nodes, 0)
    expect([el.prefix, el.tagName, el.lower]).toEqual(['asp', 'TextBox', 'textbox'])
  })

  it('treats HTML tags inside a control as text and unknown tags as property elements', () => {
    const doc = parse('<asp:Label runat="server">Hello <b>World</b><br/></asp:Label>')
    expect(at(doc.nodes, 0).children).toEqual([
      { kind: 'text', text: 'Hello <b>World</b><br/>', pos: { line: 1, column: 27 } },
    ])
    const list = at(parse('<asp:DropDownList runat=server><asp:ListItem Value="1">One</asp:ListItem></asp:DropDownList>').nodes, 0)
    expect(flat(at(list.children, 0).children)).toBe('One')
  })

  it('does not look for property elements in literal HTML outside controls, in templates, or inside svg', () => {
    const doc = parse('<Foo>x</Foo><asp:Repeater runat=server><ItemTemplate><Bar/></ItemTemplate></asp:Repeater>')
    expect(flat(doc.nodes)).toBe('<Foo>x</Foo>|[asp:Repeater]')
    expect(flat(at(doc.nodes, 0, 0).children)).toBe('<Bar/>')
    const link = at(parse('<asp:LinkButton runat=server><svg><linearGradient/><path d="M0"/></svg> Go</asp:LinkButton>').nodes, 0)
    expect(link.children).toHaveLength(1)
    expect(flat(link.children)).toBe('<svg><linearGradient/><path d="M0"/></svg> Go')
  })

  it('finds property elements inside non-template property elements', () => {
    const doc = parse('<asp:Chart runat=server><ChartAreas><asp:ChartArea><AxisY><LabelStyle Format="C" /></AxisY></asp:ChartArea></ChartAreas></asp:Chart>')
    const axis = at(doc.nodes, 0, 0, 0, 0)
    expect(at(axis.children, 0)).toMatchObject({ tagName: 'LabelStyle', role: 'property' })
  })

  it('lets the caller decide ambiguous names with isPropertyElement', () => {
    const src = '<ajax:AccordionPane runat=server><Header>Title</Header><Content>Body</Content></ajax:AccordionPane>'
    expect(flat(at(parse(src).nodes, 0).children)).toBe('<Header>Title</Header>|[Content]')
    const doc = parseMarkup(src, FILE, { isPropertyElement: (parent, tag) => (parent.lower === 'accordionpane' && tag.toLowerCase() === 'header') || undefined })
    expect(elements(at(doc.nodes, 0).children).map((e) => e.tagName)).toEqual(['Header', 'Content'])
  })
})

describe('HTML server elements', () => {
  it('recognizes runat=server in any case and quoting, and removes it', () => {
    const doc = parse('<div id="a" runat=server class="x"></div><SPAN RunAt=\'Server\'></SPAN><p runat="SERVER" />')
    expect(elements(doc.nodes).map((e) => [e.prefix, e.tagName, e.role, e.attributes.map((a) => a.name)])).toEqual([
      [null, 'div', 'html', ['id', 'class']],
      [null, 'SPAN', 'html', []],
      [null, 'p', 'html', []],
    ])
  })

  it('closes void elements without a slash', () => {
    const doc = parse('<input type="text" id="Email" runat=server><img src="a.png" runat="server">after')
    expect(elements(doc.nodes).map((e) => [e.tagName, e.selfClosing, e.children.length])).toEqual([
      ['input', false, 0],
      ['img', false, 0],
    ])
    expect(flat(doc.nodes)).toBe('[input]|[img]|after')
  })

  it('matches its end tag past literal tags of the same name', () => {
    const doc = parse('<div runat="server"><div>inner</div><DIV></div></div>tail')
    const div = at(doc.nodes, 0)
    expect(flat(div.children)).toBe('<div>inner</div><DIV></div>')
    expect(flat(doc.nodes)).toBe('[div]|tail')
  })

  it('refuses a runat value other than server', () => {
    const e = markupError('<div runat="client">')
    expect(e.reason).toMatch(/runat/)
    expect([e.line, e.column]).toEqual([1, 6])
  })
})

describe('tag and attribute syntax', () => {
  it('closes tags case-insensitively', () => {
    const doc = parse('<asp:panel runat=server><ContentTemplate>x</contenttemplate></ASP:Panel><Div runat=server></dIV>')
    expect(elements(doc.nodes).map((e) => e.lower)).toEqual(['panel', 'div'])
    expect(at(doc.nodes, 0).endPos).toEqual({ line: 1, column: 61 })
  })

  it('reads every attribute form, across lines, keeping values as written', () => {
    const el = at(
      parse('<asp:TextBox\r\n  ID=Name\n\tText="a &amp; b"  ReadOnly\r\n  ToolTip=\'say "hi"\' Columns=5/>').nodes,
      0,
    )
    expect(el.attributes.map((a) => [a.name, a.value.parts, a.pos.line, a.pos.column])).toEqual([
      ['ID', ['Name'], 2, 3],
      ['Text', ['a &amp; b'], 3, 2],
      ['ReadOnly', [''], 3, 20],
      ['ToolTip', ['say "hi"'], 4, 3],
      ['Columns', ['5'], 4, 22],
    ])
    expect(el.selfClosing).toBe(true)
  })

  it('gives an empty value one empty string part', () => {
    expect(attr(at(parse('<asp:Label Text="" runat=server />').nodes, 0), 'text')).toEqual([''])
  })

  it('leaves stray < in text alone', () => {
    expect(flat(parse('a < b, 1<2, x<y and <!DOCTYPE html><!-- c -->').nodes)).toBe('a < b, 1<2, x<y and <!DOCTYPE html><!-- c -->')
  })

  it('refuses a prefixed tag that never ends', () => {
    const e = markupError('<p>\n<asp:Label Text="x"')
    expect([e.line, e.column]).toEqual([2, 1])
  })
})

describe('nuggets', () => {
  it('reads all five kinds in text with trimmed code and the code position', () => {
    const doc = parse('<p><%= a %>|<%: b%>|<%#c %>|<%#: d %>|<%$ AppSettings:Key %></p>')
    expect(flat(doc.nodes)).toBe('<p>|{raw:a}|||{encoded:b}|||{bind:c}|||{bindEncoded:d}|||{resource:AppSettings:Key}|</p>')
    const exprs = only(doc.nodes, 'expression')
    expect(exprs.map((e) => e.pos.column)).toEqual([8, 17, 24, 34, 43])
    expect(exprs[0]!.nuggetPos).toEqual({ line: 1, column: 4 })
  })

  it('ends code at the first %>, allowing % and > inside', () => {
    const doc = parse('<%= a > 1 ? "50%" : b %>%>')
    expect(flat(doc.nodes)).toBe('{raw:a > 1 ? "50%" : b}|%>')
  })

  it('reads Eval with a format string', () => {
    const el = at(parse('<asp:Label runat="server" Text=\'<%# Eval("Price", "{0:C}") %>\' />').nodes, 0)
    expect(attr(el, 'text')).toMatchObject([{ kind: 'expression', mode: 'bind', code: 'Eval("Price", "{0:C}")' }])
  })

  it('splits server attribute values into parts, with quotes inside nuggets', () => {
    const el = at(
      parse(
        '<asp:HyperLink runat="server" NavigateUrl="<%# Eval("Url") %>" Text="a<%= b %>c" ToolTip=\'<%#: Eval(\'T\') %>\' Title=<%$ Resources:Site,Title %> />',
      ).nodes,
      0,
    )
    expect(attr(el, 'navigateurl')).toMatchObject([{ mode: 'bind', code: 'Eval("Url")' }])
    const text = attr(el, 'text')!
    expect(text).toHaveLength(3)
    expect(text[0]).toBe('a')
    expect(text[1]).toMatchObject({ kind: 'expression', mode: 'raw', code: 'b' })
    expect(text[2]).toBe('c')
    expect(attr(el, 'tooltip')).toMatchObject([{ mode: 'bindEncoded', code: "Eval('T')" }])
    expect(attr(el, 'title')).toMatchObject([{ mode: 'resource', code: 'Resources:Site,Title' }])
  })

  it('splits non-server tags into text and expressions', () => {
    const doc = parse('<a href="<%= Url("x") %>" title=\'<%: T %>\'>go</a>')
    expect(flat(doc.nodes)).toBe('<a href="|{raw:Url("x")}|" title=\'|{encoded:T}|\'>go</a>')
  })

  it('accepts nuggets outside attribute values of a literal tag but not of a server tag', () => {
    expect(flat(parse('<option <%= sel %>>x</option>').nodes)).toBe('<option |{raw:sel}|>x</option>')
    const e = markupError('<asp:Label runat=server <%= x %> />')
    expect(e.reason).toMatch(/Server tags cannot contain/)
    expect([e.line, e.column]).toEqual([1, 25])
  })

  it('refuses an empty or unclosed expression', () => {
    expect(markupError('x\n <%=  %>').column).toBe(2)
    const e = markupError('<p>\n<%: Name </p>')
    expect([e.line, e.column]).toEqual([2, 1])
  })
})

describe('server comments', () => {
  it('removes them completely, merging the text around', () => {
    const doc = parse('a<%-- <asp:Label runat=server> %> <% code %> --%>b<%----%>c')
    expect(doc.nodes).toEqual([{ kind: 'text', text: 'abc', pos: { line: 1, column: 1 } }])
  })

  it('removes them inside attribute values and tags', () => {
    const el = at(parse('<asp:Label <%-- old --%> Text="x<%-- y --%>z" runat=server />').nodes, 0)
    expect(attr(el, 'text')).toEqual(['xz'])
    expect(flat(parse('<p <%-- c --%>class="x">').nodes)).toBe('<p class="x">')
  })

  it('reports an unclosed server comment', () => {
    const e = markupError('ok\r\n  <%-- forever')
    expect([e.line, e.column]).toEqual([2, 3])
  })
})

describe('code blocks are refused', () => {
  it('refuses <% %> with its position', () => {
    const e = markupError('<html>\r\n<body>\r\n  <% if (x) { %>\r\n</body>')
    expect(e).toBeInstanceOf(MarkupError)
    expect(e.reason).toBe('Code blocks are not supported: move this code to the code-behind (.aspx.ts).')
    expect([e.file, e.line, e.column]).toEqual([FILE, 3, 3])
  })

  it('refuses code blocks inside attribute values', () => {
    const e = markupError('<a href="<% Response.Write(1) %>">')
    expect([e.line, e.column]).toEqual([1, 10])
  })

  it('names the code-behind after the kind of file', () => {
    expect(markupError('<% x %>', 'controls/menu.ascx').reason).toMatch(/\(\.ascx\.ts\)/)
  })

  it('refuses <script runat="server"> with its position', () => {
    const e = markupError('<head>\r\n</head>\r\n    <SCRIPT language="C#" RunAt="Server">\r\nvoid Page_Load() {}\r\n</SCRIPT>')
    expect(e.reason).toBe('<script runat="server"> is not supported: move this code to the code-behind (.aspx.ts).')
    expect([e.line, e.column]).toEqual([3, 5])
  })
})

describe('unclosed and mismatched tags', () => {
  const lines = [
    '<%@ Page Title="x" %>',
    '<form runat="server">',
    '  <asp:Panel ID="P" runat="server">',
    '    <asp:Label ID="L" runat="server">',
    '  </asp:Panel>',
    '</form>',
  ]

  it('reports an unclosed tag at EOF at its start tag (CRLF)', () => {
    const e = markupError(lines.slice(0, 4).join('\r\n') + '\r\n')
    expect(e.reason).toBe('Unclosed tag <asp:Label>.')
    expect([e.line, e.column]).toEqual([4, 5])
  })

  it('reports the unclosed inner tag when an outer one is closed (CRLF)', () => {
    const e = markupError(lines.join('\r\n'))
    expect(e.reason).toMatch(/^Unclosed tag <asp:Label>: expected <\/asp:Label> before <\/asp:Panel> at line 5, column 3\./)
    expect([e.line, e.column]).toEqual([4, 5])
  })

  it('reports a closing tag with nothing to close (CRLF)', () => {
    const e = markupError('<p>\r\n\r\n  text </asp:Panel>')
    expect(e.reason).toBe('Unexpected closing tag </asp:Panel>.')
    expect([e.line, e.column]).toEqual([3, 8])
  })

  it('reports a property element closed while a control inside is open', () => {
    const e = markupError('<asp:Repeater runat=server>\n<ItemTemplate>\n  <asp:HyperLink runat=server>\n</ItemTemplate>\n</asp:Repeater>')
    expect(e.reason).toMatch(/^Unclosed tag <asp:HyperLink>/)
    expect([e.line, e.column]).toEqual([3, 3])
  })

  it('reports an unclosed HTML server element', () => {
    const e = markupError('<html>\n<body>\n<form id="f" runat=server>\n</body></html>')
    expect(e.reason).toBe('Unclosed tag <form>.')
    expect([e.line, e.column]).toEqual([3, 1])
  })
})

describe('literal HTML', () => {
  it('parses tables split across templates', () => {
    const doc = parse(
      [
        '<asp:Repeater ID="R" runat="server">',
        '  <HeaderTemplate><table><tr><th>Name</th></tr></HeaderTemplate>',
        '  <ItemTemplate><tr><td><%# Eval("Name") %></td></tr></ItemTemplate>',
        '  <FooterTemplate></table></FooterTemplate>',
        '</asp:Repeater>',
      ].join('\n'),
    )
    const rep = at(doc.nodes, 0)
    expect(elements(rep.children).map((e) => e.tagName)).toEqual(['HeaderTemplate', 'ItemTemplate', 'FooterTemplate'])
    expect(flat(at(rep.children, 0).children)).toBe('<table><tr><th>Name</th></tr>')
    expect(flat(at(rep.children, 1).children)).toBe('<tr><td>|{bind:Eval("Name")}|</td></tr>')
    expect(flat(at(rep.children, 2).children)).toBe('</table>')
  })

  it('passes script and style content through without looking for tags, but with nuggets', () => {
    const doc = parse(
      '<script type="text/javascript">\n  if (a<b && c>d) el.innerHTML = "<asp:Label runat=server>";\n' +
        "  var id = '<%= Email.ClientID %>';\n</Script ><style>p>b{x:1}</style><asp:Label runat=server />",
    )
    expect(flat(doc.nodes)).toBe(
      '<script type="text/javascript">\n  if (a<b && c>d) el.innerHTML = "<asp:Label runat=server>";\n  var id = \'' +
        "|{raw:Email.ClientID}|';\n</Script ><style>p>b{x:1}</style>|[asp:Label]",
    )
  })

  it('parses server controls inside HTML comments, as ASP.NET does', () => {
    const doc = parse('<!-- <asp:Label ID="Old" runat="server" /> -->')
    expect(flat(doc.nodes)).toBe('<!-- |[asp:Label]| -->')
  })

  it('passes the content of <style runat=server> through', () => {
    const style = at(parse('<style runat="server">a<b{c:d} <%= Css %></style>').nodes, 0)
    expect(flat(style.children)).toBe('a<b{c:d} |{raw:Css}')
  })

  it('still refuses code blocks in scripts', () => {
    const e = markupError('<script>\n var x = <% =1 %>;</script>')
    expect([e.line, e.column]).toEqual([2, 10])
  })

  it('merges adjacent literal text into one node', () => {
    const doc = parse('<!DOCTYPE html>\n<html>\n<head><title>x</title></head></html>')
    expect(doc.nodes).toHaveLength(1)
    expect((doc.nodes[0] as TextNode).text).toBe('<!DOCTYPE html>\n<html>\n<head><title>x</title></head></html>')
  })

  it('tracks positions through CRLF, LF and a byte-order mark', () => {
    const doc = parse('\uFEFFa\r\nb\nc <%= x %>\r\n\r\n  <asp:Label runat=server />')
    const expr = only(doc.nodes, 'expression')[0] as ExpressionNode
    expect(expr.pos).toEqual({ line: 3, column: 7 })
    expect(at(doc.nodes, 0).pos).toEqual({ line: 5, column: 3 })
    expect(only(doc.nodes, 'text')[1]!.pos).toEqual({ line: 3, column: 11 })
  })
})

describe('a realistic page', () => {
  const page = [
    '<%@ Page Language="C#" AutoEventWireup="true" CodeBehind="Order.aspx.cs" Inherits="Shop.Order" %>',
    '<%@ Register TagPrefix="uc1" TagName="Header" Src="~/Controls/Header.ascx" %>',
    '',
    '<!DOCTYPE html>',
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    '<head runat="server">',
    '    <title>Order</title>',
    '    <link href="site.css" rel="stylesheet" />',
    '</head>',
    '<body>',
    '    <form id="form1" runat="server">',
    '        <asp:ScriptManager ID="ScriptManager1" runat="server" EnablePartialRendering="true" />',
    '        <uc1:Header ID="Header1" runat="server" />',
    '        <%-- the order form --%>',
    '        <asp:UpdatePanel ID="UpdatePanel1" runat="server" UpdateMode="Conditional">',
    '            <ContentTemplate>',
    '                <div class="row">',
    '                    <asp:Label ID="lblSize" runat="server" AssociatedControlID="ddlSize" Text="Size:" />',
    '                    <asp:DropDownList ID="ddlSize" runat="server" AutoPostBack="True"',
    '                        OnSelectedIndexChanged="ddlSize_SelectedIndexChanged">',
    '                        <asp:ListItem Value="">-- choose --</asp:ListItem>',
    '                        <asp:ListItem Value="S" Selected="True">Small</asp:ListItem>',
    '                        <asp:ListItem Value="L">Large</asp:ListItem>',
    '                    </asp:DropDownList>',
    '                    <asp:RequiredFieldValidator ID="rfvSize" runat="server" ControlToValidate="ddlSize"',
    '                        InitialValue="" ErrorMessage="Pick a size" Display="Dynamic" />',
    '                </div>',
    '                <asp:TextBox ID="txtEmail" runat="server" />',
    '                <asp:RegularExpressionValidator ID="revEmail" runat="server" ControlToValidate="txtEmail"',
    '                    ValidationExpression="\\w+@\\w+\\.\\w+" ErrorMessage="Bad e-mail">*</asp:RegularExpressionValidator>',
    '                <asp:Label ID="lblTotal" runat="server" Text=\'<%# Eval("Total", "{0:C}") %>\' />',
    '                <p>Updated <%: DateTime.Now %></p>',
    '            </ContentTemplate>',
    '            <Triggers>',
    '                <asp:AsyncPostBackTrigger ControlID="btnRefresh" EventName="Click" />',
    '                <asp:PostBackTrigger ControlID="btnSubmit" />',
    '            </Triggers>',
    '        </asp:UpdatePanel>',
    '        <asp:Button ID="btnRefresh" runat="server" Text="Refresh" />',
    '        <asp:Button ID="btnSubmit" runat="server" Text="Submit" OnClick="btnSubmit_Click" />',
    '        <script type="text/javascript">',
    "            var email = document.getElementById('<%= txtEmail.ClientID %>');",
    '            if (email && email.value.length < 3) { }',
    '        </script>',
    '    </form>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n')

  it('parses into the expected tree', () => {
    const doc = parse(page)
    expect(doc.file).toBe(FILE)
    expect(doc.directives.map((d) => d.name)).toEqual(['page', 'register'])
    expect(doc.directives[1]!.attributes['tagprefix']).toBe('uc1')

    expect(elements(doc.nodes).map((e) => e.tagName)).toEqual(['head', 'form'])
    const [head, form] = elements(doc.nodes) as [ServerElement, ServerElement]
    expect(head.role).toBe('html')
    expect(head.pos).toEqual({ line: 6, column: 1 })
    expect(flat(head.children)).toBe('\r\n    <title>Order</title>\r\n    <link href="site.css" rel="stylesheet" />\r\n')
    expect((doc.nodes[0] as TextNode).text).toBe('\r\n\r\n\r\n<!DOCTYPE html>\r\n<html xmlns="http://www.w3.org/1999/xhtml">\r\n')

    expect(attr(form, 'id')).toEqual(['form1'])
    expect(elements(form.children).map((e) => `${e.prefix}:${e.tagName}`)).toEqual([
      'asp:ScriptManager',
      'uc1:Header',
      'asp:UpdatePanel',
      'asp:Button',
      'asp:Button',
    ])
    // the server comment is gone; the text around it is one node
    expect(only(form.children, 'text').some((t) => t.text.includes('order form'))).toBe(false)

    const panel = at(form.children, 2)
    expect(attr(panel, 'updatemode')).toEqual(['Conditional'])
    const [content, triggers] = elements(panel.children) as [ServerElement, ServerElement]
    expect([content.tagName, content.role, triggers.tagName, triggers.role]).toEqual([
      'ContentTemplate',
      'property',
      'Triggers',
      'property',
    ])
    expect(elements(content.children).map((e) => e.tagName)).toEqual([
      'Label',
      'DropDownList',
      'RequiredFieldValidator',
      'TextBox',
      'RegularExpressionValidator',
      'Label',
    ])
    const ddl = at(content.children, 1)
    expect(ddl.pos).toEqual({ line: 19, column: 21 })
    expect(attr(ddl, 'onselectedindexchanged')).toEqual(['ddlSize_SelectedIndexChanged'])
    expect(elements(ddl.children).map((e) => [attr(e, 'value')?.[0], flat(e.children)])).toEqual([
      ['', '-- choose --'],
      ['S', 'Small'],
      ['L', 'Large'],
    ])
    expect(attr(at(content.children, 2), 'initialvalue')).toEqual([''])
    const rev = at(content.children, 4)
    expect(attr(rev, 'validationexpression')).toEqual(['\\w+@\\w+\\.\\w+'])
    expect(flat(rev.children)).toBe('*')
    expect(attr(at(content.children, 5), 'text')).toMatchObject([{ mode: 'bind', code: 'Eval("Total", "{0:C}")' }])
    expect(only(content.children, 'expression').map((e) => [e.mode, e.code, e.pos.line])).toEqual([
      ['encoded', 'DateTime.Now', 32],
    ])
    expect(elements(triggers.children).map((e) => [e.tagName, attr(e, 'controlid')?.[0]])).toEqual([
      ['AsyncPostBackTrigger', 'btnRefresh'],
      ['PostBackTrigger', 'btnSubmit'],
    ])

    const script = only(form.children, 'expression')
    expect(script.map((e) => [e.code, e.pos])).toEqual([['txtEmail.ClientID', { line: 42, column: 54 }]])
    const last = form.children[form.children.length - 1] as TextNode
    expect(last.text).toContain('email.value.length < 3')
    expect(form.endPos).toEqual({ line: 45, column: 5 })
  })

  it('stays linear on a large page', () => {
    // a functional check that a ~200 KB page parses; timings live in bench/
    const big = page.replace(/<%@[^]*?<form id="form1" runat="server">/, '') // body only
    const body = big.slice(0, big.indexOf('    </form>'))
    const src = '<form runat=server>' + body.repeat(Math.ceil(200_000 / body.length)).replace(/ID="\w+"/g, '') + '</form>'
    const doc = parse(src)
    expect(elements(at(doc.nodes, 0).children).length).toBeGreaterThan(400)
  })
})
