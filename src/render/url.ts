import { wellFormed } from './encode.ts'

/**
 * Returns the URL unless its scheme can run script (`javascript:`, `vbscript:`, `data:`
 * other than images), in which case it returns `undefined`: a URL that came from data
 * must never become an `href` that executes.
 *
 * @example
 * safeUrl('/orders.aspx?id=3')    // '/orders.aspx?id=3'
 * safeUrl(' JavaScript:alert(1)') // undefined
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return url
  // Browsers ignore control characters and whitespace inside the scheme.
  const scheme = url.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase()
  if (/^(javascript|vbscript):/.test(scheme)) return undefined
  if (scheme.startsWith('data:') && !/^data:image\/(png|gif|jpe?g|webp|avif);/.test(scheme)) return undefined
  return url
}

/**
 * Resolves an app-relative `~/` URL against the app root (`/`).
 *
 * @example
 * resolveUrl('~/images/logo.png') // '/images/logo.png'
 */
export function resolveUrl(url: string): string {
  return url.startsWith('~/') ? url.slice(1) : url
}

/**
 * Checks and encodes a redirect target: relative URLs and http(s) only (a `javascript:` or
 * `data:` target from data would run script in an async postback), no control characters, and
 * everything outside printable ASCII percent-encoded so the Location header can carry it.
 * Returns undefined for a refused target.
 *
 * @example
 * redirectTarget('/search.aspx?q=日本') // '/search.aspx?q=%E6%97%A5%E6%9C%AC'
 * redirectTarget('javascript:alert(1)') // undefined
 */
export function redirectTarget(url: string): string | undefined {
  const resolved = resolveUrl(url)
  if (/[\u0000-\u001f\u007f]/.test(resolved)) return undefined
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(resolved.replace(/[\s\u0080-\u00a0]/g, ''))?.[1]?.toLowerCase()
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return undefined
  return wellFormed(resolved).replace(/[^\x21-\x7e]/gu, (c: string) => encodeURIComponent(c))
}
