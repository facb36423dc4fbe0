import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OutputCacheConfig } from '../cache/cache-profile.ts'

/** Settings read from `<pagesDir>/deltaform.config.json`; every key is optional. */
export interface DeltaformConfig {
  /** The signing key, hex (64+ digits). `DELTAFORM_KEY` wins over it. */
  key?: string
  /** Values for `<%$ AppSettings:Name %>`. */
  appSettings?: Record<string, string>
  enableEventValidation?: boolean
  /**
   * Send a `Server-Timing` header with each page answer (form, build, state, lifecycle, save,
   * render in ms). On in development; off in production unless set, since it tells clients
   * how long the server worked.
   */
  serverTiming?: boolean
  /**
   * A page request still running after this many ms is answered with 503 and its
   * `request.signal` is aborted (default 110000, ASP.NET's executionTimeout).
   */
  requestTimeoutMs?: number
  /**
   * The request inspector at `/__deltaform` (see README): on in development, off (404) in
   * production unless set. `true`/`false` force it; the object form also sets how many
   * requests it keeps (default 50) and the view-state budget it warns above (default 8192
   * bytes). It shows request paths and panel contents of every user: never turn it on for a
   * server the public can reach.
   */
  inspector?: boolean | { enabled?: boolean; requests?: number; viewStateBudgetBytes?: number }
  /** Output-cache profiles and switches; see CacheProfile. */
  outputCache?: OutputCacheConfig
  /** Bounds of the in-memory cache store (ignored with Redis). */
  cache?: { maxEntries?: number; maxSizeBytes?: number }
  /** Session state: idle timeout (default 20 minutes) and cookie name (default `deltaform.sid`). */
  session?: { timeoutMinutes?: number; cookieName?: string }
  /**
   * `"default"`: a CSP against framing, base and form hijacking, plugins; `"nonce"`: also
   * `script-src` with a per-answer nonce on Deltaform's scripts; `false`: no CSP header.
   */
  contentSecurityPolicy?: 'default' | 'nonce' | false
  /** Replace (a string) or drop (`false`) any security header by name. */
  securityHeaders?: Record<string, string | false>
  /** Redis settings besides the URL (`REDIS_URL`): a key prefix for several apps on one server. */
  redis?: { prefix?: string }
  limits?: { maxBodyBytes?: number; maxFields?: number; maxFieldBytes?: number; maxViewStateBytes?: number }
  /**
   * The static file cache: `pattern` (a regular expression source, case-insensitive, tested on
   * the URL path) picks the files that get `?v=` hashed URLs, long-lived caching and br/gzip
   * variants; `maxAgeSeconds` (default 3600) is the max-age of URLs without the current hash;
   * variants on disk stay under `maxCompressedBytes` (default 64 MB); files under
   * `minCompressBytes` (default 1024) are sent uncompressed.
   */
  staticCache?: { pattern?: string; maxAgeSeconds?: number; maxCompressedBytes?: number; minCompressBytes?: number }
}

/**
 * Reads `deltaform.config.json` from a pages folder (an empty config when absent). A file
 * that is not valid JSON stops the server with a message naming it.
 *
 * @example
 * const config = readConfig('samples/pages') // { appSettings: { SiteName: 'Deltaform samples' } }
 */
export function readConfig(pagesDir: string): DeltaformConfig {
  const file = join(pagesDir, 'deltaform.config.json')
  if (!existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DeltaformConfig
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}
