import type { CacheEntry } from './store.ts'

/**
 * How long an item may live: `absoluteMs` from now at most, and/or `slidingMs` after its last
 * use. With both, use keeps it alive up to the absolute limit and no further.
 *
 * @example
 * const options: ExpiryOptions = { slidingMs: 20 * 60_000, absoluteMs: 2 * 3600_000 }
 */
export interface ExpiryOptions {
  absoluteMs?: number
  slidingMs?: number
}

/**
 * Builds a {@link CacheEntry} stored at `now`, checking the durations.
 *
 * @example
 * const entry = makeEntry({ total: 3 }, { absoluteMs: 60_000, tags: ['orders'] }, Date.now())
 */
export function makeEntry(value: unknown, options: ExpiryOptions & { tags?: string[] }, now: number): CacheEntry {
  if (value === undefined) throw new TypeError('cache: a cached value cannot be undefined (use null)')
  const { absoluteMs, slidingMs } = options
  checkDuration('absoluteMs', absoluteMs)
  checkDuration('slidingMs', slidingMs)
  const entry: CacheEntry = { value, tags: [...new Set(options.tags ?? [])], storedAt: now }
  if (absoluteMs !== undefined) entry.expiresAt = entry.absoluteExpiresAt = now + absoluteMs
  if (slidingMs !== undefined) {
    entry.slidingMs = slidingMs
    entry.expiresAt = Math.min(now + slidingMs, entry.absoluteExpiresAt ?? Infinity)
  }
  if (slidingMs === undefined) delete entry.absoluteExpiresAt
  return entry
}

/**
 * Whether `entry` is dead at `now`.
 *
 * @example
 * if (isExpired(entry, Date.now())) await store.delete(key)
 */
export function isExpired(entry: CacheEntry, now: number): boolean {
  return entry.expiresAt !== undefined && now >= entry.expiresAt
}

/**
 * The entry after a hit at `now`: a sliding entry's `expiresAt` moves to `now + slidingMs`,
 * capped by its absolute limit. Other entries come back unchanged.
 *
 * @example
 * const touched = slide(entry, Date.now())
 */
export function slide(entry: CacheEntry, now: number): CacheEntry {
  if (entry.slidingMs === undefined) return entry
  return { ...entry, expiresAt: Math.min(now + entry.slidingMs, entry.absoluteExpiresAt ?? Infinity) }
}

function checkDuration(name: string, ms: number | undefined): void {
  if (ms !== undefined && !(Number.isFinite(ms) && ms > 0)) {
    throw new RangeError(`cache: ${name} must be a positive number of milliseconds, got ${String(ms)}`)
  }
}
