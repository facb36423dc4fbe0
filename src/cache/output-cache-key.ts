import { createHash } from 'node:crypto'
import { splitList, type CacheProfile, type CacheUser } from './cache-profile.ts'

/** What a cache key is made of, besides the profile. */
export interface KeyParts {
  /** The page's route (`/orders.aspx`). */
  route: string
  /** The request's query. */
  query: URLSearchParams
  /** Request headers, read by name. */
  headers: { get(name: string): string | null }
  user?: CacheUser
  /** The app's answer for the profile's `varyByCustom` name. */
  custom?: string
  /** The page's build: copies made by another build of the page are never served. */
  version?: string
}

/**
 * The output-cache key of a request: the route, then only what the profile varies by —
 * the named query parameters (sorted, repeated values kept in order), headers, the custom
 * string and the user's rights. Long keys are hashed; the route stays readable.
 *
 * @example
 * outputCacheKey({ varyByParam: 'zip', duration: 60 }, { route: '/cache.aspx', query: new URLSearchParams('zip=98052&x=1'), headers: new Headers() })
 * // 'page:/cache.aspx?zip=98052'
 */
export function outputCacheKey(profile: CacheProfile, parts: KeyParts): string {
  const segments: string[] = []
  const byParam = (profile.varyByParam ?? 'none').trim()
  if (byParam === '*') {
    const names = [...new Set(parts.query.keys())].sort()
    for (const name of names) for (const value of parts.query.getAll(name)) segments.push(`${enc(name)}=${enc(value)}`)
  } else if (byParam.toLowerCase() !== 'none') {
    const names = splitList(byParam).map((n) => n.toLowerCase()).sort()
    const lowerQuery = new Map<string, string[]>()
    for (const [name, value] of parts.query) {
      const list = lowerQuery.get(name.toLowerCase()) ?? []
      list.push(value)
      lowerQuery.set(name.toLowerCase(), list)
    }
    for (const name of names) for (const value of lowerQuery.get(name) ?? ['']) segments.push(`${enc(name)}=${enc(value)}`)
  }
  for (const name of splitList(profile.varyByHeader).map((n) => n.toLowerCase()).sort()) {
    segments.push(`h:${name}=${enc(parts.headers.get(name) ?? '')}`)
  }
  if (profile.varyByCustom) segments.push(`c:${enc(profile.varyByCustom)}=${enc(parts.custom ?? '')}`)
  if (profile.varyByUserRights) segments.push(`r=${enc(parts.user?.rights ?? '')}`)
  let rest = segments.join('&')
  if (rest.length > 200) rest = '#' + createHash('sha256').update(rest).digest('base64url')
  const version = parts.version ? `@${parts.version}` : ''
  return `page:${parts.route.toLowerCase()}${version}${rest ? '?' + rest : ''}`
}

const enc = (text: string) => encodeURIComponent(text)
