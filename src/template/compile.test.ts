import { describe, expect, it } from 'vitest'
import { createControlRegistry } from '../controls/registry.ts'
import { MarkupError } from '../errors.ts'
import { Page } from '../page/page.ts'
import { compileTemplate } from './compile.ts'

const registry = createControlRegistry()

class Code extends Page {
  Save_Click() {}
}

function build(markup: string, pageClass: new () => Page = Code) {
  const template = compileTemplate(markup, 'test.aspx', { registry, pageClass, resolveExpression: (kind, key) => (kind === 'appsettings' && key === 'Site' ? 'Demo & Co' : undefined) })
  const page = new pageClass()
  template.build(page)
  page.attach(page)
  return { page: page as Page & Record<string, any>, template }
}

function markupError(markup: string, pageClass: new () => Page = Code): MarkupError {
  try {
    build(markup, pageClass)
  } catch (error) {
    if (error instanceof MarkupError) return error
    throw error
  }
  throw new Error('expected a MarkupError')
}

describe('compileTemplate', () => {
  it('sets converted properties, case-insensitively, and makes IDs page properties', () => {
    const { page } = build('<asp:TextBox id="Name" runat="server" maxlength="12" READONLY="True" textmode="multiline" />')
    expect(page.Name.maxLength).toBe(12)
    expect(page.Name.readOnly).toBe(true)
    expect(page.Name.textMode).toBe('MultiLine')
  })

  it('wires OnClick to the page method, and keeps client script in on* attributes as HTML', () => {
    const { page } = build('<asp:Button ID="Save" runat="server" OnClick="Save_Click" onmouseover="highlight(this)" />')
    expect(page.Save.hasHandlers('Click')).toBe(true)
    expect(page.Save.attributes.get('onmouseover')).toBe('highlight(this)')
  })

  it('reports a missing handler, a bad value, an unknown tag and an unknown property with their line', () => {
    expect(markupError('\n<asp:Button ID="B" runat="server" OnClick="Nope" />').line).toBe(2)
    expect(markupError('<asp:TextBox ID="T" runat="server" MaxLength="many" />').reason).toMatch(/'many' is not a valid value for MaxLength: expected a number/)
    expect(markupError('<asp:CheckBox ID="C" runat="server" Checked="yes" />').reason).toMatch(/expected true or false/)
    expect(markupError('<asp:TextBox ID="T" runat="server" TextMode="Huge" />').reason).toMatch(/one of SingleLine, MultiLine/)
    expect(markupError('<asp:Gizmo runat="server" />').reason).toBe("Unknown server tag 'asp:Gizmo'.")
    expect(markupError('<asp:Literal ID="L" runat="server" Colour="red" />').reason).toMatch(/'Literal' has no property named 'Colour'/)
  })

  it('refuses duplicate IDs and IDs that clash with page members', () => {
    expect(markupError('<asp:Label ID="A" runat="server" /><asp:Label id="a" runat="server" />').reason).toMatch(/already used/)
    expect(markupError('<asp:Label ID="title" runat="server" />').reason).toMatch(/clashes with a member of the page/)
    expect(markupError('<asp:Label ID="Save_Click" runat="server" />').reason).toMatch(/clashes/)
    expect(markupError('<asp:Label ID="1st" runat="server" />').reason).toMatch(/not a valid control ID/)
  })

  it('refuses <%= %> in server attributes but binds <%# %> on DataBind', async () => {
    expect(markupError('<asp:Label ID="L" runat="server" Text="<%= 1 %>" />').reason).toMatch(/Server tags cannot contain/)
    const { page } = build(`<asp:Label ID="L" runat="server" Text='<%# "n=" + (1 + 2) %>' />`)
    expect(page.L.text).toBe('')
    await page.dataBind()
    expect(page.L.text).toBe('n=3')
  })

  it('takes the title from the directive, else from the server head, and resolves AppSettings', () => {
    expect(build('<%@ Page Title="From directive" %><head runat="server"><title>Ignored</title></head>').template.title).toBe('From directive')
    const { template, page } = build('<head runat="server"><title>Tom &amp; Jerry</title></head><p><%$ AppSettings:Site %></p>')
    expect(template.title).toBe('Tom & Jerry')
    expect(page.renderToString()).toContain('<p>Demo &amp; Co</p>')
    expect(markupError('<p><%$ AppSettings:Missing %></p>').reason).toMatch(/names no known setting/)
  })

  it('accepts tag prefixes registered for the built-in namespace', () => {
    const { page } = build('<%@ Register TagPrefix="web" Namespace="System.Web.UI.WebControls" Assembly="System.Web" %><web:Label ID="L" runat="server" Text="x" />')
    expect(page.L.text).toBe('x')
  })

  it('reports a syntax error inside a nugget at the nugget', () => {
    const error = markupError('<p>\n  <%: this.a + %>\n</p>')
    expect(error.line).toBe(2)
    expect(error.reason).toMatch(/is not valid JavaScript/)
  })
})
