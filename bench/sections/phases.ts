// Server CPU per request phase, measured in-process: Deltaform sends no Server-Timing header
// yet, so the pieces createApp runs for a page request are timed directly, one by one, on the
// captured requests: parse = readForm, build = a page instance and its control tree,
// lifecycle + render = runPage (which already includes the delta encoding), encode =
// encodeDelta of the same records alone. Mirrors src/app/create-app.ts's page route.
import { join } from 'node:path'
import { Hono } from 'hono'
import { readConfig } from '../../src/app/config.ts'
import { mountClientScripts } from '../../src/app/client-scripts.ts'
import { PageLoader } from '../../src/app/page-loader.ts'
import { createControlRegistry } from '../../src/controls/registry.ts'
import { runPage } from '../../src/page/lifecycle.ts'
import { encodeDelta, parseDelta } from '../../src/protocol/delta.ts'
import { classifyRequest } from '../../src/request/classify.ts'
import { defaultFormLimits, readForm } from '../../src/request/form.ts'
import { defaultViewStateMaxBytes } from '../../src/state/view-state.ts'
import type { Exchange, SampleActions } from '../lib/actions.ts'
import type { Figures } from '../lib/figures.ts'
import { median } from '../lib/stats.ts'

interface PhaseTimes {
  parse: number
  build: number
  run: number
  encode: number
}

/**
 * Adds µs per request of each phase (median of the means of batches of 20, ~1 s per request kind) for the
 * GET, full postback, async postback and callback of clock.aspx and orders.aspx.
 *
 * @example
 * await measurePhases(figures, actions, 'samples/pages', 'ab'.repeat(32))
 */
export async function measurePhases(figures: Figures, actions: SampleActions, pagesDir: string, keyHex: string): Promise<void> {
  figures.absent('server', 'phases from the Server-Timing header', 'µs', 'absent: Deltaform sends no Server-Timing header yet; the phases below are timed in-process instead (lifecycle and render together, as runPage runs them)')
  const config = readConfig(pagesDir)
  const appSettings = config.appSettings ?? {}
  const loader = new PageLoader({
    dir: pagesDir,
    registry: createControlRegistry(),
    development: false,
    resolveExpression: (kind, key) => (kind === 'appsettings' ? appSettings[key] : undefined),
  })
  const scripts = await mountClientScripts(new Hono()).urls()
  const signingKey = Buffer.from(keyHex, 'hex')

  async function once(exchange: Exchange): Promise<PhaseTimes> {
    const url = new URL(exchange.request.url)
    const entry = await loader.load(url.pathname)
    if (!entry) throw new Error(`No page answers ${url.pathname}.`)
    const headers = new Headers(exchange.request.headers)
    const method = exchange.request.method
    const raw = method === 'POST' ? new Request(url, { method, headers, body: exchange.request.body }) : null

    const t0 = performance.now()
    const form = raw ? await readForm(raw, defaultFormLimits) : null
    const t1 = performance.now()
    const kind = classifyRequest(method, headers, form)
    const page = new entry.pageClass()
    page.clientScripts = scripts
    page.partialRenderingOff = false
    entry.template.build(page)
    const t2 = performance.now()
    const result = await runPage(
      page,
      { method, url, headers, kind, form: kind === 'get' ? null : form, cookies: {} },
      { signingKey, pageId: entry.route, enableEventValidation: config.enableEventValidation ?? true, viewStateMaxBytes: config.limits?.maxViewStateBytes ?? defaultViewStateMaxBytes, development: false },
    )
    const t3 = performance.now()
    if (result.status !== 200) throw new Error(`${url.pathname} answered ${result.status} in-process: ${result.body.slice(0, 200)}`)
    let encode = 0
    if (kind === 'asyncPostback') {
      const records = parseDelta(result.body)
      const t4 = performance.now()
      if (encodeDelta(records).length !== result.body.length) throw new Error('encodeDelta did not give back the same answer')
      encode = performance.now() - t4
    }
    return { parse: t1 - t0, build: t2 - t1, run: t3 - t2, encode }
  }

  const kinds: Array<[string, Exchange]> = []
  for (const [page, set] of [['clock.aspx', actions.clock], ['orders.aspx', actions.orders]] as const) {
    kinds.push([`${page} GET`, set.get], [`${page} full postback`, set.full], [`${page} async postback`, set.async])
    kinds.push([`${page === 'clock.aspx' ? 'callback-time.aspx' : page} callback`, set.callback])
  }
  for (const [name, exchange] of kinds) {
    // Warm up (JIT) for 100 requests or 0.4 s, whichever ends first; then batches of 20
    // requests for at least 0.6 s and at least 7 batches.
    const warm = performance.now() + 400
    for (let i = 0; i < 100 && performance.now() < warm; i++) await once(exchange)
    const batches: PhaseTimes[] = []
    const until = performance.now() + 600
    while (performance.now() < until || batches.length < 7) {
      const sum: PhaseTimes = { parse: 0, build: 0, run: 0, encode: 0 }
      const n = 20
      for (let i = 0; i < n; i++) {
        const t = await once(exchange)
        sum.parse += t.parse
        sum.build += t.build
        sum.run += t.run
        sum.encode += t.encode
      }
      batches.push({ parse: (sum.parse / n) * 1000, build: (sum.build / n) * 1000, run: (sum.run / n) * 1000, encode: (sum.encode / n) * 1000 })
    }
    const phase = (label: string, key: keyof PhaseTimes, note?: string) => figures.addRuns('server', `${name}: ${label}`, batches.map((b) => b[key]), 'µs', { note })
    if (exchange.request.method === 'POST') phase('parse (readForm)', 'parse')
    phase('build (page instance + control tree)', 'build')
    phase('lifecycle + render (runPage)', 'run', name.includes('async') ? 'includes the delta encoding' : undefined)
    if (name.includes('async')) phase('encode (encodeDelta alone)', 'encode', 'already inside runPage; timed again on its own')
    figures.addRuns('server', `${name}: total of the phases`, batches.map((b) => b.parse + b.build + b.run), 'µs', {
      note: `single-core ceiling ≈ ${Math.round(1e6 / median(batches.map((b) => b.parse + b.build + b.run)))} req/s before HTTP`,
    })
  }
}
