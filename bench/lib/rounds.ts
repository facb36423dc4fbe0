// Load scenarios against servers in other processes, round by round: every scenario once per
// round, in a rotating order, so the machine's noise spreads over all of them and a ratio can
// pair two scenarios run in the same round.
import { load, type LoadRequest } from './load.ts'

/**
 * How long and how hard to load.
 *
 * @example
 * const o: LoadOptions = { seconds: 4, warmupSeconds: 2, rounds: 3, connections: 16 }
 */
export interface LoadOptions {
  seconds: number
  warmupSeconds: number
  rounds: number
  connections: number
}

/**
 * One load scenario: a request repeated under load and what its answer must contain.
 *
 * @example
 * const s: Scenario = { name: 'raw Hono: GET clock.aspx HTML', request: { url: `${origin}/clock.aspx` }, expect: 'UpdatePanel1' }
 */
export interface Scenario {
  name: string
  request: LoadRequest
  /** What the answer must contain, checked once before loading. */
  expect: string
}

/**
 * What the rounds measured: req/s per run of each scenario, and failed requests (non-2xx,
 * errors, timeouts) of scenarios that had any.
 *
 * @example
 * const { rps, failures }: RoundsResult = await runRounds(scenarios, options, console.log)
 */
export interface RoundsResult {
  rps: Map<string, number[]>
  failures: Map<string, number>
}

/**
 * Sends a scenario's request once and throws unless it answers 200 with the expected text.
 *
 * @example
 * await checkScenario({ name: 'hit', request: { url: `${origin}/cache.aspx?zip=98052` }, expect: 'Forecast' })
 */
export async function checkScenario(s: Scenario): Promise<void> {
  const r = s.request
  const response = await fetch(r.url, { method: r.method ?? 'GET', headers: r.headers, body: r.body })
  const text = await response.text()
  if (response.status !== 200 || !text.includes(s.expect)) {
    throw new Error(`${s.name}: expected 200 and "${s.expect}", got ${response.status}: ${text.slice(0, 200)}`)
  }
}

/**
 * Checks every scenario, warms each up for `warmupSeconds`, then loads each one `rounds`
 * times (rotated by `rotateBy` per round and reversed on odd rounds, so no scenario always
 * follows the same neighbour), logging each run.
 *
 * @example
 * const { rps } = await runRounds(scenarios, { seconds: 4, warmupSeconds: 2, rounds: 3, connections: 16 }, console.log)
 * rps.get('raw Hono: GET clock.aspx HTML') // [9800, 10100, 9900]
 */
export async function runRounds(scenarios: Scenario[], options: LoadOptions, log: (line: string) => void, rotateBy = 5): Promise<RoundsResult> {
  for (const s of scenarios) await checkScenario(s)

  log(`  warm-up: ${scenarios.length} scenarios × ${options.warmupSeconds} s`)
  for (const s of scenarios) await load(s.request, { seconds: options.warmupSeconds, connections: options.connections })

  const rps = new Map<string, number[]>(scenarios.map((s) => [s.name, []]))
  const failures = new Map<string, number>()
  for (let round = 0; round < options.rounds; round++) {
    const start = (round * rotateBy) % scenarios.length
    let order = [...scenarios.slice(start), ...scenarios.slice(0, start)]
    if (round % 2) order = order.reverse()
    for (const s of order) {
      const result = await load(s.request, { seconds: options.seconds, connections: options.connections })
      rps.get(s.name)!.push(result.rps)
      if (result.failures) failures.set(s.name, (failures.get(s.name) ?? 0) + result.failures)
      log(`  round ${round + 1}/${options.rounds}  ${s.name.padEnd(52)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50ms} ms`)
    }
  }
  return { rps, failures }
}
