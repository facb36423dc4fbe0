/**
 * The items of one session, as stored: a plain JSON object.
 *
 * @example
 * const data: SessionData = { userId: 42, cart: [{ sku: 'A1', qty: 2 }] }
 */
export type SessionData = Record<string, unknown>

/**
 * Where session state lives between requests: in memory ({@link MemorySessionStore}) or in
 * Redis ({@link RedisSessionStore}). Sessions expire after `ttlMs` without a `save` or `touch`
 * (ASP.NET's sliding session timeout).
 *
 * @example
 * await store.save(id, { userId: 42 }, 20 * 60_000)
 * const data = await store.load(id) // { userId: 42 }, or undefined once expired
 */
export interface SessionStore {
  /** The session's data, or `undefined` when unknown or expired. */
  load(id: string): Promise<SessionData | undefined>
  /** Stores `data` and restarts the idle timeout. */
  save(id: string, data: SessionData, ttlMs: number): Promise<void>
  /** Restarts the idle timeout of an unchanged session (no-op when unknown). */
  touch(id: string, ttlMs: number): Promise<void>
  /** Forgets the session. */
  destroy(id: string): Promise<void>
  /** Releases connections or timers. */
  close(): Promise<void>
}

/**
 * Throws a RangeError unless `ttlMs` is a positive number of milliseconds (shared by the stores).
 *
 * @example
 * checkTtl(20 * 60_000) // fine; checkTtl(0) throws
 */
export function checkTtl(ttlMs: number): void {
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`session: ttlMs must be a positive number of milliseconds, got ${String(ttlMs)}`)
}
