import { createHash } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { HttpError } from '../errors.ts'
import { seal, unseal, type StateScope, type StateSigner } from './seal.ts'

export type { StateScope, StateSigner } from './seal.ts'

/**
 * Default limit for the length of a posted `__VIEWSTATE` field (1 MiB of text).
 *
 * @example
 * decodeViewState(field, signer, scope, { maxBytes: defaultViewStateMaxBytes / 4 })
 */
export const defaultViewStateMaxBytes = 1024 * 1024

const FIELD = '__VIEWSTATE'
const FLAG_DEFLATED = 1
const KNOWN_FLAGS = FLAG_DEFLATED
/** Below this, deflate's own framing outweighs what it could save. */
const MIN_COMPRESS_BYTES = 64
/** Inflated state may be this many times the field limit (guards against zip bombs). */
const INFLATE_RATIO = 8

// Tagged strings: Dates travel as "~d<epoch ms>"; a user string starting with "~" gets one
// more "~" in front, so no string can ever be mistaken for a tag.
/**
 * Deflate settings sized to the input: a window no larger than the state (zlib's default
 * 32 KB window and 128 KB hash cost ~100 µs to set up, 5–7× the work on a typical few-hundred-
 * byte state). Inflate with the default window reads any of them.
 */
function smallWindow(length: number): { windowBits: number; memLevel: number } {
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(length))))
  return { windowBits, memLevel: Math.max(1, windowBits - 7) }
}

const TAG = '~'
const DATE_TAG = '~d'
const DATE_TEXT = /^(?:-?\d{1,16}|NaN)$/

/**
 * Serializes, compresses (only when that makes it smaller), signs and base64url-encodes a
 * page's view state. `state` may hold JSON values and `Date`s; `undefined` properties are
 * dropped and `undefined` array items become `null`, as in JSON. `undefined` state encodes
 * as `''` (a page with no state).
 *
 * @example
 * const field = encodeViewState({ count: 3, at: new Date() }, signer, { pageId: '/counter.aspx' })
 * // <input type="hidden" name="__VIEWSTATE" value="${field}" />
 */
export function encodeViewState(state: unknown, signer: StateSigner, scope: StateScope): string {
  if (state === undefined) return ''
  const json = Buffer.from(JSON.stringify(toWire(state, 'state', new Set())), 'utf8')
  let flags = 0
  let payload = json
  if (json.length >= MIN_COMPRESS_BYTES) {
    const deflated = deflateRawSync(json, smallWindow(json.length))
    if (deflated.length < json.length) {
      flags |= FLAG_DEFLATED
      payload = deflated
    }
  }
  return seal('viewstate', signer, scope, flags, payload)
}

/**
 * Verifies and decodes a posted `__VIEWSTATE` field for the same page and user it was
 * encoded for. An empty field returns `undefined`. A tampered, foreign, truncated or
 * malformed field throws `HttpError` 400; one longer than `limits.maxBytes` (default 1 MiB)
 * throws `HttpError` 413. The MAC is checked before anything is inflated or parsed.
 *
 * @example
 * const state = decodeViewState(form.get('__VIEWSTATE') ?? '', signer, { pageId: '/counter.aspx' })
 */
export function decodeViewState(
  field: string,
  signer: StateSigner,
  scope: StateScope,
  limits: { maxBytes?: number } = {},
): unknown {
  if (field === '') return undefined
  const maxBytes = limits.maxBytes ?? defaultViewStateMaxBytes
  const { flags, payload } = unseal('viewstate', FIELD, field, signer, scope, maxBytes)
  const malformed = () => new HttpError(400, `The ${FIELD} field is malformed.`)
  if ((flags & ~KNOWN_FLAGS) !== 0) throw malformed()

  let json = payload
  if (flags & FLAG_DEFLATED) {
    const maxOutputLength = maxBytes * INFLATE_RATIO
    try {
      json = inflateRawSync(payload, { maxOutputLength })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new HttpError(413, `The ${FIELD} field expands beyond the limit of ${maxOutputLength} bytes.`)
      }
      throw malformed()
    }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json)
  } catch {
    throw malformed()
  }
  try {
    return JSON.parse(text, reviveTagged)
  } catch (err) {
    if (err instanceof HttpError) throw err
    throw malformed()
  }
}

/**
 * The `__VIEWSTATEGENERATOR` value of a page: 8 uppercase hex digits, stable across restarts and
 * servers (it identifies the page, it is not a secret). The first four come from the page id,
 * the last four from its build: a post whose first half matches but whose second half does not
 * was made by another build of this page.
 *
 * @example
 * viewStateGenerator('/counter.aspx', '3f9a…') // e.g. 'CA0B71E2'
 */
export function viewStateGenerator(pageId: string, buildId = ''): string {
  const half = (text: string) => createHash('sha256').update(text, 'utf8').digest().subarray(0, 2).toString('hex').toUpperCase()
  return half(pageId) + half(buildId)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object'
  return typeof value
}

/** Turns state into a JSON-safe tree with tagged strings; throws for values JSON would mangle. */
function toWire(value: unknown, path: string, seen: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return value.startsWith(TAG) ? TAG + value : value
    case 'boolean':
      return value
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`View state cannot hold ${value} (at ${path}).`)
      return value
    case 'object':
      break
    default:
      throw new TypeError(`View state can hold JSON values and Dates only; found a ${describe(value)} at ${path}.`)
  }
  if (value === null) return null
  if (value instanceof Date) {
    const time = value.getTime()
    return DATE_TAG + (Number.isNaN(time) ? 'NaN' : String(time))
  }
  if (seen.has(value)) throw new TypeError(`View state cannot hold a circular reference (at ${path}).`)
  seen.add(value)
  try {
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length)
      for (let i = 0; i < value.length; i++) {
        const item = value[i]
        out[i] = item === undefined ? null : toWire(item, `${path}[${i}]`, seen)
      }
      return out
    }
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`View state can hold JSON values and Dates only; found a ${describe(value)} at ${path}.`)
    }
    // A null-prototype target so a key named "__proto__" stays an ordinary property.
    const out: Record<string, unknown> = Object.create(null)
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) out[key] = toWire(item, `${path}.${key}`, seen)
    }
    return out
  } finally {
    seen.delete(value)
  }
}

function reviveTagged(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith(TAG)) return value
  if (value.startsWith(TAG + TAG)) return value.slice(1)
  if (value.startsWith(DATE_TAG)) {
    const text = value.slice(DATE_TAG.length)
    if (DATE_TEXT.test(text)) return new Date(Number(text))
  }
  throw new HttpError(400, `The ${FIELD} field is malformed.`)
}
