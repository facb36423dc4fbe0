import { describe, expect, it } from 'vitest'
import { MemoryStore } from './memory-store.ts'
import { ObjectCache } from './object-cache.ts'
import { fakeClock } from './test-helpers.ts'

function setup(options: ConstructorParameters<typeof ObjectCache>[1] = {}) {
  const clock = fakeClock()
  const cache = new ObjectCache(new MemoryStore({ now: clock.now }), { now: clock.now, ...options })
  return { clock, cache }
}

describe('ObjectCache', () => {
  it('gets what was set and undefined for the rest', async () => {
    const { cache } = setup()
    await cache.set('menu', ['soup', 'bread'])
    expect(await cache.get<string[]>('menu')).toEqual(['soup', 'bread'])
    expect(await cache.get('other')).toBeUndefined()
    await cache.delete('menu')
    expect(await cache.get('menu')).toBeUndefined()
  })

  it('refuses undefined values', async () => {
    const { cache } = setup()
    await expect(cache.set('k', undefined)).rejects.toThrow(/cannot be undefined/)
  })

  it('calls the factory once for 10 concurrent getOrCreate of one key', async () => {
    const { cache } = setup()
    let calls = 0
    const factory = async () => {
      calls++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { built: calls }
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrCreate('report', factory)))
    expect(calls).toBe(1)
    expect(results.every((r) => r.built === 1)).toBe(true)
    expect(await cache.getOrCreate('report', factory)).toEqual({ built: 1 })
    expect(calls).toBe(1)
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 })
  })

  it('does not cache a failing factory and lets the next call retry', async () => {
    const { cache } = setup()
    await expect(cache.getOrCreate('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
    expect(await cache.getOrCreate('k', () => 'fresh')).toBe('fresh')
  })

  it('applies absolute and sliding expiry from the options', async () => {
    const { cache, clock } = setup()
    await cache.set('abs', 1, { absoluteMs: 1000 })
    await cache.set('slide', 2, { slidingMs: 1000 })
    clock.advance(900)
    expect(await cache.get('slide')).toBe(2)
    clock.advance(200)
    expect(await cache.get('abs')).toBeUndefined()
    expect(await cache.get('slide')).toBe(2)
    clock.advance(1000)
    expect(await cache.get('slide')).toBeUndefined()
  })

  it('uses the default expiry when an item names none', async () => {
    const { cache, clock } = setup({ defaults: { absoluteMs: 100 } })
    await cache.set('default', 1, { tags: ['t'] })
    await cache.set('own', 2, { absoluteMs: 1000 })
    clock.advance(100)
    expect(await cache.get('default')).toBeUndefined()
    expect(await cache.get('own')).toBe(2)
  })

  it('invalidates by tag and flushes', async () => {
    const { cache } = setup()
    await cache.getOrCreate('p1', () => 'product 1', { tags: ['products'] })
    await cache.set('c1', 'customer 1', { tags: ['customers'] })
    await cache.invalidate('products')
    expect(await cache.get('p1')).toBeUndefined()
    expect(await cache.get('c1')).toBe('customer 1')
    await cache.flush()
    expect(await cache.get('c1')).toBeUndefined()
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, entries: 0 })
  })
})
