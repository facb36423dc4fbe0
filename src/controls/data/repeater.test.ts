import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { Page } from '../../page/page.ts'
import { FormClient } from '../../testing/form-client.ts'
import type { Label } from '../label.ts'
import { dataControls } from './index.ts'
import type { Repeater, RepeaterCommandEventArgs, RepeaterItemEventArgs } from './repeater.ts'

const key = 'ab'.repeat(32)
const products = [
  { Id: 7, Name: 'Tea', Price: 3.5 },
  { Id: 8, Name: 'Coffee <strong>', Price: 4 },
  { Id: 9, Name: 'Cocoa', Price: 12.25 },
]

const markup = `<form id="form1" runat="server">
<asp:Repeater ID="Products" runat="server" OnItemCommand="Products_ItemCommand" OnItemDataBound="Products_ItemDataBound">
  <HeaderTemplate><ul id="list"></HeaderTemplate>
  <ItemTemplate><li class="item"><%#: Eval("Name") %>|<%# Eval("Price", "{0:C}") %>|<%# Container.itemIndex %>
    <asp:Label ID="Note" runat="server" />
    <asp:Button ID="Buy" runat="server" Text="Buy" CommandName="Buy" CommandArgument='<%# Eval("Id") %>' /></li></ItemTemplate>
  <AlternatingItemTemplate><li class="alt"><%#: Eval("Name") %>
    <asp:Label ID="Note" runat="server" />
    <asp:Button ID="Buy" runat="server" Text="Buy" CommandName="Buy" CommandArgument='<%# Eval("Id") %>' /></li></AlternatingItemTemplate>
  <SeparatorTemplate><li class="sep"></li></SeparatorTemplate>
  <FooterTemplate></ul></FooterTemplate>
</asp:Repeater>
<asp:Label ID="Out" runat="server" />
<asp:Button ID="Other" runat="server" Text="Other" />
</form>`

const events: string[] = []

class Shop extends Page {
  declare Products: Repeater
  declare Out: Label
  async Page_Load() {
    if (!this.isPostBack) {
      this.Products.dataSource = products
      await this.Products.dataBind()
    }
  }
  Products_ItemDataBound(_s: unknown, e: RepeaterItemEventArgs) {
    events.push(`bound:${e.item.itemType}:${e.item.itemIndex}`)
    if (e.item.itemType === 'Item' || e.item.itemType === 'AlternatingItem') {
      ;(e.item.findControl('Note') as Label).text = `note ${e.item.itemIndex}`
    }
  }
  Products_ItemCommand(_s: unknown, e: RepeaterCommandEventArgs) {
    this.Out.text = `${e.commandName} ${e.commandArgument} from item ${e.item.itemIndex} (${e.commandSource.id})`
  }
}

function app() {
  return createApp({ pages: { '/shop.aspx': { markup, codeBehind: Shop } }, key, controls: { asp: dataControls } })
}

describe('Repeater', () => {
  it('renders header, items, alternating items, separators and footer', async () => {
    events.length = 0
    const client = new FormClient((r) => app().request(r))
    await client.get('/shop.aspx')
    expect(client.status).toBe(200)
    const list = client.element('list')
    const lis = [...list.querySelectorAll('li')].map((li: any) => li.getAttribute('class'))
    expect(lis).toEqual(['item', 'sep', 'alt', 'sep', 'item'])
    expect(client.html).toContain('Tea|$3.50|0')
    expect(client.html).toContain('Coffee &lt;strong&gt;')
    expect(client.html).toContain('Cocoa|$12.25|2')
    // Items are named ctl00, ctl01… in creation order: header, item 0, separator, item 1…
    expect(client.text('Products_ctl00_Note')).toBeNull()
    expect(client.text('Products_ctl01_Note')).toBe('note 0')
    expect(client.text('Products_ctl02_Note')).toBeNull()
    expect(client.text('Products_ctl03_Note')).toBe('note 1')
    expect(events).toEqual(['bound:Header:-1', 'bound:Item:0', 'bound:Separator:0', 'bound:AlternatingItem:1', 'bound:Separator:1', 'bound:Item:2', 'bound:Footer:-1'])
  })

  it('raises ItemCommand from a button in an item after a postback without binding again', async () => {
    const a = app()
    const client = new FormClient((r) => a.request(r))
    await client.get('/shop.aspx')
    const third = client.html.match(/name="(Products\$ctl\d+\$Buy)"/g)!.map((m) => m.slice(6, -1))
    expect(third).toHaveLength(3)
    await client.click(third[2]!)
    expect(client.status).toBe(200)
    expect(client.text('Out')).toBe('Buy 9 from item 2 (Buy)')
    // The items came back from view state: text set by binding and in ItemDataBound survived.
    expect(client.html).toContain('Cocoa|$12.25|2')
    expect(client.html).toContain('note 2')
    // …and again on the next postback (another control posting).
    await client.click('Other')
    expect(client.html).toContain('Tea|$3.50|0')
    await client.click(third[0]!)
    expect(client.text('Out')).toBe('Buy 7 from item 0 (Buy)')
  })

  it('raises ItemCreated for items rebuilt from view state, before their buttons raise events', async () => {
    const seen: string[] = []
    class Created extends Page {
      declare R: Repeater
      declare Out: Label
      async Page_Load() {
        if (!this.isPostBack) {
          this.R.dataSource = ['a', 'b']
          await this.R.dataBind()
        }
      }
      R_ItemCreated(_s: unknown, e: RepeaterItemEventArgs) {
        seen.push(`${this.isPostBack ? 'post' : 'get'}:${e.item.itemIndex}:${e.item.dataItem ?? '-'}`)
        e.item.findControl('B')?.on('Click', () => (this.Out.text = `clicked ${e.item.itemIndex}`))
      }
    }
    const page = `<form id="f" runat="server"><asp:Repeater ID="R" runat="server" OnItemCreated="R_ItemCreated"><ItemTemplate><asp:Button ID="B" runat="server" Text='<%# Container.DataItem %>' /></ItemTemplate></asp:Repeater><asp:Label ID="Out" runat="server" /></form>`
    const a = createApp({ pages: { '/c.aspx': { markup: page, codeBehind: Created } }, key, controls: { asp: dataControls } })
    const client = new FormClient((r) => a.request(r))
    await client.get('/c.aspx')
    await client.click('R$ctl01$B')
    expect(seen).toEqual(['get:0:a', 'get:1:b', 'post:0:-', 'post:1:-'])
    expect(client.text('Out')).toBe('clicked 1')
    expect(client.field('R$ctl01$B')).toBe('b')
  })

  it('binds again from code, replacing the items', async () => {
    class Rebind extends Page {
      declare R: Repeater
      async Page_Load() {
        this.R.dataSource = this.isPostBack ? ['x', 'y'] : ['a']
        await this.R.dataBind()
      }
    }
    const page = `<form id="f" runat="server"><asp:Repeater ID="R" runat="server"><ItemTemplate>[<%# Container.DataItem %>]</ItemTemplate></asp:Repeater><asp:Button ID="B" runat="server" Text="B" /></form>`
    const a = createApp({ pages: { '/r.aspx': { markup: page, codeBehind: Rebind } }, key, controls: { asp: dataControls } })
    const client = new FormClient((r) => a.request(r))
    await client.get('/r.aspx')
    expect(client.html).toContain('[a]')
    await client.click('B')
    expect(client.html).toContain('[x][y]')
    expect(client.html).not.toContain('[a]')
  })
})
