// Pages that make a callback reference load the client's callbacks part after the core and
// before anything calls it; other pages never load it.
import { describe, expect, it } from 'vitest'
import { createApp } from '../app/create-app.ts'
import { Page } from '../page/page.ts'
import { FormClient } from '../testing/form-client.ts'

const key = '78'.repeat(32)
const core = /\/__deltaform\/client\.[0-9a-f]{8}\.js/
const part = /\/__deltaform\/callbacks\.[0-9a-f]{8}\.js/

class Hello extends Page {
  Page_Load() {
    if (String(this.request.url).includes('ref=load')) this.refer()
  }

  Refer_Click() {
    this.refer()
  }

  refer() {
    const reference = this.clientScript.getCallbackEventReference(this, 'arg', 'show', 'null')
    this.clientScript.registerClientScriptBlock('ask', `function ask(arg) { ${reference}; }`, true)
  }

  raiseCallbackEvent() {}

  getCallbackResult() {
    return 'hi'
  }
}

const withManager = `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
  <asp:UpdatePanel ID="UP" runat="server"><ContentTemplate><asp:Button ID="Refer" runat="server" Text="Refer" OnClick="Refer_Click" /></ContentTemplate></asp:UpdatePanel></form>`
const pages = {
  '/sm.aspx': { codeBehind: Hello, markup: withManager },
  '/plain.aspx': { codeBehind: Hello, markup: '<form id="f" runat="server"><p>no manager</p><asp:Button ID="Refer" runat="server" Text="Refer" OnClick="Refer_Click" /></form>' },
  // A reference made while the form renders: its scripts go out at the form's end.
  '/nugget.aspx': { codeBehind: Hello, markup: `<form id="f" runat="server"><a onclick="<%: this.clientScript.getCallbackEventReference(this, 'arg', 'show', 'null') %>">ask</a></form>` },
}
const app = createApp({ key, pages })

async function open(path: string, on = app) {
  const client = new FormClient((r) => on.request(r))
  await client.get(path)
  return client
}

/** The `<script src>` URLs of the page, core and part named, in order. */
const sources = (html: string) => [...html.matchAll(/<script src="([^"]*)"/g)].map((m) => m[1]!.replace(core, 'CORE').replace(part, 'PART'))

describe('the callbacks part', () => {
  it('is not referenced by pages that make no callback reference', async () => {
    expect(sources((await open('/sm.aspx')).html)).toEqual(['CORE'])
    expect(sources((await open('/plain.aspx')).html)).toEqual([])
  })

  it('follows the core, before the PageRequestManager bootstrap and WebForm_InitCallback()', async () => {
    for (const path of ['/sm.aspx?ref=load', '/plain.aspx?ref=load']) {
      const html = (await open(path)).html
      expect(sources(html)).toEqual(['CORE', 'PART'])
      const at = html.indexOf(part.exec(html)![0])
      if (path.startsWith('/sm')) expect(at).toBeLessThan(html.indexOf('_initialize('))
      expect(at).toBeLessThan(html.indexOf('WebForm_InitCallback();'))
    }
  })

  it('comes at the form’s end, before WebForm_InitCallback(), for a reference made while rendering', async () => {
    const html = (await open('/nugget.aspx')).html
    expect(sources(html)).toEqual(['CORE', 'PART'])
    expect(html.indexOf('onclick="WebForm_DoCallback(')).toBeLessThan(html.indexOf('<script src='))
    expect(html.indexOf(part.exec(html)![0])).toBeLessThan(html.indexOf('WebForm_InitCallback();'))
  })

  it('comes as an include record when an async postback makes the first reference', async () => {
    const client = await open('/sm.aspx')
    const records = await client.asyncPostBack('SM', { panels: ['UP'], source: 'Refer', submitter: ['Refer', 'Refer'] })
    const includes = records.filter((r) => r.type === 'scriptBlock' && r.id === 'ScriptPath').map((r) => r.content.replace(part, 'PART'))
    expect(includes).toEqual(['PART'])
  })

  it('is served with a long cache lifetime and holds WebForm_DoCallback', async () => {
    const url = part.exec((await open('/plain.aspx?ref=load')).html)![0]
    const response = await app.request(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('immutable')
    const code = await response.text()
    expect(code).toContain('WebForm_DoCallback')
    expect(code).not.toContain('PageRequestManagerParserErrorException')
  })

  it('is not used with the Microsoft scripts: WebForms.js has the callbacks', async () => {
    const ms = createApp({ key, pages, clientScripts: { microsoftAjax: '/ms/MicrosoftAjax.js', microsoftAjaxWebForms: '/ms/MicrosoftAjaxWebForms.js', webForms: '/ms/WebForms.js' } })
    expect(sources((await open('/plain.aspx?ref=load', ms)).html)).toEqual(['/ms/WebForms.js'])
  })
})
