// A throwaway redis-server for tests and local runs: `startRedis()` finds the binary (installing
// it with apt-get when we are root and it is missing), starts it on a free port without
// persistence and waits until it answers PING. `stop()` and `start()` again on the same port let
// fault tests take Redis away and bring it back.
//
//   npx tsx scripts/redis-server.ts [port]   runs one until Ctrl-C and prints its URL

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * A redis-server child process on 127.0.0.1.
 *
 * @example
 * const redis = await startRedis()
 * await redis.stop()  // Redis is down
 * await redis.start() // back on the same port, empty
 */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** Whether the process is up. */
  readonly running: boolean
  /** Starts it again (same port, empty data) after {@link RedisServerHandle.stop}. */
  start(): Promise<void>
  /** Stops it and waits for the process to exit. */
  stop(): Promise<void>
}

/**
 * Where redis-server is: `$REDIS_SERVER`, else the first on PATH (or /usr/bin, /usr/sbin,
 * /usr/local/bin). When missing and running as root, installs it with apt-get; otherwise throws,
 * so that tests needing Redis fail instead of passing without it.
 *
 * @example
 * const binary = findRedisServer() // '/usr/bin/redis-server'
 */
export function findRedisServer(): string {
  const fromEnv = process.env['REDIS_SERVER']
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`REDIS_SERVER=${fromEnv} is not an executable file`)
    return fromEnv
  }
  const found = searchPath()
  if (found) return found
  if (process.getuid?.() !== 0) {
    throw new Error('redis-server is not installed and this process is not root: install it (apt-get install redis-server) or set REDIS_SERVER to its path')
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env }).status === 0
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env })
    install()
  }
  const installed = searchPath()
  if (!installed) throw new Error('redis-server is missing and `apt-get install -y redis-server` did not provide it')
  return installed
}

/**
 * Starts a redis-server without persistence on `port` (default: a free one) and resolves once it
 * answers PING. Always `stop()` it (e.g. in `afterAll`).
 *
 * @example
 * const redis = await startRedis()
 * const store = new RedisStore({ url: redis.url })
 * // …
 * await store.close()
 * await redis.stop()
 */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServerHandle> {
  const binary = findRedisServer()
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort())
    const server = new RedisServer(binary, port)
    try {
      await server.start()
      return server
    } catch (error) {
      // Another process may have taken the free port between our probe and redis binding it.
      if (options.port !== undefined || attempt >= 3) throw error
    }
  }
}

const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

class RedisServer implements RedisServerHandle {
  readonly url: string
  private child: ChildProcess | undefined

  constructor(private readonly binary: string, readonly port: number) {
    this.url = `redis://127.0.0.1:${port}`
  }

  get running(): boolean {
    return this.child !== undefined
  }

  async start(): Promise<void> {
    if (this.child) return
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir(), '--loglevel', 'warning']
    const child = spawn(this.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let output = ''
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000)
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    const exited = new Promise<never>((_, reject) => {
      child.once('error', reject)
      child.once('exit', (code, signal) => reject(new Error(`redis-server on port ${this.port} exited (${signal ?? code}) while starting:\n${output}`)))
    })
    exited.catch(() => {})
    this.child = child
    const forget = () => {
      children.delete(child)
      if (this.child === child) this.child = undefined
    }
    child.once('exit', forget)
    child.once('error', forget) // e.g. the binary vanished: there is no process to wait for
    try {
      await Promise.race([waitForPing(this.port, 10_000), exited])
    } catch (error) {
      await this.stop()
      throw error
    }
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child) return
    this.child = undefined
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
    const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    await exit
    clearTimeout(timer)
  }
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await ping(port)) return
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let reply = ''
    const finish = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => finish(false))
    socket.once('error', () => finish(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'))
    })
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function searchPath(): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin']
  for (const dir of dirs) {
    if (!dir) continue
    const candidate = join(dir, 'redis-server')
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = process.argv[2] ? Number(process.argv[2]) : undefined
  const redis = await startRedis(port === undefined ? {} : { port })
  console.log(redis.url)
  const shutdown = () => void redis.stop().then(() => process.exit(0))
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}
