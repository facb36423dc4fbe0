import { describe, expect, it } from 'vitest'
import { Page } from '../../page/page.ts'
import type { Label } from '../label.ts'
import type { SelectArguments } from './composite-data-bound-control.ts'
import { sortRows } from './data-utils.ts'
import type { GridView } from './grid-view.ts'
import { clickLink, pageClient, tableText, viewStateOf } from './test-helpers.ts'

interface Order {
  Id: number
  Customer: string
  Total: number
}

const allOrders = (): Order[] =>
  Array.from({ length: 200 }, (_, i) => ({ Id: 1000 + i, Customer: `Customer ${String((i * 7) % 50).padStart(2, '0')}`, Total: ((i * 37) % 500) + 0.99 }))
let orders = allOrders()
const selects: SelectArguments[] = []
const updates: unknown[] = []
let rowsCreated = 0

class OrdersPage extends Page {
  declare Orders: GridView
  declare Out: Label
  async GetOrders(args: SelectArguments) {
    selects.push(args)
    await Promise.resolve() // may be async
    const sorted = sortRows(orders, args.sortExpression, args.sortDirection)
    return { rows: sorted.slice(args.startRowIndex, args.startRowIndex + args.maximumRows), totalRowCount: sorted.length }
  }
  UpdateOrder(args: { keys: { Id: number }; newValues: { Customer: string } }) {
    updates.push(args)
    orders.find((o) => o.Id === args.keys.Id)!.Customer = args.newValues.Customer
    return 1
  }
  Orders_RowCreated() {
    rowsCreated++
  }
  Orders_SelectedIndexChanged() {
    this.Out.text = `order ${this.Orders.selectedValue}`
  }
}

const markup = `<html><body><form id="form1" runat="server">
  <asp:GridView ID="Orders" runat="server" AutoGenerateColumns="false" DataKeyNames="Id" AllowPaging="true" PageSize="50" AllowSorting="true"
      SelectMethod="GetOrders" UpdateMethod="UpdateOrder" OnSelectedIndexChanged="Orders_SelectedIndexChanged" OnRowCreated="Orders_RowCreated">
    <Columns>
      <asp:BoundField DataField="Id" HeaderText="Order" SortExpression="Id" ReadOnly="true" />
      <asp:BoundField DataField="Customer" HeaderText="Customer" SortExpression="Customer" />
      <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" SortExpression="Total" ReadOnly="true" />
      <asp:CommandField ShowSelectButton="true" ShowEditButton="true" />
    </Columns>
  </asp:GridView>
  <asp:Label ID="Out" runat="server" />
  <asp:Button ID="Other" runat="server" Text="Other" />
</form></body></html>`

const client = () => pageClient('/orders.aspx', { markup, codeBehind: OrdersPage })
const viewStateLength = (c: ReturnType<typeof client>) => c.field('__VIEWSTATE')!.length

describe('GridView with SelectMethod', () => {
  it('asks the page for one page of rows and keeps its __VIEWSTATE under 1 KB (200 rows, 50 a page)', async () => {
    orders = allOrders()
    selects.length = 0
    const c = client()
    await c.get('/orders.aspx')
    expect(c.status).toBe(200)
    expect(selects).toEqual([{ startRowIndex: 0, maximumRows: 50, sortExpression: '', sortDirection: 'Ascending' }])
    expect(tableText(c, 'Orders')).toHaveLength(51)
    const sizes: Record<string, number> = { get: viewStateLength(c) }

    await c.doPostBack('Orders', 'Page$3')
    expect(selects.at(-1)).toEqual({ startRowIndex: 100, maximumRows: 50, sortExpression: '', sortDirection: 'Ascending' })
    expect(tableText(c, 'Orders')[1]![0]).toBe('1100')
    sizes.page3 = viewStateLength(c)

    await clickLink(c, 'Orders', 'Customer')
    expect(selects.at(-1)).toEqual({ startRowIndex: 0, maximumRows: 50, sortExpression: 'Customer', sortDirection: 'Ascending' })
    expect(tableText(c, 'Orders')[1]![1]).toBe('Customer 00')
    sizes.sorted = viewStateLength(c)

    await clickLink(c, 'Orders', 'Customer')
    expect(selects.at(-1)!.sortDirection).toBe('Descending')
    expect(tableText(c, 'Orders')[1]![1]).toBe('Customer 49')
    await c.doPostBack('Orders', 'Page$3')
    sizes.sortedPage3 = viewStateLength(c)

    for (const [when, size] of Object.entries(sizes)) expect(size, `__VIEWSTATE after ${when}`).toBeLessThan(1024)
    // No row content travels: only page, sort and the 50 data keys.
    const state = JSON.stringify(viewStateOf(c, '/orders.aspx'))
    expect(state).not.toContain('Customer 4')
    expect(state).toContain('"PageIndex":2')
    console.log('GridView SelectMethod __VIEWSTATE lengths:', sizes)
  })

  it('does not rebuild the old page from view state before paging or sorting, but does for other postbacks', async () => {
    orders = allOrders()
    const c = client()
    rowsCreated = 0
    await c.get('/orders.aspx')
    const perRender = rowsCreated
    rowsCreated = 0
    await c.doPostBack('Orders', 'Page$2')
    expect(perRender).toBeGreaterThan(50) // header, 50 rows, pager
    expect(rowsCreated).toBe(perRender) // page 2's rows only
    expect(tableText(c, 'Orders')[1]![0]).toBe('1050')
    rowsCreated = 0
    await clickLink(c, 'Orders', 'Customer')
    expect(rowsCreated).toBe(perRender)
    rowsCreated = 0
    await c.click('Other')
    expect(rowsCreated).toBe(2 * perRender) // rebuilt from view state (row events may need them), then bound
  })

  it('selects a row by its data key after a postback that queried the page again', async () => {
    orders = allOrders()
    const c = client()
    await c.get('/orders.aspx')
    await c.doPostBack('Orders', 'Page$2')
    selects.length = 0
    await clickLink(c, 'Orders', 'Select', 3)
    expect(c.text('Out')).toBe('order 1053')
    // Data keys came from view state; the rows were queried once, in PreRender.
    expect(selects).toHaveLength(1)
    expect(c.element('Orders').querySelectorAll('tr')[4].textContent).toContain('1053')
  })

  it('edits through UpdateMethod, keeping typed text when another control posts back meanwhile', async () => {
    orders = allOrders()
    updates.length = 0
    const c = client()
    await c.get('/orders.aspx')
    await clickLink(c, 'Orders', 'Edit', 1)
    const box = c.element('Orders').querySelectorAll('tr')[2].querySelector('input[type=text]')
    expect(box.getAttribute('value')).toBe('Customer 07')
    const name = box.getAttribute('name')
    c.set(name, 'Ann Example')
    await c.click('Other')
    // The grid queried again, but the edit row keeps what the user typed.
    expect(c.element('Orders').querySelector(`input[name="${name}"]`).getAttribute('value')).toBe('Ann Example')
    await clickLink(c, 'Orders', 'Update')
    expect(updates).toEqual([{ keys: { Id: 1001 }, newValues: { Customer: 'Ann Example' }, rowIndex: 1 }])
    expect(tableText(c, 'Orders')[2]!.slice(0, 2)).toEqual(['1001', 'Ann Example'])
    expect(c.element('Orders').querySelectorAll('input[type=text]')).toHaveLength(0)
  })

  it('refuses a sort expression no column has, even with event validation off', async () => {
    const c = pageClient('/orders.aspx', { markup, codeBehind: OrdersPage }, { config: { enableEventValidation: false } })
    await c.get('/orders.aspx')
    await c.doPostBack('Orders', 'Sort$Id; DROP TABLE Orders')
    expect(c.status).toBe(400)
  })

  it('names a missing SelectMethod clearly', async () => {
    class NoMethod extends Page {}
    const c = pageClient('/missing.aspx', { markup: `<form id="f" runat="server"><asp:GridView ID="G" runat="server" SelectMethod="GetThings" /></form>`, codeBehind: NoMethod })
    await c.get('/missing.aspx')
    expect(c.status).toBe(500)
    expect(c.html).toContain(`GridView &#39;G&#39;: SelectMethod=&quot;GetThings&quot; names no method of the page class`)
  })

  it('pages in memory when the SelectMethod returns all rows', async () => {
    class AllRows extends Page {
      GetAll() {
        return allOrders().slice(0, 30)
      }
    }
    const c = pageClient('/all.aspx', { markup: `<form id="f" runat="server"><asp:GridView ID="G" runat="server" SelectMethod="GetAll" AllowPaging="true" /></form>`, codeBehind: AllRows })
    await c.get('/all.aspx')
    expect(tableText(c, 'G')).toHaveLength(11)
    await c.doPostBack('G', 'Page$3')
    expect(tableText(c, 'G')[1]![0]).toBe('1020')
  })
})
