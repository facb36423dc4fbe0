import { describe, expect, it } from 'vitest'
import { isValidSessionId, newSessionId, Session } from './session.ts'

describe('newSessionId', () => {
  it('makes 144-bit base64url ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newSessionId()))
    expect(ids.size).toBe(1000)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/)
      expect(Buffer.from(id, 'base64url').length).toBe(18)
      expect(isValidSessionId(id)).toBe(true)
    }
  })

  it('rejects ids that could not have come from it', () => {
    for (const bad of [undefined, '', 'short', 'a'.repeat(129), 'has space in it 123456789', '../../etc/passwd/aaaaaaaaaa', 'abc*def:ghi?jkl[mno]pqrstu']) {
      expect(isValidSessionId(bad)).toBe(false)
    }
  })
})

describe('Session', () => {
  it('holds items and knows its id and whether it is new', () => {
    const session = new Session('id-1', { user: 'ann', cart: [1] }, false)
    expect(session.id).toBe('id-1')
    expect(session.isNew).toBe(false)
    expect(session.get('user')).toBe('ann')
    expect(session.has('cart')).toBe(true)
    expect(session.keys).toEqual(['user', 'cart'])
    expect(session.count).toBe(2)
    session.set('user', undefined)
    expect(session.has('user')).toBe(false)
    expect(session.delete('cart')).toBe(true)
    expect(session.delete('cart')).toBe(false)
    expect(new Session('id-2').isNew).toBe(true)
  })

  it('is dirty only when its items really changed', () => {
    const session = new Session('id', { n: 1, cart: [{ sku: 'A', qty: 1 }] }, false)
    expect(session.isDirty).toBe(false)
    session.set('n', 1)
    expect(session.isDirty).toBe(false)
    session.get<{ qty: number }[]>('cart')![0]!.qty = 2 // a change inside an object counts
    expect(session.isDirty).toBe(true)
  })

  it('turns dirty on set, delete and clear', () => {
    const set = new Session('id', { n: 1 }, false)
    set.set('n', 2)
    expect(set.isDirty).toBe(true)
    const deleted = new Session('id', { n: 1 }, false)
    deleted.delete('n')
    expect(deleted.isDirty).toBe(true)
    const cleared = new Session('id', { n: 1 }, false)
    cleared.clear()
    expect(cleared.isDirty).toBe(true)
    expect(cleared.count).toBe(0)
  })

  it('copies what it was given and keeps odd keys as plain data', () => {
    const data = { n: 1 }
    const session = new Session('id', data)
    session.set('n', 2)
    expect(data.n).toBe(1)
    session.set('__proto__', { polluted: true })
    const json = session.toJSON()
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(json))).toEqual(JSON.parse('{"n":2,"__proto__":{"polluted":true}}'))
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('remembers abandon', () => {
    const session = new Session('id', {}, false)
    expect(session.isAbandoned).toBe(false)
    session.abandon()
    expect(session.isAbandoned).toBe(true)
  })
})
