import { describe, expect, it } from 'vitest'
import { createApp } from '../app/create-app.ts'
import type { HtmlWriter } from '../render/html-writer.ts'
import { FormClient } from '../testing/form-client.ts'
import { Page } from './page.ts'

const key = 'ab'.repeat(32)
const markup = `<%@ Page Title="Order" %>
<html><head runat="server"></head><body>
<form id="form1" runat="server">
  <asp:TextBox ID="Name" runat="server" OnTextChanged="Changed" OnInit="ControlEvent" OnLoad="ControlEvent" OnPreRender="ControlEvent" OnUnload="ControlEvent" />
  <asp:Button ID="Go" runat="server" Text="Go" OnClick="Clicked" OnInit="ControlEvent" OnLoad="ControlEvent" />
</form></body></html>`

const log: string[] = []

class Recorder extends Page {
  Page_PreInit() { log.push('PreInit') }
  Page_Init() { log.push('Init') }
  Page_InitComplete() { log.push('InitComplete') }
  Page_PreLoad() { log.push('PreLoad') }
  async Page_Load() {
    await new Promise((r) => setTimeout(r, 5)) // async hooks are awaited
    log.push('Load')
  }
  Page_LoadComplete() { log.push('LoadComplete') }
  Page_PreRender() { log.push('PreRender') }
  Page_PreRenderComplete() { log.push('PreRenderComplete') }
  Page_SaveStateComplete() { log.push('SaveStateComplete') }
  Page_Unload() { log.push('Unload') }
  override render(writer: HtmlWriter) {
    log.push('Render')
    super.render(writer)
  }
  ControlEvent(sender: { id?: string }) {
    log.push(`control:${sender.id}`)
  }
  async Changed() {
    await Promise.resolve()
    log.push('TextChanged')
  }
  Clicked() { log.push('Click') }
}

function app() {
  return createApp({ pages: { '/order.aspx': { markup, codeBehind: Recorder } }, key, mode: 'development' })
}

describe('the page lifecycle', () => {
  it('runs every phase in the ASP.NET order on a GET', async () => {
    log.length = 0
    const client = new FormClient((r) => app().request(r))
    await client.get('/order.aspx')
    expect(client.status).toBe(200)
    expect(log).toEqual([
      'PreInit', 'control:Name', 'control:Go', 'Init', 'InitComplete', 'PreLoad', 'Load', 'control:Name', 'control:Go',
      'LoadComplete', 'PreRender', 'control:Name', 'PreRenderComplete', 'SaveStateComplete', 'Render', 'control:Name', 'Unload',
    ])
  })

  it('raises change events, then the postback event, between Load and LoadComplete', async () => {
    const a = app()
    const client = new FormClient((r) => a.request(r))
    await client.get('/order.aspx')
    log.length = 0
    await client.set('Name', 'Ann').click('Go')
    expect(client.status).toBe(200)
    expect(log).toEqual([
      'PreInit', 'control:Name', 'control:Go', 'Init', 'InitComplete', 'PreLoad', 'Load', 'control:Name', 'control:Go',
      'TextChanged', 'Click', 'LoadComplete', 'PreRender', 'control:Name', 'PreRenderComplete', 'SaveStateComplete', 'Render',
      'control:Name', 'Unload',
    ])
  })

  it('does not raise TextChanged when the text did not change', async () => {
    const a = app()
    const client = new FormClient((r) => a.request(r))
    await client.get('/order.aspx')
    await client.set('Name', 'Ann').click('Go')
    log.length = 0
    await client.click('Go')
    expect(log).toContain('Click')
    expect(log).not.toContain('TextChanged')
  })
})

describe('signed state', () => {
  const page = `<form id="f" runat="server"><asp:Label ID="Out" runat="server" /><asp:Button ID="B" runat="server" Text="B" OnClick="B_Click" />
  <asp:Button ID="Secret" runat="server" Text="S" Visible="false" OnClick="B_Click" />
  <asp:DropDownList ID="Pick" runat="server"><asp:ListItem Value="a" /><asp:ListItem Value="b" /></asp:DropDownList></form>`
  class Stateful extends Page {
    declare Out: { text: string }
    B_Click() {
      this.viewState.set('n', this.viewState.get('n', 0) + 1)
      this.Out.text = `n=${this.viewState.get('n', 0)}`
    }
  }
  const make = (k = key) => createApp({ pages: { '/s.aspx': { markup: page, codeBehind: Stateful }, '/other.aspx': { markup: page, codeBehind: Stateful } }, key: k, mode: 'production' })

  it('keeps values across postbacks', async () => {
    const a = make()
    const client = new FormClient((r) => a.request(r))
    await client.get('/s.aspx')
    await client.click('B')
    await client.click('B')
    expect(client.text('Out')).toBe('n=2')
  })

  async function postWith(mutate: (entries: Array<[string, string]>) => void, target = make(), path = '/s.aspx') {
    const a = make()
    const client = new FormClient((r) => a.request(r))
    await client.get('/s.aspx')
    const entries = client.formEntries([['B', 'B']])
    mutate(entries)
    const response = await target.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(entries).toString(),
    })
    return { status: response.status, text: await response.text() }
  }

  const setField = (name: string, f: (v: string) => string) => (entries: Array<[string, string]>) => {
    const entry = entries.find(([n]) => n === name)!
    entry[1] = f(entry[1])
  }

  it('refuses tampered view state with 400 naming the field', async () => {
    const flip = (v: string) => v.slice(0, 10) + (v[10] === 'A' ? 'B' : 'A') + v.slice(11)
    const r = await postWith(setField('__VIEWSTATE', flip))
    expect(r.status).toBe(400)
    expect(r.text).toContain('__VIEWSTATE')
    expect(r.text).not.toContain('at ') // no stack trace in production
  })

  it('refuses truncated view state and state signed with another key', async () => {
    expect((await postWith(setField('__VIEWSTATE', (v) => v.slice(0, v.length - 5)))).status).toBe(400)
    const foreign = await postWith(() => {}, make('cd'.repeat(32)))
    expect(foreign.status).toBe(400)
    expect(foreign.text).toContain('__VIEWSTATE')
  })

  it('refuses state posted to another page', async () => {
    const r = await postWith(() => {}, make(), '/other.aspx')
    expect(r.status).toBe(400)
  })

  it('refuses an unknown event target with 400', async () => {
    const r = await postWith((entries) => {
      entries.splice(entries.findIndex(([n]) => n === 'B'), 1)
      setField('__EVENTTARGET', () => 'Nope$Missing')(entries)
    })
    expect(r.status).toBe(400)
    expect(r.text).toContain('Nope$Missing')
  })

  it('refuses a DropDownList value that was never rendered', async () => {
    const r = await postWith(setField('Pick', () => 'zzz'))
    expect(r.status).toBe(400)
    expect(r.text).toMatch(/Invalid postback or callback argument/)
  })

  it('refuses a post naming a button the page never rendered (an invisible one)', async () => {
    const r = await postWith((entries) => {
      entries.splice(entries.findIndex(([n]) => n === 'B'), 1, ['Secret', 'S'])
    })
    expect(r.status).toBe(400)
    expect(r.text).toMatch(/Invalid postback.*Secret/)
  })
})
