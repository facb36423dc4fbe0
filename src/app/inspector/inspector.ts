import type { Context, Hono } from 'hono'
import type { Page } from '../../page/page.ts'
import type { PhaseTimings } from '../../page/phase-timings.ts'
import type { RequestKind } from '../../request/classify.ts'
import type { DeltaformConfig } from '../config.ts'
import { cspNonce } from '../security-headers.ts'
import { describeDelta, describePage } from './describe-page.ts'
import { renderInspectorPage } from './inspector-page.ts'
import { RequestLog, type InspectedKind, type InspectedRequest } from './request-log.ts'

/**
 * The inspector's settings after defaults.
 *
 * @example
 * const settings: InspectorSettings = { enabled: true, requests: 50, viewStateBudgetBytes: 8192 }
 */
export interface InspectorSettings {
  enabled: boolean
  /** How many requests it keeps. */
  requests: number
  /** `__VIEWSTATE` longer than this gets a warning. */
  viewStateBudgetBytes: number
}

/**
 * Resolves the config's `inspector` key: on in development, off in production; `true`/`false`
 * or `{ enabled }` force it. Numbers that make no sense stop the server with a message.
 *
 * @example
 * inspectorSettings(undefined, true) // { enabled: true, requests: 50, viewStateBudgetBytes: 8192 }
 * inspectorSettings({ viewStateBudgetBytes: 4096 }, false).enabled // false
 */
export function inspectorSettings(config: DeltaformConfig['inspector'], development: boolean): InspectorSettings {
  if (config !== undefined && typeof config !== 'boolean' && (typeof config !== 'object' || config === null)) {
    throw new Error(`inspector must be true, false or an object such as { "requests": 50 }; it is ${JSON.stringify(config)}.`)
  }
  const given = typeof config === 'object' ? config : {}
  const enabled = typeof config === 'boolean' ? config : (given.enabled ?? development)
  const requests = given.requests ?? 50
  const viewStateBudgetBytes = given.viewStateBudgetBytes ?? 8192
  if (!Number.isInteger(requests) || requests < 1 || requests > 10_000) throw new Error(`inspector.requests must be a whole number from 1 to 10000; it is ${requests}.`)
  if (!Number.isFinite(viewStateBudgetBytes) || viewStateBudgetBytes < 0) throw new Error(`inspector.viewStateBudgetBytes must be a number of bytes; it is ${viewStateBudgetBytes}.`)
  return { enabled, requests, viewStateBudgetBytes }
}

/**
 * What the page route tells the inspector about a request, in as many calls as it likes.
 *
 * @example
 * options.inspect?.(c, { kind: 'asyncPostback' } satisfies PageFacts)
 */
export interface PageFacts {
  kind?: RequestKind
  /** The output cache's outcome (`hit`, `shared`, `miss`…) of a cacheable GET. */
  cacheOutcome?: string
  /** The page that ran, its answer body and its phase timings. */
  page?: Page
  body?: string
  timings?: PhaseTimings
}

/**
 * Called by the page route with what it knows; marks the request as a page request to record.
 *
 * @example
 * options.inspect?.(c, { kind })
 */
export type PageObserver = (c: Context, facts: PageFacts) => void

const factsKey = 'deltaformInspectorFacts'

/**
 * Mounts the development inspector: `/__deltaform` (an HTML page), `/__deltaform?format=json`
 * and `/__deltaform/requests.json` (the same data for tools), and a middleware recording
 * every page request into a ring buffer of this app instance. Returns the observer the page
 * route feeds, and the log. Call it after the security headers (the page gets the CSP) and before the
 * page route. Static files, unknown URLs and the inspector itself are not recorded.
 *
 * @example
 * const { inspect } = mountInspector(app, inspectorSettings(config.inspector, development))
 * app.all('*', pageRoute({ …, inspect }))
 */
export function mountInspector(app: Hono, settings: InspectorSettings): { inspect: PageObserver; log: RequestLog } {
  const log = new RequestLog(settings.requests)
  const json = (c: Context) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ capacity: log.capacity, viewStateBudgetBytes: settings.viewStateBudgetBytes, requests: log.newestFirst() })
  }
  app.get('/__deltaform', (c) => {
    if (c.req.query('format') === 'json') return json(c)
    c.header('Cache-Control', 'no-store')
    return c.html(renderInspectorPage(log.newestFirst(), { viewStateBudgetBytes: settings.viewStateBudgetBytes, capacity: log.capacity, nonce: cspNonce(c) }))
  })
  app.get('/__deltaform/requests.json', json)

  app.use('*', async (c, next) => {
    const started = performance.now()
    const time = new Date().toISOString()
    await next()
    const facts = c.get(factsKey as never) as PageFacts | undefined
    if (!facts) return
    try {
      log.add(await describeRequest(c, facts, { time, totalMs: performance.now() - started, viewStateBudgetBytes: settings.viewStateBudgetBytes }))
    } catch (error) {
      // The inspector must never change an answer: a failure to describe it is only logged.
      console.error('deltaform inspector:', error)
    }
  })

  const inspect: PageObserver = (c, facts) => {
    const known = c.get(factsKey as never) as PageFacts | undefined
    c.set(factsKey as never, Object.assign(known ?? {}, facts) as never)
  }
  return { inspect, log }
}

async function describeRequest(c: Context, facts: PageFacts, at: { time: string; totalMs: number; viewStateBudgetBytes: number }): Promise<Omit<InspectedRequest, 'seq'>> {
  const url = new URL(c.req.url)
  const res = c.res
  // A request refused before it was classified (a form over the limits) is still an async
  // postback if the client said so: its HTML error page is exactly what breaks the client.
  const asyncPostBack = facts.kind === 'asyncPostback' || (!facts.kind && /delta\s*=\s*true/i.test(c.req.header('x-microsoftajax') ?? ''))
  const base = {
    time: at.time,
    method: c.req.method,
    path: url.pathname + url.search,
    kind: kindOf(facts, asyncPostBack),
    status: res.status,
    totalMs: Math.round(at.totalMs * 100) / 100,
    phases: (facts.timings?.entries ?? []).map(([name, ms]): [string, number] => [name, Math.round(ms * 100) / 100]),
  }
  if (facts.page && facts.body !== undefined && res.status < 300) {
    const described = describePage(facts.page, facts.body, { asyncPostBack, callback: facts.kind === 'callback', viewStateBudgetBytes: at.viewStateBudgetBytes })
    return { ...base, ...described }
  }
  if (asyncPostBack) {
    // Not answered by the page's delta writer (refused earlier, or an error page): read what was sent.
    const { delta, panelsRefreshed, warnings } = describeDelta(await res.clone().text())
    return { ...base, delta, panelsRefreshed, viewStateByControl: [], warnings }
  }
  return { ...base, panelsRefreshed: [], viewStateByControl: [], warnings: [] }
}

function kindOf(facts: PageFacts, asyncPostBack: boolean): InspectedKind | undefined {
  if (asyncPostBack) return 'async postback'
  switch (facts.kind) {
    case 'get':
      return facts.cacheOutcome === 'hit' || facts.cacheOutcome === 'shared' ? 'output-cache hit' : 'GET'
    case 'postback':
      return 'full postback'
    case 'callback':
      return 'callback'
    default:
      return undefined
  }
}
