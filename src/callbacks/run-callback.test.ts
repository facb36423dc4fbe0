import { describe, expect, it } from 'vitest'
import { createApp } from '../app/create-app.ts'
import { Control } from '../controls/control.ts'
import { Page } from '../page/page.ts'
import { FormClient } from '../testing/form-client.ts'

const key = '34'.repeat(32)

class Greeter extends Control {
  private name = ''
  raiseCallbackEvent(argument: string) {
    this.name = argument
  }
  getCallbackResult() {
    return `Hello, ${this.name} from ${this.uniqueID}`
  }
}

class Host extends Page {
  declare Box: Control
  private arg = ''
  loads = 0
  Page_Load() {
    const greeter = new Greeter()
    greeter.id = 'Greeter'
    this.Box.controls.add(greeter)
    this.items.set('reference', this.clientScript.getCallbackEventReference(this, 'arg', 'Receive', 'ctx'))
  }
  async raiseCallbackEvent(argument: string) {
    await Promise.resolve()
    if (argument === 'throw') throw new Error('secret detail')
    if (argument === 'redirect') this.redirect('/elsewhere.aspx')
    this.arg = argument
  }
  getCallbackResult() {
    return `page got ${this.arg}`
  }
  Page_PreRender() {
    if (this.isCallback) throw new Error('PreRender must not run during a callback')
  }
}

const markup = `<form id="f" runat="server"><asp:Panel ID="Box" runat="server" /><asp:Label ID="L" runat="server" /></form>`

function make(mode: 'development' | 'production', enableEventValidation = true) {
  return createApp({ key, mode, config: { enableEventValidation }, pages: { '/cb.aspx': { markup, codeBehind: Host } } })
}

class Plain extends Page {
  Page_Load() {
    this.items.set('x', 1)
  }
}
const plainApp = createApp({ key, pages: { '/plain.aspx': { markup: '<form id="f" runat="server"><asp:Button ID="B" runat="server" Text="B" /></form>', codeBehind: Plain } } })

async function callback(app: ReturnType<typeof make>, target: string, param: string, path = '/cb.aspx') {
  // The page's form as the browser posts it, plus the callback fields (PROTOCOL.md §5.2).
  const client = new FormClient((r) => app.request(r))
  await client.get(path)
  const body = new URLSearchParams([...client.formEntries(), ['__CALLBACKID', target], ['__CALLBACKPARAM', param]])
  const response = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: body.toString() })
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type'), client }
}

describe('client callbacks', () => {
  it('writes the reference text of §5.1 and registers WebForm_InitCallback', async () => {
    const page = new Host()
    expect(page.clientScript.getCallbackEventReference(page, 'arg', 'ReceiveServerData1', 'context', null, false)).toBe(
      "WebForm_DoCallback('__Page',arg,ReceiveServerData1,context,null,false)",
    )
    expect(page.clientScript.getCallbackEventReference(page, '', 'cb', '', 'onError', true)).toBe(`WebForm_DoCallback('__Page',"",cb,"",onError,true)`)
    expect(() => page.clientScript.getCallbackEventReference(new Control(), 'a', 'b', 'c')).toThrow(/raiseCallbackEvent/)
  })

  it('answers the page with s<result> when event validation is off, after an abbreviated lifecycle', async () => {
    const r = await callback(make('development', false), '__Page', 'hi')
    expect(r.status).toBe(200)
    expect(r.text).toBe('spage got hi')
    expect(r.type).toContain('text/plain')
  })

  it('frames the result with the event validation length when it is on (0| when nothing new registered)', async () => {
    const r = await callback(make('development'), '__page', 'hi')
    expect(r.text).toBe('0|page got hi')
  })

  it('dispatches to a nested control added in Load, by UniqueID', async () => {
    // Box is a Panel (not a naming container): the greeter's UniqueID is just its ID.
    const r = await callback(make('development', false), 'Greeter', 'Ann')
    expect(r.text).toBe('sHello, Ann from Greeter')
  })

  it('answers e<ASP.NET wording> for a target that is missing or no callback handler', async () => {
    const missing = await callback(make('production', false), 'Nope', 'x')
    expect(missing.text).toBe("eThe target &#39;Nope&#39; for the callback could not be found or did not implement ICallbackEventHandler.")
    const label = await callback(make('production', false), 'L', 'x')
    expect(label.text).toMatch(/^eThe target &#39;L&#39;/)
  })

  it('hides exception details outside development', async () => {
    expect((await callback(make('production', false), '__Page', 'throw')).text).toBe('eThere was an error in the callback.')
    expect((await callback(make('development', false), '__Page', 'throw')).text).toBe('esecret detail')
  })

  it('refuses Response.Redirect inside a callback', async () => {
    expect((await callback(make('production', false), '__Page', 'redirect')).text).toBe('eResponse.Redirect cannot be called in a Page callback.')
  })

  it('a page without a callback handler answers e, and tampered state is still refused', async () => {
    expect((await callback(plainApp, '__Page', 'x', '/plain.aspx')).text).toMatch(/^eThe target &#39;__Page&#39;/)
    const client = new FormClient((r) => plainApp.request(r))
    await client.get('/plain.aspx')
    const entries = client.formEntries().map(([n, v]) => [n, n === '__VIEWSTATE' ? v.slice(0, -2) + 'xx' : v] as [string, string])
    const response = await plainApp.request('/plain.aspx', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([...entries, ['__CALLBACKID', '__Page'], ['__CALLBACKPARAM', '']]).toString() })
    expect(response.status).toBe(400)
  })
})
