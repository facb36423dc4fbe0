// Hardening, item 4 (XSS), without a browser: the corpus of e2e/xss/corpus.ts rendered through
// every sink of e2e/xss/fixture.ts in-process — first GET, full postback, async postback (the
// delta), page-level sinks, error pages — and checked as raw HTML (no payload survives
// unencoded) and with the DOM oracle on the parsed document. e2e/xss.spec.ts runs the same
// pages in Chromium and watches for script executions.

import { describe, expect, it } from 'vitest'
import { createApp } from 'deltaform'
import { FormClient } from 'deltaform/testing'
import type { DeltaRecord } from '../protocol/delta.ts'
import { payloadText, xssPayloads } from '../../e2e/xss/corpus.ts'
import { findInjections, pageSinksUrl, rawPayload, rawSinks, sinkName, sinkPayload, wellFormed, xssPages, xssSinks } from '../../e2e/xss/fixture.ts'

const key = 'cd'.repeat(32)
const apps = {
  development: createApp({ pages: xssPages(), key, mode: 'development' }),
  production: createApp({ pages: xssPages(), key, mode: 'production' }),
}
const client = (mode: keyof typeof apps = 'development') => new FormClient((r) => apps[mode].request(r))

const marker = /__xss|alert\s*\(/i
const tagPattern = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g
const attributePattern = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g
// Elements the fixture pages never render themselves (a bare <details> is the dev error page's).
const payloadTags = /^(svg|iframe|frame|frameset|object|embed|video|audio|source|math|noscript|xmp|base|marquee|template)$/i

/**
 * A string-level oracle, independent of any HTML parser: walks the tags of `html` (attribute
 * values kept whole, so encoded payload text inside them is not mistaken for markup) and lists
 * payload tags, `<script>` starting with the marker, handlers or script URLs carrying it.
 */
function scanHtml(html: string): string[] {
  const found: string[] = []
  for (const tag of html.matchAll(tagPattern)) {
    const name = tag[1]!.toLowerCase()
    const attributes = [...tag[2]!.matchAll(attributePattern)].map((a) => ({ name: a[1]!.toLowerCase(), value: (a[2] ?? '').replace(/^["']|["']$/g, '') }))
    const where = `${tag[0].slice(0, 160)}`
    if (payloadTags.test(name) || (name === 'details' && attributes.length > 0)) found.push(`a ${name} tag: ${where}`)
    if (name === 'img' && attributes.some((a) => a.name === 'src' && a.value === 'x')) found.push(`a payload img: ${where}`)
    if (name === 'script' && /^\s*(parent\.)?(__xss|alert)/.test(html.slice(tag.index! + tag[0].length))) found.push(`a payload script: ${where}`)
    for (const a of attributes) {
      if (a.name.startsWith('on') && marker.test(a.value)) found.push(`handler ${a.name}: ${where}`)
      if (/^(href|src|action|formaction|data|srcdoc)$/.test(a.name) && /^[\s\u0000-\u001f]*(java|vb)script:/i.test(a.value) && !/^javascript:(__doPostBack|WebForm_DoPostBackWithOptions)\(/.test(a.value)) {
        found.push(`script URL ${a.name}: ${where}`)
      }
    }
  }
  return found
}

/**
 * Checks HTML a browser would parse: no payload text that needs encoding appears raw, the
 * string-level scan finds nothing, and neither does the DOM oracle on the parsed document.
 */
function expectSafeHtml(html: string, document: Document, where: string, markers: number[]): void {
  const problems: string[] = []
  for (const id of markers) {
    const p = Math.floor(id / 1000)
    const text = payloadText(p, id % 1000)
    if (!/[<>"'&]/.test(text)) continue
    // In a script, jsStringEncode escapes a quote with a backslash: `\';…` is inside the string.
    for (let at = html.indexOf(text); at >= 0; at = html.indexOf(text, at + 1)) {
      if (html[at - 1] !== '\\') problems.push(`raw payload #${p} through ${sinkName(id % 1000)}: ${text}`)
    }
  }
  problems.push(...scanHtml(html), ...findInjections(document))
  expect(problems, where).toEqual([])
}

/** Text as linkedom gives it back (it keeps NUL and CR, unlike a browser), for comparisons. */
const loose = (text: string | null | undefined) => wellFormed(text ?? '').replace(/[\u0000\r]/g, '')

const controlMarkers = xssPayloads.flatMap((_, p) => xssSinks.map((_, s) => p * 1000 + s + 1))

/** The posted fields of the control page's items, each holding its payload (what a post can carry). */
function postPayloads(c: FormClient): Array<{ p: number; text: string; hidden: string }> {
  const posted: Array<{ p: number; text: string; hidden: string }> = []
  for (const item of c.dom.querySelectorAll('.payload')) {
    const p = Number(item.getAttribute('data-p'))
    const text = wellFormed(sinkPayload(p, 'PostedText'))
    const hidden = wellFormed(sinkPayload(p, 'PostedHidden'))
    c.set(item.querySelector('[name$="$Echo"]').getAttribute('name'), text)
    c.set(item.querySelector('[name$="$PostedHidden"]').getAttribute('name'), hidden)
    posted.push({ p, text, hidden })
  }
  return posted
}

function echoes(c: FormClient): Array<{ p: number; text: string; hidden: string }> {
  return [...c.dom.querySelectorAll('.payload')].map((item: any) => ({
    p: Number(item.getAttribute('data-p')),
    text: loose(item.querySelector('[id$="_EchoLabel"]').textContent),
    hidden: loose(item.querySelector('[id$="_PostedHiddenLabel"]').textContent),
  }))
}

describe('XSS corpus through every control sink (in-process)', () => {
  it('encodes every payload on the first GET, after a full postback and in the async delta', async () => {
    const c = client()
    await c.get('/xss.aspx')
    expect(c.status).toBe(200)
    expectSafeHtml(c.html, c.dom, 'first GET', controlMarkers)
    expect(c.dom.querySelectorAll('.payload')).toHaveLength(xssPayloads.length)
    expect(c.text('Payloads_ctl01_LabelText')).toBe(sinkPayload(1, 'LabelText'))
    // A lone surrogate placed in a HyperLinkField URL is sent as U+FFFD (it used to throw URIError: a 500).
    const lone = xssPayloads.findIndex((x) => x.name === 'lone surrogate then script')
    expect(c.dom.querySelector(`.payload[data-p="${lone}"] a[href^="item.aspx"]`).getAttribute('href')).toMatch(/^item\.aspx\?id=%EF%BF%BD%3Cscript%3E/)

    let posted = postPayloads(c)
    await c.click('FullPost')
    expect(c.status).toBe(200)
    expectSafeHtml(c.html, c.dom, 'full postback', controlMarkers)
    expect(echoes(c)).toEqual(posted.map((v) => ({ p: v.p, text: loose(v.text), hidden: loose(v.hidden) })))
    expect(c.dom.querySelectorAll('div[role="alert"]')).toHaveLength(xssPayloads.length * 3)

    posted = postPayloads(c)
    const records = await c.asyncPostBack('ScriptManager1', { panels: ['Sinks'], source: 'AsyncPost', submitter: ['AsyncPost', 'Async postback'] })
    expect(c.status).toBe(200)
    const panel = records.find((r) => r.type === 'updatePanel' && r.id === 'Sinks')
    expect(panel).toBeDefined()
    expectSafeHtml(panel!.content, c.dom, 'async postback (the updatePanel record)', controlMarkers)
    expect(echoes(c)).toEqual(posted.map((v) => ({ p: v.p, text: loose(v.text), hidden: loose(v.hidden) })))
  })
})

/** A JavaScript string literal and nothing else: what an expando record's content must be. */
const singleStringLiteral = /^"(?:[^"\\\n\r\u2028\u2029]|\\[\s\S])*"$/

/** Reads a jsStringEncode'd literal back (it only uses \\ \' \" \n \r \t and \uXXXX escapes). */
function readStringLiteral(literal: string): string {
  return literal.slice(1, -1).replace(/\\(u[0-9a-f]{4}|[\s\S])/gi, (_, e: string) =>
    e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e,
  )
}

describe('XSS corpus through the page-level sinks (in-process)', () => {
  const pageMarkers = (p: number) => ['PageTitle', 'SetFocus', 'Expando', 'RegisteredHidden', 'QueryString'].map((k) => p * 1000 + xssSinks.findIndex((s) => s.key === k) + 1)

  it('title, focus, expando, registered hidden field and query string on GET', async () => {
    const c = client()
    for (const [p] of xssPayloads.entries()) {
      await c.get(pageSinksUrl(p))
      expect(c.status).toBe(200)
      expectSafeHtml(c.html, c.dom, `#${p} GET`, pageMarkers(p))
      expect(loose(c.text('QueryLabel'))).toBe(loose(sinkPayload(p, 'QueryString')))
    }
  })

  it('title, data items, focus, expando, hidden field, echo and error records in async postbacks', async () => {
    const c = client()
    await c.get(pageSinksUrl(0))
    const post = (p: number, button: string): Promise<DeltaRecord[]> => {
      c.set('Which', String(p))
      c.set('Echo', wellFormed(sinkPayload(p, 'PostedText')))
      return c.asyncPostBack('ScriptManager1', { panels: ['Sinks'], source: button, submitter: [button, c.field(button) ?? ''] })
    }
    for (const [p] of xssPayloads.entries()) {
      const records = await post(p, 'AsyncPost')
      const content = (type: string, id?: string) => records.find((r) => r.type === type && (id === undefined || r.id === id))?.content
      expectSafeHtml(content('updatePanel', 'Sinks') ?? '', c.dom, `#${p} async postback`, [...pageMarkers(p), p * 1000 + xssSinks.findIndex((s) => s.key === 'PostedText') + 1])
      expect(loose(c.text('EchoLabel'))).toBe(loose(sinkPayload(p, 'PostedText')))
      // Data, not markup: the client shows these through document.title, get_dataItems(), JSON.
      expect(content('pageTitle')).toBe(wellFormed(sinkPayload(p, 'PageTitle')))
      expect(content('dataItem', 'DataString')).toBe(wellFormed(sinkPayload(p, 'DataItemString')))
      expect(JSON.parse(content('dataItemJson', 'DataJson') ?? 'null')).toEqual({ v: sinkPayload(p, 'DataItemJson') })
      expect(content('focus')).toBe(wellFormed(sinkPayload(p, 'SetFocus')))
      expect(content('hiddenField', 'XssRegisteredHidden')).toBe(wellFormed(sinkPayload(p, 'RegisteredHidden')))
      // The expando record becomes `<id> = <content>` in a script: one string literal, nothing more.
      const expando = records.find((r) => r.type === 'expando')
      expect(expando?.id).toBe("document.getElementById('ExpandoTarget')['title']")
      expect(expando?.content).toMatch(singleStringLiteral)
      expect(readStringLiteral(expando!.content)).toBe(wellFormed(sinkPayload(p, 'Expando')))
      for (const [button, sink] of [['BoomMessage', 'AsyncErrorMessage'], ['BoomException', 'AsyncExceptionMessage'], ['BoomHttp', 'AsyncHttpError']] as const) {
        const failed = await post(p, button)
        expect(failed.map((r) => r.type), `#${p} ${button}`).toEqual(['error'])
        expect(failed[0]!.content).toBe(wellFormed(sinkPayload(p, sink)))
      }
    }
  })
})

describe('XSS corpus through the error pages (in-process)', () => {
  for (const mode of ['development', 'production'] as const) {
    it(`${mode}: HttpError, exception, 404 and event-validation pages`, async () => {
      const c = client(mode)
      for (const [p] of xssPayloads.entries()) {
        const id = (k: string) => p * 1000 + xssSinks.findIndex((s) => s.key === k) + 1
        await c.get(pageSinksUrl(p, '&fail=http'))
        expect(c.status).toBe(400)
        expectSafeHtml(c.html, c.dom, `#${p} HttpError page`, [id('ErrorPageHttpError')])
        expect(loose(c.dom.querySelector('.message').textContent)).toBe(loose(sinkPayload(p, 'ErrorPageHttpError')))

        await c.get(pageSinksUrl(p, '&fail=error'))
        expect(c.status).toBe(500)
        expectSafeHtml(c.html, c.dom, `#${p} exception page`, [id('ErrorPageException')])
        if (mode === 'production') expect(c.html).not.toContain('__xss')

        await c.get(`/missing/${encodeURIComponent(wellFormed(sinkPayload(p, 'NotFoundPath')))}.aspx`)
        expect(c.status).toBe(404)
        expectSafeHtml(c.html, c.dom, `#${p} 404 page`, [id('NotFoundPath')])

        await c.get(pageSinksUrl(p))
        c.set('Drop', wellFormed(sinkPayload(p, 'EventValidationValue')))
        await c.click('FullPost')
        expect(c.status).toBe(400)
        expectSafeHtml(c.html, c.dom, `#${p} event validation page`, [id('EventValidationValue')])
      }
    })
  }
})

describe('the raw-HTML APIs', () => {
  it('are the only ones that emit a payload as markup (so the checks above can fail)', async () => {
    const c = client()
    await c.get('/raw.aspx')
    const raw = rawSinks.filter((s) => s.raw)
    for (const s of raw) expect(c.html, s.name).toContain(rawPayload(s.id))
    for (const s of rawSinks.filter((x) => !x.raw)) expect(c.html, s.name).not.toContain(rawPayload(s.id))
    expect(findInjections(c.dom)).toHaveLength(raw.length)
    const scanned = scanHtml(c.html)
    for (const s of raw) expect(scanned.filter((x) => x.includes(`__xss(${s.id})`)), s.name).not.toEqual([])
    expect(scanned.filter((x) => /__xss\(91\d\)/.test(x))).toEqual([])
  })
})

describe('redirect targets', () => {
  it('refuse script and data URLs and control characters, and encode the rest for the Location header', async () => {
    const { redirectTarget } = await import('./url.ts')
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:x', 'java\tscript:x', ' \n\u0001javascript:x', 'data:text/html,<script>x</script>', 'vbscript:x', '/a\r\nSet-Cookie: x=1', '/a\u0001'])
      expect(redirectTarget(bad), bad).toBeUndefined()
    expect(redirectTarget('/search.aspx?q=日本 x')).toBe('/search.aspx?q=%E6%97%A5%E6%9C%AC%20x')
    expect(redirectTarget('https://example.com/a')).toBe('https://example.com/a')
    expect(redirectTarget('~/login.aspx?ReturnUrl=%2Fa')).toBe('/login.aspx?ReturnUrl=%2Fa')
    expect(redirectTarget('/x\ud800y')).toBe('/x%EF%BF%BDy')
  })
})
