import { randomBytes } from 'node:crypto'
import { RedisConnection, type RedisConnectionOptions } from '../cache/redis-connection.ts'
import { InProcessSessionLock, type SessionLock } from './lock.ts'
import { acquireLock, dropReservation, releaseLock, renewLock } from './redis-lock-scripts.ts'

/**
 * Thrown when a request waited longer than `waitTimeoutMs` for its session's lock.
 *
 * @example
 * catch (e) { if (e instanceof SessionLockTimeoutError) return c.text('try again', 503) }
 */
export class SessionLockTimeoutError extends Error {
  override readonly name = 'SessionLockTimeoutError'
}

/**
 * Options of a {@link RedisSessionLock}.
 *
 * @example
 * const options: RedisSessionLockOptions = { connection, ttlMs: 30_000, waitTimeoutMs: 60_000 }
 */
export interface RedisSessionLockOptions extends RedisConnectionOptions {
  /** The app instance's connection; when absent the lock opens (and closes) its own. */
  connection?: RedisConnection
  /** Start of every key and channel name. Default `deltaform:`. */
  prefix?: string
  /** How long a lock lives unless renewed; it is renewed every third of it while held. Default 10 s. */
  ttlMs?: number
  /** How long a request waits for the lock before a {@link SessionLockTimeoutError}. Default 10 s. */
  waitTimeoutMs?: number
  /** Longest pause between attempts when no release message arrives. Default 50 ms. */
  retryMaxMs?: number
}

/**
 * A {@link SessionLock} across app instances. Within an instance, requests of a session queue
 * in process (so at most one per instance talks to Redis); across instances they take a Redis
 * lock (`SET NX PX` with a random token, released by compare-and-delete, renewed while held).
 * Waiters wake on the release message (`<prefix>unlock`) or retry with backoff, and a waiting
 * instance reserves the next turn so instances alternate fairly.
 *
 * @example
 * const lock = new RedisSessionLock({ connection })
 * await lock.run(session.id, async () => {
 *   const data = (await sessions.load(session.id)) ?? {}
 *   await sessions.save(session.id, { ...data, n: Number(data.n ?? 0) + 1 }, ttl)
 * })
 */
export class RedisSessionLock implements SessionLock {
  readonly connection: RedisConnection
  readonly prefix: string
  private readonly ownsConnection: boolean
  private readonly local = new InProcessSessionLock()
  private readonly ttlMs: number
  private readonly waitTimeoutMs: number
  private readonly retryMaxMs: number
  private readonly channel: string
  private readonly wakers = new Map<string, Set<() => void>>()
  private unsubscribe: (() => void) | undefined

  constructor(options: RedisSessionLockOptions = {}) {
    this.ownsConnection = !options.connection
    this.connection = options.connection ?? new RedisConnection(options)
    this.prefix = options.prefix ?? 'deltaform:'
    this.ttlMs = options.ttlMs ?? 10_000
    this.waitTimeoutMs = options.waitTimeoutMs ?? 10_000
    this.retryMaxMs = options.retryMaxMs ?? 50
    this.channel = `${this.prefix}unlock`
  }

  run<T>(id: string, fn: () => T | Promise<T>): Promise<T> {
    return this.local.run(id, () => this.runLocked(id, fn))
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    if (this.ownsConnection) await this.connection.close()
  }

  private async runLocked<T>(id: string, fn: () => T | Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}lock:${id}`
    const token = randomBytes(16).toString('base64url')
    await this.acquire(id, lockKey, token)
    const renewal = setInterval(() => {
      this.connection.run((client) => renewLock.run(client, [lockKey], [token, this.ttlMs])).catch(() => {})
    }, Math.max(10, Math.floor(this.ttlMs / 3)))
    renewal.unref()
    try {
      return await fn()
    } finally {
      clearInterval(renewal)
      // If Redis is gone the lock simply expires; fn's outcome is what the caller needs.
      await this.connection.run((client) => releaseLock.run(client, [lockKey], [token, this.channel, id])).catch(() => {})
    }
  }

  private async acquire(id: string, lockKey: string, token: string): Promise<void> {
    this.unsubscribe ??= this.connection.subscribe(this.channel, (released) => {
      for (const wake of this.wakers.get(released) ?? []) wake()
    })
    const nextKey = `${lockKey}:next`
    const reserveMs = Math.max(200, 4 * this.retryMaxMs)
    const deadline = Date.now() + this.waitTimeoutMs
    let released = false
    let wake: (() => void) | undefined
    const waker = () => {
      released = true
      wake?.()
    }
    let wakers = this.wakers.get(id)
    if (!wakers) this.wakers.set(id, (wakers = new Set()))
    wakers.add(waker)
    try {
      for (let delay = 1; ; delay = Math.min(delay * 2, this.retryMaxMs)) {
        released = false
        const taken = await this.connection.run((client) => acquireLock.run(client, [lockKey, nextKey], [token, this.ttlMs, reserveMs]))
        if (taken === 1) return
        if (Date.now() >= deadline) {
          await this.connection.run((client) => dropReservation.run(client, [nextKey], [token])).catch(() => {})
          throw new SessionLockTimeoutError(`session lock: waited more than ${this.waitTimeoutMs} ms for session ${id}`)
        }
        if (released) continue // released while our attempt was on the wire
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = undefined
      }
    } finally {
      wakers.delete(waker)
      if (wakers.size === 0 && this.wakers.get(id) === wakers) this.wakers.delete(id)
    }
  }
}
