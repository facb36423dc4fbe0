// ExecutePanelScripts: a refreshed panel's inline scripts run once after the update, in
// document order — and under a nonce CSP only those carrying the nonce of the answer that
// brought them (the server writes it on the template's own scripts).
import { describe, expect, it } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { installPanelScripts } from './panel-scripts.ts'
import { PageRequestManager } from './prm.ts'
import { click, form, page, settle } from './test-dom.ts'

const g = globalThis as any

const lists = () =>
  encodeRecord('updatePanelIDs', '', 'tUpdatePanel1,UpdatePanel1,tUpdatePanel2,UpdatePanel2') +
  encodeRecord('asyncPostBackControlIDs', '', '') +
  encodeRecord('postBackControlIDs', '', '') +
  encodeRecord('panelsToRefreshIDs', '', 'UpdatePanel1,UpdatePanel1,UpdatePanel2,UpdatePanel2') +
  encodeRecord('childUpdatePanelIDs', '', '')

/** Two panels, the part installed; `update` answers a postback with a CSP header naming `answerNonce`. */
async function panels(pageNonce?: string) {
  const p = page(form(`<div id="UpdatePanel1"><input type="submit" name="B" value="b" id="B" /></div><div id="UpdatePanel2"></div>`), pageNonce ? `<script nonce="${pageNonce}">1</script>` : '')
  PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1', 'tUpdatePanel2', 'UpdatePanel2'], [], [], 90, '')
  g.window.Sys.Application.initialize()
  await new Promise((done) => setTimeout(done))
  installPanelScripts(g.window, !!pageNonce)
  const ran: Array<{ text: string; nonce: string }> = []
  const head = p.document.head
  const append = head.appendChild.bind(head)
  head.appendChild = (s: any) => (ran.push({ text: s.text, nonce: s.nonce }), append(s))
  const update = async (one: string, two: string, answerNonce?: string) => {
    const body = encodeRecord('#', '', '4') + encodeRecord('updatePanel', 'UpdatePanel1', one) + encodeRecord('updatePanel', 'UpdatePanel2', two) + lists()
    const headers = new Map(answerNonce ? [['Content-Security-Policy', `base-uri 'self'; script-src 'self' 'nonce-${answerNonce}'`]] : [])
    g.fetch = async () => ({ status: 200, text: async () => body, headers })
    click(p.$('B'), true)
    await settle()
    await settle()
  }
  return { ...p, ran, update }
}

const button = '<input type="submit" name="B" value="b" id="B" />'

describe('installPanelScripts', () => {
  it("runs the refreshed panels' scripts carrying the answer's nonce once per update, in document order, with the page nonce", async () => {
    const { ran, update, $ } = await panels('pageN0nce')
    await update(`${button}<script nonce="a1">one()</script><script type="text/template" nonce="a1">not JS</script>`, '<script nonce="a1">two()</script><script nonce="a1" src="/x.js"></script>', 'a1')
    expect(ran).toEqual([
      { text: 'one()', nonce: 'pageN0nce' },
      { text: 'two()', nonce: 'pageN0nce' },
    ])
    await update(`${button}<script nonce="a2">three()</script>`, '', 'a2')
    expect(ran.map((r) => r.text)).toEqual(['one()', 'two()', 'three()'])
    expect($('UpdatePanel1').querySelector('script').hasAttribute('data-df-ran')).toBe(true)
  })

  it('under a nonce CSP skips scripts without the answer\'s nonce (markup that came in with data), and all when the answer names none', async () => {
    const { ran, update } = await panels('pageN0nce')
    await update(`${button}<script>injected()</script><script nonce="pageN0nce">guessed()</script>`, '<script nonce="a1">own()</script>', 'a1')
    expect(ran.map((r) => r.text)).toEqual(['own()'])
    await update(`${button}<script nonce="a1">again()</script>`, '')
    expect(ran.map((r) => r.text)).toEqual(['own()'])
  })

  it('without a CSP nonce runs every inline script of the panels (the opt-in)', async () => {
    const { ran, update } = await panels()
    await update(`${button}<script>a()</script>`, '<script>b()</script>')
    expect(ran.map((r) => r.text)).toEqual(['a()', 'b()'])
  })
})
