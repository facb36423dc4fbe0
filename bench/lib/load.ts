// One load test: autocannon's programmatic API against a server in another process.
import autocannon from 'autocannon'

/**
 * A request to repeat under load (the same bytes every time).
 *
 * @example
 * const r: LoadRequest = { url: 'http://127.0.0.1:4000/clock.aspx' }
 */
export interface LoadRequest {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

/**
 * What one load test measured.
 *
 * @example
 * const { rps, p50ms }: LoadResult = await load(request, { seconds: 5, connections: 16 })
 */
export interface LoadResult {
  /** Mean requests per second over the run's one-second samples. */
  rps: number
  p50ms: number
  p99ms: number
  /** Non-2xx answers, errors and timeouts: any of them makes the run invalid. */
  failures: number
}

/**
 * Loads `request` with `connections` keep-alive connections for `seconds`.
 *
 * @example
 * const result = await load({ url: `${origin}/clock.aspx` }, { seconds: 5, connections: 16 })
 */
export async function load(request: LoadRequest, options: { seconds: number; connections: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 10,
  })
  return {
    rps: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  }
}
