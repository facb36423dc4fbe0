import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { isHttps } from './request-scheme.ts'

/**
 * The session cookie (ASP.NET_SessionId's counterpart): HttpOnly, SameSite=Lax, path `/`,
 * Secure when the request came over https (directly or as `X-Forwarded-Proto: https` from
 * the load balancer); a browser-session cookie — the store's idle timeout ends the session.
 *
 * @example
 * const cookie = sessionCookie()
 * headers.append('Set-Cookie', cookie.issue(c, session.id))
 */
export function sessionCookie(name = 'deltaform.sid') {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new Error(`session.cookieName "${name}" is not a valid cookie name.`)
  const attributes = (c: Context) => {
    return `; Path=/; HttpOnly; SameSite=Lax${isHttps(c) ? '; Secure' : ''}`
  }
  return {
    name,
    read: (c: Context): string | undefined => getCookie(c, name),
    issue: (c: Context, id: string): string => `${name}=${id}${attributes(c)}`,
    expire: (c: Context): string => `${name}=; Max-Age=0${attributes(c)}`,
  }
}
