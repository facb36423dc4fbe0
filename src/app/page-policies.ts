// What a page declares about itself: its output-cache profile, session mode and state replay.
import { checkProfile, profileFromDirective, type CacheProfile, type OutputCacheConfig } from '../cache/cache-profile.ts'
import { MarkupError } from '../errors.ts'
import type { LoadedPage } from './page-loader.ts'

/** How a page uses session state (`<%@ Page EnableSessionState="…" %>`). */
export type SessionMode = 'on' | 'readonly' | 'off'

const profiles = new WeakMap<object, CacheProfile | null>()

/**
 * The output-cache profile a page declares: `<%@ OutputCache … %>` in its markup, or a static
 * `outputCache` on its code-behind (a profile, or the name of one in config); null when it
 * declares none. Read once per compiled page; a bad declaration is a MarkupError at its line.
 *
 * @example
 * // <%@ OutputCache Duration="60" VaryByParam="zip" %>
 * declaredProfile(entry, config.outputCache ?? {}) // { duration: 60, varyByParam: 'zip', cacheability: 'Public' }
 * // or in the code-behind: static outputCache = 'Anonymous'
 */
export function declaredProfile(entry: LoadedPage, config: OutputCacheConfig): CacheProfile | null {
  const known = profiles.get(entry.template)
  if (known !== undefined) return known
  const named = config.profiles ?? {}
  let profile: CacheProfile | null = null
  const directive = entry.template.directives.find((d) => d.name === 'outputcache')
  if (directive) {
    try {
      profile = profileFromDirective(directive.attributes, named)
    } catch (error) {
      throw new MarkupError((error as Error).message, entry.template.file, directive.pos.line, directive.pos.column)
    }
  } else {
    const declared = (entry.pageClass as unknown as { outputCache?: CacheProfile | string }).outputCache
    if (typeof declared === 'string') {
      const base = named[declared]
      if (!base) throw new Error(`${entry.template.file}: static outputCache names the cache profile '${declared}', which outputCache.profiles does not define.`)
      profile = checkProfile({ title: declared, ...base }, `cache profile "${declared}"`)
    } else if (declared) {
      profile = checkProfile(declared, `${entry.template.file}: static outputCache`)
    }
  }
  profiles.set(entry.template, profile)
  return profile
}

/**
 * `EnableSessionState` of the page directive: `true` (default: read and write, one request
 * of a session at a time), `ReadOnly` (read, no lock, never saved) or `false` (no session).
 *
 * @example
 * sessionMode(entry) // 'on'
 */
export function sessionMode(entry: LoadedPage): SessionMode {
  const value = (entry.template.pageDirective.enablesessionstate ?? 'true').toLowerCase()
  if (value === 'false') return 'off'
  if (value === 'readonly') return 'readonly'
  if (value === 'true') return 'on'
  throw new Error(`${entry.template.file}: EnableSessionState="${value}" is not true, ReadOnly or false.`)
}

/**
 * Whether the page lets old copies of its form post back (`<%@ Page AllowStateReplay="true" %>`
 * or a code-behind `static allowStateReplay = true`), for pages that need back-button replays.
 *
 * @example
 * if (!allowsStateReplay(entry)) page.stateSession = session
 */
export function allowsStateReplay(entry: LoadedPage): boolean {
  const directive = entry.template.pageDirective.allowstatereplay
  if (directive !== undefined) return directive.toLowerCase() === 'true'
  return (entry.pageClass as unknown as { allowStateReplay?: boolean }).allowStateReplay === true
}
