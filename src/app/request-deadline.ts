import { HttpError } from '../errors.ts'

/**
 * A page request's deadline: a signal aborted when the client disconnects or the timeout
 * passes, and `race(work)`, which answers a timed-out request with 503 at once (a hung
 * handler cannot hold the connection — or its session's lock — forever; it keeps its signal
 * to stop by itself). With `outliveClient` a client that goes away only aborts the signal: the
 * work is still awaited (an idempotent postback's answer is kept for its duplicates).
 *
 * @example
 * const deadline = deadlineOf(c.req.raw.signal, 110_000)
 * const result = await deadline.race(runPage(page, { ...request, signal: deadline.signal }, settings))
 */
export function deadlineOf(client: AbortSignal | undefined, timeoutMs: number, outliveClient = false) {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(new HttpError(503, `The page did not answer within ${timeoutMs} ms (requestTimeoutMs); try again.`)), timeoutMs)
  timer.unref()
  const signal = client ? AbortSignal.any([client, timeout.signal]) : timeout.signal
  const racedSignal = outliveClient ? timeout.signal : signal
  return {
    signal,
    async race<T>(work: Promise<T>): Promise<T> {
      let stop: (() => void) | undefined
      const aborted = new Promise<never>((_, reject) => {
        const onAbort = () => reject(timeout.signal.aborted ? timeout.signal.reason : new HttpError(400, 'The client closed the connection before the answer.'))
        if (racedSignal.aborted) return onAbort()
        racedSignal.addEventListener('abort', onAbort, { once: true })
        stop = () => racedSignal.removeEventListener('abort', onAbort)
      })
      try {
        return await Promise.race([work, aborted])
      } finally {
        stop?.()
        clearTimeout(timer)
      }
    },
  }
}
