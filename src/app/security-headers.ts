import { randomBytes } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { isHttps } from './request-scheme.ts'

/**
 * Security headers of every answer. Each default can be replaced (a string) or dropped
 * (`false`) by name in the config's `securityHeaders`.
 *
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`,
 *   `X-Frame-Options: SAMEORIGIN` and CSP `frame-ancestors 'self'` (no framing by other sites).
 * - `Content-Security-Policy`: `base-uri 'self'; object-src 'none'; form-action 'self';
 *   frame-ancestors 'self'`; with `contentSecurityPolicy: "nonce"` also `script-src 'self'
 *   'nonce-…'` — a fresh nonce per answer on every script Deltaform writes (no unsafe-eval,
 *   no unsafe-inline). The controls' handlers then render as `data-df-*` attributes that the
 *   runtime's `csp` part runs (csp-attributes.ts); other inline script (an arbitrary
 *   `OnClientClick`) cannot run.
 * - `Strict-Transport-Security` on https answers in production.
 *
 * @example
 * app.use('*', securityHeaders({ production: true, config: { securityHeaders: { 'X-Frame-Options': 'DENY' } } }))
 */
export function securityHeaders(options: {
  production: boolean
  contentSecurityPolicy?: 'default' | 'nonce' | false
  overrides?: Record<string, string | false>
}): MiddlewareHandler {
  const mode = options.contentSecurityPolicy ?? 'default'
  return async (c, next) => {
    const nonce = mode === 'nonce' ? randomBytes(16).toString('base64') : undefined
    if (nonce) c.set('cspNonce' as never, nonce as never)
    await next()
    const headers = c.res.headers
    const defaults: Record<string, string> = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'SAMEORIGIN',
    }
    if (mode !== false) {
      defaults['Content-Security-Policy'] =
        "base-uri 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'self'" + (nonce ? `; script-src 'self' 'nonce-${nonce}'` : '')
    }
    if (options.production && isHttps(c)) defaults['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
    for (const [name, value] of Object.entries({ ...defaults, ...options.overrides })) {
      if (value === false) headers.delete(name)
      else if (!headers.has(name) || name in (options.overrides ?? {})) headers.set(name, value)
    }
  }
}

/**
 * The CSP nonce of this answer (nonce mode), for the page's script elements.
 *
 * @example
 * runPage(page, request, { ...settings, nonce: cspNonce(c) })
 */
export function cspNonce(c: Context): string | undefined {
  return c.get('cspNonce' as never) as string | undefined
}
