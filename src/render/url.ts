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
