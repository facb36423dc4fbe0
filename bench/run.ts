// npm run bench: measures Deltaform side by side in one run and writes bench/results.json and
// bench/results.md (figures, goals, findings). Figures are sizes, times and ratios reported as
// medians with their spread — never timing assertions.
//
// Settings (environment): BENCH_SECONDS (per load run, default 4), BENCH_WARMUP (s, 2),
// BENCH_ROUNDS (3), BENCH_CONNECTIONS (16), BENCH_APPLY_RUNS (10), CHROMIUM_PATH.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createApp } from '../src/app/create-app.ts'
import { captureActions } from './lib/actions.ts'
import { atLeast, atMost, Figures, type Goal, type Section } from './lib/figures.ts'
import { loadAverage, machineInfo } from './lib/machine.ts'
import { createHtmxApp } from './peers/htmx-app.ts'
import { findings } from './report/findings.ts'
import { renderMarkdown, type BenchResults } from './report/markdown.ts'
import { measureApply } from './sections/apply.ts'
import { measureActionBytes, measureViewState } from './sections/bytes.ts'
import { measureClientSize } from './sections/client-size.ts'
import { measureInstances } from './sections/instances.ts'
import { measureOutputCache } from './sections/output-cache.ts'
import { measureParse } from './sections/parse.ts'
import { measurePhases } from './sections/phases.ts'
import { measureThroughput } from './sections/throughput.ts'

const started = performance.now()
const setting = (name: string, fallback: number) => Number(process.env[name]) || fallback
const settings = {
  'load seconds per run': setting('BENCH_SECONDS', 4),
  'warm-up seconds per scenario': setting('BENCH_WARMUP', 2),
  rounds: setting('BENCH_ROUNDS', 3),
  connections: setting('BENCH_CONNECTIONS', 16),
  'Chromium apply runs': setting('BENCH_APPLY_RUNS', 10),
}
// A fixed signing key: the bench's own, never a deployment's.
const key = 'b3'.repeat(32)
const pagesDir = join(import.meta.dirname, '../samples/pages')
const figures = new Figures()
const errors: string[] = []
const machine = machineInfo()
const log = (line: string) => console.log(line)
const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`

async function section(title: string, work: () => Promise<unknown>): Promise<void> {
  log(`\n== ${title} (${elapsed()})`)
  try {
    await work()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    errors.push(`${title}: ${message}`)
    console.error(`${title} failed:`, error)
  }
}

const app = createApp({ pages: pagesDir, key, mode: 'production' })
const inProcess = (r: Request) => app.request(r)
const htmx = createHtmxApp()
const actions = await captureActions(inProcess, 'http://localhost')

await section('bytes', async () => {
  const peer = (r: Request) => htmx.request(r)
  await measureActionBytes(figures, 'clock.aspx', actions.clock, peer, { page: '/clock', click: { method: 'POST', path: '/clock/time', body: 'asked=0' } })
  await measureActionBytes(figures, 'orders.aspx', actions.orders, peer, { page: '/orders', click: { method: 'GET', path: '/orders/panel?page=2' } })
  await measureViewState(figures, inProcess, pagesDir, actions)
})
await section('client size and delta parsing', async () => {
  await measureClientSize(figures)
  measureParse(figures)
})
await section('1,000-row apply in Chromium', async () => {
  const version = await measureApply(figures, actions.clock.get, actions.clock.async, settings['Chromium apply runs'])
  if (version) machine.chromium = version
})
await section('server phases', () => measurePhases(figures, actions, pagesDir, key))
const loadOptions = {
  seconds: settings['load seconds per run'],
  warmupSeconds: settings['warm-up seconds per scenario'],
  rounds: settings.rounds,
  connections: settings.connections,
}
await section('throughput', () => measureThroughput(figures, (origin) => captureActions((r) => fetch(r), origin), key, loadOptions, log))
await section('output cache in-process: miss, hit, 304, stampede', () => measureOutputCache(figures, pagesDir, key))
await section('output cache over HTTP and instances', () => measureInstances(figures, pagesDir, key, loadOptions, log))

// Every goal appears in the report, measured or not.
const goals: Array<[Section, string, string, Goal]> = [
  ['bytes', 'clock.aspx "Get Server Time" click: async / full postback answer', 'ratio', atMost(0.1, '≤ 0.10')],
  ['bytes', 'orders.aspx grid page 2: async / full postback answer', 'ratio', atMost(0.1, '≤ 0.10')],
  ['bytes', 'clock.aspx "Get Server Time" click: callback / full postback answer', 'ratio', atMost(0.02, '≤ 0.02')],
  ['bytes', 'orders.aspx grid page 2: callback / full postback answer', 'ratio', atMost(0.02, '≤ 0.02')],
  ['bytes', 'orders.aspx __VIEWSTATE, first load', 'bytes', atMost(1024, '≤ 1024')],
  ['client', 'runtime-client min+gzip', 'bytes', atMost(6144, '≤ 6144 (6 KiB)')],
  ['client', '1,000-row panel apply / innerHTML', 'ratio', atMost(1.5, '≤ 1.5× innerHTML')],
  ['throughput', 'clock.aspx async postback / raw Hono GET', 'ratio', atLeast(0.5, '≥ 0.5× raw Hono')],
  ['throughput', 'clock.aspx async postback / htmx peer click', 'ratio', atLeast(1, '≥ 1.0× htmx')],
  ['throughput', 'orders.aspx async postback / raw Hono GET', 'ratio', atLeast(0.5, '≥ 0.5× raw Hono')],
  ['throughput', 'orders.aspx async postback / htmx peer panel page', 'ratio', atLeast(1, '≥ 1.0× htmx')],
  ['cache', 'cache.aspx output-cache hit / raw Hono GET', 'ratio', atLeast(0.9, '≥ 0.9× raw Hono')],
  ['cache', 'cold key, 200 concurrent first requests: renders', 'renders', atMost(1, '= 1 render')],
  ['cache', '2 instances / 1 instance, GET orders.aspx', 'ratio', atLeast(1.7, '≥ 1.7× one instance (where two cores allow)')],
]
for (const [s, name, unit, goal] of goals) if (!figures.find(name)) figures.absent(s, name, unit, 'not measured: its section failed (see the errors above)', goal)

machine.loadAfter = loadAverage()
const results: BenchResults = {
  date: new Date().toISOString(),
  seconds: Math.round((performance.now() - started) / 1000),
  machine,
  settings,
  figures: figures.list,
  findings: findings(figures),
  errors,
}
writeFileSync(join(import.meta.dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n')
const md = renderMarkdown(results)
writeFileSync(join(import.meta.dirname, 'results.md'), md)
log(`\n${md}`)
log(`bench: ${results.seconds} s, wrote bench/results.json and bench/results.md${errors.length ? `; ${errors.length} section(s) failed` : ''}`)
process.exitCode = errors.length ? 1 : 0
