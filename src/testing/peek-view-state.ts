import { inflateRawSync } from 'node:zlib'

const HEADER_BYTES = 2
const MAC_BYTES = 16
const FLAG_DEFLATED = 1

/**
 * The JSON text inside a `__VIEWSTATE` field, read without checking its signature — for tests
 * that compare two pages' state, never for the server (which must verify first); the page-view
 * sequence of users with a session is left out. Returns
 * `null` for a field that is not Deltaform view state (another format, or damaged).
 *
 * @example
 * peekViewState(await page.locator('#__VIEWSTATE').getAttribute('value')) // '{"t":[null,{"3":…}]}'
 */
export function peekViewState(field: string | null | undefined): string | null {
  if (!field) return field === '' ? '' : null
  if (!/^[A-Za-z0-9_-]+$/.test(field)) return null
  const bytes = Buffer.from(field, 'base64url')
  if (bytes.length < HEADER_BYTES + MAC_BYTES || bytes[0] !== 1) return null
  let payload = bytes.subarray(HEADER_BYTES, bytes.length - MAC_BYTES)
  try {
    if ((bytes[1]! & FLAG_DEFLATED) !== 0) payload = inflateRawSync(payload, { maxOutputLength: 64 * 1024 * 1024 })
    const text = new TextDecoder('utf-8', { fatal: true }).decode(payload)
    const value = JSON.parse(text)
    // The page-view sequence (`q`, random per page view) says nothing about the page's state.
    if (value && typeof value === 'object' && 'q' in value) {
      delete value.q
      return JSON.stringify(value)
    }
    return text
  } catch {
    return null
  }
}

/**
 * The entries of an `__EVENTVALIDATION` field without its signature, for comparing two pages:
 * the same entries sealed for two sessions differ only in the signature. Returns the field as
 * it is when it is not Deltaform's format.
 *
 * @example
 * peekEventValidation(fullRun) === peekEventValidation(partialRun)
 */
export function peekEventValidation(field: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(field)) return field
  const bytes = Buffer.from(field, 'base64url')
  if (bytes.length < HEADER_BYTES + MAC_BYTES || bytes[0] !== 1) return field
  return bytes.subarray(0, bytes.length - MAC_BYTES).toString('base64url')
}
