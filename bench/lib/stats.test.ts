import { describe, expect, it } from 'vitest'
import { median, pairRatios, round, summarize } from './stats.ts'

describe('bench stats', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow()
  })

  it('reports the spread relative to the median', () => {
    const s = summarize([100, 90, 110])
    expect(s).toMatchObject({ median: 100, min: 90, max: 110 })
    expect(s.spread).toBeCloseTo(0.2)
    expect(summarize([5]).spread).toBe(0)
  })

  it('pairs ratios run by run', () => {
    expect(pairRatios([10, 20], [5, 5])).toEqual([2, 4])
    expect(() => pairRatios([1], [1, 2])).toThrow()
  })

  it('rounds to significant digits', () => {
    expect(round(0.123456, 3)).toBe(0.123)
    expect(round(12345.6, 3)).toBe(12300)
    expect(round(0)).toBe(0)
  })
})
