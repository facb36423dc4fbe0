// Server time per request phase, read from the Server-Timing header Deltaform sends (turned on
// here with the `serverTiming` setting): form = readForm, build = a page instance and its
// control tree, state = verifying the posted view state and event validation, lifecycle =
// Init through PreRender (handlers included), save = sealing the new state, render = the page
// or the delta (callback = the callback's own work). Requests go through app.request
// in-process, so no HTTP cost is included.
import { readConfig } from '../../src/app/config.ts'
import { createApp } from '../../src/app/create-app.ts'
import type { Exchange, SampleActions } from '../lib/actions.ts'
import type { Figures } from '../lib/figures.ts'
import { median } from '../lib/stats.ts'

/** The phases in the order the server runs them, with the label the report uses. */
export const phaseLabels: Record<string, string> = {
  form: 'form (readForm)',
  build: 'build (page instance + control tree)',
  state: 'state (verify posted state)',
  lifecycle: 'lifecycle (Init … PreRender)',
  save: 'save (seal view state + event validation)',
  render: 'render (page or delta)',
  callback: 'callback (raiseCallbackEvent + result)',
}

/** `form;dur=0.12, build;dur=0.30` → `{ form: 120, build: 300 }` in µs. */
export function parseServerTiming(header: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of header.split(',')) {
    const m = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part)
    if (m) out[m[1]!] = (out[m[1]!] ?? 0) + Number(m[2]) * 1000
  }
  return out
}

/**
 * Adds µs per request of each phase (median of the means of batches of 20, ~1 s per request
 * kind) for the GET, full postback, async postback and callback of clock.aspx and orders.aspx.
 *
 * @example
 * await measurePhases(figures, actions, 'samples/pages', 'ab'.repeat(32))
 */
export async function measurePhases(figures: Figures, actions: SampleActions, pagesDir: string, keyHex: string): Promise<void> {
  const app = createApp({ pages: pagesDir, key: keyHex, mode: 'production', config: { ...readConfig(pagesDir), serverTiming: true } })

  async function once(exchange: Exchange): Promise<Record<string, number>> {
    const r = exchange.request
    const response = await app.request(new Request(r.url, { method: r.method, headers: r.headers, body: r.method === 'POST' ? r.body : undefined }))
    await response.text()
    if (response.status !== 200) throw new Error(`${r.url} answered ${response.status} in-process`)
    return parseServerTiming(response.headers.get('Server-Timing') ?? '')
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
    const batches: Record<string, number>[] = []
    const until = performance.now() + 600
    while (performance.now() < until || batches.length < 7) {
      const sum: Record<string, number> = {}
      const n = 20
      for (let i = 0; i < n; i++) for (const [phase, us] of Object.entries(await once(exchange))) sum[phase] = (sum[phase] ?? 0) + us
      for (const phase of Object.keys(sum)) sum[phase]! /= n
      batches.push(sum)
    }
    for (const [phase, label] of Object.entries(phaseLabels)) {
      if (batches[0]![phase] === undefined) continue
      figures.addRuns('server', `${name}: ${label}`, batches.map((b) => b[phase] ?? 0), 'µs')
    }
    const totals = batches.map((b) => Object.values(b).reduce((a, x) => a + x, 0))
    figures.addRuns('server', `${name}: total of the phases`, totals, 'µs', {
      note: `from Server-Timing; single-core ceiling ≈ ${Math.round(1e6 / median(totals))} req/s before HTTP`,
    })
  }
}
