import { Redis, type RedisOptions } from 'ioredis'

/**
 * Thrown by the Redis stores and the Redis session lock while Redis cannot be reached. The app
 * maps it to a 503 or falls back; the connection keeps reconnecting on its own.
 *
 * @example
 * try { await cache.get('k') } catch (e) { if (e instanceof RedisUnavailableError) return c.text('busy', 503) }
 */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError'
  readonly code = 'REDIS_UNAVAILABLE'
}

/**
 * Where and how to reach Redis.
 *
 * @example
 * const options: RedisConnectionOptions = { url: 'redis://127.0.0.1:6379/0', commandTimeoutMs: 1000 }
 */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]`; default `redis://127.0.0.1:6379`. */
  url?: string
  /** How long a command waits for a connection being (re)established. Default 1000 ms. */
  connectTimeoutMs?: number
  /** How long a command waits for its reply before failing. Default 2000 ms. */
  commandTimeoutMs?: number
  /** Longest pause between reconnection attempts. Default 500 ms. */
  maxReconnectDelayMs?: number
  /** Further ioredis options (they win over the ones above). */
  redis?: RedisOptions
  /** Told about connection errors (otherwise they are only reported through rejected operations). */
  onError?: (error: Error) => void
}

type Listener = (message: string) => void

/**
 * One app instance's link to Redis: a command connection that never queues commands while Redis
 * is down (they fail at once with {@link RedisUnavailableError}) and reconnects by itself, plus a
 * subscriber connection opened on first {@link RedisConnection.subscribe}. Stores and locks of one
 * instance can share it.
 *
 * @example
 * const redis = new RedisConnection({ url: process.env.REDIS_URL })
 * const cache = new ObjectCache(new RedisStore({ connection: redis }))
 * const sessions = new RedisSessionStore({ connection: redis })
 */
export class RedisConnection {
  /** The ioredis client for commands. */
  readonly client: Redis
  /** `host:port`, for messages. */
  readonly address: string
  private subscriber: Redis | undefined
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly connectTimeoutMs: number
  private lastError: Error | undefined
  private closed = false

  constructor(private readonly options: RedisConnectionOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 1000
    const maxDelay = options.maxReconnectDelayMs ?? 500
    const settings: RedisOptions = {
      connectTimeout: this.connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs ?? 2000,
      maxRetriesPerRequest: 0, // a command caught by a disconnect fails instead of being replayed later
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(50 * times, maxDelay) + Math.floor(Math.random() * 20),
      ...options.redis,
    }
    this.client = new Redis(options.url ?? 'redis://127.0.0.1:6379', settings)
    this.address = `${this.client.options.host ?? '127.0.0.1'}:${this.client.options.port ?? 6379}`
    this.client.on('error', (error: Error) => this.report(error))
  }

  /**
   * Runs `op` with the command client once it is ready. Connection failures, timeouts and a
   * Redis that is down become a {@link RedisUnavailableError}; replies that are errors (a
   * wrong type, a script error) are rethrown as they are. `op` should only talk to Redis.
   */
  async run<T>(op: (client: Redis) => Promise<T>): Promise<T> {
    await this.ready()
    try {
      return await op(this.client)
    } catch (error) {
      throw this.classify(error)
    }
  }

  /**
   * Calls `listener` with each message published on `channel`, best effort: messages published
   * while the subscriber is disconnected are lost. Returns the function that unsubscribes.
   */
  subscribe(channel: string, listener: Listener): () => void {
    const subscriber = this.subscriber ?? this.openSubscriber()
    let set = this.listeners.get(channel)
    if (!set) {
      this.listeners.set(channel, (set = new Set()))
      subscriber.subscribe(channel).catch((error: unknown) => this.report(asError(error)))
    }
    set.add(listener)
    return () => {
      if (!set.delete(listener) || set.size > 0 || this.listeners.get(channel) !== set) return
      this.listeners.delete(channel)
      if (!this.closed) subscriber.unsubscribe(channel).catch((error: unknown) => this.report(asError(error)))
    }
  }

  /** Closes both connections. Operations fail afterwards. */
  async close(): Promise<void> {
    this.closed = true
    this.listeners.clear()
    await Promise.all([this.client, this.subscriber].map((client) => client && closeClient(client)))
  }

  private openSubscriber(): Redis {
    // The subscriber may queue its few SUBSCRIBE commands until connected; ioredis resubscribes
    // after a reconnect.
    const subscriber = this.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined })
    subscriber.on('error', (error: Error) => this.report(error))
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message)
    })
    this.subscriber = subscriber
    return subscriber
  }

  private ready(): Promise<void> {
    const status = this.client.status
    if (status === 'ready') return Promise.resolve()
    if (this.closed || status === 'end') return Promise.reject(this.unavailable('the connection was closed'))
    if (status === 'wait') this.client.connect().catch(() => {})
    else if (status !== 'connecting' && status !== 'connect') {
      return Promise.reject(this.unavailable(this.lastError?.message ?? `connection ${status}`))
    }
    // A connection attempt is under way: give it connectTimeoutMs to succeed.
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer)
        this.client.off('ready', onReady)
        this.client.off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onReady = () => done()
      const onClose = () => done(this.unavailable(this.lastError?.message ?? 'connection closed'))
      const timer = setTimeout(() => done(this.unavailable(`no connection within ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs)
      this.client.once('ready', onReady)
      this.client.once('close', onClose)
    })
  }

  private classify(error: unknown): Error {
    const e = asError(error)
    const serverDown = /^(LOADING|MASTERDOWN|BUSY)\b/.test(e.message)
    if (e.name === 'ReplyError' && !serverDown) return e
    return this.unavailable(e.message, e)
  }

  private unavailable(reason: string, cause?: Error): RedisUnavailableError {
    return new RedisUnavailableError(`Redis is unreachable at ${this.address}: ${reason}`, cause && { cause })
  }

  private report(error: Error): void {
    this.lastError = error
    this.options.onError?.(error)
  }
}

async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit()
      return
    } catch {
      // fall through to a hard disconnect
    }
  }
  client.disconnect()
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
