/**
 * One cached item as the stores keep it. The output cache puts `{ body, headers }` in `value`,
 * the object cache any JSON-serializable value.
 *
 * @example
 * const entry: CacheEntry = { value: { body: '<p>hi</p>', headers: {} }, tags: ['products'], storedAt: Date.now(), expiresAt: Date.now() + 60_000 }
 */
export interface CacheEntry {
  /** A JSON-serializable value (never `undefined`: that means "not cached"). */
  value: unknown
  /** Names whose invalidation drops this entry (`invalidateTag`). */
  tags: string[]
  /** When the entry dies (ms since the epoch); absent = never. Sliding entries move it on each hit. */
  expiresAt?: number
  /** Sliding expiration: each hit moves `expiresAt` to now + slidingMs, never past `absoluteExpiresAt`. */
  slidingMs?: number
  /** The hard limit for a sliding entry (ms since the epoch). */
  absoluteExpiresAt?: number
  /** When the entry was stored (ms since the epoch). */
  storedAt: number
}

/**
 * Counters of one store in this process. Redis stores count their own hits and misses only;
 * `entries` and `evictions` are known to in-memory stores.
 *
 * @example
 * const { hits, misses } = store.stats()
 * console.log(`hit ratio ${hits / (hits + misses)}`)
 */
export interface CacheStats {
  hits: number
  misses: number
  entries?: number
  evictions?: number
}

/**
 * Where the output cache and the object cache keep entries: in memory ({@link MemoryStore}) or
 * in Redis ({@link RedisStore}), shared by every app instance. Expired entries and entries of an
 * invalidated tag are misses. A Redis store rejects with a `RedisUnavailableError` while Redis
 * cannot be reached.
 *
 * @example
 * const store: CacheStore = new MemoryStore({ maxEntries: 1000 })
 * await store.set('home', { value: 'hi', tags: ['news'], storedAt: Date.now() })
 * await store.invalidateTag('news')
 * await store.get('home') // undefined
 */
export interface CacheStore {
  /** The live entry under `key` (a sliding entry's `expiresAt` already moved), or `undefined`. */
  get(key: string): Promise<CacheEntry | undefined>
  /** Stores `entry` under `key`, replacing what was there. An entry already expired is not kept. */
  set(key: string, entry: CacheEntry): Promise<void>
  /** Removes `key`. */
  delete(key: string): Promise<void>
  /** Makes every entry stored with `tag` a miss, in this process and (Redis) every other one. */
  invalidateTag(tag: string): Promise<void>
  /** Makes every entry a miss. */
  flush(): Promise<void>
  /** This process's counters. */
  stats(): CacheStats
  /** Releases connections or timers; the store is unusable afterwards. */
  close(): Promise<void>
}
