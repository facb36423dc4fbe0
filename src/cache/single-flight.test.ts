import { describe, expect, it } from 'vitest'
import { SingleFlight, singleFlight } from './single-flight.ts'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('SingleFlight', () => {
  it('runs one call for concurrent callers of a key, and a new one afterwards', async () => {
    const flights = new SingleFlight()
    let calls = 0
    const work = async () => {
      calls++
      await tick()
      return calls
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => flights.run('k', work)))
    expect(results).toEqual(Array(10).fill(1))
    expect(flights.size).toBe(0)
    expect(await flights.run('k', work)).toBe(2)
  })

  it('keeps keys apart', async () => {
    const flights = new SingleFlight()
    const [a, b] = await Promise.all([flights.run('a', async () => 'A'), flights.run('b', async () => 'B')])
    expect([a, b]).toEqual(['A', 'B'])
  })

  it('shares a rejection and frees the key, even after a synchronous throw', async () => {
    const flights = new SingleFlight()
    const boom = () => {
      throw new Error('boom')
    }
    const results = await Promise.allSettled([flights.run('k', boom), flights.run('k', boom)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(flights.size).toBe(0)
    expect(await flights.run('k', () => 'ok')).toBe('ok')
  })

  it('has a process-wide form', async () => {
    let calls = 0
    const load = async () => {
      calls++
      await tick()
      return 'rates'
    }
    await Promise.all([singleFlight('rates', load), singleFlight('rates', load)])
    expect(calls).toBe(1)
  })
})
