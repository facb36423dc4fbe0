// In Chromium: how long the runtime takes to apply a delta carrying a 1,000-row table into an
// UpdatePanel, against a bare `innerHTML` assignment of the same HTML.
import { existsSync } from 'node:fs'
import { chromium, type Page } from '@playwright/test'
import { buildClient } from '../../runtime-client/build.ts'
import { encodeDelta, parseDelta } from '../../src/protocol/delta.ts'
import type { Exchange } from '../lib/actions.ts'
import { atMost, type Figures } from '../lib/figures.ts'
import { gridRows } from '../lib/rows.ts'
import { median, pairRatios } from '../lib/stats.ts'

/**
 * The Chromium flags every bench launch uses (no sandbox, no GPU, no background traffic).
 *
 * @example
 * await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs })
 */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * The system Chromium: `CHROMIUM_PATH`, else /usr/bin/chromium. Playwright never downloads one.
 *
 * @example
 * const path = chromiumPath() // '/usr/bin/chromium'
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

const origin = 'http://deltaform.bench.test'

interface Timing {
  ms: number
  layoutMs: number
  error: string | null
  /** Answer received → pageLoading (parse, lists), → pageLoaded (panels, fields, scripts), → endRequest. */
  toLoading?: number
  loadingToLoaded?: number
  loadedToEnd?: number
}

// The in-page helpers, as plain script text: functions handed to page.evaluate would carry
// the `__name` helper tsx adds to named functions, which the page does not have.
const pageHelpers = `
(() => {
  const original = window.fetch.bind(window)
  // "Answer received" = the fetch promise resolving with the body already read, so the
  // routing round trip and the body transfer stay outside the measured time. The runtime only
  // calls status and text() (runtime-client/net.ts): an already-read answer whose text()
  // resolves at once keeps the measured span free of browser tasks (a new Response's body
  // stream would hop through tasks, letting a paint of earlier content land inside it).
  window.fetch = async (input, init) => {
    const response = await original(input, init)
    const text = await response.text()
    window.__answered = performance.now()
    return { status: response.status, statusText: response.statusText, ok: response.ok, headers: response.headers, text: () => Promise.resolve(text) }
  }
  // One async postback of UpdatePanel1: answer received -> endRequest (and -> layout done).
  window.__benchApply = () => new Promise((resolve) => {
    const prm = Sys.WebForms.PageRequestManager.getInstance()
    let loading = 0
    let loaded = 0
    const onLoading = () => { loading = performance.now() }
    const onLoaded = () => { loaded = performance.now() }
    const done = (sender, args) => {
      const end = performance.now()
      prm.remove_endRequest(done)
      prm.remove_pageLoading(onLoading)
      prm.remove_pageLoaded(onLoaded)
      void document.body.offsetHeight
      const error = args.get_error()
      const start = window.__answered
      resolve({
        ms: end - start, layoutMs: performance.now() - start, error: error ? String(error.message) : null,
        toLoading: loading - start, loadingToLoaded: loaded - loading, loadedToEnd: end - loaded,
      })
    }
    prm.add_pageLoading(onLoading)
    prm.add_pageLoaded(onLoaded)
    prm.add_endRequest(done)
    prm.beginAsyncPostBack(['UpdatePanel1'], 'Button1', '')
  })
  // Sys.Application.disposeElement over the panel alone, as the runtime calls it before
  // replacing a panel's content (no components here: it looks at no element).
  window.__benchDisposeWalk = () => {
    const panel = document.getElementById('UpdatePanel1')
    const start = performance.now()
    Sys.Application.disposeElement(panel, true)
    return performance.now() - start
  }
  // innerHTML right after disposeElement (itself not timed): what a walk's wrappers and
  // expandos on the old rows would cost the replacement.
  window.__benchInnerHtmlAfterWalk = () => {
    const panel = document.getElementById('UpdatePanel1')
    Sys.Application.disposeElement(panel, true)
    const start = performance.now()
    panel.innerHTML = window.__panelHtml
    return performance.now() - start
  }
  // The same panel HTML by a bare innerHTML assignment.
  window.__benchInnerHtml = () => {
    const panel = document.getElementById('UpdatePanel1')
    const start = performance.now()
    panel.innerHTML = window.__panelHtml
    const end = performance.now()
    void document.body.offsetHeight
    return { ms: end - start, layoutMs: performance.now() - start, error: null }
  }
})()
`

const applyDelta = (page: Page): Promise<Timing> => page.evaluate('window.__benchApply()') as Promise<Timing>
const assignInnerHtml = (page: Page): Promise<Timing> => page.evaluate('window.__benchInnerHtml()') as Promise<Timing>

/**
 * Adds the 1,000-row apply figures: the runtime's time from "answer received" to endRequest,
 * the bare innerHTML time, and their ratio (goal ≤ 1.5), each a median of `runs` pairs taken
 * alternately after 3 warm-up pairs; the same with the following layout included. `clockGet`
 * and `clockAsync` are clock.aspx's GET and async postback exchanges: the page and the shape of
 * the answer. Returns Chromium's version; marks the goal absent (and returns undefined) when
 * there is no Chromium.
 *
 * @example
 * await measureApply(figures, actions.clock.get, actions.clock.async, 10)
 */
export async function measureApply(figures: Figures, clockGet: Exchange, clockAsync: Exchange, runs = 10): Promise<string | undefined> {
  const goal = atMost(1.5, '≤ 1.5× innerHTML')
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    figures.absent('client', '1,000-row panel apply / innerHTML', 'ratio', `no Chromium at ${executablePath} (set CHROMIUM_PATH)`, goal)
    return
  }
  const client = await buildClient()
  // The core and its parts by name (the page references those it needs).
  const scripts = new Map<string, string>([['client', client.code], ...Object.entries(client.parts).map(([name, part]): [string, string] => [name, part.code])])
  const records = parseDelta(clockAsync.response.body)
  const panel = records.find((r) => r.type === 'updatePanel' && r.id === 'UpdatePanel1')
  if (!panel) throw new Error('The clock.aspx async answer has no UpdatePanel1 record.')
  panel.content = `${panel.content}<table class="grid" id="BigGrid">${gridRows(1000)}</table>\n`
  const delta = encodeDelta(records)

  const browser = await chromium.launch({ executablePath, args: chromiumArgs })
  try {
    const page = await browser.newPage()
    await page.route(`${origin}/**`, async (route) => {
      const request = route.request()
      const path = new URL(request.url()).pathname
      if (path === '/clock.aspx' && request.method() === 'POST') return route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: delta })
      if (path === '/clock.aspx') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: clockGet.response.body })
      const script = scripts.get(path.slice('/__deltaform/'.length).split('.')[0]!)
      if (path.startsWith('/__deltaform/') && script) return route.fulfill({ status: 200, contentType: 'text/javascript', body: script })
      return route.fulfill({ status: 200, contentType: path.endsWith('.css') ? 'text/css' : 'text/plain', body: '' })
    })
    await page.addInitScript({ content: pageHelpers })
    await page.goto(`${origin}/clock.aspx`)
    await page.waitForFunction('window.Sys && Sys.WebForms.PageRequestManager.getInstance()')
    await page.evaluate(`window.__panelHtml = ${JSON.stringify(panel.content)}`)

    // A full garbage collection before each timed step, so the collection of the previous
    // step's 1,000 detached rows does not land at random inside one side of the ratio.
    const cdp = await page.context().newCDPSession(page)
    const collected = async <T>(step: () => Promise<T>): Promise<T> => {
      await cdp.send('HeapProfiler.collectGarbage')
      return step()
    }
    const prm: Timing[] = []
    const bare: Timing[] = []
    for (let i = 0; i < runs + 3; i++) {
      // Alternate which goes first; both always replace a panel that holds the 1,000 rows.
      const apply = () => collected(() => applyDelta(page))
      const inner = () => collected(() => assignInnerHtml(page))
      const pair = i % 2 ? [await inner(), await apply()].reverse() : [await apply(), await inner()]
      if (pair[0]!.error) throw new Error(`The delta apply failed in Chromium: ${pair[0]!.error}`)
      const rows = await page.evaluate("document.querySelectorAll('#BigGrid tr').length")
      if (rows !== 1000) throw new Error(`Expected 1,000 rows in the panel, found ${rows}.`)
      if (i >= 3) {
        prm.push(pair[0]!)
        bare.push(pair[1]!)
      }
    }
    const ms = (t: Timing[]) => t.map((x) => x.ms)
    const withLayout = (t: Timing[]) => t.map((x) => x.layoutMs)
    figures.addRuns('client', '1,000-row panel: runtime apply (answer received → endRequest)', ms(prm), 'ms')
    figures.addRuns('client', '1,000-row panel: bare innerHTML assignment', ms(bare), 'ms')
    figures.addRuns('client', '1,000-row panel apply / innerHTML', pairRatios(ms(prm), ms(bare)), 'ratio', { goal })
    figures.addRuns('client', '1,000-row panel apply / innerHTML, layout included', pairRatios(withLayout(prm), withLayout(bare)), 'ratio')
    const part = (key: 'toLoading' | 'loadingToLoaded' | 'loadedToEnd') => prm.map((t) => t[key] ?? 0)
    figures.addRuns('client', '1,000-row panel apply, part: answer received → pageLoading (parse, lists)', part('toLoading'), 'ms')
    figures.addRuns('client', '1,000-row panel apply, part: pageLoading → pageLoaded (dispose walk, innerHTML, fields, scripts)', part('loadingToLoaded'), 'ms')
    figures.addRuns('client', '1,000-row panel apply, part: pageLoaded → endRequest', part('loadedToEnd'), 'ms')
    const walks: number[] = []
    for (let i = 0; i < runs; i++) walks.push(await collected(async () => (await page.evaluate('window.__benchDisposeWalk()')) as number))
    figures.addRuns('client', '1,000-row panel: Sys.Application.disposeElement walk alone', walks, 'ms')
    const afterWalk: number[] = []
    for (let i = 0; i < runs; i++) afterWalk.push(await collected(async () => (await page.evaluate('window.__benchInnerHtmlAfterWalk()')) as number))
    figures.addRuns('client', '1,000-row panel: innerHTML right after the dispose walk (walk not timed)', afterWalk, 'ms')
    figures.add('client', '1,000-row panel: delta size', Buffer.byteLength(delta), 'bytes', { note: `median innerHTML ${median(ms(bare)).toFixed(2)} ms` })
    return browser.version()
  } finally {
    await browser.close()
  }
}
