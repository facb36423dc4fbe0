import { hash } from 'node:crypto'
import { HttpError } from '../errors.ts'
import { derivedKey, seal, unseal, type StateScope, type StateSigner } from './seal.ts'
import { defaultViewStateMaxBytes } from './view-state.ts'

const FIELD = '__EVENTVALIDATION'
const ENTRY_BYTES = 4

function pairText(uniqueID: string, argument: string | undefined): string {
  // No argument and an empty argument are the same registration, as in ASP.NET. Browsers post
  // line breaks in values as CR LF whatever the page had, so line breaks compare as one.
  return uniqueID + '\u0000' + (argument ?? '').replace(/\r\n?/g, '\n')
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
  /** Entries by segment: 0 is the page; an UpdatePanel's render is its own segment. */
  #segments = new Map<number, { pairs: Set<string>; hashes: Set<number> }>()
  #current = 0
  /** Segments rendered in this request (their posted entries are replaced, not carried). */
  #rendered = new Set<number>()
  #entryKey: Buffer | undefined

  /**
   * Records that a post may name `uniqueID` (with `argument`, when given).
   *
   * @example
   * ev.register('GridView1', 'Sort$Name')
   */
  register(uniqueID: string, argument?: string): void {
    this.#segment(this.#current).pairs.add(pairText(uniqueID, argument))
  }

  /**
   * Runs `work` (an UpdatePanel's render) with its registrations kept apart under `name`, so an
   * async postback that does not render that panel again can carry its posted entries over.
   *
   * @example
   * ev.inSegment(panel.uniqueID, () => panel.renderChildren(writer))
   */
  inSegment<T>(name: string, work: () => T): T {
    const outer = this.#current
    this.#current = segmentId(name)
    this.#rendered.add(this.#current)
    try {
      return work()
    } finally {
      this.#current = outer
    }
  }

  /**
   * Adds the posted entries of every segment this request did not render again (the page's
   * own and panels outside the refreshed ones), as an async postback must: the browser still
   * shows what those entries describe.
   *
   * @example
   * rendered.carryFrom(posted) // after rendering only the refreshing panels
   */
  carryFrom(posted: EventValidation): void {
    this.#entryKey ??= posted.#entryKey
    for (const [id, segment] of posted.#segments) {
      if (id !== 0 && this.#rendered.has(id)) continue
      const into = this.#segment(id)
      for (const hash of segment.hashes) into.hashes.add(hash)
      for (const pair of segment.pairs) into.pairs.add(pair)
    }
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
    let hash: number | undefined
    for (const segment of this.#segments.values()) {
      if (segment.pairs.has(pair)) return true
      if (this.#entryKey !== undefined && segment.hashes.size > 0 && segment.hashes.has((hash ??= entryHash(this.#entryKey, pair)))) return true
    }
    return false
  }

  /**
   * The number of distinct registrations (for a decoded set: distinct hashes).
   *
   * @example
   * if (ev.size === 0) { // render no __EVENTVALIDATION field }
   */
  get size(): number {
    if (this.#entryKey === undefined) {
      const pairs = new Set<string>()
      for (const segment of this.#segments.values()) for (const pair of segment.pairs) pairs.add(pair)
      return pairs.size
    }
    const all = new Set<number>()
    for (const hashes of this.#hashesBySegment(this.#entryKey).values()) for (const hash of hashes) all.add(hash)
    return all.size
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
    const segments = [...this.#hashesBySegment(entryKey)].filter(([, hashes]) => hashes.size > 0).sort(([a], [b]) => a - b)
    if (segments.length === 0) return ''
    if (segments.length === 1 && segments[0]![0] === 0) {
      return seal('eventvalidation', signer, scope, 0, hashList([...segments[0]![1]]))
    }
    // Segmented: [segment id, entry count, entries…] per segment.
    const parts: Buffer[] = []
    for (const [id, hashes] of segments) {
      const head = Buffer.allocUnsafe(2 * ENTRY_BYTES)
      head.writeUInt32BE(id, 0)
      head.writeUInt32BE(hashes.size, ENTRY_BYTES)
      parts.push(head, hashList([...hashes]))
    }
    return seal('eventvalidation', signer, scope, FLAG_SEGMENTED, Buffer.concat(parts))
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
    const malformed = () => new HttpError(400, `The ${FIELD} field is malformed.`)
    if ((flags !== 0 && flags !== FLAG_SEGMENTED) || payload.length % ENTRY_BYTES !== 0) throw malformed()
    const read = (id: number, from: number, count: number) => {
      const hashes = ev.#segment(id).hashes
      for (let i = 0; i < count; i++) hashes.add(payload.readUInt32BE(from + i * ENTRY_BYTES))
    }
    if (flags === 0) {
      read(0, 0, payload.length / ENTRY_BYTES)
      return ev
    }
    for (let offset = 0; offset < payload.length; ) {
      if (offset + 2 * ENTRY_BYTES > payload.length) throw malformed()
      const id = payload.readUInt32BE(offset)
      const count = payload.readUInt32BE(offset + ENTRY_BYTES)
      offset += 2 * ENTRY_BYTES
      if (count > (payload.length - offset) / ENTRY_BYTES) throw malformed()
      read(id, offset, count)
      offset += count * ENTRY_BYTES
    }
    return ev
  }

  #segment(id: number): { pairs: Set<string>; hashes: Set<number> } {
    let segment = this.#segments.get(id)
    if (!segment) this.#segments.set(id, (segment = { pairs: new Set(), hashes: new Set() }))
    return segment
  }

  #hashesBySegment(entryKey: Buffer): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>()
    for (const [id, segment] of this.#segments) {
      const all = new Set(segment.hashes)
      for (const pair of segment.pairs) all.add(entryHash(entryKey, pair))
      out.set(id, all)
    }
    return out
  }
}

const FLAG_SEGMENTED = 1

/** A segment's id: 0 for the page, else 32 bits of the name's SHA-256 (never 0). */
function segmentId(name: string): number {
  if (name === '') return 0
  return hash('sha256', name, 'buffer').readUInt32BE(0) || 1
}

function hashList(hashes: number[]): Buffer {
  hashes.sort((a, b) => a - b)
  const out = Buffer.allocUnsafe(hashes.length * ENTRY_BYTES)
  hashes.forEach((h, i) => out.writeUInt32BE(h, i * ENTRY_BYTES))
  return out
}
