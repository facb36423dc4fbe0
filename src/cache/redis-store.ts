import { isExpired } from './expiry.ts'
import { bumpGeneration, readEntry, writeEntry } from './redis-cache-scripts.ts'
import { RedisConnection, type RedisConnectionOptions } from './redis-connection.ts'
import type { CacheEntry, CacheStats, CacheStore } from './store.ts'

/**
 * Options of a {@link RedisStore}: a shared connection, or what to open one with.
 *
 * @example
 * const options: RedisStoreOptions = { connection, prefix: 'shop:' }
 */
export interface RedisStoreOptions extends RedisConnectionOptions {
  /** The app instance's connection; when absent the store opens (and closes) its own. */
  connection?: RedisConnection
  /** Start of every key and channel name. Default `deltaform:`. */
  prefix?: string
  /** The clock (ms since the epoch); tests pass a fake one. */
  now?: () => number
}

/**
 * What {@link RedisStore.onInvalidate} listeners hear: one tag invalidated, or everything flushed.
 *
 * @example
 * store.onInvalidate((event) => { if ('flush' in event) localCopy.clear(); else localCopy.dropTag(event.tag) })
 */
export type InvalidationEvent = { tag: string } | { flush: true }

/**
 * A {@link CacheStore} in Redis, shared by every app instance. Values are stored as JSON with a
 * Redis expiry; each tag has a generation counter, so `invalidateTag` (and `flush`) is one
 * increment that every instance sees on its next read. While Redis is down every operation
 * rejects with a `RedisUnavailableError`, and works again once Redis is back.
 *
 * Keys: `<prefix>c:<key>` (entries), `<prefix>gens` (generations); channel `<prefix>invalidate`
 * carries `tag:<name>` and `flush`.
 *
 * @example
 * const store = new RedisStore({ url: 'redis://127.0.0.1:6379' })
 * await store.set('home', { value: '<p>hi</p>', tags: ['news'], storedAt: Date.now() })
 * await store.invalidateTag('news') // every instance now misses 'home'
 */
export class RedisStore implements CacheStore {
  /** The connection this store uses. */
  readonly connection: RedisConnection
  readonly prefix: string
  private readonly ownsConnection: boolean
  private readonly now: () => number
  private readonly gensKey: string
  private readonly channel: string
  private counters = { hits: 0, misses: 0 }

  constructor(options: RedisStoreOptions = {}) {
    this.ownsConnection = !options.connection
    this.connection = options.connection ?? new RedisConnection(options)
    this.prefix = options.prefix ?? 'deltaform:'
    this.now = options.now ?? Date.now
    this.gensKey = `${this.prefix}gens`
    this.channel = `${this.prefix}invalidate`
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const now = this.now()
    const flat = await this.connection.run((client) => readEntry.run(client, [this.entryKey(key), this.gensKey], [now]))
    if (!Array.isArray(flat)) {
      this.counters.misses++
      return undefined
    }
    this.counters.hits++
    return decodeEntry(flat as string[])
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    const now = this.now()
    if (isExpired(entry, now)) return this.delete(key)
    const json = JSON.stringify(entry.value)
    if (json === undefined) throw new TypeError(`cache: the value for "${key}" is not JSON-serializable`)
    const tags = [...new Set(entry.tags)]
    const fields: (string | number)[] = ['v', json, 'st', entry.storedAt]
    if (entry.expiresAt !== undefined) fields.push('x', entry.expiresAt)
    if (entry.slidingMs !== undefined) fields.push('s', entry.slidingMs)
    if (entry.absoluteExpiresAt !== undefined) fields.push('a', entry.absoluteExpiresAt)
    const ttl = entry.expiresAt === undefined ? 0 : Math.max(1, Math.ceil(entry.expiresAt - now))
    await this.connection.run((client) => writeEntry.run(client, [this.entryKey(key), this.gensKey], [ttl, tags.length, ...tags, ...fields]))
  }

  async delete(key: string): Promise<void> {
    await this.connection.run((client) => client.del(this.entryKey(key)))
  }

  async invalidateTag(tag: string): Promise<void> {
    const field = `tag:${tag}`
    await this.connection.run((client) => bumpGeneration.run(client, [this.gensKey], [field, this.channel, field]))
  }

  /** Makes every entry a miss at once (one increment), then deletes the entry keys with SCAN + UNLINK. */
  async flush(): Promise<void> {
    await this.connection.run((client) => bumpGeneration.run(client, [this.gensKey], ['flush', this.channel, 'flush']))
    const match = `${escapeGlob(this.prefix)}c:*`
    let cursor = '0'
    do {
      const [next, keys] = await this.connection.run((client) => client.scan(cursor, 'MATCH', match, 'COUNT', 500))
      if (keys.length > 0) await this.connection.run((client) => client.unlink(...keys))
      cursor = next
    } while (cursor !== '0')
  }

  /**
   * Calls `listener` when any instance invalidates a tag or flushes (best effort: pub/sub, no
   * replay). Reads need no such signal; this is for keeping in-process copies in step.
   */
  onInvalidate(listener: (event: InvalidationEvent) => void): () => void {
    return this.connection.subscribe(this.channel, (message) => {
      listener(message === 'flush' ? { flush: true } : { tag: message.slice('tag:'.length) })
    })
  }

  stats(): CacheStats {
    return { ...this.counters }
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close()
  }

  private entryKey(key: string): string {
    return `${this.prefix}c:${key}`
  }
}

function decodeEntry(flat: string[]): CacheEntry {
  const entry: CacheEntry = { value: undefined, tags: [], storedAt: 0 }
  for (let i = 0; i < flat.length; i += 2) {
    const field = flat[i]!
    const text = flat[i + 1]!
    if (field === 'v') entry.value = JSON.parse(text)
    else if (field === 'st') entry.storedAt = Number(text)
    else if (field === 'x') entry.expiresAt = Number(text)
    else if (field === 's') entry.slidingMs = Number(text)
    else if (field === 'a') entry.absoluteExpiresAt = Number(text)
    else if (field.startsWith('tag:')) entry.tags.push(field.slice(4))
  }
  return entry
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
