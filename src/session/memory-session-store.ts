import { checkTtl, type SessionData, type SessionStore } from './session-store.ts'

/**
 * Options of a {@link MemorySessionStore}.
 *
 * @example
 * new MemorySessionStore({ sweepIntervalMs: 30_000 })
 */
export interface MemorySessionStoreOptions {
  /** The clock (ms since the epoch); tests pass a fake one. */
  now?: () => number
  /** How often (at most) expired sessions are swept out during other calls. Default 60 s. */
  sweepIntervalMs?: number
}

/**
 * Sessions in this process's memory (ASP.NET's InProc mode), each kept as a JSON copy so a
 * page's changes reach the store only through `save`. Idle sessions expire after their ttl; the
 * expired ones are swept out from time to time. For more than one app instance use
 * {@link RedisSessionStore}.
 *
 * @example
 * const sessions = new MemorySessionStore()
 * await sessions.save(id, { visits: 1 }, 20 * 60_000)
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { json: string; expiresAt: number }>()
  private readonly now: () => number
  private readonly sweepIntervalMs: number
  private lastSweep: number

  constructor(options: MemorySessionStoreOptions = {}) {
    this.now = options.now ?? Date.now
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000
    this.lastSweep = this.now()
  }

  async load(id: string): Promise<SessionData | undefined> {
    const now = this.sweep()
    const session = this.sessions.get(id)
    if (!session) return undefined
    if (now >= session.expiresAt) {
      this.sessions.delete(id)
      return undefined
    }
    return JSON.parse(session.json) as SessionData
  }

  async save(id: string, data: SessionData, ttlMs: number): Promise<void> {
    checkTtl(ttlMs)
    const now = this.sweep()
    this.sessions.set(id, { json: JSON.stringify(data), expiresAt: now + ttlMs })
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs)
    const now = this.sweep()
    const session = this.sessions.get(id)
    if (session && now < session.expiresAt) session.expiresAt = now + ttlMs
  }

  async destroy(id: string): Promise<void> {
    this.sessions.delete(id)
  }

  async close(): Promise<void> {
    this.sessions.clear()
  }

  /** Sessions held, expired ones not yet swept included. */
  get size(): number {
    return this.sessions.size
  }

  private sweep(): number {
    const now = this.now()
    if (now - this.lastSweep >= this.sweepIntervalMs) {
      this.lastSweep = now
      for (const [id, session] of this.sessions) if (now >= session.expiresAt) this.sessions.delete(id)
    }
    return now
  }
}
