import { describe, expect, it } from 'vitest'
import { MemorySessionStore } from './memory-session-store.ts'
import { isValidSessionId } from './session.ts'
import { loadSession, saveSession } from './session-state.ts'

const ttl = 20 * 60_000

describe('loadSession and saveSession', () => {
  it('starts a new session with a fresh id for a missing, invalid or unknown id', async () => {
    const store = new MemorySessionStore()
    for (const id of [undefined, 'bad id', 'A'.repeat(24)]) {
      const session = await loadSession(store, id)
      expect(session.isNew).toBe(true)
      expect(session.id).not.toBe(id)
      expect(isValidSessionId(session.id)).toBe(true)
    }
  })

  it('stores nothing for a new empty session, saves one with items, then finds it', async () => {
    const store = new MemorySessionStore()
    const empty = await loadSession(store, undefined)
    expect(await saveSession(store, empty, ttl)).toBe('none')
    expect(store.size).toBe(0)

    const first = await loadSession(store, undefined)
    first.set('visits', 1)
    expect(await saveSession(store, first, ttl)).toBe('saved')
    const second = await loadSession(store, first.id)
    expect(second.isNew).toBe(false)
    expect(second.get('visits')).toBe(1)
  })

  it('touches an unchanged session, saves a changed one and destroys an abandoned one', async () => {
    const store = new MemorySessionStore()
    const session = await loadSession(store, undefined)
    session.set('n', 1)
    await saveSession(store, session, ttl)

    const unchanged = await loadSession(store, session.id)
    expect(await saveSession(store, unchanged, ttl)).toBe('touched')
    const changed = await loadSession(store, session.id)
    changed.set('n', 2)
    expect(await saveSession(store, changed, ttl)).toBe('saved')
    const abandoned = await loadSession(store, session.id)
    abandoned.abandon()
    expect(await saveSession(store, abandoned, ttl)).toBe('destroyed')
    expect(await store.load(session.id)).toBeUndefined()
  })
})
