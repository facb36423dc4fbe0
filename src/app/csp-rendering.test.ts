// Nonce-CSP mode renders no inline handler and no javascript: URL: they become data attributes
// for the runtime's csp part, which the page references. Other modes render as before.
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FormClient } from '../testing/form-client.ts'
import { createTestPage } from '../testing/test-page.ts'
import { createApp } from './create-app.ts'
import { LiteralControl } from '../controls/literal-control.ts'
import { Page } from '../page/page.ts'

const pages = join(import.meta.dirname, '../../samples/pages')
const fixtures = join(import.meta.dirname, '../../e2e/csp-pages')
const key = '7c'.repeat(32)
const config = { appSettings: { SiteName: 'Deltaform samples' } }
const strict = createApp({ pages, key, mode: 'production', config: { ...config, contentSecurityPolicy: 'nonce' } })
const plain = createApp({ pages, key, mode: 'production', config })
const strictDev = createApp({ pages: fixtures, key, mode: 'development', config: { contentSecurityPolicy: 'nonce' } })
const plainFixtures = createApp({ pages: fixtures, key, mode: 'production' })
afterAll(async () => {
  for (const app of [strict, plain, strictDev, plainFixtures]) await app.close()
})

const samples = ['postback-linkbutton.aspx', 'orders.aspx', 'register.aspx', 'panels.aspx', 'callback-validator.aspx', 'counter.aspx']
// An inline handler or a script URL in a start tag (attribute values are quoted by the writer).
const inlineScript = /<[a-z][^>]*\s(on[a-z]+="|href="\s*javascript:)/i
const tags = (html: string) => html.match(/<[a-z][^>]*>/gi) ?? []

describe('nonce-CSP rendering', () => {
  it('renders no inline handler or javascript: link on the sample pages, and keeps their texts in data-df-* attributes', async () => {
    for (const path of samples) {
      const html = await (await strict.request(`/${path}`)).text()
      expect(tags(html).filter((t) => inlineScript.test(t)), path).toEqual([])
    }
    const link = await (await strict.request('/postback-linkbutton.aspx')).text()
    expect(link).toContain(`<a id="SayHello" href="#" data-df-href="__doPostBack(&#39;SayHello&#39;,&#39;&#39;)">`)
    const orders = await (await strict.request('/orders.aspx')).text()
    expect(orders).toContain(`href="#" data-df-href="__doPostBack(&#39;PanelOrders&#39;,&#39;Select$0&#39;)"`)
    expect(orders).toMatch(/<a href="#" data-df-onclick="WebForm_DoCallback\(&#39;CallbackOrders&#39;,DeltaformGridView_Arg\(/)
    const validator = await (await strict.request('/callback-validator.aspx')).text()
    expect(validator).toMatch(/<input id="UserId"[^>]* data-df-onchange="if\(window\.DeltaformCallbackValidator\)WebForm_DoCallback\(/)
  })

  it('the same pages without the nonce mode render the classic handlers and no csp part', async () => {
    const link = await (await plain.request('/postback-linkbutton.aspx')).text()
    expect(link).toContain(`<a id="SayHello" href="javascript:__doPostBack(&#39;SayHello&#39;,&#39;&#39;)">`)
    const orders = await (await plain.request('/orders.aspx')).text()
    expect(orders).toMatch(/<a href="#" onclick="WebForm_DoCallback\(/)
    for (const path of samples) {
      const html = await (await plain.request(`/${path}`)).text()
      expect(html, path).not.toMatch(/data-df-|\/__deltaform\/(csp|panel-scripts)\./)
      expect(html, path).not.toContain(' nonce=')
    }
  })

  it("references the csp part with the answer's nonce (?dev in development), and gives the template's own <script> elements the nonce", async () => {
    const r = await strict.request('/panels.aspx')
    const nonce = /'nonce-([^']+)'/.exec(r.headers.get('Content-Security-Policy')!)![1]!
    const html = await r.text()
    expect(html).toMatch(new RegExp(`<script src="/__deltaform/csp\\.[0-9a-f]{8}\\.js" nonce="${nonce.replace(/[+/=]/g, '\\$&')}"></script>`))
    for (const tag of html.match(/<script\b[^>]*>/g)!) expect(tag).toContain(` nonce="${nonce}"`)
    const part = html.match(/\/__deltaform\/csp\.[0-9a-f]{8}\.js/)![0]
    const served = await strict.request(part)
    expect(served.status).toBe(200)
    expect(await served.text()).toContain('data-df-')
    const dev = await (await strictDev.request('/controls.aspx')).text()
    expect(dev).toMatch(/<script src="\/__deltaform\/csp\.[0-9a-f]{8}\.js\?dev" nonce="/)
  })

  it('a LiteralControl made by page code (often from data) never gets the nonce; template text does', async () => {
    class FromData extends Page {
      Page_Load() {
        this.findControl('Holder')!.controls.add(new LiteralControl('<script>stolen()</script>'))
      }
    }
    const app = createApp({
      key,
      mode: 'production',
      config: { contentSecurityPolicy: 'nonce' },
      pages: { '/d.aspx': { markup: '<form runat="server"><script>mine()</script><asp:PlaceHolder ID="Holder" runat="server" /><script-x>not a script</script-x></form>', codeBehind: FromData } },
    })
    const html = await (await app.request('/d.aspx')).text()
    expect(html).toMatch(/<script nonce="[^"]+">mine\(\)<\/script>/)
    expect(html).toContain('<script>stolen()</script>')
    expect(html).toContain('<script-x>not a script</script-x>')
    await app.close()
  })

  it('rewrites every handler kind: AutoPostBack timers, onkeypress, WebForm_DoPostBackWithOptions, user OnClientClick', async () => {
    const html = await (await strictDev.request('/controls.aspx')).text()
    expect(tags(html).filter((t) => inlineScript.test(t))).toEqual([])
    expect(html).toContain(`<input id="Name" name="Name" type="text" data-df-onchange="setTimeout(&#39;__doPostBack(\\&#39;Name\\&#39;,\\&#39;\\&#39;)&#39;, 0)" />`)
    expect(html).toContain(`data-df-onclick="setTimeout(&#39;__doPostBack(\\&#39;Agree\\&#39;,\\&#39;\\&#39;)&#39;, 0)"`)
    expect(html).toContain(`<div id="Search" data-df-onkeypress="javascript:return WebForm_FireDefaultButton(event, &#39;Find&#39;)">`)
    expect(html).toContain(`data-df-onclick="WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions(&quot;Cross&quot;`)
    expect(html).toContain(`<a id="Guarded" data-df-onclick="return confirm(&#39;Sure?&#39;)" href="#" data-df-href="__doPostBack(&#39;Guarded&#39;,&#39;&#39;)">`)
  })

  it('an async postback renders the refreshed panel CSP-safe too', async () => {
    const client = new FormClient((r) => strict.request(r))
    await client.get('/orders.aspx')
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['OrdersPanel'], source: 'PanelOrders', eventTarget: 'PanelOrders', eventArgument: 'Page$2' })
    const panel = records.find((r) => r.type === 'updatePanel')!
    expect(panel.content).toContain(`data-df-href="__doPostBack(&#39;PanelOrders&#39;,&#39;Select$0&#39;)"`)
    expect(panel.content).not.toMatch(inlineScript)
  })

  it('createTestPage clicks and changes controls of a nonce-mode page (the calls in data-df-*)', async () => {
    const page = await createTestPage(strictDev, '/controls.aspx')
    await page.change('Color', 'green')
    await page.change('Agree', true)
    expect(page.text('Log')).toBe('color agree')
    const links = await createTestPage(strict, '/postback-linkbutton.aspx')
    await links.click('SayHello')
    expect(links.text('Clicks')).toBe('1')
  })

  it('references the panel-scripts part only when the ScriptManager has ExecutePanelScripts="true"', async () => {
    const on = await (await plainFixtures.request('/panel-scripts-on.aspx')).text()
    const off = await (await plainFixtures.request('/panel-scripts-off.aspx')).text()
    expect(on).toMatch(/<script src="\/__deltaform\/client\.[0-9a-f]{8}\.js"><\/script>\n<script src="\/__deltaform\/panel-scripts\.[0-9a-f]{8}\.js"><\/script>/)
    expect(off).not.toContain('/__deltaform/panel-scripts')
    // Otherwise the two pages render alike: the opt-in adds nothing else.
    const normal = (html: string) => html.replace(/-(on|off)\.aspx|\((on|off)\)/g, '').replace(/(__VIEWSTATE|__EVENTVALIDATION|__VIEWSTATEGENERATOR)" value="[^"]*"/g, '$1" value=""')
    expect(normal(on.replace(/<script src="\/__deltaform\/panel-scripts[^>]*><\/script>\n/, ''))).toBe(normal(off))
  })
})
