import { describe, expect, it } from 'vitest'
import { ifNoneMatch, ifRangeHolds, notModifiedSince } from './conditional.ts'

describe('ifNoneMatch (weak comparison)', () => {
  const tags = ['"abc"', '"abc-br"']
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"abc-br"', true],
    ['"xyz"', false],
    ['"xyz", W/"abc"', true],
    ['"xyz","abc"', true],
    ['*', true],
    [' * ', true],
    ['abc', false],
    ['"ab"', false],
  ])('%j → %j', (header, expected) => {
    expect(ifNoneMatch(header, tags)).toBe(expected)
  })
})

describe('notModifiedSince', () => {
  const mtime = Date.parse('2025-04-01T10:00:00.400Z')
  it('compares in whole seconds and ignores a bad date', () => {
    expect(notModifiedSince('Tue, 01 Apr 2025 10:00:00 GMT', mtime)).toBe(true)
    expect(notModifiedSince('Tue, 01 Apr 2025 09:59:59 GMT', mtime)).toBe(false)
    expect(notModifiedSince('yesterday', mtime)).toBe(false)
    expect(notModifiedSince(undefined, mtime)).toBe(false)
  })
})

describe('ifRangeHolds (strong comparison)', () => {
  it('holds without the header, on the same strong tag or a date not before the change', () => {
    expect(ifRangeHolds(undefined, '"abc"', 0)).toBe(true)
    expect(ifRangeHolds('"abc"', '"abc"', 0)).toBe(true)
    expect(ifRangeHolds('W/"abc"', '"abc"', 0)).toBe(false)
    expect(ifRangeHolds('"old"', '"abc"', 0)).toBe(false)
    expect(ifRangeHolds('Tue, 01 Apr 2025 10:00:00 GMT', '"abc"', Date.parse('2025-04-01T10:00:00Z'))).toBe(true)
    expect(ifRangeHolds('Tue, 01 Apr 2025 09:00:00 GMT', '"abc"', Date.parse('2025-04-01T10:00:00Z'))).toBe(false)
  })
})
