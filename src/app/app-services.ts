import { ObjectCache } from '../cache/object-cache.ts'
import { OutputCache } from '../cache/output-cache.ts'
import { MemoryStore } from '../cache/memory-store.ts'
import { RedisConnection } from '../cache/redis-connection.ts'
import { RedisStore } from '../cache/redis-store.ts'
import type { CacheStore } from '../cache/store.ts'
import { InProcessSessionLock, type SessionLock } from '../session/lock.ts'
import { MemorySessionStore } from '../session/memory-session-store.ts'
import { RedisSessionLock } from '../session/redis-lock.ts'
import { RedisSessionStore } from '../session/redis-session-store.ts'
import type { SessionStore } from '../session/session-store.ts'
import type { DeltaformConfig } from './config.ts'

/** The caches and session stores of one app instance. */
export interface AppServices {
  /** Shared by the output cache (`page:` keys) and the object cache (`data:` keys), so one tag clears both. */
  store: CacheStore
  outputCache: OutputCache
  cache: ObjectCache
  sessions: SessionStore
  sessionLock: SessionLock
  /** `memory` or `redis` (with the address, without credentials). */
  describe: string
  close(): Promise<void>
}

/**
 * Builds the stores: in memory by default; on Redis (output cache, object cache, sessions and
 * the per-session lock, shared by every instance) when `redisUrl` is given.
 *
 * @example
 * const services = createServices({ redisUrl: process.env.REDIS_URL, config })
 */
export function createServices(options: { redisUrl?: string; config: DeltaformConfig }): AppServices {
  const { config } = options
  const debugInformation = config.outputCache?.debugInformation
  const warn = (what: string) => {
    let last = 0
    return (error: unknown) => {
      // One line per 10 s at most: a Redis outage must not flood the log.
      if (Date.now() - last > 10_000) console.error(`deltaform: ${what}: ${(error as Error).message}`)
      last = Date.now()
    }
  }
  if (options.redisUrl) {
    const prefix = config.redis?.prefix ?? 'deltaform:'
    const connection = new RedisConnection({ url: options.redisUrl, onError: warn('Redis') })
    const store = new RedisStore({ connection, prefix })
    const sessions = new RedisSessionStore({ connection, prefix })
    const sessionLock = new RedisSessionLock({ connection, prefix })
    return {
      store,
      outputCache: new OutputCache(store, { debugInformation, onStoreError: warn('output cache store') }),
      cache: new ObjectCache(store, { keyPrefix: 'data:' }),
      sessions,
      sessionLock,
      describe: `redis ${new URL(options.redisUrl).host}`,
      async close() {
        await sessionLock.close()
        await connection.close()
      },
    }
  }
  const store = new MemoryStore({ maxEntries: config.cache?.maxEntries, maxSizeBytes: config.cache?.maxSizeBytes })
  const sessions = new MemorySessionStore()
  return {
    store,
    outputCache: new OutputCache(store, { debugInformation }),
    cache: new ObjectCache(store, { keyPrefix: 'data:' }),
    sessions,
    sessionLock: new InProcessSessionLock(),
    describe: 'memory',
    async close() {
      await sessions.close()
      await store.close()
    },
  }
}
