// Requests per second of Deltaform, a bare Hono app and the htmx peer, each server in its own
// process, loaded by autocannon from this process; scenarios alternate round by round so the
// machine's noise spreads over all of them, and ratios are taken within a round.
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Exchange, SampleActions } from '../lib/actions.ts'
import { startServer, stopServer, type ServerProcess } from '../lib/children.ts'
import { atLeast, type Figures, type Goal } from '../lib/figures.ts'
import type { LoadRequest } from '../lib/load.ts'
import { runRounds, type LoadOptions, type Scenario } from '../lib/rounds.ts'
import { pairRatios } from '../lib/stats.ts'

const kept = ['content-type', 'x-microsoftajax', 'x-requested-with']

function replay(exchange: Exchange, origin: string): LoadRequest {
  const url = new URL(exchange.request.url)
  const headers: Record<string, string> = {}
  for (const name of kept) if (exchange.request.headers[name]) headers[name] = exchange.request.headers[name]!
  return { url: `${origin}${url.pathname}${url.search}`, method: exchange.request.method, headers, body: exchange.request.method === 'POST' ? exchange.request.body : undefined }
}

/**
 * Starts the three servers (Deltaform in production mode with `keyHex`, raw Hono answering
 * Deltaform's captured GET pages, the htmx peer), loads every scenario `rounds` times in
 * rotating order, adds req/s figures and the goal ratios, and stops the servers.
 * `capture` captures the actions against the running Deltaform server.
 *
 * @example
 * await measureThroughput(figures, (origin) => captureActions(fetch, origin), 'ab'.repeat(32), { seconds: 4, warmupSeconds: 2, rounds: 3, connections: 16 }, console.log)
 */
export async function measureThroughput(
  figures: Figures,
  capture: (origin: string) => Promise<SampleActions>,
  keyHex: string,
  options: LoadOptions,
  log: (line: string) => void,
): Promise<void> {
  const servers: ServerProcess[] = []
  const pagesFile = join(tmpdir(), `deltaform-bench-pages-${process.pid}.json`)
  try {
    const here = import.meta.dirname
    const deltaform = await startServer('deltaform', join(here, '../servers/deltaform.ts'), [], { NODE_ENV: 'production', DELTAFORM_KEY: keyHex })
    servers.push(deltaform)
    const actions = await capture(deltaform.origin)
    writeFileSync(pagesFile, JSON.stringify({ '/clock.aspx': actions.clock.get.response.body, '/orders.aspx': actions.orders.get.response.body }))
    const [raw, htmx] = await Promise.all([
      startServer('raw-hono', join(here, '../servers/raw-hono.ts'), ['--pages', pagesFile]),
      startServer('htmx', join(here, '../peers/server.ts')),
    ])
    servers.push(raw, htmx)
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const d = deltaform.origin
    const scenarios: Scenario[] = [
      { name: 'raw Hono: GET clock.aspx HTML', request: { url: `${raw.origin}/clock.aspx` }, expect: 'UpdatePanel1' },
      { name: 'Deltaform clock.aspx: GET', request: replay(actions.clock.get, d), expect: 'UpdatePanel1' },
      { name: 'Deltaform clock.aspx: full postback', request: replay(actions.clock.full, d), expect: '<html' },
      { name: 'Deltaform clock.aspx: async postback', request: replay(actions.clock.async, d), expect: '|updatePanel|UpdatePanel1|' },
      { name: 'Deltaform callback-time.aspx: callback', request: replay(actions.clock.callback, d), expect: ':' },
      { name: 'htmx peer clock: GET', request: { url: `${htmx.origin}/clock` }, expect: 'hx-post' },
      { name: 'htmx peer clock: click (POST /clock/time)', request: { url: `${htmx.origin}/clock/time`, method: 'POST', headers: form, body: 'asked=0' }, expect: 'Asked' },
      { name: 'raw Hono: GET orders.aspx HTML', request: { url: `${raw.origin}/orders.aspx` }, expect: 'PanelOrders' },
      { name: 'Deltaform orders.aspx: GET', request: replay(actions.orders.get, d), expect: 'PanelOrders' },
      { name: 'Deltaform orders.aspx: full postback (page 2)', request: replay(actions.orders.full, d), expect: '<td>10050</td>' },
      { name: 'Deltaform orders.aspx: async postback (page 2)', request: replay(actions.orders.async, d), expect: '<td>10050</td>' },
      { name: 'Deltaform orders.aspx: callback (page 2)', request: replay(actions.orders.callback, d), expect: '10050' },
      { name: 'htmx peer orders: GET', request: { url: `${htmx.origin}/orders` }, expect: 'OrdersPanel' },
      { name: 'htmx peer orders: grid page 2 (GET /orders/grid)', request: { url: `${htmx.origin}/orders/grid?page=2` }, expect: '<td>10050</td>' },
      { name: 'htmx peer orders: panel page 2 (GET /orders/panel)', request: { url: `${htmx.origin}/orders/panel?page=2` }, expect: '<td>10050</td>' },
    ]
    const { rps, failures } = await runRounds(scenarios, options, log)

    for (const s of scenarios) {
      const bad = failures.get(s.name)
      if (bad) figures.absent('throughput', s.name, 'req/s', `${bad} failed requests (non-2xx, errors or timeouts) under load`)
      else figures.addRuns('throughput', s.name, rps.get(s.name)!, 'req/s')
    }

    const ratio = (name: string, a: string, b: string, goal?: Goal) => {
      if (failures.get(a) || failures.get(b)) return figures.absent('throughput', name, 'ratio', 'a side had failed requests', goal)
      return figures.addRuns('throughput', name, pairRatios(rps.get(a)!, rps.get(b)!), 'ratio', { goal })
    }
    const vsRaw = atLeast(0.5, '≥ 0.5× raw Hono')
    const vsHtmx = atLeast(1, '≥ 1.0× htmx')
    ratio('clock.aspx async postback / raw Hono GET', 'Deltaform clock.aspx: async postback', 'raw Hono: GET clock.aspx HTML', vsRaw)
    ratio('clock.aspx async postback / htmx peer click', 'Deltaform clock.aspx: async postback', 'htmx peer clock: click (POST /clock/time)', vsHtmx)
    ratio('orders.aspx async postback / raw Hono GET', 'Deltaform orders.aspx: async postback (page 2)', 'raw Hono: GET orders.aspx HTML', vsRaw)
    ratio('orders.aspx async postback / htmx peer panel page', 'Deltaform orders.aspx: async postback (page 2)', 'htmx peer orders: panel page 2 (GET /orders/panel)', vsHtmx)
    ratio('clock.aspx GET / raw Hono GET', 'Deltaform clock.aspx: GET', 'raw Hono: GET clock.aspx HTML')
    ratio('clock.aspx full postback / raw Hono GET', 'Deltaform clock.aspx: full postback', 'raw Hono: GET clock.aspx HTML')
    ratio('clock.aspx async postback / full postback', 'Deltaform clock.aspx: async postback', 'Deltaform clock.aspx: full postback')
    ratio('callback-time.aspx callback / raw Hono GET clock.aspx', 'Deltaform callback-time.aspx: callback', 'raw Hono: GET clock.aspx HTML')
    ratio('clock.aspx GET / htmx peer GET', 'Deltaform clock.aspx: GET', 'htmx peer clock: GET')
    ratio('htmx peer click / raw Hono GET clock.aspx', 'htmx peer clock: click (POST /clock/time)', 'raw Hono: GET clock.aspx HTML')
    ratio('orders.aspx GET / raw Hono GET', 'Deltaform orders.aspx: GET', 'raw Hono: GET orders.aspx HTML')
    ratio('orders.aspx async postback / full postback', 'Deltaform orders.aspx: async postback (page 2)', 'Deltaform orders.aspx: full postback (page 2)')
    ratio('orders.aspx callback / htmx peer grid page', 'Deltaform orders.aspx: callback (page 2)', 'htmx peer orders: grid page 2 (GET /orders/grid)')
    ratio('orders.aspx GET / htmx peer GET', 'Deltaform orders.aspx: GET', 'htmx peer orders: GET')
  } finally {
    await Promise.all(servers.map(stopServer))
    rmSync(pagesFile, { force: true })
  }
}
