// Integration tests against a real redis-server (started here; the tests fail if there is none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type RedisServerHandle } from '../../scripts/redis-server.ts'
import { makeEntry } from './expiry.ts'
import { ObjectCache } from './object-cache.ts'
import { RedisConnection, RedisUnavailableError } from './redis-connection.ts'
import { RedisStore, type InvalidationEvent } from './redis-store.ts'
import { describeCacheStore } from './test-helpers.ts'

let redis: RedisServerHandle
let shared: RedisConnection
let run = 0

beforeAll(async () => {
  redis = await startRedis()
  shared = new RedisConnection({ url: redis.url })
}, 180_000) // may apt-get install redis-server first

afterAll(async () => {
  await shared?.close()
  await redis?.stop()
})

describeCacheStore('RedisStore', (now) => new RedisStore({ connection: shared, prefix: `contract${++run}:`, now }))

describe('RedisStore across two app instances', () => {
  let a: RedisStore
  let b: RedisStore
  beforeAll(() => {
    a = new RedisStore({ url: redis.url, prefix: 'pair:' }) // own connection each: two instances
    b = new RedisStore({ url: redis.url, prefix: 'pair:' })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('shares entries, their expiry and their deletion', async () => {
    await a.set('page:/home', makeEntry({ body: '<h1>Home</h1>', headers: { 'content-type': 'text/html' } }, { absoluteMs: 60_000, tags: ['news'] }, Date.now()))
    const entry = await b.get('page:/home')
    expect(entry?.value).toEqual({ body: '<h1>Home</h1>', headers: { 'content-type': 'text/html' } })
    expect(entry?.tags).toEqual(['news'])
    await b.delete('page:/home')
    expect(await a.get('page:/home')).toBeUndefined()
  })

  it('gives entries a Redis expiry so that Redis reclaims them', async () => {
    await a.set('ttl', makeEntry(1, { absoluteMs: 30_000 }, Date.now()))
    const pttl = await a.connection.run((client) => client.pttl('pair:c:ttl'))
    expect(pttl).toBeGreaterThan(29_000)
    expect(pttl).toBeLessThanOrEqual(30_000)
    await a.set('forever', makeEntry(1, {}, Date.now()))
    expect(await a.connection.run((client) => client.pttl('pair:c:forever'))).toBe(-1)
  })

  it('stamps entries with tag generations and deletes a stale entry when it is read', async () => {
    await a.set('stamped', makeEntry('v', { tags: ['g1'] }, Date.now()))
    const fields = () => a.connection.run((client) => client.hgetall('pair:c:stamped'))
    const before = await fields()
    await a.invalidateTag('g1')
    const generation = Number(await a.connection.run((client) => client.hget('pair:gens', 'tag:g1')))
    expect(Number(before['tag:g1'])).toBe(generation - 1)
    await a.set('stamped', makeEntry('v2', { tags: ['g1'] }, Date.now()))
    expect(Number((await fields())['tag:g1'])).toBe(generation)
    await b.invalidateTag('g1')
    expect(await a.get('stamped')).toBeUndefined()
    expect(await a.connection.run((client) => client.exists('pair:c:stamped'))).toBe(0)
  })

  it('sees a tag invalidated on one instance as a miss on the other within 100 ms', async () => {
    const latencies: number[] = []
    for (let round = 0; round < 5; round++) {
      await a.set('product:7', makeEntry({ price: round }, { tags: ['products', 'product:7'] }, Date.now()))
      expect((await b.get('product:7'))?.value).toEqual({ price: round })
      const started = performance.now()
      await a.invalidateTag(round % 2 ? 'products' : 'product:7')
      let seenAfter = Infinity
      while (performance.now() - started < 1000) {
        if ((await b.get('product:7')) === undefined) {
          seenAfter = performance.now() - started
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      latencies.push(seenAfter)
    }
    console.log(`cross-instance invalidation latency (ms): ${latencies.map((ms) => ms.toFixed(2)).join(', ')}`)
    expect(Math.max(...latencies)).toBeLessThan(100)
  })

  it('announces invalidations and flushes to listeners on other instances', async () => {
    const events: InvalidationEvent[] = []
    const stop = b.onInvalidate((event) => events.push(event))
    await new Promise((resolve) => setTimeout(resolve, 50)) // the subscription is best effort: let it settle
    await a.invalidateTag('menu')
    await a.flush()
    const deadline = Date.now() + 1000
    while (events.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    stop()
    expect(events).toEqual([{ tag: 'menu' }, { flush: true }])
  })

  it('flushes for every instance and deletes the keys of its prefix only', async () => {
    const other = new RedisStore({ connection: a.connection, prefix: 'other:' })
    await other.set('keep', makeEntry(1, {}, Date.now()))
    for (let i = 0; i < 600; i++) await a.set(`k${i}`, makeEntry(i, {}, Date.now()))
    await b.flush()
    expect(await a.get('k1')).toBeUndefined()
    expect(await a.connection.run((client) => client.keys('pair:c:*'))).toEqual([])
    expect((await other.get('keep'))?.value).toBe(1)
  })

  it('runs the object cache with single-flight per instance', async () => {
    const cache = new ObjectCache(b)
    let calls = 0
    const factory = async () => {
      calls++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return ['a', 'b']
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrCreate('list', factory, { slidingMs: 60_000, tags: ['lists'] })))
    expect(calls).toBe(1)
    expect(results).toEqual(Array(10).fill(['a', 'b']))
    expect(await new ObjectCache(a).get('list')).toEqual(['a', 'b'])
  })

  it('passes reply errors through as they are', async () => {
    await a.connection.run((client) => client.set('pair:c:wrongtype', 'a plain string'))
    const error = await a.get('wrongtype').catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(RedisUnavailableError)
    expect((error as Error).message).toMatch(/WRONGTYPE/)
  })
})

describe('RedisStore while Redis restarts', () => {
  it('fails with a clear error while Redis is down and works again once it is back, with the same store', async () => {
    const own = await startRedis()
    const store = new RedisStore({ url: own.url, prefix: 'fault:' })
    try {
      await store.set('k', makeEntry('before', {}, Date.now()))
      expect((await store.get('k'))?.value).toBe('before')

      await own.stop()
      for (const op of [() => store.get('k'), () => store.set('k', makeEntry('x', {}, Date.now())), () => store.invalidateTag('t'), () => store.flush()]) {
        const started = Date.now()
        const error = await op().catch((e: unknown) => e)
        expect(error).toBeInstanceOf(RedisUnavailableError)
        expect((error as Error).message).toMatch(/^Redis is unreachable at 127\.0\.0\.1:\d+: /)
        expect(Date.now() - started).toBeLessThan(1500) // never queued until Redis returns
      }

      await own.start()
      const deadline = Date.now() + 5000
      let recoveredAfter = -1
      const restarted = Date.now()
      while (Date.now() < deadline) {
        try {
          await store.set('k', makeEntry('after', { tags: ['t'] }, Date.now())) // scripts reload after the restart
          recoveredAfter = Date.now() - restarted
          break
        } catch (error) {
          expect(error).toBeInstanceOf(RedisUnavailableError)
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
      expect(recoveredAfter).toBeGreaterThanOrEqual(0)
      console.log(`RedisStore usable again ${recoveredAfter} ms after redis-server was back`)
      expect((await store.get('k'))?.value).toBe('after')
      await store.invalidateTag('t')
      expect(await store.get('k')).toBeUndefined()
    } finally {
      await store.close()
      await own.stop()
    }
  })
})
