// Output-cache hits over HTTP against a bare Hono app answering the same HTML, and
// `deltaform serve --instances 2` against `--instances 1`: every server in its own process
// (the real command, production mode, memory stores), loaded by autocannon from this process.
import { rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCommand, startServer, stopServer, type ServerProcess } from '../lib/children.ts'
import { atLeast, type Figures, type Goal } from '../lib/figures.ts'
import { runRounds, type LoadOptions, type Scenario } from '../lib/rounds.ts'
import { pairRatios } from '../lib/stats.ts'

const hitPath = '/cache.aspx?zip=98052'

/** The "Rendered at" of a cache.aspx answer: the same on two answers means the second was a hit. */
const renderedAt = (html: string) => /Rendered at <span id="RenderedAt">([^<]*)</.exec(html)?.[1]

/**
 * Starts `deltaform serve <pagesDir> --instances 1` and `--instances 2` and a bare Hono app
 * answering cache.aspx's HTML; loads the output-cache hit of cache.aspx?zip=98052 and the
 * GET of orders.aspx on both, in rotating rounds; adds the req/s figures, hit ÷ raw Hono
 * (goal ≥ 0.9) and 2 instances ÷ 1 instance (goal ≥ 1.7 on the orders.aspx GET).
 *
 * @example
 * await measureInstances(figures, 'samples/pages', 'ab'.repeat(32), { seconds: 4, warmupSeconds: 2, rounds: 3, connections: 16 }, console.log)
 */
export async function measureInstances(figures: Figures, pagesDir: string, keyHex: string, options: LoadOptions, log: (line: string) => void): Promise<void> {
  const servers: ServerProcess[] = []
  const pagesFile = join(tmpdir(), `deltaform-bench-cache-${process.pid}.json`)
  const env = { NODE_ENV: 'production', DELTAFORM_KEY: keyHex, REDIS_URL: '' }
  const serve = (n: number) => startCommand(`deltaform --instances ${n}`, ['serve', pagesDir, '--production', '--port', '0', '--instances', String(n)], env)
  try {
    const [one, two] = await Promise.all([serve(1), serve(2)])
    servers.push(one, two)
    const first = await (await fetch(one.origin + hitPath)).text()
    const second = await (await fetch(one.origin + hitPath)).text()
    if (!renderedAt(first) || renderedAt(first) !== renderedAt(second)) throw new Error(`cache.aspx was rendered twice: the output cache did not answer the second request`)
    writeFileSync(pagesFile, JSON.stringify({ '/cache.aspx': second }))
    const raw = await startServer('raw-hono', join(import.meta.dirname, '../servers/raw-hono.ts'), ['--pages', pagesFile])
    servers.push(raw)

    const names = {
      raw: 'raw Hono: GET cache.aspx HTML',
      hit1: '1 instance: cache.aspx output-cache hit',
      hit2: '2 instances: cache.aspx output-cache hit',
      get1: '1 instance: GET orders.aspx',
      get2: '2 instances: GET orders.aspx',
    }
    const scenarios: Scenario[] = [
      { name: names.raw, request: { url: raw.origin + '/cache.aspx' }, expect: 'id="RenderedAt"' },
      { name: names.hit1, request: { url: one.origin + hitPath }, expect: 'id="RenderedAt"' },
      { name: names.hit2, request: { url: two.origin + hitPath }, expect: 'id="RenderedAt"' },
      { name: names.get1, request: { url: one.origin + '/orders.aspx' }, expect: 'PanelOrders' },
      { name: names.get2, request: { url: two.origin + '/orders.aspx' }, expect: 'PanelOrders' },
    ]
    const { rps, failures } = await runRounds(scenarios, options, log, 2)

    for (const s of scenarios) {
      const bad = failures.get(s.name)
      if (bad) figures.absent('cache', s.name, 'req/s', `${bad} failed requests (non-2xx, errors or timeouts) under load`)
      else figures.addRuns('cache', s.name, rps.get(s.name)!, 'req/s')
    }
    const ratio = (name: string, a: string, b: string, goal?: Goal, note?: string) => {
      if (failures.get(a) || failures.get(b)) return figures.absent('cache', name, 'ratio', 'a side had failed requests', goal)
      return figures.addRuns('cache', name, pairRatios(rps.get(a)!, rps.get(b)!), 'ratio', { goal, note })
    }
    const cores = availableParallelism()
    const shared = `${cores} CPU${cores === 1 ? '' : 's'} shared by the workers, the primary handing out connections and autocannon itself`
    ratio('cache.aspx output-cache hit / raw Hono GET', names.hit1, names.raw, atLeast(0.9, '≥ 0.9× raw Hono'), 'the same HTML; one process each')
    ratio('2 instances / 1 instance, GET orders.aspx', names.get2, names.get1, atLeast(1.7, '≥ 1.7× one instance (where two cores allow)'), shared)
    ratio('2 instances / 1 instance, cache.aspx output-cache hit', names.hit2, names.hit1, undefined, `${shared}; each worker has its own memory cache`)
  } finally {
    await Promise.all(servers.map(stopServer))
    rmSync(pagesFile, { force: true })
  }
}
