// Server processes of a bench run: each on its own process, 127.0.0.1, killed at the end
// (also when the run fails or is interrupted).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/**
 * A started server: its origin and its process.
 *
 * @example
 * const server: ServerProcess = await startServer('deltaform', 'bench/servers/deltaform.ts')
 * await fetch(`${server.origin}/clock.aspx`)
 */
export interface ServerProcess {
  name: string
  origin: string
  child: ChildProcess
}

const running = new Set<ChildProcess>()

function stopAllNow(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}
process.on('exit', stopAllNow)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAllNow()
    process.exit(130)
  })
}

/**
 * Starts `node --import tsx <script> --port 0 …args` and resolves once it prints
 * `{"listening":port}`; rejects (and kills it) when it exits first or takes over 30 s.
 *
 * @example
 * const raw = await startServer('raw-hono', 'bench/servers/raw-hono.ts', ['--pages', file])
 */
export function startServer(name: string, script: string, args: string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
  const portOf = (line: string) => (line.startsWith('{') ? (JSON.parse(line) as { listening?: number }).listening : undefined)
  return spawnServer(name, ['--import', 'tsx', script, '--port', '0', ...args], env, portOf)
}

/**
 * Starts the `deltaform` command (`bin/deltaform.js` + `args`, after Node's own `nodeFlags`) and
 * resolves once it prints its `serving … on http://host:PORT` line; otherwise as {@link startServer}.
 *
 * @example
 * const two = await startCommand('2 instances', ['serve', 'samples/pages', '--port', '0', '--instances', '2'])
 * const traced = await startCommand('soak', ['serve', 'samples/pages', '--port', '0'], {}, ['--trace-gc'])
 */
export function startCommand(name: string, args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<ServerProcess> {
  const bin = join(import.meta.dirname, '../../bin/deltaform.js')
  const portOf = (line: string) => Number(/ serving .* on http:\/\/[^ ]+:(\d+)/.exec(line)?.[1]) || undefined
  return spawnServer(name, [...nodeFlags, bin, ...args], env, portOf)
}

function spawnServer(name: string, argv: string[], env: Record<string, string>, portOf: (line: string) => number | undefined): Promise<ServerProcess> {
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let stderr = ''
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s.\n${stderr}`)), 30_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    child.once('exit', (code) => fail(new Error(`${name} exited (code ${code}) before listening.\n${stderr}`)))
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const port = portOf(line)
      if (port) {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        child.once('exit', () => running.delete(child))
        resolve({ name, origin: `http://127.0.0.1:${port}`, child })
      }
    })
  })
}

/**
 * Stops a server (SIGTERM, then SIGKILL after 3 s) and waits for it to exit.
 *
 * @example
 * await stopServer(server)
 */
export async function stopServer(server: ServerProcess): Promise<void> {
  const child = server.child
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
