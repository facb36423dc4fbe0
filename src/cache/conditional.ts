/**
 * Whether an If-None-Match header matches any of a resource's current entity tags, by weak
 * comparison as RFC 9110 §13.1.2 requires (`W/"x"` matches `"x"`); `*` matches any existing
 * resource. `etags` are quoted strong tags.
 *
 * @example
 * ifNoneMatch('W/"abc", "def"', ['"abc"']) // true
 * ifNoneMatch('*', ['"abc"'])              // true
 */
export function ifNoneMatch(header: string | undefined, etags: readonly string[]): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  const listed = header.match(/(?:W\/)?"[^"]*"/g) ?? []
  return listed.some((tag) => etags.includes(tag.startsWith('W/') ? tag.slice(2) : tag))
}

/**
 * Whether If-Modified-Since says the client's copy is current: only consulted without
 * If-None-Match (RFC 9110 §13.1.3), with HTTP dates having whole seconds.
 *
 * @example
 * notModifiedSince('Tue, 01 Apr 2025 10:00:00 GMT', Date.parse('2025-04-01T10:00:00.400Z')) // true
 */
export function notModifiedSince(header: string | undefined, mtimeMs: number): boolean {
  if (header === undefined) return false
  const since = Date.parse(header)
  return Number.isFinite(since) && Math.floor(mtimeMs / 1000) * 1000 <= since
}

/**
 * Whether a Range request may be honoured under its If-Range header: absent, or a strong
 * entity tag equal to the current one, or a date not before the last modification (RFC 9110
 * §13.1.5; weak tags never match).
 *
 * @example
 * ifRangeHolds('"abc"', '"abc"', 0) // true
 * ifRangeHolds('W/"abc"', '"abc"', 0) // false
 */
export function ifRangeHolds(header: string | undefined, etag: string, mtimeMs: number): boolean {
  if (header === undefined) return true
  const value = header.trim()
  if (value.startsWith('"')) return value === etag
  if (value.startsWith('W/')) return false
  const date = Date.parse(value)
  return Number.isFinite(date) && Math.floor(mtimeMs / 1000) * 1000 <= date
}
