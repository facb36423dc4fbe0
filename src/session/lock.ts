/**
 * Serializes the requests of one session (ASP.NET's session lock): `run` calls for the same id
 * run one after the other, so a load-modify-save never interleaves with another.
 *
 * @example
 * const lock: SessionLock = new InProcessSessionLock()
 * await lock.run(session.id, async () => { ... })
 */
export interface SessionLock {
  /** Runs `fn` once no other `run` of `id` is running, and resolves to its result. */
  run<T>(id: string, fn: () => T | Promise<T>): Promise<T>
  /** Releases connections (the Redis lock). */
  close(): Promise<void>
}

/**
 * A {@link SessionLock} for one process: a promise chain per session id, in arrival order,
 * dropped as soon as the session has nothing running or waiting.
 *
 * @example
 * const lock = new InProcessSessionLock()
 * await Promise.all([lock.run('s1', increment), lock.run('s1', increment)]) // one after the other
 */
export class InProcessSessionLock implements SessionLock {
  private readonly tails = new Map<string, Promise<void>>()

  async run<T>(id: string, fn: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(id)
    let release!: () => void
    const done = new Promise<void>((resolve) => (release = resolve))
    const tail = previous ? previous.then(() => done) : done
    this.tails.set(id, tail)
    try {
      if (previous) await previous
      return await fn()
    } finally {
      release()
      if (this.tails.get(id) === tail) this.tails.delete(id)
    }
  }

  /** Session ids with a request running or waiting. */
  get size(): number {
    return this.tails.size
  }

  async close(): Promise<void> {}
}

const processLock = new InProcessSessionLock()

/**
 * Runs `fn` under the process-wide {@link InProcessSessionLock} of session `id`.
 *
 * @example
 * await withSessionLock(id, async () => {
 *   const data = (await store.load(id)) ?? {}
 *   await store.save(id, { ...data, visits: Number(data.visits ?? 0) + 1 }, ttl)
 * })
 */
export function withSessionLock<T>(id: string, fn: () => T | Promise<T>): Promise<T> {
  return processLock.run(id, fn)
}
