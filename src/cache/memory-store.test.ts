import { describe, expect, it } from 'vitest'
import { makeEntry } from './expiry.ts'
import { MemoryStore } from './memory-store.ts'
import { describeCacheStore, fakeClock } from './test-helpers.ts'

describeCacheStore('MemoryStore', (now) => new MemoryStore({ now }))

describe('MemoryStore bounds', () => {
  const entry = (value: unknown, tags: string[] = []) => makeEntry(value, { tags }, Date.now())

  it('evicts the least recently used entry past maxEntries, and counts it', async () => {
    const store = new MemoryStore({ maxEntries: 3 })
    await store.set('a', entry(1))
    await store.set('b', entry(2))
    await store.set('c', entry(3))
    await store.get('a') // a is now more recent than b
    await store.set('d', entry(4))
    expect(await store.get('b')).toBeUndefined()
    expect((await store.get('a'))?.value).toBe(1)
    expect((await store.get('c'))?.value).toBe(3)
    expect((await store.get('d'))?.value).toBe(4)
    expect(store.stats()).toEqual({ hits: 4, misses: 1, entries: 3, evictions: 1 })
  })

  it('bounds the serialized size and skips a value larger than the bound', async () => {
    const store = new MemoryStore({ maxSizeBytes: 100 })
    await store.set('a', entry('x'.repeat(40))) // 42 bytes of JSON
    await store.set('b', entry('y'.repeat(40)))
    await store.set('c', entry('z'.repeat(40))) // 126 > 100: a goes
    expect(await store.get('a')).toBeUndefined()
    expect(store.stats().evictions).toBe(1)
    await store.set('huge', entry('h'.repeat(200)))
    expect(await store.get('huge')).toBeUndefined()
    expect((await store.get('c'))?.value).toBe('z'.repeat(40))
  })

  it('forgets the tags of evicted and replaced entries', async () => {
    const store = new MemoryStore({ maxEntries: 1 })
    await store.set('a', entry(1, ['t']))
    await store.set('b', entry(2, ['u'])) // evicts a
    await store.set('a', entry(3, ['u'])) // evicts b
    await store.invalidateTag('t') // a no longer has t
    expect((await store.get('a'))?.value).toBe(3)
    await store.invalidateTag('u')
    expect(await store.get('a')).toBeUndefined()
    expect(store.stats().entries).toBe(0)
  })

  it('drops an expired entry on read, which is not an eviction', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now })
    await store.set('a', makeEntry(1, { absoluteMs: 10 }, clock.now()))
    clock.advance(10)
    expect(await store.get('a')).toBeUndefined()
    expect(store.stats()).toEqual({ hits: 0, misses: 1, entries: 0, evictions: 0 })
  })

  it('hands out copies of the entry but the value by reference', async () => {
    const store = new MemoryStore()
    const value = { n: 1 }
    await store.set('a', entry(value, ['t']))
    const got = await store.get('a')
    got!.tags.push('other')
    expect((await store.get('a'))?.tags).toEqual(['t'])
    expect(got!.value).toBe(value)
  })
})
