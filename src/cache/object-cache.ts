import { makeEntry, type ExpiryOptions } from './expiry.ts'
import { SingleFlight } from './single-flight.ts'
import type { CacheStats, CacheStore } from './store.ts'

/**
 * How one item is cached: absolute and/or sliding expiration and the tags that invalidate it.
 * No expiration means it lives until evicted, invalidated or flushed.
 *
 * @example
 * await cache.set('menu', menu, { absoluteMs: 10 * 60_000, tags: ['menu'] })
 */
export interface CacheItemOptions extends ExpiryOptions {
  tags?: string[]
}

/**
 * Options of an {@link ObjectCache}.
 *
 * @example
 * new ObjectCache(store, { defaults: { absoluteMs: 60_000 } })
 */
export interface ObjectCacheOptions {
  /** Applied when `set`/`getOrCreate` pass no expiration of their own. */
  defaults?: CacheItemOptions
  /** The clock (ms since the epoch); tests pass a fake one. */
  now?: () => number
  /** Put before every key, so the object cache can share a store with the output cache (`data:`). */
  keyPrefix?: string
}

/**
 * The application data cache (`Page.cache`, ASP.NET's `Cache` object) over a {@link CacheStore}.
 * Values must be JSON-serializable when the store is Redis; `undefined` cannot be cached.
 *
 * @example
 * const cache = new ObjectCache(new MemoryStore())
 * const products = await cache.getOrCreate('products', () => db.products(), { slidingMs: 60_000, tags: ['products'] })
 * await cache.invalidate('products') // after an edit
 */
export class ObjectCache {
  private readonly flights = new SingleFlight()
  private readonly now: () => number

  constructor(readonly store: CacheStore, private readonly options: ObjectCacheOptions = {}) {
    this.now = options.now ?? Date.now
  }

  /** The cached value, or `undefined` when missing, expired or invalidated. */
  private keyOf(key: string): string {
    return (this.options.keyPrefix ?? '') + key
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const entry = await this.store.get(this.keyOf(key))
    return entry?.value as T | undefined
  }

  /** Caches `value` under `key`, replacing what was there. */
  async set(key: string, value: unknown, options: CacheItemOptions = {}): Promise<void> {
    const { defaults } = this.options
    const expiry = options.absoluteMs === undefined && options.slidingMs === undefined ? defaults : options
    const tags = options.tags ?? defaults?.tags
    await this.store.set(this.keyOf(key), makeEntry(value, { absoluteMs: expiry?.absoluteMs, slidingMs: expiry?.slidingMs, tags }, this.now()))
  }

  /**
   * The cached value, or the `factory`'s result, cached with `options`. Concurrent callers of one
   * key in this process share one lookup and one factory call.
   */
  getOrCreate<T>(key: string, factory: () => T | Promise<T>, options: CacheItemOptions = {}): Promise<T> {
    return this.flights.run(key, async () => {
      const entry = await this.store.get(this.keyOf(key))
      if (entry !== undefined) return entry.value as T
      const value = await factory()
      await this.set(key, value, options)
      return value
    })
  }

  /** Removes one key. */
  delete(key: string): Promise<void> {
    return this.store.delete(this.keyOf(key))
  }

  /** Drops every item cached with `tag` (on every instance, for a Redis store). */
  invalidate(tag: string): Promise<void> {
    return this.store.invalidateTag(tag)
  }

  /** Drops everything. */
  flush(): Promise<void> {
    return this.store.flush()
  }

  /** Hits, misses and (memory store) entries and evictions of the underlying store. */
  stats(): CacheStats {
    return this.store.stats()
  }
}
