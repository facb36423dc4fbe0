import type { Readable } from 'node:stream'

/**
 * Cache-Control of a URL carrying the current content hash: its bytes can never change.
 *
 * @example
 * headers['Cache-Control'] = IMMUTABLE
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * A request for a static file or in-memory asset, as much of it as caching needs. Header names
 * are lower case; `path` is the URL path as received (still percent-encoded), `query` the
 * search part with or without its `?`.
 *
 * @example
 * const request: StaticRequest = { path: '/site.css', query: 'v=3f9a0c21', method: 'GET', headers: { 'accept-encoding': 'br, gzip' } }
 */
export interface StaticRequest {
  path: string
  query?: string
  method: string
  headers: StaticRequestHeaders
}

/**
 * The request headers a static answer depends on.
 *
 * @example
 * const headers: StaticRequestHeaders = { 'if-none-match': '"3f9a0c21d4e5b6a7"', range: 'bytes=0-99' }
 */
export interface StaticRequestHeaders {
  'if-none-match'?: string | undefined
  'if-modified-since'?: string | undefined
  'accept-encoding'?: string | undefined
  range?: string | undefined
  'if-range'?: string | undefined
}

/**
 * A static answer: status, headers (canonical names) and a body — a Buffer for small files,
 * a stream for large ones, null for 304, 416 and HEAD.
 *
 * @example
 * const answer: StaticResponse = { status: 304, headers: { ETag: '"3f9a0c21d4e5b6a7"' }, body: null }
 */
export interface StaticResponse {
  status: number
  headers: Record<string, string>
  body: Buffer | Readable | null
}

/**
 * Reads the headers a static answer depends on from any `Headers`-like object.
 *
 * @example
 * const headers = staticRequestHeaders(c.req.raw.headers)
 */
export function staticRequestHeaders(source: { get(name: string): string | null }): StaticRequestHeaders {
  return {
    'if-none-match': source.get('if-none-match') ?? undefined,
    'if-modified-since': source.get('if-modified-since') ?? undefined,
    'accept-encoding': source.get('accept-encoding') ?? undefined,
    range: source.get('range') ?? undefined,
    'if-range': source.get('if-range') ?? undefined,
  }
}
