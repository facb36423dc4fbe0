import { readFileSync } from 'node:fs'
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { Page } from '../../page/page.ts'
import type { Label } from '../label.ts'
import type { SelectArguments } from './composite-data-bound-control.ts'
import { sortRows } from './data-utils.ts'
import type { GridView, GridViewPageEventArgs } from './grid-view.ts'
import { callback, callbackResult, pageClient, tableText } from './test-helpers.ts'

const orders = Array.from({ length: 120 }, (_, i) => ({ Id: 1000 + i, Customer: `Customer ${String((i * 7) % 50).padStart(2, '0')}` }))
const events: string[] = []
let direct: string[] = []

class CallbackOrders extends Page {
  declare Orders: GridView
  declare Out: Label
  GetOrders(args: SelectArguments) {
    const sorted = sortRows(orders, args.sortExpression, args.sortDirection)
    return { rows: sorted.slice(args.startRowIndex, args.startRowIndex + args.maximumRows), totalRowCount: sorted.length }
  }
  Orders_PageIndexChanging(_s: unknown, e: GridViewPageEventArgs) {
    events.push(`paging ${e.newPageIndex}`)
    if (e.newPageIndex === 3) e.cancel = true
  }
  Orders_SelectedIndexChanged() {
    this.Out.text = `order ${this.Orders.selectedValue}`
  }
  async Page_LoadComplete() {
    // As the callback dispatcher does, on a grid this page built: raise, then get the result.
    if (this.request.form?.get('direct')) {
      await this.Orders.raiseCallbackEvent(this.request.form.get('direct')!)
      direct.push(this.Orders.getCallbackResult())
    }
  }
}

const markup = `<html><body><form id="form1" runat="server">
  <asp:GridView ID="Orders" runat="server" AutoGenerateColumns="false" DataKeyNames="Id" AllowPaging="true" PageSize="25" AllowSorting="true"
      EnableSortingAndPagingCallbacks="true" SelectMethod="GetOrders" OnPageIndexChanging="Orders_PageIndexChanging" OnSelectedIndexChanged="Orders_SelectedIndexChanged">
    <Columns>
      <asp:BoundField DataField="Id" HeaderText="Order" SortExpression="Id" />
      <asp:BoundField DataField="Customer" HeaderText="Customer" SortExpression="Customer" />
      <asp:CommandField ShowSelectButton="true" />
    </Columns>
  </asp:GridView>
  <asp:Label ID="Out" runat="server" />
  <input type="hidden" name="direct" value="" />
  <asp:Button ID="Go" runat="server" Text="Go" />
</form></body></html>`

const client = () => pageClient('/cb-orders.aspx', { markup, codeBehind: CallbackOrders })

/** The rows of a callback's table HTML. */
function rowsOf(html: string): string[][] {
  const { document } = parseHTML(`<html><body><div id="d">${html}</div></body></html>`)
  return [...document.querySelectorAll('#d > table > tr')].filter((tr: any) => tr.getAttribute('class') !== 'pager').map((tr: any) => [...tr.children].map((c: any) => c.textContent))
}

describe('GridView paging and sorting callbacks', () => {
  it('renders the grid in <ClientID>__div, a state field, its script and callback links', async () => {
    const c = client()
    await c.get('/cb-orders.aspx')
    expect(c.status).toBe(200)
    expect(c.html).toContain('<div id="Orders__div"><table cellspacing="0" rules="all" border="1" id="Orders"')
    expect(c.field('Orders$state')).toBe('0|A|')
    expect(c.html).toMatch(/<script src="\/__deltaform\/GridView\.[0-9a-f]{8}\.js"><\/script>/)
    const link = [...c.element('Orders').querySelectorAll('tr.pager a')][0]
    expect(link.getAttribute('href')).toBe('#')
    expect(link.getAttribute('onclick')).toBe(
      "WebForm_DoCallback('Orders',DeltaformGridView_Arg('Orders','Page$2'),DeltaformGridView_Receive,['Orders','Orders__div'],null,false);return false;",
    )
    const sortLink = c.element('Orders').querySelector('th a')
    expect(sortLink.getAttribute('onclick')).toContain("DeltaformGridView_Arg('Orders','Sort$Id')")
    // Select stays a postback.
    expect(c.html).toContain('__doPostBack(&#39;Orders&#39;,&#39;Select$0&#39;)')
  })

  it('pages and sorts through the callback dispatcher, answering the new state and table', async () => {
    const c = client()
    await c.get('/cb-orders.aspx')
    events.length = 0
    const paged = callbackResult(await callback(c, 'Orders', '0|A||Page$3'))
    expect(events).toEqual(['paging 2'])
    expect(paged.startsWith('2|A||<table cellspacing="0"')).toBe(true)
    expect(rowsOf(paged.slice('2|A||'.length))[1]![0]).toBe('1050')
    expect(paged).toContain('<td><span>3</span></td>')

    const sorted = callbackResult(await callback(c, 'Orders', '2|A||Sort$Customer'))
    expect(sorted.startsWith('0|A|Customer|<table')).toBe(true)
    expect(rowsOf(sorted.slice('0|A|Customer|'.length))[1]![1]).toBe('Customer 00')
    const again = callbackResult(await callback(c, 'Orders', '0|A|Customer|Sort$Customer'))
    expect(again.startsWith('0|D|Customer|')).toBe(true)

    // PageIndexChanging can cancel a callback's paging too.
    const canceled = callbackResult(await callback(c, 'Orders', '1|A||Page$4'))
    expect(canceled.startsWith('1|A||')).toBe(true)
  })

  it('refuses malformed callback arguments', async () => {
    const c = client()
    await c.get('/cb-orders.aspx')
    for (const bad of ['Page$2', '0|A||Page$x', '0|X||Page$2', '0|A|Nope|Page$2', '0|A||Sort$Nope', '0|A||Select$1', '0|A|%E0|Page$2']) {
      expect(await callback(c, 'Orders', bad), bad).toMatch(/^e/)
    }
  })

  it('a later full postback starts from the state the browser shows (the hidden field)', async () => {
    const c = client()
    await c.get('/cb-orders.aspx')
    callbackResult(await callback(c, 'Orders', '0|A||Page$3'))
    // What the grid's script does with the answer: the hidden field takes the new state.
    c.set('Orders$state', '2|A|')
    await c.doPostBack('Orders', 'Select$1')
    expect(c.status).toBe(200)
    expect(c.text('Out')).toBe('order 1051')
    expect(tableText(c, 'Orders')[1]![0]).toBe('1050')
    expect(c.field('Orders$state')).toBe('2|A|')
    c.set('Orders$state', '2|A|Bogus')
    await c.doPostBack('Orders', 'Select$1')
    expect(c.status).toBe(400)
  })

  it('raiseCallbackEvent and getCallbackResult work on a grid the page built', async () => {
    direct = []
    const c = client()
    await c.get('/cb-orders.aspx')
    c.set('direct', '0|A||Sort$Id')
    await c.click('Go') // any postback: the page calls the grid in LoadComplete
    c.set('direct', '0|A|Id|Sort$Id')
    await c.click('Go')
    expect(direct.map((r) => r.slice(0, r.indexOf('<')))).toEqual(['0|A|Id|', '0|D|Id|'])
    expect(rowsOf(direct[1]!.slice('0|D|Id|'.length))[1]![0]).toBe('1119')
  })

  it('ships a client script that swaps the table and updates the state field', () => {
    const code = readFileSync(new URL('./grid-view.client.js', import.meta.url), 'utf8')
    const { window, document } = parseHTML('<html><body><form><input type="hidden" name="Orders$state" id="Orders$state" value="0|A|" /><div id="Orders__div"><table id="Orders"></table></div></form></body></html>')
    new Function('window', 'document', code)(window, document)
    const w = window as unknown as Record<string, (...args: unknown[]) => unknown>
    expect(w.DeltaformGridView_Arg!('Orders', 'Page$2')).toBe('0|A||Page$2')
    w.DeltaformGridView_Receive!('1|D|Customer|<table id="Orders"><tr><td>a|b</td></tr></table>', ['Orders', 'Orders__div'])
    expect(document.getElementById('Orders__div')!.innerHTML).toBe('<table id="Orders"><tr><td>a|b</td></tr></table>')
    expect((document.getElementById('Orders$state') as any).value).toBe('1|D|Customer')
  })
})
