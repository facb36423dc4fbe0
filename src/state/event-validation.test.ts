import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { catchHttpError } from '../testing/catch-http-error.ts'
import { EventValidation } from './event-validation.ts'
import { decodeViewState, encodeViewState } from './view-state.ts'

const signer = { key: Buffer.alloc(32, 9) }
const scope = { pageId: '/orders.aspx', userKey: 'u1' }

function sample(): EventValidation {
  const ev = new EventValidation()
  ev.register('Button1')
  ev.register('Colors', 'red')
  ev.register('Colors', 'blue')
  ev.register('GridView1', 'Sort$Name')
  return ev
}

describe('EventValidation', () => {
  it('accepts exactly what was registered', () => {
    const ev = sample()
    expect(ev.isValid('Button1')).toBe(true)
    expect(ev.isValid('Button1', '')).toBe(true)
    expect(ev.isValid('Button1', 'x')).toBe(false)
    expect(ev.isValid('Colors', 'red')).toBe(true)
    expect(ev.isValid('Colors', 'green')).toBe(false)
    expect(ev.isValid('Colors')).toBe(false)
    expect(ev.isValid('Button2')).toBe(false)
    expect(ev.isValid('GridView1', 'Sort$Name')).toBe(true)
    expect(ev.size).toBe(4)
    ev.register('Button1', '')
    expect(ev.size).toBe(4)
  })

  it('does not confuse the id/argument boundary', () => {
    const ev = new EventValidation()
    ev.register('ab', 'c')
    expect(ev.isValid('a', 'bc')).toBe(false)
  })

  it('round-trips through encode/decode', () => {
    const field = sample().encode(signer, scope)
    expect(field).toMatch(/^[A-Za-z0-9_-]+$/)
    const ev = EventValidation.decode(field, signer, scope)
    expect(ev.size).toBe(4)
    expect(ev.isValid('Button1')).toBe(true)
    expect(ev.isValid('Colors', 'blue')).toBe(true)
    expect(ev.isValid('GridView1', 'Sort$Name')).toBe(true)
    expect(ev.isValid('Colors', 'green')).toBe(false)
    expect(ev.isValid('Button1', 'x')).toBe(false)
  })

  it('stores hashes, not the registered strings', () => {
    const ev = new EventValidation()
    ev.register('VerySecretLookingControlName', 'some-argument-value')
    const bytes = Buffer.from(ev.encode(signer, scope), 'base64url')
    expect(bytes.includes(Buffer.from('VerySecret'))).toBe(false)
    expect(bytes.length).toBe(2 + 4 + 16)
  })

  it('re-encodes a decoded set together with new registrations', () => {
    const ev = EventValidation.decode(sample().encode(signer, scope), signer, scope)
    ev.register('Button9')
    const again = EventValidation.decode(ev.encode(signer, scope), signer, scope)
    expect(again.isValid('Button9')).toBe(true)
    expect(again.isValid('Colors', 'red')).toBe(true)
    expect(again.size).toBe(5)
    expect(() => ev.encode({ key: randomBytes(32) }, scope)).toThrow(/key it was decoded with/)
  })

  it('decodes an empty field to an empty set and encodes an empty set as empty', () => {
    const ev = EventValidation.decode('', signer, scope)
    expect(ev.size).toBe(0)
    expect(ev.isValid('Button1')).toBe(false)
    expect(new EventValidation().encode(signer, scope)).toBe('')
  })

  it('rejects tampered, foreign and malformed fields with 400 naming __EVENTVALIDATION', () => {
    const field = sample().encode(signer, scope)
    const i = Math.floor(field.length / 2)
    const tampered = field.slice(0, i) + (field[i] === 'A' ? 'B' : 'A') + field.slice(i + 1)
    for (const [text, s, sc] of [
      [tampered, signer, scope],
      [field, { key: randomBytes(32) }, scope],
      [field, signer, { pageId: '/other.aspx', userKey: 'u1' }],
      [field, signer, { pageId: '/orders.aspx', userKey: 'u2' }],
      ['garbage!', signer, scope],
      [field.slice(0, 10), signer, scope],
    ] as const) {
      const err = catchHttpError(() => EventValidation.decode(text, s, sc))
      expect(err.status).toBe(400)
      expect(err.message).toMatch(/^The __EVENTVALIDATION field /)
    }
  })

  it('refuses a view state value as event validation', () => {
    const vs = encodeViewState({ a: 1, bc: 'x' }, signer, scope) // 16 payload bytes: a whole number of hashes
    expect(Buffer.from(vs, 'base64url').length).toBe(2 + 16 + 16)
    const err = catchHttpError(() => EventValidation.decode(vs, signer, scope))
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/__EVENTVALIDATION field is not valid/)
  })

  it('refuses event validation as a view state value', () => {
    const field = sample().encode(signer, scope)
    const err = catchHttpError(() => decodeViewState(field, signer, scope))
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/__VIEWSTATE field is not valid/)
  })

  it('refuses an oversize field with 413', () => {
    const ev = new EventValidation()
    for (let i = 0; i < 100; i++) ev.register(`Item${i}`)
    const err = catchHttpError(() => EventValidation.decode(ev.encode(signer, scope), signer, scope, { maxBytes: 64 }))
    expect(err.status).toBe(413)
  })
})

describe('line breaks in registered values', () => {
  it('match whichever line breaks the browser posts (CR LF, CR or LF)', () => {
    const signer = { key: Buffer.alloc(32, 7) }
    const scope = { pageId: '/p.aspx' }
    const ev = new EventValidation()
    ev.register('List', 'a\nb')
    const posted = EventValidation.decode(ev.encode(signer, scope), signer, scope)
    expect(posted.isValid('List', 'a\r\nb')).toBe(true)
    expect(posted.isValid('List', 'a\rb')).toBe(true)
    expect(posted.isValid('List', 'ab')).toBe(false)
  })
})
