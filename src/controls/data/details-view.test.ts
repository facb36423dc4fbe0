import { describe, expect, it } from 'vitest'
import { Page } from '../../page/page.ts'
import type { SelectArguments } from './composite-data-bound-control.ts'
import type { DetailsView, DetailsViewInsertEventArgs, DetailsViewModeEventArgs, DetailsViewUpdateEventArgs } from './details-view.ts'
import type { GridView } from './grid-view.ts'
import { clickLink, pageClient, tableText, viewStateOf } from './test-helpers.ts'

interface Order {
  Id: number
  Customer: string
  Total: number
}

let orders: Order[] = []
const reset = () => (orders = Array.from({ length: 60 }, (_, i) => ({ Id: 1000 + i, Customer: `Customer ${i}`, Total: i * 10 + 0.5 })))
const calls: unknown[] = []

// The orders sample: select a row to show it in a DetailsView.
class OrdersWithDetails extends Page {
  declare Orders: GridView
  declare Details: DetailsView
  GetOrders(args: SelectArguments) {
    return { rows: orders.slice(args.startRowIndex, args.startRowIndex + args.maximumRows), totalRowCount: orders.length }
  }
  GetSelectedOrder() {
    return orders.find((o) => o.Id === this.Orders.selectedValue) ?? null
  }
  UpdateOrder(args: { keys: { Id: number }; newValues: Partial<Order> }) {
    calls.push(args)
    const order = orders.find((o) => o.Id === args.keys.Id)!
    order.Customer = String(args.newValues.Customer)
    return 1
  }
}

const sampleMarkup = `<html><body><form id="form1" runat="server">
  <asp:GridView ID="Orders" runat="server" AutoGenerateColumns="false" DataKeyNames="Id" AllowPaging="true" PageSize="20" SelectMethod="GetOrders">
    <Columns>
      <asp:BoundField DataField="Id" HeaderText="Order" />
      <asp:CommandField ShowSelectButton="true" />
    </Columns>
  </asp:GridView>
  <asp:DetailsView ID="Details" runat="server" DataKeyNames="Id" SelectMethod="GetSelectedOrder" UpdateMethod="UpdateOrder"
      AutoGenerateEditButton="true" EmptyDataText="Select an order." FieldHeaderStyle-CssClass="name">
    <Fields>
      <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" ReadOnly="true" />
    </Fields>
  </asp:DetailsView>
</form></body></html>`

describe('DetailsView', () => {
  it('shows the record selected in a GridView, and edits it through UpdateMethod', async () => {
    reset()
    calls.length = 0
    const c = pageClient('/orders.aspx', { markup: sampleMarkup, codeBehind: OrdersWithDetails })
    await c.get('/orders.aspx')
    expect(c.html).toContain('<table cellspacing="0" rules="all" border="1" id="Details" style="border-collapse:collapse;"><tr><td>Select an order.</td></tr></table>')
    await c.doPostBack('Orders', 'Page$2')
    await clickLink(c, 'Orders', 'Select', 3)
    expect(tableText(c, 'Details')).toEqual([
      ['Total', '$230.50'],
      ['Id', '1023'],
      ['Customer', 'Customer 23'],
      ['Total', '230.5'],
      ['Edit'],
    ])
    expect(c.html).toContain('<tr><td class="name">Total</td><td>$230.50</td></tr>')
    expect(c.html).toContain('<tr><td colspan="2"><a href="javascript:__doPostBack(&#39;Details&#39;,&#39;Edit$4&#39;)">Edit</a></td></tr>')

    await clickLink(c, 'Details', 'Edit')
    const boxes = [...c.element('Details').querySelectorAll('input[type=text]')]
    // The key is read-only; the other generated fields edit in TextBoxes.
    expect(boxes.map((b: any) => b.getAttribute('value'))).toEqual(['Customer 23', '230.5'])
    c.set(boxes[0].getAttribute('name'), 'Ann')
    await clickLink(c, 'Details', 'Update')
    expect(calls).toEqual([{ keys: { Id: 1023 }, newValues: { Customer: 'Ann', Total: '230.5' } }])
    expect(tableText(c, 'Details')[2]).toEqual(['Customer', 'Ann'])
    expect(c.element('Details').querySelectorAll('input[type=text]')).toHaveLength(0)
    // With SelectMethods on both controls, no row content travels in view state.
    const state = JSON.stringify(viewStateOf(c, '/orders.aspx'))
    expect(state).not.toContain('Ann')
    expect(state).not.toContain('230')
  })

  it('binds from code, edits TemplateFields with Bind, inserts, cancels and pages', async () => {
    const log: string[] = []
    reset()
    class Classic extends Page {
      declare D: DetailsView
      async Page_Load() {
        this.D.dataSource = orders.slice(0, 3)
        if (!this.isPostBack) await this.D.dataBind()
      }
      D_ModeChanging(_s: unknown, e: DetailsViewModeEventArgs) {
        log.push(`mode ${e.newMode}${e.cancelingEdit ? ' (cancel)' : ''}`)
      }
      D_ItemUpdating(_s: unknown, e: DetailsViewUpdateEventArgs) {
        log.push(`updating ${JSON.stringify(e.keys)} ${JSON.stringify(e.newValues)}`)
        orders.find((o) => o.Id === e.keys.Id)!.Customer = String(e.newValues.Customer)
      }
      D_ItemInserting(_s: unknown, e: DetailsViewInsertEventArgs) {
        log.push(`inserting ${JSON.stringify(e.values)}`)
        orders.unshift({ Id: 999, Customer: String(e.values.Customer), Total: Number(e.values.Total) })
      }
    }
    const markup = `<form id="form1" runat="server">
      <asp:DetailsView ID="D" runat="server" AutoGenerateRows="false" DataKeyNames="Id" AllowPaging="true"
          OnModeChanging="D_ModeChanging" OnItemUpdating="D_ItemUpdating" OnItemInserting="D_ItemInserting">
        <Fields>
          <asp:BoundField DataField="Id" HeaderText="Id" ReadOnly="true" InsertVisible="false" />
          <asp:TemplateField HeaderText="Customer">
            <ItemTemplate><b><%#: Eval("Customer") %></b></ItemTemplate>
            <EditItemTemplate><asp:TextBox ID="Customer" runat="server" Text='<%# Bind("Customer") %>' /></EditItemTemplate>
            <InsertItemTemplate><asp:TextBox ID="NewCustomer" runat="server" Text='<%# Bind("Customer") %>' /></InsertItemTemplate>
          </asp:TemplateField>
          <asp:BoundField DataField="Total" HeaderText="Total" />
          <asp:CommandField ShowEditButton="true" ShowInsertButton="true" />
        </Fields>
      </asp:DetailsView></form>`
    const c = pageClient('/d.aspx', { markup, codeBehind: Classic })
    await c.get('/d.aspx')
    expect(tableText(c, 'D').slice(0, 3)).toEqual([['Id', '1000'], ['Customer', 'Customer 0'], ['Total', '0.5']])
    expect(c.html).toContain('<td><span>1</span></td><td><a href="javascript:__doPostBack(&#39;D&#39;,&#39;Page$2&#39;)">2</a></td>')

    await c.doPostBack('D', 'Page$2')
    expect(tableText(c, 'D')[0]).toEqual(['Id', '1001'])

    await clickLink(c, 'D', 'Edit')
    expect(log).toEqual(['mode Edit'])
    const box = c.element('D').querySelector('input[type=text]')
    expect(box.getAttribute('value')).toBe('Customer 1')
    expect(box.getAttribute('id')).toBe('D_ctl02_Customer')
    c.set(box.getAttribute('name'), 'Bea')
    await clickLink(c, 'D', 'Update')
    expect(log[1]).toBe('updating {"Id":1001} {"Total":"10.5","Customer":"Bea"}')
    expect(tableText(c, 'D')[1]).toEqual(['Customer', 'Bea'])

    await clickLink(c, 'D', 'Edit')
    await clickLink(c, 'D', 'Cancel')
    expect(log.slice(-2)).toEqual(['mode Edit', 'mode ReadOnly (cancel)'])
    expect(tableText(c, 'D')[1]).toEqual(['Customer', 'Bea'])

    await clickLink(c, 'D', 'New')
    const inputs = [...c.element('D').querySelectorAll('input[type=text]')]
    expect(inputs).toHaveLength(2) // Id is not shown in Insert mode
    c.set(inputs[0].getAttribute('name'), 'Cleo').set(inputs[1].getAttribute('name'), '7')
    await clickLink(c, 'D', 'Insert')
    expect(log.at(-1)).toBe('inserting {"Total":"7","Customer":"Cleo"}')
    expect(c.element('D').querySelectorAll('input[type=text]')).toHaveLength(0)
  })
})
