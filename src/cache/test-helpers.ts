// Test-only helpers (not published): a fake clock and the behaviour every CacheStore must have,
// run against the memory store and against Redis.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeEntry, type ExpiryOptions } from './expiry.ts'
import type { CacheStore } from './store.ts'

/**
 * A clock that moves only when told to.
 *
 * @example
 * const clock = fakeClock()
 * const store = new MemoryStore({ now: clock.now })
 * clock.advance(1000)
 */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start
  return { now: () => time, advance: (ms) => void (time += ms) }
}

/**
 * Registers the CacheStore contract tests; `make` builds a fresh, empty store on `now`.
 *
 * @example
 * describeCacheStore('MemoryStore', (now) => new MemoryStore({ now }))
 */
export function describeCacheStore(name: string, make: (now: () => number) => CacheStore | Promise<CacheStore>): void {
  describe(`${name} (CacheStore contract)`, () => {
    let clock: ReturnType<typeof fakeClock>
    let store: CacheStore
    const put = (key: string, value: unknown, options: ExpiryOptions & { tags?: string[] } = {}) =>
      store.set(key, makeEntry(value, options, clock.now()))
    const value = async (key: string) => (await store.get(key))?.value

    beforeEach(async () => {
      clock = fakeClock()
      store = await make(clock.now)
    })
    afterEach(async () => {
      await store.close()
    })

    it('gives back what was stored, with its tags and times, and misses unknown keys', async () => {
      await put('a', { n: 1, list: [1, 'two', null], empty: [] }, { absoluteMs: 5000, tags: ['x', 'y', 'x'] })
      const entry = await store.get('a')
      expect(entry?.value).toEqual({ n: 1, list: [1, 'two', null], empty: [] })
      expect(entry?.tags.sort()).toEqual(['x', 'y'])
      expect(entry?.storedAt).toBe(clock.now())
      expect(entry?.expiresAt).toBe(clock.now() + 5000)
      expect(await store.get('nope')).toBeUndefined()
    })

    it('keeps strings, numbers, null and false as they are', async () => {
      for (const v of ['<p>hi</p>', '', 0, 3.25, null, false]) {
        await put('v', v)
        expect(await value('v')).toEqual(v)
      }
    })

    it('replaces an entry and deletes one', async () => {
      await put('a', 1, { tags: ['old'] })
      await put('a', 2, { tags: ['new'] })
      await store.invalidateTag('old')
      expect(await value('a')).toBe(2)
      await store.delete('a')
      expect(await store.get('a')).toBeUndefined()
    })

    it('expires an absolute entry at its time, not before', async () => {
      await put('a', 'x', { absoluteMs: 1000 })
      clock.advance(999)
      expect(await value('a')).toBe('x')
      clock.advance(1)
      expect(await store.get('a')).toBeUndefined()
    })

    it('moves a sliding entry on with every hit, and lets it go when idle', async () => {
      await put('a', 'x', { slidingMs: 1000 })
      for (let i = 0; i < 4; i++) {
        clock.advance(800)
        const entry = await store.get('a')
        expect(entry?.value).toBe('x')
        expect(entry?.expiresAt).toBe(clock.now() + 1000)
      }
      clock.advance(1000)
      expect(await store.get('a')).toBeUndefined()
    })

    it('never slides past the absolute limit', async () => {
      await put('a', 'x', { slidingMs: 1000, absoluteMs: 2500 })
      clock.advance(800)
      expect(await value('a')).toBe('x')
      clock.advance(800)
      expect((await store.get('a'))?.expiresAt).toBe(clock.now() - 1600 + 2500)
      clock.advance(800)
      expect(await value('a')).toBe('x')
      clock.advance(100) // 100 ms after the last hit, but at the limit
      expect(await store.get('a')).toBeUndefined()
    })

    it('does not keep an entry that is already expired', async () => {
      const entry = makeEntry('x', { absoluteMs: 10 }, clock.now() - 20)
      await store.set('a', entry)
      expect(await store.get('a')).toBeUndefined()
    })

    it('invalidates exactly the entries carrying a tag', async () => {
      await put('a', 'a', { tags: ['x'] })
      await put('b', 'b', { tags: ['x', 'y'] })
      await put('c', 'c', { tags: ['y'] })
      await put('d', 'd')
      await store.invalidateTag('x')
      expect(await store.get('a')).toBeUndefined()
      expect(await store.get('b')).toBeUndefined()
      expect(await value('c')).toBe('c')
      expect(await value('d')).toBe('d')
      await store.invalidateTag('never-used')
      expect(await value('c')).toBe('c')
    })

    it('caches under a tag again after its invalidation, until the next one', async () => {
      await put('a', 1, { tags: ['x'] })
      await store.invalidateTag('x')
      await put('a', 2, { tags: ['x'] })
      expect(await value('a')).toBe(2)
      await store.invalidateTag('x')
      await store.invalidateTag('x')
      expect(await store.get('a')).toBeUndefined()
      await put('a', 3, { tags: ['x'] })
      expect(await value('a')).toBe(3)
    })

    it('flushes everything and caches again afterwards', async () => {
      await put('a', 1)
      await put('b', 2, { tags: ['x'] })
      await store.flush()
      expect(await store.get('a')).toBeUndefined()
      expect(await store.get('b')).toBeUndefined()
      await put('a', 3)
      expect(await value('a')).toBe(3)
    })

    it('counts hits and misses', async () => {
      await put('a', 1)
      await store.get('a')
      await store.get('a')
      await store.get('b')
      expect(store.stats()).toMatchObject({ hits: 2, misses: 1 })
    })
  })
}
