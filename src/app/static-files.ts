import { Readable } from 'node:stream'
import type { Hono, MiddlewareHandler } from 'hono'
import type { DeltaformConfig } from './config.ts'
import { StaticFileCache, staticCacheDir, type StaticFileCacheOptions } from '../cache/static-files.ts'
import { staticRequestHeaders } from '../cache/static-response.ts'

const caches = new WeakMap<Hono, StaticFileCache>()

/**
 * Hono middleware answering GET and HEAD from a {@link StaticFileCache}; anything it does not
 * have goes on to `next()`.
 *
 * @example
 * app.use('*', serveStaticFiles(new StaticFileCache({ root: 'pages' })))
 */
export function serveStaticFiles(cache: StaticFileCache): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') return next()
    const url = new URL(c.req.url)
    const answer = await cache.respond({ path: url.pathname, query: url.search, method, headers: staticRequestHeaders(c.req.raw.headers) })
    if (!answer) return next()
    const { body: raw } = answer
    const body = raw instanceof Readable ? (Readable.toWeb(raw) as ReadableStream<Uint8Array>) : raw && new Uint8Array(raw.buffer as ArrayBuffer, raw.byteOffset, raw.length)
    return new Response(body, { status: answer.status, headers: answer.headers })
  }
}

/**
 * The static options of an app: the pages folder, variants under `<stateDir>/static-cache`,
 * and the `staticCache` settings of deltaform.config.json (`pattern` is a regular expression
 * source, matched case-insensitively against the URL path).
 *
 * @example
 * new StaticFileCache(staticFileOptions('pages', 'pages/.deltaform', config.staticCache, true))
 */
export function staticFileOptions(
  root: string,
  stateDir: string,
  settings: DeltaformConfig['staticCache'],
  development: boolean,
): StaticFileCacheOptions {
  const options: StaticFileCacheOptions = { root, compressedDir: staticCacheDir(stateDir), development }
  if (settings?.pattern !== undefined) options.pattern = new RegExp(settings.pattern, 'i')
  if (settings?.maxAgeSeconds !== undefined) options.maxAgeSeconds = settings.maxAgeSeconds
  if (settings?.maxCompressedBytes !== undefined) options.maxCompressedBytes = settings.maxCompressedBytes
  if (settings?.minCompressBytes !== undefined) options.minCompressBytes = settings.minCompressBytes
  return options
}

/**
 * Serves a {@link StaticFileCache} on `app` (after the routes and middleware added so far) and
 * remembers it for {@link staticCacheOf}.
 *
 * @example
 * mountStaticFiles(app, new StaticFileCache({ root: 'pages' }))
 */
export function mountStaticFiles(app: Hono, cache: StaticFileCache): StaticFileCache {
  caches.set(app, cache)
  app.use('*', serveStaticFiles(cache))
  return cache
}

/**
 * The static file cache of an app made by `createApp` with a pages folder (undefined for pages
 * given in code): for `versionedUrl`, `stats` and `flush` from your own code.
 *
 * @example
 * const app = createApp({ pages: './pages' })
 * await staticCacheOf(app)?.flush()
 * const href = await staticCacheOf(app)?.versionedUrl('/site.css') // '/site.css?v=3f9a0c21'
 */
export function staticCacheOf(app: Hono): StaticFileCache | undefined {
  return caches.get(app)
}
