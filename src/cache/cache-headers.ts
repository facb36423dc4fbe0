import { splitList, type CacheProfile } from './cache-profile.ts'

/**
 * The HTTP caching headers of a page answer under a profile, for a copy made at `storedAt`
 * that expires at `expiresAt` (ms epoch): Cache-Control by cacheability, Expires,
 * Last-Modified, and Vary from `varyByHeader` (a real list, never `*`).
 *
 * | cacheability | Cache-Control |
 * |---|---|
 * | NoCache, Server, ServerAndNoCache | `no-cache` (+ `Pragma: no-cache`, `Expires: -1`) |
 * | Private, ServerAndPrivate | `private, max-age=<seconds left>` |
 * | Public | `public, max-age=<seconds left>` |
 *
 * @example
 * cacheHeaders({ duration: 60, cacheability: 'Public' }, Date.now(), Date.now() + 60_000, Date.now())
 * // { 'Cache-Control': 'public, max-age=60', Expires: '…', 'Last-Modified': '…' }
 */
export function cacheHeaders(profile: CacheProfile, storedAt: number, expiresAt: number, now: number): Record<string, string> {
  const headers: Record<string, string> = {}
  const cacheability = profile.cacheability ?? 'Server'
  if (cacheability === 'Public' || cacheability === 'Private' || cacheability === 'ServerAndPrivate') {
    const left = Math.max(0, Math.floor((expiresAt - now) / 1000))
    headers['Cache-Control'] = `${cacheability === 'Public' ? 'public' : 'private'}, max-age=${left}`
    headers.Expires = new Date(expiresAt).toUTCString()
    headers['Last-Modified'] = new Date(storedAt).toUTCString()
  } else {
    headers['Cache-Control'] = 'no-cache'
    headers.Pragma = 'no-cache'
    headers.Expires = '-1'
  }
  const vary = splitList(profile.varyByHeader).filter((h) => h !== '*')
  if (vary.length > 0) headers.Vary = vary.join(', ')
  return headers
}

/**
 * Whether an `If-None-Match` header matches an ETag (weak comparison, lists and `*`).
 *
 * @example
 * etagMatches('W/"abc", "def"', '"abc"') // true
 */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}
