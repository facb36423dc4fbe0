import { createHmac, timingSafeEqual } from 'node:crypto'
import { HttpError } from '../errors.ts'

/**
 * The secret that signs `__VIEWSTATE` and `__EVENTVALIDATION`. Use the buffer returned by
 * `resolveSigningKey` (at least 32 bytes).
 *
 * @example
 * const signer: StateSigner = { key: resolveSigningKey({ mode: 'development', stateDir }) }
 */
export interface StateSigner {
  key: Buffer
}

/**
 * What a signed value is bound to: it only verifies for the same page and, when set, the same
 * user (the Web Forms `ViewStateUserKey` idea: a session id or user name), so a value captured
 * from one page or one user cannot be replayed against another.
 *
 * @example
 * const scope: StateScope = { pageId: '/counter.aspx', userKey: session.id }
 */
export interface StateScope {
  pageId: string
  userKey?: string
}

/**
 * Which field a sealed value belongs to; each gets its own derived key.
 *
 * @example
 * const purpose: SealPurpose = 'viewstate'
 */
export type SealPurpose = 'viewstate' | 'eventvalidation' | 'eventvalidation-entry' | 'history'

const FORMAT_VERSION = 1
const HEADER_BYTES = 2 // version, flags
const MAC_BYTES = 16
const MIN_KEY_BYTES = 32
const BASE64URL = /^[A-Za-z0-9_-]*$/

const derivedKeys = new WeakMap<Buffer, Map<SealPurpose, Buffer>>()

/**
 * A key for one purpose, derived from the signing key. Separate keys per purpose mean a
 * value sealed as view state can never verify as event validation, and the keyed hashes
 * inside event validation are unrelated to either MAC.
 *
 * @example
 * const entryKey = derivedKey(signer, 'eventvalidation-entry')
 */
export function derivedKey(signer: StateSigner, purpose: SealPurpose): Buffer {
  const key = signer.key
  if (!Buffer.isBuffer(key) || key.length < MIN_KEY_BYTES) {
    throw new TypeError(`The state signing key must be a Buffer of at least ${MIN_KEY_BYTES} bytes.`)
  }
  let perKey = derivedKeys.get(key)
  if (!perKey) {
    perKey = new Map()
    derivedKeys.set(key, perKey)
  }
  let derived = perKey.get(purpose)
  if (!derived) {
    derived = createHmac('sha256', key).update(`deltaform:${purpose}:v${FORMAT_VERSION}`).digest()
    perKey.set(purpose, derived)
  }
  return derived
}

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8')
  const out = Buffer.allocUnsafe(4 + bytes.length)
  out.writeUInt32BE(bytes.length, 0)
  bytes.copy(out, 4)
  return out
}

function mac(purpose: SealPurpose, signer: StateSigner, scope: StateScope, body: Buffer): Buffer {
  // Length prefixes keep (pageId 'a', user 'bc') and (pageId 'ab', user 'c') apart.
  return createHmac('sha256', derivedKey(signer, purpose))
    .update(lengthPrefixed(scope.pageId))
    .update(lengthPrefixed(scope.userKey ?? ''))
    .update(body) // header (version, flags) + payload
    .digest()
    .subarray(0, MAC_BYTES)
}

/**
 * Signs `payload` and returns base64url text: version, flags, payload, truncated MAC.
 *
 * @example
 * const text = seal('viewstate', signer, { pageId: '/a.aspx' }, 0, Buffer.from('{}'))
 */
export function seal(
  purpose: SealPurpose,
  signer: StateSigner,
  scope: StateScope,
  flags: number,
  payload: Buffer,
): string {
  const body = Buffer.allocUnsafe(HEADER_BYTES + payload.length)
  body[0] = FORMAT_VERSION
  body[1] = flags
  payload.copy(body, HEADER_BYTES)
  return Buffer.concat([body, mac(purpose, signer, scope, body)]).toString('base64url')
}

/**
 * Checks size, encoding and MAC of a sealed field and returns its flags and payload. Nothing
 * in the payload is looked at before the MAC has been verified. Client mistakes throw
 * `HttpError` 400 (413 when over `maxBytes`) naming `fieldName`.
 *
 * @example
 * const { flags, payload } = unseal('viewstate', '__VIEWSTATE', text, signer, scope, 1 << 20)
 */
export function unseal(
  purpose: SealPurpose,
  fieldName: string,
  field: string,
  signer: StateSigner,
  scope: StateScope,
  maxBytes: number,
): { flags: number; payload: Buffer } {
  const invalid = (problem: string) => new HttpError(400, `The ${fieldName} field ${problem}`)
  if (field.length > maxBytes) {
    throw new HttpError(413, `The ${fieldName} field is larger than the limit of ${maxBytes} bytes.`)
  }
  if (!BASE64URL.test(field) || field.length % 4 === 1) throw invalid('is malformed.')
  const bytes = Buffer.from(field, 'base64url')
  // Reject non-canonical spellings (stray trailing bits) so one value has one text form.
  if (bytes.toString('base64url') !== field) throw invalid('is malformed.')
  if (bytes.length < HEADER_BYTES + MAC_BYTES) throw invalid('is truncated.')
  if (bytes[0] !== FORMAT_VERSION) {
    throw invalid(`is malformed: it uses format version ${bytes[0]}, this server reads version ${FORMAT_VERSION}.`)
  }
  const body = bytes.subarray(0, bytes.length - MAC_BYTES)
  const given = bytes.subarray(bytes.length - MAC_BYTES)
  if (!timingSafeEqual(given, mac(purpose, signer, scope, body))) {
    throw invalid(
      'is not valid: it was tampered with, or it was signed with another key, for another page or for another user.',
    )
  }
  return { flags: body[1]!, payload: body.subarray(HEADER_BYTES) }
}
