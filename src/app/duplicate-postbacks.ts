import { createHash } from 'node:crypto'
import { ObjectCache } from '../cache/object-cache.ts'
import type { PageAnswer } from '../cache/output-cache.ts'
import { SingleFlight } from '../cache/single-flight.ts'
import type { CacheStore } from '../cache/store.ts'
import { HttpError } from '../errors.ts'
import type { FormCollection } from '../request/form.ts'

/** The form field a full postback carries its idempotency key in (the header's twin). */
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
 * Options of {@link DuplicatePostbacks}.
 *
 * @example
 * new DuplicatePostbacks(store, { ttlMs: 120_000, maxBodyBytes: 1 << 20 })
 */
export interface DuplicatePostbacksOptions {
  /** How long an answer is kept for its duplicates (default two minutes). */
  ttlMs?: number
  /** Larger answers are not kept (default 1 MiB). */
  maxBodyBytes?: number
}

/**
 * Runs a postback once per idempotency key and posted form: a duplicate — the same key and
 * the same fields, such as a double click, a resend after a lost answer, or a request the client
 * aborted but the server had already run — gets the first one's answer (with
 * `Idempotent-Replayed: true`) instead of running the page's handlers again. A duplicate that
 * arrives while the first still runs waits for it. Only successful answers (2xx, 3xx) are kept,
 * in the app's cache store (shared by every instance on Redis); when the store fails, the
 * postback simply runs.
 *
 * @example
 * const duplicates = new DuplicatePostbacks(services.store)
 * const answer = await duplicates.run({ route: '/orders.aspx', key, kind, form }, () => render())
 */
export class DuplicatePostbacks {
  private readonly answers: ObjectCache
  private readonly flights = new SingleFlight()
  private readonly ttlMs: number
  private readonly maxBodyBytes: number

  constructor(store: CacheStore, options: DuplicatePostbacksOptions = {}) {
    this.answers = new ObjectCache(store, { keyPrefix: 'postback:' })
    this.ttlMs = options.ttlMs ?? 120_000
    this.maxBodyBytes = options.maxBodyBytes ?? 1 << 20
  }

  /** The first answer to this postback, or `run()`'s (kept for the duplicates to come). */
  async run(postback: { route: string; key: string; kind: string; form: FormCollection }, run: () => Promise<PageAnswer>): Promise<PageAnswer> {
    const id = identity(postback)
    let ran: PageAnswer | undefined
    const shared = await this.flights.run(id, async (): Promise<StoredAnswer> => {
      const stored = await this.answers.get<StoredAnswer>(id).catch(() => undefined)
      if (stored) return stored
      const fresh = (ran = await run())
      const copy: StoredAnswer = { status: fresh.status, headers: [...fresh.headers], body: fresh.body }
      if (fresh.status < 400 && Buffer.byteLength(fresh.body) <= this.maxBodyBytes) {
        await this.answers.set(id, copy, { absoluteMs: this.ttlMs }).catch(() => undefined)
      }
      return copy
    })
    if (ran) return ran
    const headers = new Headers(shared.headers)
    headers.set('Idempotent-Replayed', 'true')
    return { status: shared.status, headers, body: shared.body }
  }
}

// The postback's identity: the page, the key, the kind and every posted field in order.
function identity({ route, key, kind, form }: { route: string; key: string; kind: string; form: FormCollection }): string {
  const hash = createHash('sha256').update(route).update('\0').update(key).update('\0').update(kind)
  for (const [name, value] of form.entries()) hash.update('\0').update(name).update('\x01').update(value)
  return hash.digest('base64url')
}
