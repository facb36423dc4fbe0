import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app/create-app.ts'
import type { DeltaRecord } from '../protocol/delta.ts'
import { FormClient } from '../testing/form-client.ts'
import { Page } from './page.ts'
import type { DropDownList } from '../controls/list/drop-down-list.ts'

const key = '12'.repeat(32)
const samples = createApp({ pages: join(import.meta.dirname, '../../samples/pages'), key, mode: 'development' })
const refreshed = (records: DeltaRecord[]) => records.filter((r) => r.type === 'updatePanel').map((r) => r.id)
const types = (records: DeltaRecord[]) => records.map((r) => r.type)
const get = (records: DeltaRecord[], type: string, id?: string) => records.find((r) => r.type === type && (id === undefined || r.id === id))

async function open(path: string, app = samples) {
  const client = new FormClient((r) => app.request(r))
  await client.get(path)
  return client
}

describe('the initial page', () => {
  it('carries the v4 _initialize bootstrap, the client script and Sys.Application.initialize()', async () => {
    const client = await open('/clock.aspx')
    const html = client.html
    expect(html).toContain("Sys.WebForms.PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1','UpdatePanel1'], ['Refresh','Refresh'], [], 90, '');")
    expect(html).toMatch(/<script src="\/__deltaform\/client\.[0-9a-f]{8}\.js"><\/script>/)
    expect(html.indexOf('__doPostBack(eventTarget')).toBeLessThan(html.indexOf('/__deltaform/client.'))
    expect(html.indexOf('/__deltaform/client.')).toBeLessThan(html.indexOf('_initialize('))
    expect(html.indexOf('_initialize(')).toBeLessThan(html.indexOf('id="UpdatePanel1"'))
    expect(html.indexOf('id="UpdatePanel1"')).toBeLessThan(html.indexOf('Sys.Application.initialize();'))
    expect(html).toContain('<div id="UpdatePanel1">')
  })

  it('serves the client bundle with a long cache lifetime', async () => {
    const client = await open('/clock.aspx')
    const src = /src="(\/__deltaform\/client\.[0-9a-f]{8}\.js)"/.exec(client.html)![1]!
    const response = await samples.request(src)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('immutable')
    expect(await response.text()).toContain('PageRequestManager')
  })

  it('lists pairs with an empty ClientID for AutoID panels and f for ChildrenAsTriggers=false', async () => {
    const app = createApp({
      key,
      pages: {
        '/p.aspx': {
          markup: `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" AsyncPostBackTimeout="30" />
            <asp:UpdatePanel ID="A" runat="server" ClientIDMode="AutoID" UpdateMode="Conditional" ChildrenAsTriggers="false"><ContentTemplate>x</ContentTemplate></asp:UpdatePanel></form>`,
        },
      },
    })
    const client = await open('/p.aspx', app)
    expect(client.html).toContain("_initialize('SM', 'f', ['fA',''], [], [], 30, '');")
  })
})

describe('async postbacks on clock.aspx', () => {
  it('answers a click in the panel with the delta records in PROTOCOL order', async () => {
    const client = await open('/clock.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Get Server Time'] })
    expect(client.status).toBe(200)
    expect(client.lastContentType).toBe('text/plain; charset=utf-8')
    expect(types(records)).toEqual([
      '#', 'updatePanel', 'hiddenField', 'hiddenField', 'hiddenField', 'hiddenField', 'hiddenField',
      'asyncPostBackControlIDs', 'postBackControlIDs', 'updatePanelIDs', 'childUpdatePanelIDs', 'panelsToRefreshIDs',
      'asyncPostBackTimeout', 'formAction', 'pageTitle',
    ])
    expect(records[0]).toEqual({ type: '#', id: '', content: '4' })
    expect(records.filter((r) => r.type === 'hiddenField').map((r) => r.id)).toEqual(['__EVENTTARGET', '__EVENTARGUMENT', '__VIEWSTATE', '__VIEWSTATEGENERATOR', '__EVENTVALIDATION'])
    expect(get(records, 'updatePanel')!.id).toBe('UpdatePanel1')
    expect(get(records, 'updatePanel')!.content).toMatch(/Asked <span id="Asked">1<\/span>/)
    expect(get(records, 'updatePanel')!.content).not.toContain('<div id="UpdatePanel1"')
    expect(get(records, 'asyncPostBackControlIDs')!.content).toBe('Refresh,Refresh')
    expect(get(records, 'updatePanelIDs')!.content).toBe('tUpdatePanel1,UpdatePanel1')
    expect(get(records, 'panelsToRefreshIDs')!.content).toBe('UpdatePanel1,UpdatePanel1')
    expect(get(records, 'asyncPostBackTimeout')!.content).toBe('90')
    expect(get(records, 'formAction')!.content).toBe('./clock.aspx')
    expect(get(records, 'pageTitle')!.content).toBe('Clock')
  })

  it('refreshes the Conditional panel through its trigger outside it, and nothing else', async () => {
    const client = await open('/clock.aspx')
    const first = client.text('FirstRendered')
    const records = await client.asyncPostBack('ScriptManager1', { source: 'Refresh', submitter: ['Refresh', 'Refresh'] })
    expect(records.filter((r) => r.type === 'updatePanel').map((r) => r.id)).toEqual(['UpdatePanel1'])
    expect(client.text('Asked')).toBe('1')
    expect(client.text('FirstRendered')).toBe(first)
    // the view state of the delta carries on: a second click counts 2
    await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Get Server Time'] })
    expect(client.text('Asked')).toBe('2')
  })

  it('accepts the __ASYNCPOST fallback without the header', async () => {
    const client = await open('/clock.aspx')
    const body = new URLSearchParams([['ScriptManager1', 'UpdatePanel1|Button1'], ...client.formEntries(), ['__ASYNCPOST', 'true'], ['Button1', 'x']])
    const response = await samples.request('/clock.aspx', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() })
    expect(await response.text()).toMatch(/^1\|#\|\|4\|/)
  })
})

describe('panel selection on panels.aspx', () => {

  it('a child button refreshes its own Conditional panel and the Always panel', async () => {
    const client = await open('/panels.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['PanelA'], source: 'BumpA', submitter: ['BumpA', 'A+1'] })
    expect(refreshed(records)).toEqual(['PanelA', 'PanelAlways'])
    expect(client.text('CountA')).toBe('1')
    expect(client.text('Postbacks')).toBe('1')
    expect(get(records, 'dataItemJson', 'PanelAlways')!.content).toBe('{"postbacks":1}')
  })

  it('a trigger without EventName and one with EventName both fire', async () => {
    const client = await open('/panels.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { source: 'BumpBoth', submitter: ['BumpBoth', 'A+1 and B+1'] })
    expect(refreshed(records)).toEqual(['PanelA', 'PanelB', 'PanelAlways'])
    expect(get(records, 'asyncPostBackControlIDs')!.content).toBe('BumpBoth,BumpBoth')
    expect(get(records, 'postBackControlIDs')!.content).toBe('FullA,FullA')
  })

  it('update() from code refreshes a Conditional panel that was not asked for', async () => {
    const client = await open('/panels.aspx')
    await client.asyncPostBack('ScriptManager1', { panels: ['PanelA'], source: 'BumpA', submitter: ['BumpA', 'A+1'] })
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['PanelA'], source: 'TouchB', submitter: ['TouchB', 'Set B from A'] })
    expect(refreshed(records)).toEqual(['PanelA', 'PanelB', 'PanelAlways'])
    expect(client.text('CountB')).toBe('1')
  })

  it('a nested panel refreshes alone; its parent takes it along as a child', async () => {
    const client = await open('/panels.aspx')
    let records = await client.asyncPostBack('ScriptManager1', { panels: ['Inner'], source: 'BumpInner', submitter: ['BumpInner', 'Inner+1'] })
    expect(refreshed(records)).toEqual(['PanelAlways', 'Inner']) // registration order: Init runs children first
    expect(get(records, 'childUpdatePanelIDs')!.content).toBe('')
    records = await client.asyncPostBack('ScriptManager1', { panels: ['Outer'], source: 'BumpOuter', submitter: ['BumpOuter', 'Outer+1'] })
    expect(refreshed(records)).toEqual(['PanelAlways', 'Outer'])
    expect(get(records, 'childUpdatePanelIDs')!.content).toBe('Inner')
    expect(get(records, 'updatePanel', 'Outer')!.content).toContain('<div id="Inner">')
    expect(client.text('CountInner')).toBe('1')
  })
})

describe('event validation in async postbacks', () => {
  class Lists extends Page {
    declare Choice: DropDownList
    Refill_Click() {
      this.Choice.items.clear()
      this.Choice.items.add('new')
    }
  }
  const markup = `<form id="form1" runat="server"><asp:ScriptManager ID="ScriptManager1" runat="server" />
  <asp:UpdatePanel ID="PanelA" runat="server" UpdateMode="Conditional"><ContentTemplate>
    <asp:DropDownList ID="Choice" runat="server"><asp:ListItem>old</asp:ListItem></asp:DropDownList>
    <asp:Button ID="Refill" runat="server" Text="Refill" OnClick="Refill_Click" />
  </ContentTemplate></asp:UpdatePanel>
  <asp:UpdatePanel ID="PanelB" runat="server" UpdateMode="Conditional"><ContentTemplate>
    <asp:DropDownList ID="Other" runat="server"><asp:ListItem>b1</asp:ListItem><asp:ListItem>b2</asp:ListItem></asp:DropDownList>
    <asp:Button ID="Keep" runat="server" Text="Keep" />
  </ContentTemplate></asp:UpdatePanel>
  <asp:Button ID="Outside" runat="server" Text="Outside" /></form>`
  const app = createApp({ pages: { '/lists.aspx': { markup, codeBehind: Lists } }, key, mode: 'development' })

  it('renders only the refreshing panel and carries the entries of the rest of the page over', async () => {
    const client = await open('/lists.aspx', app)
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['PanelA'], source: 'Refill', submitter: ['Refill', 'Refill'] })
    expect(refreshed(records)).toEqual(['PanelA'])
    // PanelB and the button outside were not rendered again; their entries still validate.
    client.set('Other', 'b2')
    await client.asyncPostBack('ScriptManager1', { panels: ['PanelB'], source: 'Keep', submitter: ['Keep', 'Keep'] })
    expect(client.status).toBe(200)
    await client.click('Outside')
    expect(client.status).toBe(200)
    // PanelA's old value is gone with its old render: posting it is refused.
    client.set('Choice', 'old')
    await client.click('Outside')
    expect(client.status).toBe(400)
    expect(client.html).toContain("the value &#39;old&#39; for &#39;Choice&#39;")
  })
})

describe('errors, redirects and focus', () => {
  it('a throwing handler answers one error record with the custom message, status 200', async () => {
    const client = await open('/errors.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['Panel1'], source: 'Throw', submitter: ['Throw', 'Throw'] })
    expect(client.status).toBe(200)
    expect(records).toEqual([{ type: 'error', id: '500', content: 'Sorry, that failed: The order service did not answer.' }])
  })

  it('a redirect answers # and pageRedirect', async () => {
    const client = await open('/errors.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['Panel1'], source: 'Redirect', submitter: ['Redirect', 'Go to the counter'] })
    expect(records).toEqual([{ type: '#', id: '', content: '4' }, { type: 'pageRedirect', id: '', content: 'counter.aspx' }])
  })

  it('setFocus sends a ScriptPath record and the focus record last', async () => {
    const client = await open('/errors.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['Panel1'], source: 'Focus', submitter: ['Focus', 'Focus the name box'] })
    expect(records.slice(-2).map((r) => [r.type, r.id])).toEqual([['scriptBlock', 'ScriptPath'], ['focus', '']])
    expect(records.at(-1)!.content).toBe('Name')
  })

  it('tampered state in an async postback is an error record naming the field', async () => {
    const client = await open('/clock.aspx')
    const input = client.element('__VIEWSTATE')
    input.setAttribute('value', input.getAttribute('value').slice(0, -3) + 'AAA')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'x'] })
    expect(records).toHaveLength(1)
    expect(records[0]!.type).toBe('error')
    expect(records[0]!.id).toBe('400')
    expect(records[0]!.content).toContain('__VIEWSTATE')
  })
})

describe('ScriptManager registrations in deltas', () => {
  class Scripts extends Page {
    declare Inside: { uniqueID: string }
    Page_Load() {
      const sm = this.scriptManager!
      sm.registerStartupScript(this.findControl('Inside')!, 'in', 'window.inside = 1;', true)
      sm.registerStartupScript(this.findControl('Outside')!, 'out', 'window.outside = 1;', true)
      sm.registerStartupScript(this, 'page', '<script type="text/javascript">window.page = 1;</script>', false)
      sm.registerClientScriptInclude(this, 'lib', '/lib.js')
      sm.registerArrayDeclaration(this, 'Names', "'a'")
      sm.registerExpandoAttribute(this.findControl('Inside')!, 'Inside', 'title', 'x"y', true)
      sm.registerOnSubmitStatement(this, 'check', 'return true;')
      sm.registerHiddenField(this, 'Extra', '1')
      sm.registerDispose(this.findControl('Inside')!, "$find('w').dispose();")
      if (this.isAsyncPostBack) sm.registerDataItem(this.findControl('Inside')!, 'plain')
    }
  }
  const app = createApp({
    key,
    pages: {
      '/s.aspx': {
        codeBehind: Scripts,
        markup: `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
          <asp:UpdatePanel ID="UP" runat="server"><ContentTemplate><asp:Label ID="Inside" runat="server" /><asp:Button ID="Go" runat="server" Text="Go" /></ContentTemplate></asp:UpdatePanel>
          <asp:UpdatePanel ID="Other" runat="server" UpdateMode="Conditional"><ContentTemplate><asp:Label ID="Outside" runat="server" /></ContentTemplate></asp:UpdatePanel></form>`,
      },
    },
  })

  it('sends only the scripts of active owners, in PROTOCOL order', async () => {
    const client = await open('/s.aspx', app)
    const records = await client.asyncPostBack('SM', { panels: ['UP'], source: 'Go', submitter: ['Go', 'Go'] })
    const tail = records.slice(records.findIndex((r) => r.type === 'dataItem'))
    expect(tail.map((r) => `${r.type}|${r.id}|${r.content}`)).toEqual([
      'dataItem|Inside|plain',
      "arrayDeclaration|Names|'a'",
      'scriptBlock|ScriptPath|/lib.js',
      'scriptStartupBlock|ScriptContentNoTags|window.inside = 1;',
      'scriptStartupBlock|ScriptContentWithTags|{"text":"window.page = 1;","type":"text/javascript"}',
      'onSubmit||return true;',
      `expando|document.getElementById('Inside')['title']|"x\\"y"`,
      'hiddenField|Extra|1',
      "scriptDispose|UP|$find('w').dispose();",
    ])
  })
})
