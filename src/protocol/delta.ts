/** One `length|type|id|content|` record of a delta response. */
export interface DeltaRecord {
  type: string
  id: string
  content: string
}

/**
 * Encodes one record. The length counts UTF-16 code units (JavaScript's `.length`, .NET's
 * String.Length), which is what the client slices by — not bytes.
 *
 * @example
 * encodeRecord('pageTitle', '', 'Demo') // '4|pageTitle||Demo|'
 */
export function encodeRecord(type: string, id: string, content: string): string {
  if (type.includes('|') || id.includes('|')) throw new Error(`A delta record's type and id cannot contain '|': ${type}|${id}`)
  return `${content.length}|${type}|${id}|${content}|`
}

/**
 * Encodes records in order into a delta response body.
 *
 * @example
 * encodeDelta([{ type: '#', id: '', content: '4' }]) // '1|#||4|'
 */
export function encodeDelta(records: Iterable<DeltaRecord>): string {
  let out = ''
  for (const r of records) out += encodeRecord(r.type, r.id, r.content)
  return out
}

/**
 * The parse failure the PageRequestManager reports, with its details sentence
 * ("Error parsing near '…'.").
 *
 * @example
 * try { parseDelta('x') } catch (e) { (e as DeltaParseError).details } // "Error parsing near 'x'."
 */
export class DeltaParseError extends Error {
  constructor(
    readonly details: string,
    readonly offset: number,
  ) {
    super(details)
    this.name = 'DeltaParseError'
  }
}

/**
 * Parses a delta response exactly as the ASP.NET AJAX client does (PROTOCOL.md §2.2):
 * lengths in UTF-16 units, a `|` after every field, nothing between records. Throws
 * {@link DeltaParseError} on the first malformed record; never reads past the end.
 *
 * @example
 * parseDelta('1|#||4|4|pageTitle||Demo|') // [{ type: '#', id: '', content: '4' }, { type: 'pageTitle', id: '', content: 'Demo' }]
 */
export function parseDelta(reply: string): DeltaRecord[] {
  const records: DeltaRecord[] = []
  let i = 0
  const fail = (at: number): never => {
    const near = reply.substring(Math.max(0, at - 20), Math.min(reply.length, at + 20))
    throw new DeltaParseError(`Error parsing near '${near}'.`, at)
  }
  while (i < reply.length) {
    let bar = reply.indexOf('|', i)
    if (bar === -1) fail(i)
    const lengthText = reply.substring(i, bar)
    const length = /^\s*[+-]?\d/.test(lengthText) ? parseInt(lengthText, 10) : NaN
    if (!Number.isInteger(length) || length < 0) fail(i)
    i = bar + 1
    bar = reply.indexOf('|', i)
    if (bar === -1) fail(i)
    const type = reply.substring(i, bar)
    i = bar + 1
    bar = reply.indexOf('|', i)
    if (bar === -1) fail(i)
    const id = reply.substring(i, bar)
    i = bar + 1
    if (i + length >= reply.length) fail(i)
    const content = reply.substr(i, length)
    i += length
    if (reply.charAt(i) !== '|') fail(i)
    i++
    records.push({ type, id, content })
  }
  return records
}
