import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { historyStateCodec, historyStateMaxBytes } from './history-state.ts'

const signer = { key: Buffer.alloc(32, 7) }
const codec = historyStateCodec(signer, '/history.aspx')

const refusal = (run: () => unknown): HttpError => {
  try {
    run()
  } catch (e) {
    if (e instanceof HttpError) return e
    throw e
  }
  throw new Error('not refused')
}

describe('historyStateCodec', () => {
  it('round-trips a string dictionary as fragment-safe text', () => {
    const text = codec.encode({ step: '2', q: 'a b&c=d#é' })
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(codec.decode(text)).toEqual({ step: '2', q: 'a b&c=d#é' })
  })

  it('keeps a __proto__ key as a plain key', () => {
    const state = codec.decode(codec.encode(Object.fromEntries([['__proto__', 'x']])))
    expect(Object.getOwnPropertyNames(state)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype)
  })

  it('refuses a hand-edited state with a 400 naming the history state', () => {
    const text = codec.encode({ step: '2' })
    const flipped = text.slice(0, 5) + (text[5] === 'A' ? 'B' : 'A') + text.slice(6)
    const tampered = refusal(() => codec.decode(flipped))
    expect(tampered.status).toBe(400)
    expect(tampered.message).toContain('history state (URL fragment)')
    expect(tampered.message).toContain('tampered with')
    expect(refusal(() => codec.decode('not*base64')).message).toContain('is malformed')
  })

  it('binds the state to its page and its key', () => {
    const text = codec.encode({ step: '2' })
    expect(refusal(() => historyStateCodec(signer, '/other.aspx').decode(text)).status).toBe(400)
    expect(refusal(() => historyStateCodec({ key: Buffer.alloc(32, 8) }, '/history.aspx').decode(text)).status).toBe(400)
  })

  it('refuses an oversize state with a 413 before looking at it', () => {
    expect(refusal(() => codec.decode('A'.repeat(historyStateMaxBytes + 1))).status).toBe(413)
  })
})
