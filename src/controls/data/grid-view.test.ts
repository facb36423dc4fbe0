import { describe, expect, it } from 'vitest'
import { Page } from '../../page/page.ts'
import type { Label } from '../label.ts'
import type {
  GridView,
  GridViewCommandEventArgs,
  GridViewDeleteEventArgs,
  GridViewEditEventArgs,
  GridViewPageEventArgs,
  GridViewRowEventArgs,
  GridViewSortEventArgs,
  GridViewUpdateEventArgs,
} from './grid-view.ts'
import { sortRows } from './data-utils.ts'
import { clickLink, pageClient, postBackOf, tableText, viewStateOf } from './test-helpers.ts'

interface Product {
  Id: number
  Name: string
  Price: number | null
}

const products = (): Product[] => [
  { Id: 1, Name: 'Tea', Price: 3.5 },
  { Id: 2, Name: 'Coffee <b>', Price: 4 },
  { Id: 3, Name: 'Cocoa', Price: null },
]

const form = (body: string) => `<html><body><form id="form1" runat="server">${body}</form></body></html>`

describe('GridView rendering', () => {
  it('generates one BoundField per property of the first row, encoded, in ASP.NET 4 markup', async () => {
    class Auto extends Page {
      declare G: GridView
      async Page_Load() {
        if (!this.isPostBack) {
          this.G.dataSource = products()
          await this.G.dataBind()
        }
      }
    }
    const client = pageClient('/auto.aspx', { markup: form('<asp:GridView ID="G" runat="server" CssClass="grid" />'), codeBehind: Auto })
    await client.get('/auto.aspx')
    expect(client.status).toBe(200)
    expect(client.html).toContain('<div><table class="grid" cellspacing="0" rules="all" border="1" id="G" style="border-collapse:collapse;">')
    expect(client.html).toContain('<tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Price</th></tr>')
    expect(client.html).toContain('<tr><td>2</td><td>Coffee &lt;b&gt;</td><td>4</td></tr>')
    expect(client.html).toContain('<tr><td>3</td><td>Cocoa</td><td>&nbsp;</td></tr>')
    expect(tableText(client, 'G')).toEqual([
      ['Id', 'Name', 'Price'],
      ['1', 'Tea', '3.5'],
      ['2', 'Coffee <b>', '4'],
      ['3', 'Cocoa', ''],
    ])
  })

  it('formats BoundFields, shows TemplateFields with Eval, and writes EmptyDataText without data', async () => {
    class Fields extends Page {
      declare G: GridView
      declare E: GridView
      rowsBound = 0
      async Page_Load() {
        this.G.dataSource = products()
        await this.G.dataBind()
        this.E.dataSource = []
        await this.E.dataBind()
      }
      G_RowDataBound(_s: unknown, e: GridViewRowEventArgs) {
        if (e.row.rowType === 'DataRow' && e.row.rowIndex === 0) e.row.cells[0]!.cssClass = 'first'
      }
    }
    const markup = form(`
      <asp:GridView ID="G" runat="server" AutoGenerateColumns="false" OnRowDataBound="G_RowDataBound" Caption="Products" AlternatingRowStyle-CssClass="alt">
        <HeaderStyle CssClass="head" />
        <Columns>
          <asp:BoundField DataField="Name" HeaderText="Product" HtmlEncode="false" ItemStyle-CssClass="name" />
          <asp:BoundField DataField="Price" HeaderText="Price" DataFormatString="{0:C}" NullDisplayText="n/a" />
          <asp:TemplateField HeaderText="Label">
            <ItemTemplate><em><%#: Eval("Name") %> #<%# Container.dataItemIndex + 1 %></em></ItemTemplate>
          </asp:TemplateField>
        </Columns>
      </asp:GridView>
      <asp:GridView ID="E" runat="server" EmptyDataText="No orders yet." />`)
    const client = pageClient('/fields.aspx', { markup, codeBehind: Fields })
    await client.get('/fields.aspx')
    expect(client.status).toBe(200)
    expect(client.html).toContain('<caption>Products</caption><tr class="head"><th scope="col">Product</th><th scope="col">Price</th><th scope="col">Label</th></tr>')
    expect(client.html).toContain('<tr><td class="first name">Tea</td><td>$3.50</td><td><em>Tea #1</em></td></tr>')
    // HtmlEncode="false" writes the value as it is; the template encodes with <%#: %>.
    expect(client.html).toContain('<tr class="alt"><td class="name">Coffee <b></td><td>$4.00</td><td><em>Coffee &lt;b&gt; #2</em></td></tr>')
    expect(client.html).toContain('<td>n/a</td>')
    expect(client.html).toContain('<table cellspacing="0" rules="all" border="1" id="E" style="border-collapse:collapse;"><tr><td>No orders yet.</td></tr></table>')
  })

  it('renders HyperLinkField, CheckBoxField and ButtonField texts from data', async () => {
    class Links extends Page {
      declare G: GridView
      async Page_Load() {
        this.G.dataSource = [
          { Id: 1, Name: 'Tea & co', Url: 'https://example.com/t', Active: true },
          { Id: 2, Name: 'Bad', Url: 'javascript:alert(1)', Active: false },
        ]
        await this.G.dataBind()
      }
    }
    const markup = form(`
      <asp:GridView ID="G" runat="server" AutoGenerateColumns="false">
        <Columns>
          <asp:HyperLinkField DataNavigateUrlFields="Id,Name" DataNavigateUrlFormatString="item.aspx?id={0}&name={1}" DataTextField="Name" HeaderText="Item" />
          <asp:HyperLinkField DataNavigateUrlFields="Url" DataTextField="Id" DataTextFormatString="#{0}" />
          <asp:CheckBoxField DataField="Active" HeaderText="Active" />
          <asp:ButtonField CommandName="Open" DataTextField="Name" />
        </Columns>
      </asp:GridView>`)
    const client = pageClient('/links.aspx', { markup, codeBehind: Links })
    await client.get('/links.aspx')
    const links = [...client.element('G').querySelectorAll('tr')[1].querySelectorAll('a')]
    expect(links.map((a: any) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Tea & co', 'item.aspx?id=1&name=Tea%20%26%20co'],
      ['#1', 'https://example.com/t'],
      ['Tea & co', "javascript:__doPostBack('G','Open$0')"],
    ])
    const second = client.element('G').querySelectorAll('tr')[2]
    expect(second.querySelectorAll('a')[1].hasAttribute('href')).toBe(false) // script URLs never reach an href
    expect(client.element('G').querySelectorAll('tr')[1].querySelector('input[type=checkbox]').hasAttribute('checked')).toBe(true)
    expect(second.querySelector('input[type=checkbox]').hasAttribute('checked')).toBe(false)
    expect(second.querySelector('input[type=checkbox]').hasAttribute('disabled')).toBe(true)
  })

  it('renders nothing but its div without data or empty-data content', async () => {
    class Empty extends Page {
      declare G: GridView
      async Page_Load() {
        this.G.dataSource = []
        await this.G.dataBind()
      }
    }
    const client = pageClient('/empty.aspx', { markup: form('<asp:GridView ID="G" runat="server" />'), codeBehind: Empty })
    await client.get('/empty.aspx')
    expect(client.html).toContain('<div></div>')
    expect(client.element('G')).toBeNull()
  })
})

// A classic code-bound page: binds when !isPostBack and again in handlers.
const many = Array.from({ length: 25 }, (_, i) => ({ Id: i + 1, Name: `Item ${String(i + 1).padStart(2, '0')}`, Price: (i % 7) + 0.5 }))
const log: string[] = []

class Classic extends Page {
  declare G: GridView
  declare Out: Label
  cancelPaging = false
  async Page_Load() {
    if (!this.isPostBack) await this.bind()
  }
  async bind() {
    this.G.dataSource = sortRows(many, this.G.sortExpression, this.G.sortDirection)
    await this.G.dataBind()
  }
  async G_PageIndexChanging(_s: unknown, e: GridViewPageEventArgs) {
    log.push(`paging to ${e.newPageIndex}`)
    if (this.request.form?.get('cancel') === 'yes') e.cancel = true
  }
  G_PageIndexChanged() {
    log.push(`paged to ${this.G.pageIndex}`)
  }
  async G_Sorting(_s: unknown, e: GridViewSortEventArgs) {
    log.push(`sorting ${e.sortExpression} ${e.sortDirection}`)
    this.G.sortExpression = e.sortExpression
    this.G.sortDirection = e.sortDirection
    this.G.pageIndex = 0
    await this.bind()
  }
  G_Sorted() {
    log.push('sorted')
  }
  async Page_PreRender() {
    // Classic pages bind again after paging: the grid asks for it when the handler did not.
    if (this.isPostBack && this.G.dataSource === null) await this.bind()
  }
}

const classicMarkup = form(`
  <asp:GridView ID="G" runat="server" AutoGenerateColumns="false" AllowPaging="true" PageSize="10" AllowSorting="true" DataKeyNames="Id"
      OnPageIndexChanging="G_PageIndexChanging" OnPageIndexChanged="G_PageIndexChanged" OnSorting="G_Sorting" OnSorted="G_Sorted">
    <Columns>
      <asp:BoundField DataField="Id" HeaderText="Id" SortExpression="Id" />
      <asp:BoundField DataField="Name" HeaderText="Name" SortExpression="Name" />
      <asp:BoundField DataField="Price" HeaderText="Price" />
    </Columns>
  </asp:GridView>
  <asp:Label ID="Out" runat="server" />
  <input type="hidden" name="cancel" value="" />`)

describe('GridView paging and sorting', () => {
  it('renders a numeric pager and pages with Page$n, PageIndexChanging and PageIndexChanged', async () => {
    const client = pageClient('/classic.aspx', { markup: classicMarkup, codeBehind: Classic })
    await client.get('/classic.aspx')
    expect(client.html).toContain(
      `<tr class="pager"><td colspan="3"><table><tr><td><span>1</span></td><td><a href="javascript:__doPostBack(&#39;G&#39;,&#39;Page$2&#39;)">2</a></td><td><a href="javascript:__doPostBack(&#39;G&#39;,&#39;Page$3&#39;)">3</a></td></tr></table></td></tr>`,
    )
    expect(client.html).toContain(`<th scope="col"><a href="javascript:__doPostBack(&#39;G&#39;,&#39;Sort$Name&#39;)">Name</a></th><th scope="col">Price</th>`)
    log.length = 0
    await client.doPostBack('G', 'Page$3')
    expect(client.status).toBe(200)
    expect(log).toEqual(['paging to 2', 'paged to 2'])
    expect(tableText(client, 'G').slice(1).map((r) => r[0])).toEqual(['21', '22', '23', '24', '25'])
    expect(client.html).toContain('<td><span>3</span></td>')
  })

  it('keeps the page when PageIndexChanging cancels', async () => {
    const client = pageClient('/classic.aspx', { markup: classicMarkup, codeBehind: Classic })
    await client.get('/classic.aspx')
    log.length = 0
    client.set('cancel', 'yes')
    await client.doPostBack('G', 'Page$2')
    expect(log).toEqual(['paging to 1'])
    expect(tableText(client, 'G')[1]![0]).toBe('1')
    expect(client.html).toContain('<td><span>1</span></td>')
  })

  it('refuses a page the grid never rendered (event validation, 400)', async () => {
    const client = pageClient('/classic.aspx', { markup: classicMarkup, codeBehind: Classic })
    await client.get('/classic.aspx')
    await client.doPostBack('G', 'Page$99')
    expect(client.status).toBe(400)
    expect(client.html).toMatch(/Invalid postback or callback argument/)
  })

  it('sorts with Sort$expr, toggling the direction on the same column', async () => {
    const client = pageClient('/classic.aspx', { markup: classicMarkup, codeBehind: Classic })
    await client.get('/classic.aspx')
    log.length = 0
    await client.doPostBack(...postBackOf(client, 'G', 'Name'))
    expect(log).toEqual(['sorting Name Ascending', 'sorted'])
    expect(tableText(client, 'G')[1]![1]).toBe('Item 01')
    await client.doPostBack('G', 'Page$2')
    expect(tableText(client, 'G')[1]![1]).toBe('Item 11')
    log.length = 0
    await clickLink(client, 'G', 'Name')
    expect(log).toEqual(['sorting Name Descending', 'sorted'])
    expect(tableText(client, 'G')[1]![1]).toBe('Item 25')
    expect(client.html).toContain('<td><span>1</span></td>')
    log.length = 0
    await clickLink(client, 'G', 'Name')
    expect(log).toEqual(['sorting Name Ascending', 'sorted'])
    await clickLink(client, 'G', 'Id')
    expect(log.at(-2)).toBe('sorting Id Ascending')
  })

  it('binds again by itself after paging when the page sets dataSource on every request', async () => {
    class EveryRequest extends Page {
      declare G: GridView
      async Page_Load() {
        this.G.dataSource = many
        if (!this.isPostBack) await this.G.dataBind()
      }
    }
    const markup = form('<asp:GridView ID="G" runat="server" AllowPaging="true" PageSize="5" PagerSettings-Mode="NumericFirstLast" PagerSettings-PageButtonCount="2" />')
    const client = pageClient('/every.aspx', { markup, codeBehind: EveryRequest })
    await client.get('/every.aspx')
    expect(tableText(client, 'G')[1]![0]).toBe('1')
    const pager = () => [...client.element('G').querySelectorAll('tr.pager td td')].map((td: any) => td.textContent + (td.querySelector('a') ? '*' : ''))
    expect(pager()).toEqual(['1', '2*', '...*', '>>*'])
    await client.doPostBack('G', 'Page$3')
    expect(tableText(client, 'G')[1]![0]).toBe('11')
    expect(pager()).toEqual(['<<*', '...*', '3', '4*', '...*', '>>*'])
    await clickLink(client, 'G', '>>')
    expect(tableText(client, 'G')[1]![0]).toBe('21')
    expect(pager()).toEqual(['<<*', '...*', '5'])
    // A pager link the grid did not render this time is refused.
    await client.doPostBack('G', 'Page$Next')
    expect(client.status).toBe(400)
  })

  it('renders Next/Previous pagers', async () => {
    class Pages extends Page {
      declare G: GridView
      async Page_Load() {
        this.G.dataSource = many
        if (!this.isPostBack) await this.G.dataBind()
      }
    }
    const markup = form('<asp:GridView ID="G" runat="server" AllowPaging="true"><PagerSettings Mode="NextPrevious" NextPageText="Next" PreviousPageText="Back" /></asp:GridView>')
    const client = pageClient('/np.aspx', { markup, codeBehind: Pages })
    await client.get('/np.aspx')
    expect(postBackOf(client, 'G', 'Next')).toEqual(['G', 'Page$Next'])
    await clickLink(client, 'G', 'Next')
    expect(tableText(client, 'G')[1]![0]).toBe('11')
    await clickLink(client, 'G', 'Next')
    expect(tableText(client, 'G')[1]![0]).toBe('21')
    expect(() => postBackOf(client, 'G', 'Next')).toThrow()
    await clickLink(client, 'G', 'Back')
    expect(tableText(client, 'G')[1]![0]).toBe('11')
  })

  it('says clearly when a command needs the data again and the page did not bind', async () => {
    class Forgetful extends Page {
      declare G: GridView
      async Page_Load() {
        if (!this.isPostBack) {
          this.G.dataSource = many
          await this.G.dataBind()
        }
      }
    }
    const client = pageClient('/forgetful.aspx', { markup: form('<asp:GridView ID="G" runat="server" AllowPaging="true" />'), codeBehind: Forgetful })
    await client.get('/forgetful.aspx')
    await client.doPostBack('G', 'Page$2')
    expect(client.status).toBe(500)
    expect(client.html).toContain('must be bound again after a command changed what it shows')
  })
})

// Select, edit, update, cancel, delete on a code-bound grid.
let store: Product[] = []
class Editable extends Page {
  declare G: GridView
  declare Out: Label
  async Page_Load() {
    if (!this.isPostBack) await this.bind()
  }
  async bind() {
    this.G.dataSource = store
    await this.G.dataBind()
  }
  G_SelectedIndexChanged() {
    this.Out.text = `selected ${this.G.selectedIndex} key ${this.G.selectedValue}`
  }
  async G_RowEditing(_s: unknown, e: GridViewEditEventArgs) {
    log.push(`editing ${e.newEditIndex}`)
    this.G.editIndex = e.newEditIndex
    await this.bind()
  }
  async G_RowCancelingEdit() {
    log.push('canceling')
    this.G.editIndex = -1
    await this.bind()
  }
  async G_RowUpdating(_s: unknown, e: GridViewUpdateEventArgs) {
    log.push(`updating ${e.rowIndex} ${JSON.stringify(e.keys)} ${JSON.stringify(e.newValues)}`)
    const row = store.find((p) => p.Id === e.keys.Id)!
    row.Name = String(e.newValues.Name)
    row.Price = e.newValues.Price === null ? null : Number(e.newValues.Price)
    this.G.editIndex = -1
    await this.bind()
  }
  async G_RowDeleting(_s: unknown, e: GridViewDeleteEventArgs) {
    log.push(`deleting ${e.rowIndex} ${JSON.stringify(e.keys)}`)
    store = store.filter((p) => p.Id !== e.keys.Id)
    await this.bind()
  }
  G_RowCommand(_s: unknown, e: GridViewCommandEventArgs) {
    log.push(`command ${e.commandName} ${e.commandArgument}${e.row ? ` row ${e.row.rowIndex}` : ''}`)
    if (e.commandName === 'Ship') this.Out.text = `ship ${this.G.dataKeys[Number(e.commandArgument)]!.value}`
  }
}

const editableMarkup = form(`
  <asp:GridView ID="G" runat="server" AutoGenerateColumns="false" DataKeyNames="Id"
      OnSelectedIndexChanged="G_SelectedIndexChanged" OnRowEditing="G_RowEditing" OnRowCancelingEdit="G_RowCancelingEdit"
      OnRowUpdating="G_RowUpdating" OnRowDeleting="G_RowDeleting" OnRowCommand="G_RowCommand">
    <SelectedRowStyle CssClass="selected" />
    <Columns>
      <asp:BoundField DataField="Id" HeaderText="Id" ReadOnly="true" />
      <asp:BoundField DataField="Name" HeaderText="Name" />
      <asp:TemplateField HeaderText="Price">
        <ItemTemplate><%# Eval("Price", "{0:C}") %></ItemTemplate>
        <EditItemTemplate><asp:TextBox ID="Price" runat="server" Text='<%# Bind("Price") %>' /></EditItemTemplate>
      </asp:TemplateField>
      <asp:CommandField ShowSelectButton="true" ShowEditButton="true" ShowDeleteButton="true" />
      <asp:ButtonField CommandName="Ship" Text="Ship" ButtonType="Button" />
    </Columns>
  </asp:GridView>
  <asp:Label ID="Out" runat="server" />
  <asp:Button ID="Other" runat="server" Text="Other" />`)

describe('GridView commands', () => {
  it('selects a row (Select$n) and styles it; the selection survives postbacks', async () => {
    store = products()
    const client = pageClient('/edit.aspx', { markup: editableMarkup, codeBehind: Editable })
    await client.get('/edit.aspx')
    expect(client.html).toContain('<a href="javascript:__doPostBack(&#39;G&#39;,&#39;Edit$0&#39;)">Edit</a>&nbsp;<a href="javascript:__doPostBack(&#39;G&#39;,&#39;Delete$0&#39;)">Delete</a>&nbsp;<a href="javascript:__doPostBack(&#39;G&#39;,&#39;Select$0&#39;)">Select</a>')
    log.length = 0
    await clickLink(client, 'G', 'Select', 1)
    expect(client.text('Out')).toBe('selected 1 key 2')
    expect(log).toEqual(['command Select 1'])
    expect(client.element('G').querySelectorAll('tr')[2].getAttribute('class')).toBe('selected')
    await client.click('Other')
    expect(client.element('G').querySelectorAll('tr')[2].getAttribute('class')).toBe('selected')
  })

  it('edits a row: RowEditing, TextBoxes in the edit row, RowUpdating with keys and new values', async () => {
    store = products()
    const client = pageClient('/edit.aspx', { markup: editableMarkup, codeBehind: Editable })
    await client.get('/edit.aspx')
    log.length = 0
    await clickLink(client, 'G', 'Edit', 1)
    expect(log).toEqual(['command Edit 1', 'editing 1'])
    const inputs = [...client.element('G').querySelectorAll('tr')[2].querySelectorAll('input[type=text]')]
    expect(inputs.map((i: any) => i.getAttribute('value'))).toEqual(['Coffee <b>', '4'])
    const names = inputs.map((i: any) => i.getAttribute('name'))
    client.set(names[0], 'Flat white').set(names[1], '4.2')
    log.length = 0
    await clickLink(client, 'G', 'Update')
    expect(client.status).toBe(200)
    expect(log).toEqual(['command Update 1 row 1', 'updating 1 {"Id":2} {"Name":"Flat white","Price":"4.2"}'])
    expect(tableText(client, 'G')[2]!.slice(0, 3)).toEqual(['2', 'Flat white', '$4.20'])
    expect(client.element('G').querySelectorAll('input[type=text]')).toHaveLength(0)
  })

  it('cancels editing and deletes with the row keys', async () => {
    store = products()
    const client = pageClient('/edit.aspx', { markup: editableMarkup, codeBehind: Editable })
    await client.get('/edit.aspx')
    await clickLink(client, 'G', 'Edit', 0)
    log.length = 0
    await clickLink(client, 'G', 'Cancel')
    expect(log).toEqual(['command Cancel 0', 'canceling'])
    expect(client.element('G').querySelectorAll('input[type=text]')).toHaveLength(0)
    log.length = 0
    await client.doPostBack('G', 'Delete$2')
    expect(log).toEqual(['command Delete 2', 'deleting 2 {"Id":3}'])
    expect(tableText(client, 'G').map((r) => r[0])).toEqual(['Id', '1', '2'])
  })

  it('raises RowCommand from a button in a row after a postback without binding again', async () => {
    store = products()
    const client = pageClient('/edit.aspx', { markup: editableMarkup, codeBehind: Editable })
    await client.get('/edit.aspx')
    await client.click('Other')
    log.length = 0
    const ship = [...client.element('G').querySelectorAll('input[type=submit]')].map((b: any) => b.getAttribute('name'))
    expect(ship).toHaveLength(3)
    await client.click(ship[2])
    expect(log).toEqual(['command Ship 2 row 2'])
    expect(client.text('Out')).toBe('ship 3')
  })

  it('keeps only what it needs in view state for a code-bound grid (cells, keys, counts)', async () => {
    store = products()
    const client = pageClient('/edit.aspx', { markup: editableMarkup, codeBehind: Editable })
    await client.get('/edit.aspx')
    const state = JSON.stringify(viewStateOf(client, '/edit.aspx'))
    expect(state).toContain('"_rc":3')
    expect(state).toContain('"_dk":[1,2,3]')
    expect(state).toContain('Coffee &lt;b&gt;')
  })
})
