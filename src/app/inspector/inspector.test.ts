import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Label } from '../../controls/label.ts'
import { Page } from '../../page/page.ts'
import { FormClient } from '../../testing/form-client.ts'
import { createApp, type AppOptions } from '../create-app.ts'
import type { InspectedRequest } from './request-log.ts'

const key = 'a1'.repeat(32)

const clockMarkup = `<html><head runat="server"></head><body><form id="form1" runat="server">
<asp:ScriptManager ID="ScriptManager1" runat="server" />
<asp:UpdatePanel ID="UpdatePanel1" UpdateMode="Conditional" runat="server"><ContentTemplate>
<asp:Label ID="Label1" runat="server" Text="not asked yet" />
<asp:Button ID="Button1" runat="server" Text="Go" OnClick="Button1_Click" />
</ContentTemplate></asp:UpdatePanel>
<asp:Label ID="Notes" runat="server" />
</form></body></html>`

class Clock extends Page {
  declare Label1: Label
  declare Notes: Label
  Button1_Click() {
    this.Label1.text = 'asked <b>now</b>'
    // Dropped in an async postback: registered on the page, not through the ScriptManager.
    this.clientScript.registerStartupScript('hello', 'console.log(1)', true)
    this.scriptManager!.registerStartupScript(this.Label1, 'fine', 'console.log(2)', true)
  }
  Page_Load() {
    // Random text: deflate cannot shrink it, so the field really is big.
    if (!this.isPostBack) this.Notes.text = randomBytes(300).toString('base64')
  }
}

class Echo extends Page {
  private argument = ''
  Page_Load() {
    this.clientScript.getCallbackEventReference(this, 'arg', 'Receive', 'null')
  }
  raiseCallbackEvent(argument: string) {
    this.argument = argument
  }
  getCallbackResult() {
    return `echo ${this.argument}`
  }
}

function app(options: Partial<AppOptions> = {}) {
  return createApp({ key, mode: 'development', pages: { '/clock.aspx': { markup: clockMarkup, codeBehind: Clock } }, ...options })
}

async function requests(a: ReturnType<typeof app>): Promise<InspectedRequest[]> {
  const response = await a.request('/__deltaform/requests.json')
  expect(response.status).toBe(200)
  return ((await response.json()) as { requests: InspectedRequest[] }).requests
}

describe('the inspector', () => {
  it('is served in development, 404 in production, and either way when the config forces it', async () => {
    expect((await app().request('/__deltaform')).status).toBe(200)
    expect((await app({ mode: 'production' }).request('/__deltaform')).status).toBe(404)
    expect((await app({ mode: 'production' }).request('/__deltaform/requests.json')).status).toBe(404)
    expect((await app({ mode: 'production', config: { inspector: true } }).request('/__deltaform')).status).toBe(200)
    expect((await app({ config: { inspector: { enabled: false } } }).request('/__deltaform?format=json')).status).toBe(404)
  })

  it('records an async postback with its decoded delta, panels, view state per control, phases and warnings', async () => {
    const a = app()
    const client = new FormClient((r) => a.request(r))
    await client.get('/clock.aspx')
    await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Go'] })
    const [async, get] = await requests(a)
    expect(get!.kind).toBe('GET')
    expect(get!.viewStateBytes).toBeGreaterThan(0)
    expect(async!.kind).toBe('async postback')
    expect(async!.method).toBe('POST')
    expect(async!.path).toBe('/clock.aspx')
    expect(async!.status).toBe(200)
    expect(async!.panelsRefreshed).toEqual(['UpdatePanel1'])
    const panel = async!.delta!.find((r) => r.type === 'updatePanel')!
    expect(panel.id).toBe('UpdatePanel1')
    expect(panel.preview).toContain('asked &lt;b&gt;now&lt;/b&gt;')
    expect(async!.delta!.filter((r) => r.type === 'hiddenField').map((r) => r.id)).toEqual(expect.arrayContaining(['__VIEWSTATE', '__EVENTVALIDATION']))
    expect(async!.viewStateByControl[0]).toMatchObject({ control: 'Notes', type: 'Label' })
    expect(async!.viewStateByControl.map((c) => c.control)).toContain('Label1')
    expect(async!.phases.map(([name]) => name)).toEqual(['form', 'build', 'state', 'lifecycle', 'save', 'render'])
    expect(async!.warnings.map((w) => w.code)).toEqual(['script-dropped'])
    expect(async!.warnings[0]!.message).toContain("'hello'")
  })

  it('warns about a panel the server does not know and view state over the budget', async () => {
    const a = app({ config: { inspector: { viewStateBudgetBytes: 100 } } })
    const client = new FormClient((r) => a.request(r))
    await client.get('/clock.aspx')
    await client.asyncPostBack('ScriptManager1', { panels: ['NoSuchPanel'], source: 'Ghost' })
    const [async, get] = await requests(a)
    expect(get!.warnings.map((w) => w.code)).toEqual(['view-state-budget'])
    expect(get!.warnings[0]!.message).toContain('Biggest: Notes (Label,')
    expect(async!.warnings.map((w) => w.code)).toEqual(['view-state-budget', 'panel-unknown', 'trigger-unknown'])
  })

  it('warns when an async postback is answered with something the client cannot parse', async () => {
    const a = app({ config: { limits: { maxFields: 3 } } })
    const fields = Array.from({ length: 10 }, (_, i) => `f${i}=1`).join('&')
    const refused = await a.request('/clock.aspx', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-microsoftajax': 'Delta=true' }, body: fields })
    expect(refused.status).toBe(413)
    const [entry] = await requests(a)
    expect(entry!.kind).toBe('async postback')
    expect(entry!.status).toBe(413)
    expect(entry!.warnings.map((w) => w.code)).toEqual(['delta-unparsable'])
  })

  it('tells a full postback, a callback and an output-cache hit apart', async () => {
    const a = createApp({
      key,
      mode: 'development',
      pages: {
        '/clock.aspx': { markup: clockMarkup, codeBehind: Clock },
        '/cached.aspx': { markup: '<%@ OutputCache Duration="30" VaryByParam="none" %><p>hi</p>' },
        '/echo.aspx': { markup: '<form id="f" runat="server"></form>', codeBehind: Echo },
      },
    })
    const client = new FormClient((r) => a.request(r))
    await client.get('/clock.aspx')
    await client.click('Button1')
    await a.request('/cached.aspx')
    await a.request('/cached.aspx')
    const echo = new FormClient((r) => a.request(r))
    await echo.get('/echo.aspx')
    expect(await echo.callback('__Page', 'hi')).toMatch(/echo hi$/)
    const seen = await requests(a)
    expect(seen.map((r) => r.kind)).toEqual(['callback', 'GET', 'output-cache hit', 'GET', 'full postback', 'GET'])
    expect(seen[0]!.viewStateBytes).toBeUndefined()
    expect(seen[0]!.phases.at(-1)![0]).toBe('callback')
  })

  it('keeps the configured number of requests and leaves out static files, unknown URLs and itself', async () => {
    const a = app({ config: { inspector: { requests: 2 } } })
    for (const q of ['1', '2', '3']) await a.request(`/clock.aspx?n=${q}`)
    await a.request('/nothing.aspx')
    await a.request('/__deltaform')
    expect((await requests(a)).map((r) => r.path)).toEqual(['/clock.aspx?n=3', '/clock.aspx?n=2'])
  })

  it('encodes what it shows and needs no script', async () => {
    const a = app({ config: { contentSecurityPolicy: 'nonce' } })
    await a.request('/clock.aspx?x=%3Cscript%3Ealert(1)%3C/script%3E')
    const client = new FormClient((r) => a.request(r))
    await client.get('/clock.aspx')
    await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Go'] })
    const response = await a.request('/__deltaform')
    const html = await response.text()
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self' 'nonce-")
    expect(html).not.toMatch(/<script|<b>now|\sstyle=/i)
    // The URL parser keeps the query percent-encoded; the panel's HTML is shown as text.
    expect(html).toContain('<code>/clock.aspx?x=%3Cscript%3Ealert(1)%3C/script%3E</code>')
    expect(html).toContain('&lt;span id=&quot;Label1&quot;&gt;asked &amp;lt;b&amp;gt;now')
    expect(html).toMatch(/<details data-seq="\d+"><summary>.*async postback/)
  })

  it('refuses nonsense settings with a message', () => {
    expect(() => app({ config: { inspector: { requests: 0 } } })).toThrow(/inspector\.requests/)
    expect(() => app({ config: { inspector: 'yes' as never } })).toThrow(/inspector must be true, false or an object/)
  })
})
