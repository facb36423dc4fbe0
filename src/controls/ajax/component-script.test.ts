// Timer and UpdateProgress reference the client's components part only where they are, after
// the core, before their $create; an async postback that first shows one carries the part.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { Page } from '../../page/page.ts'
import type { DeltaRecord } from '../../protocol/delta.ts'
import { FormClient } from '../../testing/form-client.ts'
import type { Control } from '../control.ts'

const key = '34'.repeat(32)
const core = /\/__deltaform\/client\.[0-9a-f]{8}\.js/
const part = /\/__deltaform\/components\.[0-9a-f]{8}\.js/

class ShowTimer extends Page {
  ShowTimer_Click() {
    ;(this.findControl('Ticker') as Control).visible = true
  }
}

const markup = `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
  <asp:UpdatePanel ID="UP" runat="server" UpdateMode="Conditional"><ContentTemplate>
    <asp:Timer ID="Ticker" runat="server" Interval="1000" Visible="false" />
    <asp:Button ID="ShowTimer" runat="server" Text="Show" OnClick="ShowTimer_Click" />
  </ContentTemplate></asp:UpdatePanel>
  <asp:UpdatePanel ID="Other" runat="server" UpdateMode="Conditional"><ContentTemplate><asp:Button ID="Poke" runat="server" Text="Poke" /></ContentTemplate></asp:UpdatePanel>
  LATER</form>`

const progress = '<asp:UpdateProgress ID="Progress" runat="server" AssociatedUpdatePanelID="UP"><ProgressTemplate>…</ProgressTemplate></asp:UpdateProgress>'
const page = (markup: string) => ({ codeBehind: ShowTimer, markup })
const pages = {
  '/plain.aspx': page(markup.replace('LATER', '')),
  '/timer.aspx': page(markup.replace('Visible="false"', '').replace('LATER', '')),
  '/later.aspx': page(markup.replace('LATER', '')),
  '/progress.aspx': page(markup.replace('LATER', progress)),
  // Before the ScriptManager, the UpdateProgress runs PreRender first: the core still comes first.
  '/first.aspx': page(markup.replace('LATER', '').replace('<form id="f" runat="server">', '<form id="f" runat="server">' + progress.replace(' AssociatedUpdatePanelID="UP"', ''))),
}
const app = createApp({ key, pages })

async function open(path: string, on = app) {
  const client = new FormClient((r) => on.request(r))
  await client.get(path)
  return client
}

const scriptRecords = (records: DeltaRecord[]) => records.filter((r) => r.type.startsWith('script')).map((r) => `${r.type}|${r.id}|${r.content.replace(part, 'PART').trim()}`)

describe('the components part', () => {
  it('is not referenced by a page without Timer or UpdateProgress', async () => {
    const html = (await open('/plain.aspx')).html
    expect(html).toMatch(core)
    expect(html).not.toMatch(part)
    expect(html).not.toContain('/__deltaform/callbacks.')
  })

  it('is included once, after the core and before the $create startup scripts, where a Timer or UpdateProgress renders', async () => {
    for (const path of ['/timer.aspx', '/progress.aspx', '/first.aspx']) {
      const html = (await open(path)).html
      const tags = html.match(/<script src="[^"]*"/g)!
      expect(tags.map((t) => t.replace(core, 'CORE').replace(part, 'PART'))).toEqual(['<script src="CORE"', '<script src="PART"'])
      expect(html.indexOf(part.exec(html)![0])).toBeLessThan(html.indexOf('_initialize('))
      expect(html.indexOf('_initialize(')).toBeLessThan(html.indexOf('$create(Sys.UI._'))
    }
  })

  it('is served with a long cache lifetime and defines Sys.UI._Timer and Sys.UI._UpdateProgress', async () => {
    const url = part.exec((await open('/timer.aspx')).html)![0]
    const response = await app.request(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('immutable')
    const code = await response.text()
    expect(code).toContain('_Timer')
    expect(code).toContain('_UpdateProgress')
    expect(code).not.toContain('PageRequestManagerParserErrorException')
  })

  it('comes as an include record before the $create when a Timer first appears in an async postback', async () => {
    const client = await open('/later.aspx')
    expect(client.html).not.toMatch(part)
    const records = await client.asyncPostBack('SM', { panels: ['UP'], source: 'ShowTimer', submitter: ['ShowTimer', 'Show'] })
    const scripts = scriptRecords(records)
    expect(scripts[0]).toBe('scriptBlock|ScriptPath|PART')
    expect(scripts[1]).toMatch(/^scriptStartupBlock\|ScriptContentNoTags\|Sys\.Application\.add_init\(function\(\) \{\s+\$create\(Sys\.UI\._Timer/)
    expect(scripts).toHaveLength(2)
  })

  it('is sent only while the panel holding the Timer refreshes', async () => {
    const client = await open('/timer.aspx')
    const elsewhere = await client.asyncPostBack('SM', { panels: ['Other'], source: 'Poke', submitter: ['Poke', 'Poke'] })
    expect(scriptRecords(elsewhere)).toEqual([])
  })

  it('is not used with the Microsoft scripts: the Timer keeps MicrosoftAjaxTimer.js', async () => {
    const ms = createApp({
      key,
      pages,
      clientScripts: { microsoftAjax: '/ms/MicrosoftAjax.js', microsoftAjaxWebForms: '/ms/MicrosoftAjaxWebForms.js', webForms: '/ms/WebForms.js', microsoftAjaxTimer: '/ms/MicrosoftAjaxTimer.js' },
    })
    for (const path of ['/timer.aspx', '/progress.aspx']) {
      const html = (await open(path, ms)).html
      expect(html).not.toMatch(part)
      expect(html).not.toMatch(core)
      expect(html.includes('/ms/MicrosoftAjaxTimer.js')).toBe(path === '/timer.aspx')
    }
  })
})
