import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseByteRange } from './byte-range.ts'
import { CompressedStore, variantName, type StoredVariant } from './compressed-store.ts'
import { BROTLI_MAX_QUALITY_BYTES, compressFile, encodingSuffix, negotiateEncoding, type Encoding } from './compression.ts'
import { ifNoneMatch, ifRangeHolds, notModifiedSince } from './conditional.ts'
import { isCompressibleType } from './content-types.ts'
import { fileAnswer, withLength } from './file-body.ts'
import { FileMetadataCache, sameFile, type FileMetadata } from './file-metadata.ts'
import { IMMUTABLE, type StaticRequest, type StaticResponse } from './static-response.ts'
import { resolveStaticPath } from './static-path.ts'

/**
 * URL paths that get versioned URLs, long-lived caching and precompression unless configured
 * otherwise: images, css, js, source maps, fonts, media, pdf, txt and json.
 *
 * @example
 * defaultStaticPattern.test('/img/logo.webp') // true
 */
export const defaultStaticPattern = /\.(png|jpe?g|gif|webp|avif|svg|ico|css|js|mjs|map|woff2?|ttf|otf|eot|mp4|webm|mp3|ogg|wav|pdf|txt|json)$/i

/**
 * Options of {@link StaticFileCache}.
 *
 * @example
 * const options: StaticFileCacheOptions = { root: 'pages', compressedDir: staticCacheDir('pages/.deltaform'), maxAgeSeconds: 600 }
 */
export interface StaticFileCacheOptions {
  /** The folder served. */
  root: string
  /**
   * URL paths (decoded, from `/`) that get versioned URLs, long-lived caching and precompressed
   * variants; default {@link defaultStaticPattern}. Other files are still served, with
   * `Cache-Control: no-cache` (revalidate by ETag each time) and never compressed.
   */
  pattern?: RegExp
  /** max-age for URLs without the current `?v=` hash; default 3600. */
  maxAgeSeconds?: number
  /** Where compressed variants are kept; default `<root>/.deltaform/static-cache`. */
  compressedDir?: string
  /** Most bytes of compressed variants on disk; default 64 MB. */
  maxCompressedBytes?: number
  /** Smaller files are not compressed; default 1024. */
  minCompressBytes?: number
  /** Development: `no-cache` instead of the short max-age, so edits show on reload. */
  development?: boolean
}

/**
 * What a {@link StaticFileCache} knows and has done since it started.
 *
 * @example
 * const { hits, notModified, bytesOnDisk } = cache.stats()
 */
export interface StaticFileStats {
  files: number
  variants: number
  bytesOnDisk: number
  hits: number
  notModified: number
  compressions: number
}

/**
 * The folder for compressed variants under a state folder.
 *
 * @example
 * staticCacheDir('pages/.deltaform') // 'pages/.deltaform/static-cache'
 */
export function staticCacheDir(stateDir: string): string {
  return join(stateDir, 'static-cache')
}

class FileChangedError extends Error {}

/**
 * Serves the files of a folder the way SharePoint's BLOB cache does: content-hash ETags and
 * `?v=<hash>` URLs (immutable for a year), 304s, byte ranges, and br/gzip variants compressed
 * once and kept on disk under a byte budget. Metadata is revalidated by `stat` on each request,
 * so an edited file is seen at once and an old `?v=` never pins new content.
 *
 * @example
 * const cache = new StaticFileCache({ root: 'pages' })
 * const answer = await cache.respond({ path: '/site.css', method: 'GET', headers: { 'accept-encoding': 'br' } })
 * // answer.status 200, Content-Encoding: br, ETag: "3f9a0c21d4e5b6a7-br"
 * const href = await cache.versionedUrl('/site.css') // '/site.css?v=3f9a0c21'
 */
export class StaticFileCache {
  readonly root: string
  private readonly pattern: RegExp
  private readonly maxAgeSeconds: number
  private readonly minCompressBytes: number
  private readonly development: boolean
  private readonly metadata = new FileMetadataCache()
  private readonly variants: CompressedStore
  private readonly counters = { hits: 0, notModified: 0 }

  constructor(options: StaticFileCacheOptions) {
    this.root = resolve(options.root)
    const pattern = options.pattern ?? defaultStaticPattern
    // A global or sticky pattern would make test() remember lastIndex between files.
    this.pattern = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''))
    this.maxAgeSeconds = options.maxAgeSeconds ?? 3600
    this.minCompressBytes = options.minCompressBytes ?? 1024
    this.development = options.development ?? false
    this.variants = new CompressedStore({
      dir: options.compressedDir ?? staticCacheDir(join(this.root, '.deltaform')),
      maxBytes: options.maxCompressedBytes ?? 64 * 1024 * 1024,
    })
  }

  /** The answer to a GET or HEAD for a file of the folder, or null when there is no such file. */
  async respond(request: StaticRequest): Promise<StaticResponse | null> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null
    const target = resolveStaticPath(this.root, request.path)
    if (!target) return null
    // A file that changes between choosing the headers and opening it is answered afresh; one
    // that keeps changing (a log being written) is then sent as it is; one that cannot be
    // opened at all is not found.
    for (let attempt = 0; attempt < 3; attempt++) {
      const meta = await this.meta(target.file)
      if (!meta) return null
      const answer = await this.answer(target.file, target.urlPath, meta, request, attempt < 2)
      if (answer !== 'changed') return answer
    }
    return null
  }

  /**
   * A URL for markup that carries the file's content hash (`/site.css?v=3f9a0c21`), so it can
   * be cached for a year and changes when the file does; the path unchanged for a missing file
   * or one outside the pattern.
   */
  async versionedUrl(path: string): Promise<string> {
    const target = resolveStaticPath(this.root, path)
    if (!target || !this.pattern.test(target.urlPath)) return path
    const meta = await this.meta(target.file)
    return meta ? `${path}${path.includes('?') ? '&' : '?'}v=${meta.hash.slice(0, 8)}` : path
  }

  /** Deletes every compressed variant and forgets all metadata; returns what was removed. */
  async flush(): Promise<{ files: number; bytes: number }> {
    this.metadata.clear()
    return this.variants.flush()
  }

  /** Files known, variants on disk and their bytes, 200/206 answers, 304 answers, compressions run. */
  stats(): StaticFileStats {
    const store = this.variants.stats()
    return { files: this.metadata.size, variants: store.variants, bytesOnDisk: store.bytes, hits: this.counters.hits, notModified: this.counters.notModified, compressions: store.built }
  }

  private async meta(file: string): Promise<FileMetadata | null> {
    const info = await stat(file).catch(() => undefined)
    return info?.isFile() ? this.metadata.get(file, info) : null
  }

  private async answer(file: string, urlPath: string, meta: FileMetadata, request: StaticRequest, verify: boolean): Promise<StaticResponse | 'changed'> {
    const managed = this.pattern.test(urlPath)
    const candidate = managed && isCompressibleType(meta.contentType) && meta.size >= this.minCompressBytes
    const rangeHeader = ifRangeHolds(request.headers['if-range'], meta.etag, meta.mtimeMs) ? request.headers.range : undefined
    const range = parseByteRange(rangeHeader, meta.size)
    const encoding = candidate && range === null ? negotiateEncoding(request.headers['accept-encoding']) : null
    const headers: Record<string, string> = {
      ETag: encoding ? variantTag(meta, encoding) : meta.etag,
      'Last-Modified': new Date(meta.mtimeMs).toUTCString(),
      'Cache-Control': this.cacheControl(meta, managed, request.query),
      'Accept-Ranges': 'bytes',
    }
    if (candidate) headers.Vary = 'Accept-Encoding'
    const inm = request.headers['if-none-match']
    const fresh = inm !== undefined ? ifNoneMatch(inm, [meta.etag, variantTag(meta, 'br'), variantTag(meta, 'gzip')]) : notModifiedSince(request.headers['if-modified-since'], meta.mtimeMs)
    if (fresh) {
      this.counters.notModified++
      return { status: 304, headers, body: null }
    }
    Object.assign(headers, { 'Content-Type': meta.contentType, 'X-Content-Type-Options': 'nosniff' })
    if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${meta.size}` }, body: null }
    const head = request.method === 'HEAD'
    const unchanged = verify ? (info: Stats) => sameFile(meta, info) : null
    let answer: StaticResponse | 'missing' | 'changed'
    if (range) {
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${meta.size}`
      answer = head ? { status: 206, headers: withLength(headers, range.end - range.start + 1), body: null } : await fileAnswer(file, unchanged, 206, headers, range)
    } else {
      const variant = encoding ? await this.variant(file, meta, encoding) : null
      answer = variant ? await this.variantAnswer(variant, headers, encoding!, head) : 'missing'
      if (answer === 'missing') {
        // No variant (not wanted, too small, or a big file compressing in the background): identity.
        headers.ETag = meta.etag
        answer = head ? { status: 200, headers: withLength(headers, meta.size), body: null } : await fileAnswer(file, unchanged, 200, headers, { start: 0, end: meta.size - 1 })
      }
    }
    if (answer === 'missing') return 'changed' // deleted since its stat: look again
    if (answer !== 'changed') this.counters.hits++
    return answer
  }

  private async variantAnswer(variant: StoredVariant & { name: string }, headers: Record<string, string>, encoding: Encoding, head: boolean): Promise<StaticResponse | 'missing'> {
    const withEncoding = { ...headers, 'Content-Encoding': encoding }
    if (head) return { status: 200, headers: withLength(withEncoding, variant.bytes), body: null }
    const answer = await fileAnswer(variant.path, null, 200, withEncoding, { start: 0, end: variant.bytes - 1 })
    if (answer === 'changed' || answer === 'missing') {
      this.variants.forget(variant.name) // deleted under us (a flush by the CLI, or evicted): rebuilt next time
      return 'missing'
    }
    return answer
  }

  private cacheControl(meta: FileMetadata, managed: boolean, query: string | undefined): string {
    if (!managed) return 'no-cache'
    const version = new URLSearchParams(query ?? '').get('v')
    if (version && version.length >= 8 && meta.hash.startsWith(version.toLowerCase())) return IMMUTABLE
    return this.development ? 'no-cache' : `public, max-age=${this.maxAgeSeconds}`
  }

  private async variant(file: string, meta: FileMetadata, encoding: Encoding): Promise<(StoredVariant & { name: string }) | null> {
    const name = variantName(meta.hash, encoding)
    const found = await this.variants.find(name)
    if (found) return { ...found, name }
    const built = this.variants
      .create(name, async (target) => {
        await compressFile(file, target, encoding, meta.size)
        if (!sameFile(meta, await stat(file))) throw new FileChangedError(file)
      })
      .catch((error: unknown) => {
        if (!(error instanceof FileChangedError)) console.warn(`Deltaform could not compress ${file} (${encoding}): ${(error as Error).message}`)
        return null
      })
    // Big files compress in the background; their first requests get the identity bytes.
    if (meta.size >= BROTLI_MAX_QUALITY_BYTES) return null
    const variant = await built
    return variant && { ...variant, name }
  }
}

function variantTag(meta: FileMetadata, encoding: Encoding): string {
  return `"${meta.hash}-${encodingSuffix[encoding]}"`
}
