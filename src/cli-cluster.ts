import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'

/**
 * The worker count of `--instances`: a whole number; `0` or `auto` = the CPUs of the machine.
 * `undefined` for anything else.
 *
 * @example
 * parseInstances('4') // 4
 * parseInstances('auto') // os.availableParallelism(), e.g. 8
 */
export function parseInstances(text: string | undefined): number | undefined {
  if (text === 'auto' || text === '0') return availableParallelism()
  const n = Number(text)
  return text && /^\d+$/.test(text) && n >= 1 && n <= 1024 ? n : undefined
}

/** What the primary of `deltaform serve --instances N` needs. */
export interface ClusterOptions {
  instances: number
  /** The signing key (hex), resolved once here so every worker signs with the same key. */
  keyHex: string
  /** `serving <dir> on http://host:PORT` without the port, for the start line. */
  startLine: (port: number) => string
  log?: (line: string) => void
  warn?: (line: string) => void
}

/** The most a worker that keeps crashing waits before its next start. */
const maxBackoffMs = 30_000
/** Workers still running this long after a stop signal are killed. */
const stopTimeoutMs = 12_000

/**
 * Runs the primary process of `deltaform serve --instances N`: forks N workers (each runs the
 * same command and serves the shared port; the primary hands them connections in turn),
 * starts a new worker after a short, growing pause when one dies unexpectedly, and on
 * SIGINT/SIGTERM tells every worker to stop gracefully and exits once they have.
 * A worker that dies before it ever served (a bad config, a port in use) stops the whole
 * command with exit code 1 instead of a restart loop.
 *
 * @example
 * if (cluster.isPrimary) runCluster({ instances: 4, keyHex, startLine: (port) => `serving pages on http://127.0.0.1:${port}` })
 */
export function runCluster(options: ClusterOptions): void {
  const log = options.log ?? ((line: string) => console.log(line))
  const warn = options.warn ?? ((line: string) => console.error(line))
  // The workers take the key from the environment: no worker reads or creates the
  // development key file, so forking cannot race on it.
  const env = { DELTAFORM_KEY: options.keyHex }
  const served = new Set<Worker>()
  const crashes: number[] = []
  const pending = new Set<NodeJS.Timeout>()
  let started = false
  let stopping = false

  const fork = () => cluster.fork(env)

  cluster.on('listening', (worker, address) => {
    served.add(worker)
    if (!started && served.size >= options.instances) {
      started = true
      const pids = Object.values(cluster.workers ?? {}).map((w) => w!.process.pid)
      log(`${options.startLine(address.port)} with ${options.instances} instances (primary ${process.pid}, workers ${pids.join(', ')})`)
    }
  })

  cluster.on('exit', (worker, code, signal) => {
    const how = signal ? `signal ${signal}` : `code ${code}`
    const hadServed = served.delete(worker)
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit()
      return
    }
    if (!hadServed && !started) {
      warn(`deltaform: a worker exited (${how}) before it could serve; stopping.`)
      stop(1)
      return
    }
    const now = Date.now()
    crashes.push(now)
    while (crashes.length && crashes[0]! < now - 60_000) crashes.shift()
    // 0.5 s, 1 s, 2 s … up to 30 s while crashes keep coming within a minute.
    const delay = Math.min(maxBackoffMs, 250 * 2 ** crashes.length)
    warn(`deltaform: worker ${worker.process.pid} exited unexpectedly (${how}); starting another in ${delay} ms.`)
    const timer = setTimeout(() => {
      pending.delete(timer)
      if (!stopping) fork()
    }, delay)
    pending.add(timer)
  })

  function stop(exitCode: number): void {
    if (stopping) {
      // A second Ctrl-C: do not wait any longer.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(exitCode || 1)
    }
    stopping = true
    for (const timer of pending) clearTimeout(timer)
    const workers = Object.values(cluster.workers ?? {})
    if (workers.length === 0) process.exit(exitCode)
    process.exitCode = exitCode
    for (const worker of workers) worker?.process.kill('SIGTERM')
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(exitCode || 1)
    }, stopTimeoutMs).unref()
  }

  process.on('SIGINT', () => stop(0))
  process.on('SIGTERM', () => stop(0))
  for (let i = 0; i < options.instances; i++) fork()
}
