import { randomBytes } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { catchHttpError } from '../testing/catch-http-error.ts'
import { seal } from './seal.ts'
import { decodeViewState, encodeViewState, viewStateGenerator } from './view-state.ts'

const signer = { key: Buffer.alloc(32, 7) }
const scope = { pageId: '/counter.aspx' }

function flipMiddle(text: string): string {
  const i = Math.floor(text.length / 2)
  return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1)
}

describe('encodeViewState / decodeViewState', () => {
  it('round-trips nested values with unicode, emoji, Dates and tagged-looking strings', () => {
    const state = {
      count: 3,
      ratio: -0.25,
      ok: true,
      none: null,
      name: 'Zoë 😀 日本',
      tilde: '~d123',
      tildes: '~~x',
      when: new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 123)),
      before1970: new Date(-86_400_000),
      list: [1, 'two', [new Date(0), { deep: { deeper: ['é'] } }], null],
      '~key': 'keys are left alone',
      empty: {},
    }
    const decoded = decodeViewState(encodeViewState(state, signer, scope), signer, scope)
    expect(decoded).toEqual(state)
    expect((decoded as { when: Date }).when).toBeInstanceOf(Date)
    expect((decoded as { when: Date }).when.getTime()).toBe(state.when.getTime())
  })

  it('round-trips top-level scalars and follows JSON for undefined', () => {
    for (const value of [0, 'text', '~', false, null, new Date(5), []]) {
      expect(decodeViewState(encodeViewState(value, signer, scope), signer, scope)).toEqual(value)
    }
    expect(decodeViewState(encodeViewState({ a: undefined, b: [undefined] }, signer, scope), signer, scope)).toEqual({
      b: [null],
    })
  })

  it('keeps a "__proto__" key as data', () => {
    const state = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}')
    const decoded = decodeViewState(encodeViewState(state, signer, scope), signer, scope) as Record<string, unknown>
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(decoded)).toEqual(['__proto__', 'x'])
  })

  it('refuses values JSON would silently change', () => {
    expect(() => encodeViewState({ n: NaN }, signer, scope)).toThrow(TypeError)
    expect(() => encodeViewState({ m: new Map() }, signer, scope)).toThrow(/Map at state\.m/)
    expect(() => encodeViewState({ f: () => 1 }, signer, scope)).toThrow(/function/)
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(() => encodeViewState(cycle, signer, scope)).toThrow(/circular/)
  })

  it('is URL-safe base64 without padding', () => {
    const field = encodeViewState({ text: '?>&/+=' }, signer, scope)
    expect(field).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('compresses repetitive state and leaves tiny state uncompressed', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i % 3, label: 'The same label again', on: true }))
    const json = JSON.stringify(rows)
    const field = encodeViewState(rows, signer, scope)
    expect(field.length).toBeLessThan(json.length / 4)
    expect(Buffer.from(field, 'base64url')[1]).toBe(1)
    expect(decodeViewState(field, signer, scope)).toEqual(rows)

    const tiny = encodeViewState({ a: 1 }, signer, scope)
    expect(Buffer.from(tiny, 'base64url')[1]).toBe(0)
  })

  it('round-trips state of every size through the window sized to it (300 B … 300 KB)', () => {
    for (const count of [10, 100, 1000, 10000]) {
      const rows = Array.from({ length: count }, (_, i) => ({ id: i, name: `row ${(i * 7919) % 1000}` }))
      const field = encodeViewState(rows, signer, scope)
      expect(Buffer.from(field, 'base64url')[1]).toBe(1)
      expect(decodeViewState(field, signer, scope, { maxBytes: 4 * 1024 * 1024 })).toEqual(rows)
    }
  })

  it('returns undefined for an empty field, and encodes undefined as empty', () => {
    expect(decodeViewState('', signer, scope)).toBeUndefined()
    expect(encodeViewState(undefined, signer, scope)).toBe('')
  })

  it('rejects a tampered field with 400 naming __VIEWSTATE', () => {
    const field = encodeViewState({ count: 1, label: 'hello world' }, signer, scope)
    const err = catchHttpError(() => decodeViewState(flipMiddle(field), signer, scope))
    expect(err.status).toBe(400)
    expect(err.message).toBe(
      'The __VIEWSTATE field is not valid: it was tampered with, or it was signed with another key, for another page or for another user.',
    )
  })

  it('rejects a field signed with another key, for another page or another user', () => {
    const field = encodeViewState({ count: 1 }, signer, { pageId: '/a.aspx', userKey: 'session-1' })
    const ok = decodeViewState(field, signer, { pageId: '/a.aspx', userKey: 'session-1' })
    expect(ok).toEqual({ count: 1 })
    for (const [s, sc] of [
      [{ key: randomBytes(32) }, { pageId: '/a.aspx', userKey: 'session-1' }],
      [signer, { pageId: '/b.aspx', userKey: 'session-1' }],
      [signer, { pageId: '/a.aspx', userKey: 'session-2' }],
      [signer, { pageId: '/a.aspx' }],
    ] as const) {
      const err = catchHttpError(() => decodeViewState(field, s, sc))
      expect(err.status).toBe(400)
      expect(err.message).toMatch(/__VIEWSTATE field is not valid/)
    }
  })

  it('does not confuse page and user boundaries', () => {
    const field = encodeViewState(1, signer, { pageId: '/ab', userKey: 'c' })
    expect(() => decodeViewState(field, signer, { pageId: '/a', userKey: 'bc' })).toThrow(HttpError)
  })

  it('rejects truncated fields', () => {
    const field = encodeViewState({ count: 1 }, signer, scope)
    const short = catchHttpError(() => decodeViewState(field.slice(0, 8), signer, scope))
    expect(short.status).toBe(400)
    expect(short.message).toBe('The __VIEWSTATE field is truncated.')
    const cut = catchHttpError(() => decodeViewState(field.slice(0, -4), signer, scope))
    expect(cut.status).toBe(400)
    expect(cut.message).toMatch(/^The __VIEWSTATE field /)
  })

  it('rejects garbage and non-base64url text as malformed', () => {
    for (const garbage of ['not base64!', '/wEPDwUKLTQ2', 'abcde', 'ab==', '%%%%']) {
      const err = catchHttpError(() => decodeViewState(garbage, signer, scope))
      expect(err.status).toBe(400)
      expect(err.message).toMatch(/^The __VIEWSTATE field is (malformed|truncated)\.$/)
    }
  })

  it('rejects a field over the limit with 413 before verifying it', () => {
    const field = encodeViewState({ text: randomBytes(300).toString('hex') }, signer, scope)
    const err = catchHttpError(() => decodeViewState(field, signer, scope, { maxBytes: 100 }))
    expect(err.status).toBe(413)
    expect(err.message).toBe('The __VIEWSTATE field is larger than the limit of 100 bytes.')
    expect(decodeViewState(field, signer, scope, { maxBytes: field.length })).toBeTruthy()
  })

  it('caps inflated size even for a correctly signed field (zip bomb)', () => {
    const bomb = deflateRawSync(Buffer.alloc(200_000, 0x20))
    const field = seal('viewstate', signer, scope, 1, bomb)
    const err = catchHttpError(() => decodeViewState(field, signer, scope, { maxBytes: 10_000 }))
    expect(err.status).toBe(413)
  })

  it('reports a signed but unparsable payload as malformed', () => {
    const field = seal('viewstate', signer, scope, 0, Buffer.from('{"a":'))
    expect(catchHttpError(() => decodeViewState(field, signer, scope)).message).toBe('The __VIEWSTATE field is malformed.')
    const badTag = seal('viewstate', signer, scope, 0, Buffer.from('"~x"'))
    expect(catchHttpError(() => decodeViewState(badTag, signer, scope)).status).toBe(400)
  })

  it('refuses a short signing key', () => {
    expect(() => encodeViewState(1, { key: Buffer.alloc(16) }, scope)).toThrow(/at least 32 bytes/)
  })
})

describe('viewStateGenerator', () => {
  it('is 8 uppercase hex digits, stable per page and different between pages', () => {
    const a = viewStateGenerator('/counter.aspx')
    expect(a).toMatch(/^[0-9A-F]{8}$/)
    expect(viewStateGenerator('/counter.aspx')).toBe(a)
    expect(viewStateGenerator('/clock.aspx')).not.toBe(a)
  })
})
