import { randomBytes } from 'node:crypto'
import type { SessionData } from './session-store.ts'

/**
 * A new session id: 144 random bits from the system CSPRNG, base64url (24 characters).
 *
 * @example
 * const session = new Session(newSessionId())
 */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url')
}

/**
 * Whether `id` (from a cookie: untrusted) looks like an id {@link newSessionId} makes, so that
 * nothing else reaches a store key.
 *
 * @example
 * const id = isValidSessionId(cookie) ? cookie : undefined
 */
export function isValidSessionId(id: string | undefined): id is string {
  return id !== undefined && /^[A-Za-z0-9_-]{22,128}$/.test(id)
}

/**
 * The `Page.session` of one request (ASP.NET's `HttpSessionState`): named JSON-serializable
 * items. It knows whether it changed since it was loaded, so unchanged sessions are not written
 * back, and `abandon()` marks it for removal at the end of the request.
 *
 * @example
 * const visits = (this.session.get<number>('visits') ?? 0) + 1
 * this.session.set('visits', visits)
 * if (logout) this.session.abandon()
 */
export class Session {
  private readonly items: Map<string, unknown>
  private readonly loadedJson: string
  private abandoned = false

  /**
   * @param id the session id
   * @param data what the store loaded (copied)
   * @param isNew true when the session started with this request
   */
  constructor(readonly id: string, data: SessionData = {}, readonly isNew = true) {
    this.items = new Map(Object.entries(data))
    this.loadedJson = JSON.stringify(this.toJSON())
  }

  /** The item named `key`, or `undefined`. Objects come back by reference: changing them changes the session. */
  get<T = unknown>(key: string): T | undefined {
    return this.items.get(key) as T | undefined
  }

  /** Sets an item (a JSON-serializable value); `undefined` removes it. */
  set(key: string, value: unknown): void {
    if (value === undefined) this.items.delete(key)
    else this.items.set(key, value)
  }

  /** Whether an item named `key` exists. */
  has(key: string): boolean {
    return this.items.has(key)
  }

  /** Removes an item; true when it existed. */
  delete(key: string): boolean {
    return this.items.delete(key)
  }

  /** Removes every item (the session itself lives on). */
  clear(): void {
    this.items.clear()
  }

  /** Ends the session: its state is destroyed at the end of the request (and a new one starts on the next). */
  abandon(): void {
    this.abandoned = true
  }

  /** Whether {@link Session.abandon} was called. */
  get isAbandoned(): boolean {
    return this.abandoned
  }

  /** The item names. */
  get keys(): string[] {
    return [...this.items.keys()]
  }

  /** How many items there are. */
  get count(): number {
    return this.items.size
  }

  /**
   * Whether the items differ from what was loaded, including changes made inside objects
   * obtained with `get` (compared as JSON, so it costs one serialization).
   */
  get isDirty(): boolean {
    return JSON.stringify(this.toJSON()) !== this.loadedJson
  }

  /** The items as a plain object (what a store saves). */
  toJSON(): SessionData {
    return Object.fromEntries(this.items)
  }
}
