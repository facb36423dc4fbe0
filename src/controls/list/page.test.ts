import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { Page } from '../../page/page.ts'
import { FormClient } from '../../testing/form-client.ts'
import type { Label } from '../label.ts'
import type { CheckBoxList } from './check-box-list.ts'
import type { DropDownList } from './drop-down-list.ts'

const key = 'cd'.repeat(32)

const markup = `<html><head runat="server"></head><body>
<form id="form1" runat="server">
  <asp:DropDownList ID="Colors" runat="server" AutoPostBack="true" OnSelectedIndexChanged="Colors_Changed">
    <asp:ListItem Value="r">Red</asp:ListItem>
    <asp:ListItem Value="g" Selected="true">Green</asp:ListItem>
    <asp:ListItem Text="Blue" Value="b" />
  </asp:DropDownList>
  <asp:DropDownList ID="Dynamic" runat="server" />
  <asp:CheckBoxList ID="Days" runat="server" RepeatLayout="Flow">
    <asp:ListItem Value="mon">Monday</asp:ListItem>
    <asp:ListItem Value="tue">Tuesday</asp:ListItem>
  </asp:CheckBoxList>
  <asp:Label ID="Result" runat="server" />
  <asp:Button ID="Go" runat="server" Text="Go" OnClick="Go_Click" />
</form></body></html>`

class Lists extends Page {
  declare Colors: DropDownList
  declare Dynamic: DropDownList
  declare Days: CheckBoxList
  declare Result: Label
  changes = 0

  Page_Load() {
    if (!this.isPostBack) {
      this.Dynamic.dataSource = [
        { id: 1, name: 'One' },
        { id: 2, name: 'Two' },
      ]
      this.Dynamic.dataTextField = 'name'
      this.Dynamic.dataValueField = 'id'
      return this.Dynamic.dataBind()
    }
  }

  Colors_Changed() {
    this.Result.text = `color:${this.Colors.selectedValue}`
  }

  Go_Click() {
    const days = this.Days.items.toArray().filter((i) => i.selected).map((i) => i.value)
    this.Result.text = `go:${this.Dynamic.selectedItem?.text}:${days.join(',')}`
  }
}

function client(): FormClient {
  const app = createApp({ pages: { '/lists.aspx': { markup, codeBehind: Lists } }, key, mode: 'development' })
  return new FormClient((r) => app.request(r))
}

describe('list controls in a page', () => {
  it('raises SelectedIndexChanged on AutoPostBack, once', async () => {
    const c = client()
    await c.get('/lists.aspx')
    expect(c.status).toBe(200)
    expect(c.html).toContain('<option selected="selected" value="g">Green</option>')
    c.set('Colors', 'b')
    await c.doPostBack('Colors')
    expect(c.status).toBe(200)
    expect(c.text('Result')).toBe('color:b')
    expect(c.html).toContain('<option selected="selected" value="b">Blue</option>')
    // Posting the same selection again is no change.
    await c.click('Go')
    expect(c.text('Result')).toBe('go:One:')
  })

  it('keeps bound items across postbacks and reads checkbox lists', async () => {
    const c = client()
    await c.get('/lists.aspx')
    expect(c.html).toContain('<option value="2">Two</option>')
    c.set('Dynamic', '2')
    c.check('Days$1')
    await c.click('Go')
    expect(c.text('Result')).toBe('go:Two:tue')
    expect(c.html).toContain('<option selected="selected" value="2">Two</option>')
    expect(c.html).toContain('name="Days$1" value="tue" checked="checked"')
    c.check('Days$1', false)
    c.check('Days$0')
    await c.click('Go')
    expect(c.text('Result')).toBe('go:Two:mon')
  })

  it('answers 400 to a value the page never rendered', async () => {
    const c = client()
    await c.get('/lists.aspx')
    c.set('Colors', 'purple')
    await c.click('Go')
    expect(c.status).toBe(400)
    expect(c.html).toContain('the value &#39;purple&#39; for &#39;Colors&#39;')
  })
})
