import { describe, expect, it } from 'vitest'
import { isExpired, makeEntry, slide } from './expiry.ts'

describe('makeEntry', () => {
  const now = 1_000_000

  it('sets an absolute expiry', () => {
    expect(makeEntry('v', { absoluteMs: 500 }, now)).toEqual({ value: 'v', tags: [], storedAt: now, expiresAt: now + 500 })
  })

  it('sets a sliding expiry, capped by the absolute limit', () => {
    expect(makeEntry('v', { slidingMs: 300 }, now)).toMatchObject({ slidingMs: 300, expiresAt: now + 300 })
    expect(makeEntry('v', { slidingMs: 300, absoluteMs: 200 }, now)).toMatchObject({ expiresAt: now + 200, absoluteExpiresAt: now + 200 })
  })

  it('keeps no expiry when none is asked for, and dedupes tags', () => {
    const entry = makeEntry(null, { tags: ['a', 'b', 'a'] }, now)
    expect(entry).toEqual({ value: null, tags: ['a', 'b'], storedAt: now })
    expect(isExpired(entry, Number.MAX_SAFE_INTEGER)).toBe(false)
  })

  it('refuses undefined and durations that are not positive numbers', () => {
    expect(() => makeEntry(undefined, {}, now)).toThrow(/cannot be undefined/)
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      expect(() => makeEntry('v', { absoluteMs: bad }, now)).toThrow(RangeError)
      expect(() => makeEntry('v', { slidingMs: bad }, now)).toThrow(/slidingMs must be a positive number/)
    }
  })
})

describe('slide and isExpired', () => {
  it('moves a sliding entry up to its limit and leaves others alone', () => {
    const sliding = makeEntry('v', { slidingMs: 100, absoluteMs: 250 }, 0)
    expect(slide(sliding, 50).expiresAt).toBe(150)
    expect(slide(sliding, 200).expiresAt).toBe(250)
    const fixed = makeEntry('v', { absoluteMs: 100 }, 0)
    expect(slide(fixed, 50)).toBe(fixed)
    expect(isExpired(fixed, 99)).toBe(false)
    expect(isExpired(fixed, 100)).toBe(true)
  })
})
