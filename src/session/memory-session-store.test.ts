import { describe, expect, it } from 'vitest'
import { fakeClock } from '../cache/test-helpers.ts'
import { MemorySessionStore } from './memory-session-store.ts'

describe('MemorySessionStore', () => {
  it('loads what was saved, as a copy', async () => {
    const store = new MemorySessionStore()
    const data = { cart: ['a'] }
    await store.save('s1', data, 1000)
    data.cart.push('b')
    const loaded = await store.load('s1')
    expect(loaded).toEqual({ cart: ['a'] })
    ;(loaded!['cart'] as string[]).push('c')
    expect(await store.load('s1')).toEqual({ cart: ['a'] })
    expect(await store.load('unknown')).toBeUndefined()
  })

  it('expires a session after its idle timeout, and save or touch restart it', async () => {
    const clock = fakeClock()
    const store = new MemorySessionStore({ now: clock.now })
    await store.save('s', { n: 1 }, 1000)
    clock.advance(900)
    await store.touch('s', 1000)
    clock.advance(900)
    expect(await store.load('s')).toEqual({ n: 1 }) // 1800 ms after save, 900 after touch
    await store.save('s', { n: 2 }, 1000)
    clock.advance(999)
    expect(await store.load('s')).toEqual({ n: 2 })
    clock.advance(1)
    expect(await store.load('s')).toBeUndefined()
    await store.touch('s', 1000) // does not bring it back
    expect(await store.load('s')).toBeUndefined()
  })

  it('sweeps out expired sessions nobody asks for again', async () => {
    const clock = fakeClock()
    const store = new MemorySessionStore({ now: clock.now, sweepIntervalMs: 5000 })
    for (let i = 0; i < 10; i++) await store.save(`old${i}`, {}, 1000)
    clock.advance(5000)
    await store.save('new', {}, 1000)
    expect(store.size).toBe(1)
  })

  it('destroys a session and refuses bad timeouts', async () => {
    const store = new MemorySessionStore()
    await store.save('s', { n: 1 }, 1000)
    await store.destroy('s')
    expect(await store.load('s')).toBeUndefined()
    await expect(store.save('s', {}, 0)).rejects.toThrow(RangeError)
    await expect(store.touch('s', Number.NaN)).rejects.toThrow(/ttlMs must be a positive number/)
  })
})
