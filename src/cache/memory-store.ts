import { LRUCache } from 'lru-cache'
import { isExpired } from './expiry.ts'
import type { CacheEntry, CacheStats, CacheStore } from './store.ts'

/**
 * Bounds and clock of a {@link MemoryStore}.
 *
 * @example
 * const options: MemoryStoreOptions = { maxEntries: 5000, maxSizeBytes: 64 * 1024 * 1024 }
 */
export interface MemoryStoreOptions {
  /** Most entries kept; the least recently used goes first. Default 10,000 (when no `maxSizeBytes`). */
  maxEntries?: number
  /** Most bytes of JSON-serialized values kept; a value larger than this is not cached. */
  maxSizeBytes?: number
  /** The clock (ms since the epoch); tests pass a fake one. */
  now?: () => number
}

/**
 * A {@link CacheStore} in this process's memory, bounded by entry count and/or serialized size
 * (least recently used entries are evicted). Values are kept by reference, so treat what `get`
 * returns as read-only. Tags are indexed, so `invalidateTag` removes exactly the entries that
 * carry the tag and frees their memory at once.
 *
 * @example
 * const store = new MemoryStore({ maxEntries: 1000 })
 * const cache = new ObjectCache(store)
 */
export class MemoryStore implements CacheStore {
  private readonly lru: LRUCache<string, CacheEntry>
  private readonly keysByTag = new Map<string, Set<string>>()
  private readonly now: () => number
  private counters = { hits: 0, misses: 0, evictions: 0 }

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now
    const { maxSizeBytes } = options
    const maxEntries = options.maxEntries
    const dispose = (entry: CacheEntry, key: string, reason: LRUCache.DisposeReason) => {
      this.unindex(key, entry)
      if (reason === 'evict') this.counters.evictions++
    }
    this.lru = maxSizeBytes === undefined
      ? new LRUCache<string, CacheEntry>({ max: maxEntries ?? 10_000, dispose })
      : new LRUCache<string, CacheEntry>({
          max: maxEntries,
          maxSize: maxSizeBytes,
          sizeCalculation: (entry) => serializedSize(entry.value),
          dispose,
        })
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const entry = this.lru.get(key)
    const now = this.now()
    if (entry === undefined || isExpired(entry, now)) {
      if (entry !== undefined) this.lru.delete(key)
      this.counters.misses++
      return undefined
    }
    if (entry.slidingMs !== undefined) entry.expiresAt = Math.min(now + entry.slidingMs, entry.absoluteExpiresAt ?? Infinity)
    this.counters.hits++
    return { ...entry, tags: [...entry.tags] }
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (isExpired(entry, this.now())) {
      this.lru.delete(key)
      return
    }
    const own: CacheEntry = { ...entry, tags: [...new Set(entry.tags)] }
    this.lru.set(key, own) // disposes (and unindexes) the entry it replaces
    if (this.lru.peek(key) !== own) return // larger than maxSizeBytes: not kept
    for (const tag of own.tags) {
      let keys = this.keysByTag.get(tag)
      if (!keys) this.keysByTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key)
  }

  async invalidateTag(tag: string): Promise<void> {
    const keys = this.keysByTag.get(tag)
    if (!keys) return
    for (const key of [...keys]) this.lru.delete(key)
    this.keysByTag.delete(tag)
  }

  async flush(): Promise<void> {
    this.lru.clear()
    this.keysByTag.clear()
  }

  stats(): CacheStats {
    return { ...this.counters, entries: this.lru.size }
  }

  async close(): Promise<void> {
    await this.flush()
  }

  private unindex(key: string, entry: CacheEntry): void {
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag)
      if (keys?.delete(key) && keys.size === 0) this.keysByTag.delete(tag)
    }
  }
}

function serializedSize(value: unknown): number {
  const json = JSON.stringify(value) ?? ''
  return Math.max(1, Buffer.byteLength(json))
}
