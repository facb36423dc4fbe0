import { RedisConnection, type RedisConnectionOptions } from '../cache/redis-connection.ts'
import { checkTtl, type SessionData, type SessionStore } from './session-store.ts'

/**
 * Options of a {@link RedisSessionStore}: a shared connection, or what to open one with.
 *
 * @example
 * const options: RedisSessionStoreOptions = { connection, prefix: 'shop:' }
 */
export interface RedisSessionStoreOptions extends RedisConnectionOptions {
  /** The app instance's connection; when absent the store opens (and closes) its own. */
  connection?: RedisConnection
  /** Start of every key. Default `deltaform:`; sessions live under `<prefix>s:<id>`. */
  prefix?: string
}

/**
 * Sessions in Redis (ASP.NET's StateServer mode), shared by every app instance: one JSON string
 * per session with a Redis expiry that `save` and `touch` restart. While Redis is down every call
 * rejects with a `RedisUnavailableError`.
 *
 * @example
 * const sessions = new RedisSessionStore({ url: process.env.REDIS_URL })
 * await sessions.save(id, { userId: 42 }, 20 * 60_000)
 */
export class RedisSessionStore implements SessionStore {
  readonly connection: RedisConnection
  readonly prefix: string
  private readonly ownsConnection: boolean

  constructor(options: RedisSessionStoreOptions = {}) {
    this.ownsConnection = !options.connection
    this.connection = options.connection ?? new RedisConnection(options)
    this.prefix = options.prefix ?? 'deltaform:'
  }

  async load(id: string): Promise<SessionData | undefined> {
    const json = await this.connection.run((client) => client.get(this.key(id)))
    return json === null ? undefined : (JSON.parse(json) as SessionData)
  }

  async save(id: string, data: SessionData, ttlMs: number): Promise<void> {
    checkTtl(ttlMs)
    const json = JSON.stringify(data)
    await this.connection.run((client) => client.set(this.key(id), json, 'PX', Math.ceil(ttlMs)))
  }

  async touch(id: string, ttlMs: number): Promise<void> {
    checkTtl(ttlMs)
    await this.connection.run((client) => client.pexpire(this.key(id), Math.ceil(ttlMs)))
  }

  async destroy(id: string): Promise<void> {
    await this.connection.run((client) => client.del(this.key(id)))
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close()
  }

  private key(id: string): string {
    return `${this.prefix}s:${id}`
  }
}
