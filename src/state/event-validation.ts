import { hash } from 'node:crypto'
import { HttpError } from '../errors.ts'
import { derivedKey, seal, unseal, type StateScope, type StateSigner } from './seal.ts'
import { defaultViewStateMaxBytes } from './view-state.ts'

const FIELD = '__EVENTVALIDATION'
const ENTRY_BYTES = 4

function pairText(uniqueID: string, argument: string | undefined): string {
  // No argument and an empty argument are the same registration, as in ASP.NET.
  return uniqueID + '\u0000' + (argument ?? '')
}

const keyPrefixes = new WeakMap<Buffer, string>()

function entryHash(entryKey: Buffer, pair: string): number {
  // A secret-prefixed SHA-256, truncated to 32 bits: keyed (a crafted value cannot be made to
  // collide with a registered one without the key), and one native call instead of an HMAC
  // object per entry (a grid registers one entry per row link). Truncation leaves no state
  // for a length-extension; the whole list is sealed with an HMAC besides.
  let prefix = keyPrefixes.get(entryKey)
  if (prefix === undefined) keyPrefixes.set(entryKey, (prefix = entryKey.toString('hex') + '\u0000'))
  return hash('sha256', prefix + pair, 'buffer').readUInt32BE(0)
}

/**
 * The `__EVENTVALIDATION` set: every (UniqueID, argument) a postback may legally carry,
 * recorded while the page renders (postback targets, list item values). A post naming
 * anything else is refused. The encoded form holds 4-byte keyed hashes, not the strings,
 * and is signed for one page and user like view state (with a separate derived key, so
 * neither field can stand in for the other).
 *
 * @example
 * const ev = new EventValidation()
 * ev.register('Button1')
 * ev.register('Colors', 'red')
 * const field = ev.encode(signer, scope)
 * // on the next post:
 * const posted = EventValidation.decode(form.get('__EVENTVALIDATION') ?? '', signer, scope)
 * posted.isValid('Colors', 'red') // true
 */
export class EventValidation {
  /** Pairs registered on this instance, as strings. */
  #pairs = new Set<string>()
  /** Hashes read from a posted field, and the key they were made with. */
  #hashes = new Set<number>()
  #entryKey: Buffer | undefined

  /**
   * Records that a post may name `uniqueID` (with `argument`, when given).
   *
   * @example
   * ev.register('GridView1', 'Sort$Name')
   */
  register(uniqueID: string, argument?: string): void {
    this.#pairs.add(pairText(uniqueID, argument))
  }

  /**
   * Whether a post may name `uniqueID` with `argument`. An undefined and an empty argument
   * match a registration without argument.
   *
   * @example
   * if (!ev.isValid(form.get('__EVENTTARGET')!, form.get('__EVENTARGUMENT'))) throw new HttpError(400, '...')
   */
  isValid(uniqueID: string, argument?: string): boolean {
    const pair = pairText(uniqueID, argument)
    if (this.#pairs.has(pair)) return true
    return this.#entryKey !== undefined && this.#hashes.has(entryHash(this.#entryKey, pair))
  }

  /**
   * The number of distinct registrations (for a decoded set: distinct hashes).
   *
   * @example
   * if (ev.size === 0) { // render no __EVENTVALIDATION field }
   */
  get size(): number {
    if (this.#entryKey === undefined) return this.#pairs.size
    return this.#allHashes(this.#entryKey).size
  }

  /**
   * Signs the set for a page and user. An empty set encodes as `''`.
   *
   * @example
   * const field = ev.encode(signer, { pageId: '/orders.aspx', userKey: sessionId })
   */
  encode(signer: StateSigner, scope: StateScope): string {
    const entryKey = derivedKey(signer, 'eventvalidation-entry')
    if (this.#entryKey !== undefined && !this.#entryKey.equals(entryKey)) {
      throw new Error('EventValidation: a decoded set can only be re-encoded with the key it was decoded with.')
    }
    const hashes = [...this.#allHashes(entryKey)].sort((a, b) => a - b)
    if (hashes.length === 0) return ''
    const payload = Buffer.allocUnsafe(hashes.length * ENTRY_BYTES)
    hashes.forEach((hash, i) => payload.writeUInt32BE(hash, i * ENTRY_BYTES))
    return seal('eventvalidation', signer, scope, 0, payload)
  }

  /**
   * Verifies a posted `__EVENTVALIDATION` field for the page and user it was encoded for.
   * An empty field gives an empty set (a page that registered nothing). Tampered, foreign or
   * malformed fields throw `HttpError` 400; over `limits.maxBytes` (default 1 MiB), 413.
   *
   * @example
   * const ev = EventValidation.decode(form.get('__EVENTVALIDATION') ?? '', signer, scope)
   */
  static decode(
    field: string,
    signer: StateSigner,
    scope: StateScope,
    limits: { maxBytes?: number } = {},
  ): EventValidation {
    const ev = new EventValidation()
    const entryKey = derivedKey(signer, 'eventvalidation-entry')
    ev.#entryKey = entryKey
    if (field === '') return ev
    const maxBytes = limits.maxBytes ?? defaultViewStateMaxBytes
    const { flags, payload } = unseal('eventvalidation', FIELD, field, signer, scope, maxBytes)
    if (flags !== 0 || payload.length % ENTRY_BYTES !== 0) {
      throw new HttpError(400, `The ${FIELD} field is malformed.`)
    }
    for (let offset = 0; offset < payload.length; offset += ENTRY_BYTES) {
      ev.#hashes.add(payload.readUInt32BE(offset))
    }
    return ev
  }

  #allHashes(entryKey: Buffer): Set<number> {
    const all = new Set(this.#hashes)
    for (const pair of this.#pairs) all.add(entryHash(entryKey, pair))
    return all
  }
}
