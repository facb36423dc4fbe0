import type { ServerType } from '@hono/node-server'

/**
 * On SIGINT or SIGTERM: stop accepting connections, let requests in progress finish (up to
 * `graceMs`, then open connections are cut), close the app (its Redis connections and timers)
 * and exit 0. A second signal changes nothing; a stop that hangs past `graceMs` + 2 s exits 1.
 *
 * @example
 * const server = serve({ fetch: app.fetch, port: 3000 })
 * stopOnSignals(server, app)
 */
export function stopOnSignals(server: ServerType, app: { close(): Promise<void> }, graceMs = 8000): void {
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    // Keep-alive connections would hold close() open until the client hangs up.
    const cut = setTimeout(() => closeConnections(server, 'all'), graceMs)
    setTimeout(() => process.exit(1), graceMs + 2000).unref()
    server.close(() => {
      clearTimeout(cut)
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`deltaform: closing the app failed: ${(error as Error).message}`)
          process.exit(1)
        },
      )
    })
    closeConnections(server, 'idle')
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function closeConnections(server: ServerType, which: 'idle' | 'all'): void {
  const method = which === 'idle' ? 'closeIdleConnections' : 'closeAllConnections'
  const close = (server as unknown as Record<string, unknown>)[method]
  if (typeof close === 'function') close.call(server)
}
