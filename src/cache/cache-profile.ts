/**
 * Where a cached page may be kept (SharePoint's "Cacheability", ASP.NET's HttpCacheability):
 * `Server…` values keep a copy in Deltaform's output cache; `Public` and `…Private` let
 * browsers (and, for Public, shared proxies) keep one.
 */
export type Cacheability = 'NoCache' | 'Private' | 'Server' | 'ServerAndNoCache' | 'Public' | 'ServerAndPrivate'

/**
 * An output-cache profile: from config (`outputCache.profiles`), from `<%@ OutputCache %>`,
 * or from a code-behind's `static outputCache`. Every key is optional except `duration`.
 *
 * @example
 * const profile: CacheProfile = { duration: 60, varyByParam: 'zip', cacheability: 'ServerAndPrivate', tags: ['weather'] }
 */
export interface CacheProfile {
  /** A name for debug output and logs. */
  title?: string
  /** `false` turns caching off for pages using the profile. */
  enabled?: boolean
  /** Seconds a copy stays fresh. */
  duration: number
  /** Serve a copy only while the app's content version is the one it was made under (see `contentChanged()`). */
  checkForChanges?: boolean
  /** Query parameters that make separate copies: `'none'` (default), `'*'` or a `;`/`,` list. */
  varyByParam?: string
  /** Request headers that make separate copies (also sent as `Vary`): `'Accept-Language'`. */
  varyByHeader?: string
  /** A name handed to the app's `varyByCustom(context, name)` function; its answer is part of the key. */
  varyByCustom?: string
  /** Separate copies per set of user rights (the app's `authenticate()` gives them). */
  varyByUserRights?: boolean
  /** Default `Server`. */
  cacheability?: Cacheability
  /** Whether signed-in users may get cached copies (default false: they always get a fresh page). */
  safeForAuthenticatedUse?: boolean
  /** Whether users who can edit content get cached copies too (default false). */
  allowWritersToViewCachedContent?: boolean
  /** Tags that `invalidate(tag)` clears, besides any the page adds while it runs. */
  tags?: string[]
}

/** The output-cache section of `deltaform.config.json`. */
export interface OutputCacheConfig {
  /** `false` turns the output cache off for every page. */
  enabled?: boolean
  profiles?: Record<string, CacheProfile>
  /** The profile for pages that declare none, for anonymous users. */
  anonymousProfile?: string
  /** The profile for pages that declare none, for signed-in users. */
  authenticatedProfile?: string
  /** Append an HTML comment with the profile, the time stored and the expiry to cached pages. */
  debugInformation?: boolean
}

/** Who is asking, as the app's `authenticate()` tells: undefined for anonymous users. */
export interface CacheUser {
  /** Separates copies when a profile varies by user rights (`'read'`, `'read,approve'`). */
  rights?: string
  /** Users who can change content; they see cached copies only where a profile allows it. */
  isWriter?: boolean
}

/** Where `<%@ OutputCache Location="…" %>` sends a page, as a Cacheability. */
const locations: Record<string, Cacheability> = {
  any: 'Public',
  client: 'Private',
  downstream: 'Public',
  server: 'Server',
  serverandclient: 'ServerAndPrivate',
  none: 'NoCache',
}

const cacheabilities: Cacheability[] = ['NoCache', 'Private', 'Server', 'ServerAndNoCache', 'Public', 'ServerAndPrivate']

/**
 * Reads the attributes of `<%@ OutputCache %>` (keys lowercased) into a profile, on top of the
 * named `CacheProfile` when it gives one. Throws a message naming the attribute on bad values.
 *
 * @example
 * profileFromDirective({ duration: '60', varybyparam: 'zip' }, {}) // { duration: 60, varyByParam: 'zip', cacheability: 'Public' }
 */
export function profileFromDirective(attributes: Record<string, string>, profiles: Record<string, CacheProfile>): CacheProfile {
  const named = attributes.cacheprofile
  const base = named === undefined ? undefined : profiles[named]
  if (named !== undefined && !base) throw new Error(`OutputCache names the cache profile '${named}', which the config's outputCache.profiles does not define.`)
  const profile: CacheProfile = { ...(base ?? { duration: 0 }) }
  if (base) profile.title ??= named
  if (attributes.duration !== undefined) {
    const duration = Number(attributes.duration)
    if (!Number.isFinite(duration) || duration < 0) throw new Error(`OutputCache Duration="${attributes.duration}" is not a number of seconds.`)
    profile.duration = duration
  } else if (!base) {
    throw new Error('OutputCache needs a Duration (seconds) or a CacheProfile.')
  }
  if (attributes.varybyparam !== undefined) profile.varyByParam = attributes.varybyparam
  if (attributes.varybyheader !== undefined) profile.varyByHeader = attributes.varybyheader
  if (attributes.varybycustom !== undefined) profile.varyByCustom = attributes.varybycustom
  if (attributes.tags !== undefined) profile.tags = splitList(attributes.tags)
  if (attributes.enabled !== undefined) profile.enabled = attributes.enabled.toLowerCase() !== 'false'
  if (attributes.location !== undefined) {
    const cacheability = locations[attributes.location.toLowerCase()]
    if (!cacheability) throw new Error(`OutputCache Location="${attributes.location}" is not one of Any, Client, Downstream, Server, ServerAndClient, None.`)
    profile.cacheability = cacheability
  } else if (!base) {
    profile.cacheability = 'Public' // ASP.NET's default Location is Any
  }
  return checkProfile(profile, 'OutputCache')
}

/**
 * Checks a profile from config or code and fills its defaults.
 *
 * @example
 * checkProfile({ duration: 30 }, 'profile "Anonymous"').cacheability // 'Server'
 */
export function checkProfile(profile: CacheProfile, where: string): CacheProfile {
  if (typeof profile.duration !== 'number' || !Number.isFinite(profile.duration) || profile.duration < 0) {
    throw new Error(`${where}: duration must be a number of seconds.`)
  }
  const cacheability = profile.cacheability ?? 'Server'
  if (!cacheabilities.includes(cacheability)) throw new Error(`${where}: cacheability '${cacheability}' is not one of ${cacheabilities.join(', ')}.`)
  return { ...profile, cacheability }
}

/**
 * The profile that applies to one request of a page, or null when the page must not come from
 * (or go into) any cache: caching off, a signed-in user on a profile not safe for them, or a
 * writer where the profile keeps writers on fresh pages. Signed-in users never get `Public`
 * (shared caches cannot tell users apart): it becomes `ServerAndPrivate`.
 *
 * @example
 * effectiveProfile(pageProfile, config, user) // CacheProfile | null
 */
export function effectiveProfile(pageProfile: CacheProfile | null, config: OutputCacheConfig, user: CacheUser | undefined): CacheProfile | null {
  if (config.enabled === false) return null
  let profile = pageProfile
  if (!profile) {
    const name = user ? config.authenticatedProfile : config.anonymousProfile
    const named = name === undefined ? undefined : config.profiles?.[name]
    if (name !== undefined && !named) throw new Error(`outputCache.${user ? 'authenticated' : 'anonymous'}Profile names '${name}', which outputCache.profiles does not define.`)
    if (!named) return null
    profile = checkProfile({ title: name, ...named }, `cache profile "${name}"`)
  }
  if (profile.enabled === false || profile.duration <= 0) return null
  if (user) {
    if (!profile.safeForAuthenticatedUse) return null
    if (user.isWriter && !profile.allowWritersToViewCachedContent) return null
    if (profile.cacheability === 'Public') return { ...profile, cacheability: 'ServerAndPrivate' }
  }
  return profile
}

/** Whether a copy is kept in the server's output cache. */
export function storesOnServer(cacheability: Cacheability | undefined): boolean {
  return cacheability === 'Server' || cacheability === 'ServerAndNoCache' || cacheability === 'Public' || cacheability === 'ServerAndPrivate'
}

/** `'a; b,c'` → `['a', 'b', 'c']`. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}
