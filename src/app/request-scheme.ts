import type { Context } from 'hono'

/**
 * Whether the request came over https: directly, or as `X-Forwarded-Proto: https` from a load
 * balancer that ends TLS.
 *
 * @example
 * if (isHttps(c)) headers.set('Strict-Transport-Security', 'max-age=31536000')
 */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}
