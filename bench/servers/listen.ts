// Shared start-up of the bench's server processes: 127.0.0.1 only, `--port N` (0 = any free
// port), and one JSON line on stdout once listening so the bench process knows the port.
import { serve } from '@hono/node-server'

/**
 * The value after `--name` on the command line, or `fallback`.
 *
 * @example
 * const port = Number(argument('port', '0'))
 */
export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback
}

/**
 * Serves `fetch` on 127.0.0.1 at `--port` and prints `{"listening":port}` when ready;
 * exits cleanly on SIGTERM / SIGINT.
 *
 * @example
 * listen(app.fetch)
 */
export function listen(fetch: (request: Request) => Response | Promise<Response>): void {
  const port = Number(argument('port', '0'))
  const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ listening: info.port })}\n`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
