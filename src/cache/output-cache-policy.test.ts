import { describe, expect, it } from 'vitest'
import { cacheHeaders, etagMatches } from './cache-headers.ts'
import { effectiveProfile, profileFromDirective, type Cacheability } from './cache-profile.ts'
import { outputCacheKey } from './output-cache-key.ts'

const now = Date.UTC(2026, 10, 26, 12, 0, 0)

describe('cacheHeaders per cacheability', () => {
  const cases: Array<[Cacheability, string, boolean]> = [
    ['NoCache', 'no-cache', false],
    ['Server', 'no-cache', false],
    ['ServerAndNoCache', 'no-cache', false],
    ['Private', 'private, max-age=45', true],
    ['ServerAndPrivate', 'private, max-age=45', true],
    ['Public', 'public, max-age=45', true],
  ]
  for (const [cacheability, cacheControl, dated] of cases) {
    it(`${cacheability} → ${cacheControl}`, () => {
      const headers = cacheHeaders({ duration: 60, cacheability, varyByHeader: 'Accept-Language; X-Tenant' }, now - 15_000, now + 45_000, now)
      expect(headers['Cache-Control']).toBe(cacheControl)
      expect(headers.Vary).toBe('Accept-Language, X-Tenant')
      if (dated) {
        expect(headers.Expires).toBe('Thu, 26 Nov 2026 12:00:45 GMT')
        expect(headers['Last-Modified']).toBe('Thu, 26 Nov 2026 11:59:45 GMT')
      } else {
        expect(headers.Expires).toBe('-1')
        expect(headers.Pragma).toBe('no-cache')
      }
    })
  }

  it('never sends Vary: *', () => {
    expect(cacheHeaders({ duration: 60, varyByHeader: '*' }, now, now, now).Vary).toBeUndefined()
  })

  it('matches If-None-Match weakly, in lists and with *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches('"b", "a"', '"a"')).toBe(true)
    expect(etagMatches('*', '"a"')).toBe(true)
    expect(etagMatches('"b"', '"a"')).toBe(false)
    expect(etagMatches(null, '"a"')).toBe(false)
  })
})

describe('outputCacheKey', () => {
  const headers = new Headers({ 'Accept-Language': 'de', 'X-Other': '1' })
  const key = (profile: Parameters<typeof outputCacheKey>[0], query: string, extra: Partial<Parameters<typeof outputCacheKey>[1]> = {}) =>
    outputCacheKey(profile, { route: '/Shop.aspx', query: new URLSearchParams(query), headers, ...extra })

  it('keeps only what the profile varies by, in a stable order', () => {
    expect(key({ duration: 1 }, 'zip=1&x=2')).toBe('page:/shop.aspx')
    expect(key({ duration: 1, varyByParam: 'zip' }, 'x=2&ZIP=1')).toBe('page:/shop.aspx?zip=1')
    expect(key({ duration: 1, varyByParam: 'b;a' }, 'a=1&b=2')).toBe(key({ duration: 1, varyByParam: 'a,b' }, 'b=2&a=1'))
    expect(key({ duration: 1, varyByParam: '*' }, 'b=2&a=1&a=0')).toBe('page:/shop.aspx?a=1&a=0&b=2')
    expect(key({ duration: 1, varyByHeader: 'accept-language' }, '')).toBe('page:/shop.aspx?h:accept-language=de')
    expect(key({ duration: 1, varyByCustom: 'browser' }, '', { custom: 'chrome' })).toBe('page:/shop.aspx?c:browser=chrome')
    expect(key({ duration: 1, varyByUserRights: true }, '', { user: { rights: 'read,edit' } })).toBe('page:/shop.aspx?r=read%2Cedit')
  })

  it('does not let a value forge another parameter', () => {
    expect(key({ duration: 1, varyByParam: '*' }, 'a=1%26b%3D2')).not.toBe(key({ duration: 1, varyByParam: '*' }, 'a=1&b=2'))
  })

  it('hashes long variations but keeps the route readable', () => {
    const long = key({ duration: 1, varyByParam: '*' }, 'q=' + 'x'.repeat(500))
    expect(long).toMatch(/^page:\/shop\.aspx\?#[\w-]{43}$/)
  })
})

describe('profiles', () => {
  it('reads <%@ OutputCache %> attributes on top of a named profile', () => {
    const profiles = { Short: { duration: 10, cacheability: 'Server' as const, varyByHeader: 'Accept-Language' } }
    expect(profileFromDirective({ cacheprofile: 'Short', varybyparam: 'zip' }, profiles)).toEqual({
      title: 'Short',
      duration: 10,
      cacheability: 'Server',
      varyByHeader: 'Accept-Language',
      varyByParam: 'zip',
    })
    expect(profileFromDirective({ duration: '60', location: 'Client' }, {}).cacheability).toBe('Private')
    expect(profileFromDirective({ duration: '60' }, {}).cacheability).toBe('Public')
  })

  it('names what is wrong', () => {
    expect(() => profileFromDirective({}, {})).toThrow('OutputCache needs a Duration (seconds) or a CacheProfile.')
    expect(() => profileFromDirective({ cacheprofile: 'Nope' }, {})).toThrow("names the cache profile 'Nope'")
    expect(() => profileFromDirective({ duration: '5', location: 'Moon' }, {})).toThrow('Location="Moon" is not one of')
  })

  it('keeps signed-in users off unsafe profiles, writers off cached pages, and everyone out of shared caches', () => {
    const page = { duration: 60, cacheability: 'Public' as const }
    expect(effectiveProfile(page, {}, undefined)?.cacheability).toBe('Public')
    expect(effectiveProfile(page, {}, { rights: 'read' })).toBeNull()
    expect(effectiveProfile({ ...page, safeForAuthenticatedUse: true }, {}, { rights: 'read' })?.cacheability).toBe('ServerAndPrivate')
    expect(effectiveProfile({ ...page, safeForAuthenticatedUse: true }, {}, { isWriter: true })).toBeNull()
    expect(effectiveProfile({ ...page, safeForAuthenticatedUse: true, allowWritersToViewCachedContent: true }, {}, { isWriter: true })).not.toBeNull()
    expect(effectiveProfile(page, { enabled: false }, undefined)).toBeNull()
    expect(effectiveProfile({ ...page, enabled: false }, {}, undefined)).toBeNull()
  })
})
