// Integration tests against a real redis-server: the Redis session store and the session lock
// across two app instances (each with its own connections).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type RedisServerHandle } from '../../scripts/redis-server.ts'
import { RedisConnection, RedisUnavailableError } from '../cache/redis-connection.ts'
import { RedisSessionLock, SessionLockTimeoutError } from './redis-lock.ts'
import { RedisSessionStore } from './redis-session-store.ts'
import { loadSession, saveSession } from './session-state.ts'
import { newSessionId } from './session.ts'

let redis: RedisServerHandle

/** One app instance: a connection shared by its session store and its lock. */
function instance(options: { lockTtlMs?: number; waitTimeoutMs?: number } = {}) {
  const connection = new RedisConnection({ url: redis.url })
  const store = new RedisSessionStore({ connection })
  const lock = new RedisSessionLock({ connection, ttlMs: options.lockTtlMs, waitTimeoutMs: options.waitTimeoutMs })
  return { connection, store, lock, close: async () => (await lock.close(), await connection.close()) }
}
type Instance = ReturnType<typeof instance>

beforeAll(async () => {
  redis = await startRedis()
}, 180_000) // may apt-get install redis-server first

afterAll(async () => {
  await redis?.stop()
})

describe('RedisSessionStore', () => {
  let app: Instance
  beforeAll(() => void (app = instance()))
  afterAll(() => app?.close())

  it('saves, loads, touches and destroys with a Redis expiry', async () => {
    const id = newSessionId()
    expect(await app.store.load(id)).toBeUndefined()
    await app.store.save(id, { user: 'ann', cart: [{ sku: 'A', qty: 2 }] }, 5000)
    expect(await app.store.load(id)).toEqual({ user: 'ann', cart: [{ sku: 'A', qty: 2 }] })
    const key = `deltaform:s:${id}`
    const pttl = () => app.connection.run((client) => client.pttl(key))
    expect(await pttl()).toBeGreaterThan(4000)
    await app.store.touch(id, 60_000)
    expect(await pttl()).toBeGreaterThan(59_000)
    await app.store.destroy(id)
    expect(await app.store.load(id)).toBeUndefined()
  })

  it('lets go of a session after its timeout', async () => {
    const id = newSessionId()
    await app.store.save(id, { n: 1 }, 30)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(await app.store.load(id)).toBeUndefined()
  })

  it('carries a session between instances through loadSession and saveSession', async () => {
    const other = instance()
    try {
      const first = await loadSession(app.store, undefined)
      first.set('step', 1)
      expect(await saveSession(app.store, first, 60_000)).toBe('saved')
      const second = await loadSession(other.store, first.id)
      expect(second.get('step')).toBe(1)
    } finally {
      await other.close()
    }
  })
})

describe('RedisSessionLock across two instances', () => {
  let a: Instance
  let b: Instance
  beforeAll(() => {
    a = instance()
    b = instance()
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('loses none of 1,000 concurrent increments split across the instances', async () => {
    const id = newSessionId()
    const increment = (app: Instance) =>
      app.lock.run(id, async () => {
        const data = (await app.store.load(id)) ?? {}
        await app.store.save(id, { ...data, n: Number(data['n'] ?? 0) + 1 }, 60_000)
      })
    const started = performance.now()
    await Promise.all(Array.from({ length: 1000 }, (_, i) => increment(i % 2 ? b : a)))
    const ms = performance.now() - started
    console.log(`1,000 increments across two instances: ${ms.toFixed(0)} ms`)
    expect((await a.store.load(id))?.['n']).toBe(1000)
  })

  it('lets only one request of a session in at a time, and instances take turns', async () => {
    const id = newSessionId()
    let inside = 0
    let most = 0
    const order: string[] = []
    const request = (app: Instance, name: string) =>
      app.lock.run(id, async () => {
        most = Math.max(most, ++inside)
        order.push(name)
        await new Promise((resolve) => setTimeout(resolve, 2))
        inside--
      })
    await Promise.all(Array.from({ length: 40 }, (_, i) => request(i % 2 ? b : a, i % 2 ? 'b' : 'a')))
    expect(most).toBe(1)
    // Fair enough: neither instance runs its whole queue before the other gets a turn.
    const firstB = order.indexOf('b')
    expect(firstB).toBeGreaterThanOrEqual(0)
    expect(firstB).toBeLessThan(5)
    expect(order.slice(0, 20).filter((name) => name === 'b').length).toBeGreaterThan(5)
  })

  it('keeps the lock while a long request runs past the lock ttl', async () => {
    // A ttl well above event-loop stalls of a busy CI machine, and a request four times longer.
    const shortA = instance({ lockTtlMs: 300 })
    const shortB = instance({ lockTtlMs: 300 })
    try {
      const id = newSessionId()
      const log: string[] = []
      const slow = shortA.lock.run(id, async () => {
        log.push('slow start')
        await new Promise((resolve) => setTimeout(resolve, 1200))
        log.push('slow end')
      })
      await new Promise((resolve) => setTimeout(resolve, 20))
      const quick = shortB.lock.run(id, () => void log.push('quick'))
      await Promise.all([slow, quick])
      expect(log).toEqual(['slow start', 'slow end', 'quick'])
    } finally {
      await shortA.close()
      await shortB.close()
    }
  })

  it('gives up waiting after waitTimeoutMs with a SessionLockTimeoutError', async () => {
    const impatient = instance({ waitTimeoutMs: 100 })
    try {
      const id = newSessionId()
      let release!: () => void
      const holding = a.lock.run(id, () => new Promise<void>((resolve) => (release = resolve)))
      await new Promise((resolve) => setTimeout(resolve, 20))
      const started = Date.now()
      await expect(impatient.lock.run(id, () => 'never')).rejects.toBeInstanceOf(SessionLockTimeoutError)
      expect(Date.now() - started).toBeLessThan(1000)
      release()
      await holding
      expect(await impatient.lock.run(id, () => 'now')).toBe('now')
    } finally {
      await impatient.close()
    }
  })
})

describe('Redis sessions while Redis restarts', () => {
  it('fail with a clear error while Redis is down and work again once it is back', async () => {
    const own = await startRedis()
    const connection = new RedisConnection({ url: own.url })
    const store = new RedisSessionStore({ connection })
    const lock = new RedisSessionLock({ connection })
    try {
      const id = newSessionId()
      await lock.run(id, () => store.save(id, { n: 1 }, 60_000))
      await own.stop()
      await expect(store.load(id)).rejects.toBeInstanceOf(RedisUnavailableError)
      await expect(lock.run(id, () => 'ran')).rejects.toThrow(/^Redis is unreachable/)
      await own.start()
      const deadline = Date.now() + 5000
      let result: unknown
      while (Date.now() < deadline) {
        try {
          result = await lock.run(id, async () => (await store.load(id)) ?? 'empty after restart')
          break
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
      expect(result).toBe('empty after restart')
    } finally {
      await lock.close()
      await connection.close()
      await own.stop()
    }
  })
})
