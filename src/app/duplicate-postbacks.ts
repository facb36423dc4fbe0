import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { ObjectCache } from '../cache/object-cache.ts'
import type { PageAnswer } from '../cache/output-cache.ts'
import { SingleFlight } from '../cache/single-flight.ts'
import type { CacheStore } from '../cache/store.ts'
import { HttpError } from '../errors.ts'
import type { FormCollection } from '../request/form.ts'

/**
 * The form field a full postback carries its idempotency key in (the header's twin).
 *
 * @example
 * form.get(idempotencyField) // '3f9c0a…' in a full postback from Deltaform's client
 */
export const idempotencyField = '__IDEMPOTENCYKEY'

const validKey = /^[A-Za-z0-9_-]{8,64}$/

/**
 * The idempotency key of a postback: the `Idempotency-Key` header (async postbacks) or the
 * `__IDEMPOTENCYKEY` field (full postbacks); undefined when it has none or the post is a
 * multipart upload. A malformed key is refused with 400 naming it.
 *
 * @example
 * postbackKey(c.req.raw.headers, form) // '3f9c0a…' from Deltaform's client, undefined from Microsoft's
 */
export function postbackKey(headers: Headers, form: FormCollection): string | undefined {
  // An upload's files are not among the fields its identity hashes: never take one for a duplicate.
  if (/^\s*multipart\//i.test(headers.get('content-type') ?? '')) return undefined
  const key = headers.get('idempotency-key') ?? form.get(idempotencyField)
  if (key === undefined || key === null || key === '') return undefined
  if (!validKey.test(key)) {
    throw new HttpError(400, `The idempotency key (the Idempotency-Key header or the ${idempotencyField} field) must be 8–64 letters, digits, '-' or '_'.`)
  }
  return key
}

interface StoredAnswer {
  status: number
  headers: Array<[string, string]>
  body: string
}

/**
 * One postback, as {@link DuplicatePostbacks.run} identifies it.
 *
 * @example
 * const postback: Postback = { route: '/orders.aspx', key, kind: 'postback', form, scope: sessionId ?? '' }
 */
export interface Postback {
  route: string
  key: string
  kind: string
  form: FormCollection
  /** Who posts: the session cookie and the signed-in user, so one user's answer never reaches another. */
  scope: string
}

/**
 * Options of {@link DuplicatePostbacks}.
 *
 * @example
 * new DuplicatePostbacks({ ttlMs: 120_000, maxBodyBytes: 1 << 20 })
 */
export interface DuplicatePostbacksOptions {
  /** The app's shared store (Redis): answers are seen by every instance. Default: a bounded LRU in this process. */
  sharedStore?: CacheStore
  /** How long an answer is kept for its duplicates (default two minutes). */
  ttlMs?: number
  /** Larger answers are not kept (default 1 MiB). */
  maxBodyBytes?: number
  /** The in-process store's bound, in bytes of kept bodies (default 32 MiB). */
  maxTotalBytes?: number
}

/**
 * Runs a postback once per idempotency key, poster and posted fields: a duplicate — the same
 * key and fields, such as a double click, a resend after a lost answer, or a request the client
 * aborted after the server had run it — gets the first one's answer (`Idempotent-Replayed: true`)
 * instead of running the page's handlers again. A duplicate that arrives while the first still
 * runs waits for it. Only successes are kept (not 4xx/5xx, not an async postback's error record,
 * not an answer that sets a cookie), in a bounded LRU of this process or in the shared store;
 * when the store fails, or the first run failed, the postback simply runs.
 *
 * @example
 * const duplicates = new DuplicatePostbacks()
 * const answer = await duplicates.run({ route: '/orders.aspx', key, kind, form, scope }, () => render())
 */
export class DuplicatePostbacks {
  private readonly shared?: ObjectCache
  private readonly local: LRUCache<string, StoredAnswer>
  private readonly flights = new SingleFlight()
  private readonly ttlMs: number
  private readonly maxBodyBytes: number

  constructor(options: DuplicatePostbacksOptions = {}) {
    this.ttlMs = options.ttlMs ?? 120_000
    this.maxBodyBytes = options.maxBodyBytes ?? 1 << 20
    if (options.sharedStore) this.shared = new ObjectCache(options.sharedStore, { keyPrefix: 'postback:' })
    this.local = new LRUCache({ maxSize: options.maxTotalBytes ?? 32 << 20, sizeCalculation: (a) => a.body.length + 1, ttl: this.ttlMs })
  }

  /** The first answer to this postback, or `run()`'s (kept for the duplicates to come). */
  async run(postback: Postback, run: () => Promise<PageAnswer>): Promise<PageAnswer> {
    const id = identity(postback)
    let leader = false
    let ran: PageAnswer | undefined
    let shared: StoredAnswer | undefined
    try {
      shared = await this.flights.run(id, async (): Promise<StoredAnswer | undefined> => {
        leader = true
        const stored = await this.get(id)
        if (stored) return stored
        const fresh = (ran = await run())
        if (!this.keeps(fresh)) return undefined
        const kept: StoredAnswer = { status: fresh.status, headers: [...fresh.headers], body: fresh.body }
        await this.set(id, kept)
        return kept
      })
    } catch (error) {
      if (leader) throw error
      // The first run failed: a duplicate that waited for it runs on its own.
      return run()
    }
    if (ran) return ran
    // The first answer was not kept (a failure, a cookie): a duplicate runs on its own.
    if (!shared) return run()
    const headers = new Headers(shared.headers)
    headers.set('Idempotent-Replayed', 'true')
    headers.delete('Server-Timing')
    return { status: shared.status, headers, body: shared.body }
  }

  private keeps(answer: PageAnswer): boolean {
    return answer.status < 400 && !answer.failed && !answer.headers.has('set-cookie') && Buffer.byteLength(answer.body) <= this.maxBodyBytes
  }

  private async get(id: string): Promise<StoredAnswer | undefined> {
    return this.shared ? this.shared.get<StoredAnswer>(id).catch(() => undefined) : this.local.get(id)
  }

  private async set(id: string, answer: StoredAnswer): Promise<void> {
    if (this.shared) await this.shared.set(id, answer, { absoluteMs: this.ttlMs }).catch(() => undefined)
    else this.local.set(id, answer)
  }
}

// The postback's identity: the page, the key, the poster, the kind and every posted field in order.
function identity({ route, key, kind, form, scope }: Postback): string {
  const hash = createHash('sha256').update(route).update('\0').update(key).update('\0').update(scope).update('\0').update(kind)
  for (const [name, value] of form.entries()) hash.update('\0').update(name).update('\x01').update(value)
  return hash.digest('base64url')
}
