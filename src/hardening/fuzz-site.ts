import { fileURLToPath } from 'node:url'
import { getCookie } from 'hono/cookie'
import { createApp, type DeltaformApp } from '../app/create-app.ts'

/**
 * The two users of a fuzz run; state signed for one must never work for the other.
 *
 * @example
 * for (const user of fuzzUsers) await site.sessionCount(user)
 */
export const fuzzUsers = ['alice', 'bob'] as const

/**
 * A fuzz user's name.
 *
 * @example
 * const user: FuzzUser = 'alice'
 */
export type FuzzUser = (typeof fuzzUsers)[number]

/**
 * The cookie naming the user; the site's `userKey` binds signed state to it (ViewStateUserKey).
 *
 * @example
 * site.cookies('alice').get(userCookie) // 'alice'
 */
export const userCookie = 'fuzzuser'
const sessionCookieName = 'deltaform.sid'
const pagesDir = fileURLToPath(new URL('../../samples/pages', import.meta.url))

/**
 * The sample site in production mode, in process, with a cookie jar per user. Requests go
 * through `app.request`, as the tests of the app do; nothing listens on a port.
 *
 * @example
 * const site = new FuzzSite()
 * await site.send(new Request('http://localhost/counter.aspx'), 'alice')
 * await site.sessionCount('alice') // the session-counter sample's count for alice
 */
export class FuzzSite {
  readonly app: DeltaformApp
  readonly origin = 'http://localhost'
  /** The signing key of the site (hex), for cases that re-sign state with another one. */
  readonly key = '5a'.repeat(32)
  readonly #jars = new Map<FuzzUser, Map<string, string>>()

  constructor() {
    this.app = createApp({
      pages: pagesDir,
      key: this.key,
      mode: 'production',
      userKey: (c) => getCookie(c, userCookie),
    })
    for (const user of fuzzUsers) this.#jars.set(user, new Map([[userCookie, user]]))
  }

  /**
   * The cookies `user` sends (name → value), kept up to date by {@link FuzzSite.send}.
   *
   * @example
   * site.cookies('bob').get('deltaform.sid')
   */
  cookies(user: FuzzUser): Map<string, string> {
    return this.#jars.get(user)!
  }

  /**
   * The `Cookie` header `user` sends.
   *
   * @example
   * new Request(url, { headers: { cookie: site.cookieHeader('alice') } })
   */
  cookieHeader(user: FuzzUser): string {
    return [...this.cookies(user)].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /**
   * Sends `request` as `user` (their cookies replace any Cookie header) and keeps the cookies
   * the answer sets, as a browser would.
   *
   * @example
   * const response = await site.send(new Request('http://localhost/clock.aspx'), 'bob')
   */
  async send(request: Request, user: FuzzUser): Promise<Response> {
    request.headers.set('cookie', this.cookieHeader(user))
    const response = await this.app.request(request)
    this.keepCookies(user, response)
    return response
  }

  /**
   * Applies the `Set-Cookie` lines of `response` to the jar of `user`.
   *
   * @example
   * site.keepCookies('alice', response)
   */
  keepCookies(user: FuzzUser, response: Response): void {
    const jar = this.cookies(user)
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      if (attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))) jar.delete(name)
      else jar.set(name, pair.slice(at + 1).trim())
    }
  }

  /**
   * The session id `user` currently holds, or `undefined`.
   *
   * @example
   * const before = site.sessionId('alice')
   */
  sessionId(user: FuzzUser): string | undefined {
    return this.cookies(user).get(sessionCookieName)
  }

  /**
   * Reads the session-counter sample's count for `user` with a GET (which only reads the
   * session). `NaN` when the page does not show a count.
   *
   * @example
   * expect(await site.sessionCount('alice')).toBe(before)
   */
  async sessionCount(user: FuzzUser): Promise<number> {
    const response = await this.send(new Request(`${this.origin}/session-counter.aspx`), user)
    const match = /id="Count"[^>]*>(\d+)</.exec(await response.text())
    return match ? Number(match[1]) : Number.NaN
  }
}

/**
 * Whether a response sets or clears the session cookie.
 *
 * @example
 * if (touchesSessionCookie(response)) problems.push('a refused request changed the session cookie')
 */
export function touchesSessionCookie(response: Response): boolean {
  return response.headers.getSetCookie().some((line) => line.trimStart().startsWith(`${sessionCookieName}=`))
}
