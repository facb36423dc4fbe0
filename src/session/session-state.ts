import { isValidSessionId, newSessionId, Session } from './session.ts'
import type { SessionStore } from './session-store.ts'

/**
 * The session for a request: the stored one for a valid, known `id` (from the cookie), else a
 * new, empty session with a fresh id (an unknown id is never adopted, against session fixation).
 *
 * @example
 * const session = await loadSession(store, getCookie(c, 'ASP.NET_SessionId'))
 * if (session.isNew) setCookie(c, 'ASP.NET_SessionId', session.id, { httpOnly: true })
 */
export async function loadSession(store: SessionStore, id: string | undefined): Promise<Session> {
  if (isValidSessionId(id)) {
    const data = await store.load(id)
    if (data !== undefined) return new Session(id, data, false)
  }
  return new Session(newSessionId())
}

/**
 * What {@link saveSession} did: `saved` (changed or new with items), `touched` (unchanged: idle
 * timeout restarted), `destroyed` (abandoned) or `none` (new and empty: nothing to keep, and
 * no cookie needed).
 *
 * @example
 * if ((await saveSession(store, session, ttl)) === 'destroyed') deleteCookie(c, 'ASP.NET_SessionId')
 */
export type SaveOutcome = 'saved' | 'touched' | 'destroyed' | 'none'

/**
 * Ends a request's use of `session`: destroys it when abandoned, writes it only when it
 * changed, and otherwise just restarts its idle timeout.
 *
 * @example
 * const id = getCookie(c, 'ASP.NET_SessionId') ?? ''
 * await lock.run(id, async () => { // one request per session at a time: load, run, save
 *   const session = await loadSession(store, id)
 *   await runPage(session)
 *   await saveSession(store, session, 20 * 60_000)
 * })
 */
export async function saveSession(store: SessionStore, session: Session, ttlMs: number): Promise<SaveOutcome> {
  if (session.isAbandoned) {
    if (session.isNew) return 'none'
    await store.destroy(session.id)
    return 'destroyed'
  }
  if (session.isDirty) {
    await store.save(session.id, session.toJSON(), ttlMs)
    return 'saved'
  }
  if (session.isNew) return 'none'
  await store.touch(session.id, ttlMs)
  return 'touched'
}
