import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import type { DeltaRecord } from '../../protocol/delta.ts'
import { historyStateCodec } from '../../state/history-state.ts'
import { FormClient } from '../../testing/form-client.ts'
import { Page } from '../../page/page.ts'
import { ScriptManager } from './script-manager.ts'
import { checkCanAddHistoryPoint, formatHistoryState, historyStartupScript, parseHistoryState, type HistoryEventArgs } from './history.ts'

const keyHex = '34'.repeat(32)
const samples = createApp({ pages: join(import.meta.dirname, '../../../samples/pages'), key: keyHex, mode: 'development' })
const codec = historyStateCodec({ key: Buffer.from(keyHex, 'hex') }, '/history.aspx')
const item = (records: DeltaRecord[], id: string) => records.find((r) => r.type === 'dataItem' && r.id === id)
const title = (records: DeltaRecord[]) => records.find((r) => r.type === 'pageTitle')?.content

async function open(path: string, app = samples) {
  const client = new FormClient((r) => app.request(r))
  await client.get(path)
  return client
}

const step = (client: FormClient, n: number) => client.asyncPostBack('ScriptManager1', { source: `Step${n}`, submitter: [`Step${n}`, ''] })
const navigate = (client: FormClient, state: string) => client.asyncPostBack('ScriptManager1', { source: 'ScriptManager1', eventTarget: 'ScriptManager1', eventArgument: state })

describe('the plain history state text (EnableSecureHistoryState="false")', () => {
  it('is a form-URL-encoded query string, read back with the last repeated key winning', () => {
    expect(formatHistoryState({ step: '2', q: 'a b&c' })).toBe('step=2&q=a+b%26c')
    expect(parseHistoryState('step=2&q=a+b%26c&step=3')).toEqual({ step: '3', q: 'a b&c' })
  })
})

describe('a ScriptManager with EnableHistory', () => {
  it('renders the history field and the startup calls after _initialize, and loads the history part', async () => {
    const client = await open('/history.aspx')
    const html = client.html
    expect(html).toContain('<input type="hidden" name="ScriptManager1" id="ScriptManager1" />')
    expect(html).toContain(historyStartupScript('ScriptManager1', 'ScriptManager1', ''))
    expect(html).not.toContain('setServerState')
    expect(html).toMatch(/<script src="\/__deltaform\/history\.[0-9a-f]{8}\.js"><\/script>/)
    // The ScriptManager posts back asynchronously itself (navigation).
    expect(html).toMatch(/_initialize\('ScriptManager1', 'form1', \['tStepPanel','StepPanel'\], \['ScriptManager1','ScriptManager1',/)
    expect(html.indexOf('_initialize(')).toBeLessThan(html.indexOf('Sys.Application.setServerId('))
    expect(html.indexOf('/__deltaform/history.')).toBeLessThan(html.indexOf('Sys.Application.setServerId('))
  })

  it('a page without EnableHistory renders exactly as before: no field, no history script, no part', async () => {
    const client = await open('/clock.aspx')
    expect(client.html).not.toMatch(/setServerId|_enableHistoryInScriptManager|\/__deltaform\/history\.|name="ScriptManager1"/)
    expect(client.html).toContain("_initialize('ScriptManager1', 'form1', ['tUpdatePanel1','UpdatePanel1'], ['Refresh','Refresh'], [], 90, '');")
  })

  it('sends a new point as the ScriptManager data item (signed) with the step title', async () => {
    const client = await open('/history.aspx')
    const records = await step(client, 2)
    expect(client.text('StepTitle')).toBe('Dates')
    expect(title(records)).toBe('Trip planner — Dates')
    expect(codec.decode(item(records, 'ScriptManager1')!.content)).toEqual({ step: '2' })
  })

  it('raises OnNavigate when the client posts a point back, without adding a point', async () => {
    const client = await open('/history.aspx')
    const dates = item(await step(client, 2), 'ScriptManager1')!.content
    await step(client, 3)
    expect(client.text('StepTitle')).toBe('Confirm')
    const records = await navigate(client, dates)
    expect(client.text('StepTitle')).toBe('Dates')
    expect(title(records)).toBe('Trip planner — Dates')
    expect(item(records, 'ScriptManager1')).toBeUndefined()
    // The first entry of the page has no state: back to the start.
    await navigate(client, '')
    expect(client.text('StepTitle')).toBe('Start')
  })

  it('works with full postbacks too (partial rendering off): a step is shown, no point is added', async () => {
    const client = await open('/history.aspx?__deltaform_partial=0')
    await client.click('Step2')
    expect(client.status).toBe(200)
    expect(client.text('StepTitle')).toBe('Dates')
    expect(client.html).toContain('<title>Trip planner — Dates</title>')
  })

  it('refuses a hand-edited state with an error record naming the history state, and changes nothing', async () => {
    const client = await open('/history.aspx')
    const signed = codec.encode({ step: '3' })
    const records = await navigate(client, signed.slice(0, 4) + (signed[4] === 'A' ? 'B' : 'A') + signed.slice(5))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ type: 'error', id: '400' })
    expect(records[0]!.content).toContain('history state (URL fragment) field is not valid')
    expect(client.text('StepTitle')).toBe('Start')
    // A state signed for another page does not verify either.
    const other = historyStateCodec({ key: Buffer.from(keyHex, 'hex') }, '/other.aspx').encode({ step: '3' })
    expect((await navigate(client, other))[0]).toMatchObject({ type: 'error', id: '400' })
  })
})

const inline = (sm: string, code: typeof Page) =>
  createApp({
    key: keyHex,
    mode: 'development',
    pages: {
      '/p.aspx': {
        markup: `<html><head runat="server"><title>t</title></head><body><form id="f" runat="server">${sm}
          <asp:UpdatePanel ID="UP" runat="server"><ContentTemplate><asp:Label ID="Out" runat="server" />
          <asp:Button ID="Go" runat="server" Text="Go" OnClick="Go_Click" /></ContentTemplate></asp:UpdatePanel></form></body></html>`,
        codeBehind: code,
      },
    },
  })

describe('history options and refusals', () => {
  class Plain extends Page {
    declare Out: { text: string }
    SM_Navigate(_s: unknown, e: HistoryEventArgs) {
      this.Out.text = `navigated (${this.scriptManager!.isNavigating}) to ${JSON.stringify(e.state)}`
    }
    Go_Click() {
      this.scriptManager!.addHistoryPoint('q', 'a b', 'Searched')
      this.scriptManager!.addHistoryPoint({ page: '2' })
    }
  }

  it('EnableSecureHistoryState="false": the (key, value, title) overload, merged points, plain text both ways', async () => {
    const app = inline('<asp:ScriptManager ID="SM" runat="server" EnableHistory="true" EnableSecureHistoryState="false" OnNavigate="SM_Navigate" />', Plain)
    const client = await open('/p.aspx', app)
    const records = await client.asyncPostBack('SM', { panels: ['UP'], source: 'Go', submitter: ['Go', 'Go'] })
    expect(item(records, 'SM')!.content).toBe('q=a+b&page=2')
    expect(title(records)).toBe('Searched')
    await client.asyncPostBack('SM', { source: 'SM', eventTarget: 'SM', eventArgument: 'q=c%26d' })
    expect(client.text('Out')).toBe('navigated (true) to {"q":"c&d"}')
  })

  it('a full postback raises OnNavigate with the state the history field holds (as ASP.NET does)', async () => {
    class Full extends Page {
      declare Out: { text: string }
      SM_Navigate(_s: unknown, e: HistoryEventArgs) {
        this.Out.text = `navigated (${this.scriptManager!.isNavigating}) to ${JSON.stringify(e.state)}`
      }
      Go_Click() {}
    }
    const app = inline('<asp:ScriptManager ID="SM" runat="server" EnableHistory="true" OnNavigate="SM_Navigate" />', Full)
    const client = await open('/p.aspx', app)
    const signed = historyStateCodec({ key: Buffer.from(keyHex, 'hex') }, '/p.aspx').encode({ tab: 'b' })
    client.set('SM', signed)
    await client.click('Go')
    expect(client.status).toBe(200)
    expect(client.text('Out')).toBe('navigated (false) to {"tab":"b"}')
    // The state is current: the page hands it back to the client.
    expect(client.html).toContain("Sys.Application.setServerState('")
    // A hand-edited field is refused before any handler runs.
    client.set('SM', signed.slice(0, 4) + (signed[4] === 'A' ? 'B' : 'A') + signed.slice(5))
    await client.click('Go')
    expect(client.status).toBe(400)
    expect(client.html).toContain('history state (URL fragment) field is not valid')
  })

  it('refuses a postback to the ScriptManager when EnableHistory is off, and a point outside an async postback', async () => {
    const app = inline('<asp:ScriptManager ID="SM" runat="server" />', Plain)
    const client = await open('/p.aspx', app)
    const records = await client.asyncPostBack('SM', { source: 'SM', eventTarget: 'SM', eventArgument: 'x' })
    expect(records[0]).toMatchObject({ type: 'error', id: '400' })
    expect(records[0]!.content).toContain("EnableHistory is false")
    const sm = new ScriptManager()
    sm.id = 'SM'
    expect(() => checkCanAddHistoryPoint(sm, false, true)).toThrow("EnableHistory is false on the ScriptManager 'SM'")
    expect(() => checkCanAddHistoryPoint(sm, true, false)).toThrow('only be added during an async postback')
  })
})

describe('ClientNavigateHandler', () => {
  const page = (handler: string) => ({ markup: `<form runat="server"><asp:ScriptManager ID="SM" runat="server" EnableHistory="true" ClientNavigateHandler="${handler}" /></form>` })
  const app = createApp({ key: keyHex, mode: 'development', pages: { '/ok.aspx': page('app.onNavigate'), '/bad.aspx': page('alert(1)//') } })

  it('adds a named client function as a navigate handler', async () => {
    expect(await (await app.request('/ok.aspx')).text()).toContain('Sys.Application.add_navigate(app.onNavigate);')
  })

  it('refuses anything but a function name, naming the ScriptManager', async () => {
    const response = await app.request('/bad.aspx')
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('The ClientNavigateHandler of ScriptManager')
    expect(html).not.toContain('add_navigate(alert(1)')
  })
})
