import { createHash } from 'node:crypto'
import { compressBytes, compressBytesAsync, encodingSuffix, negotiateEncoding, type Encoding } from './compression.ts'
import { ifNoneMatch } from './conditional.ts'
import { IMMUTABLE, type StaticRequestHeaders, type StaticResponse } from './static-response.ts'

/**
 * Options of a {@link MemoryAsset}.
 *
 * @example
 * const options: MemoryAssetOptions = { contentType: 'text/css; charset=utf-8' }
 */
export interface MemoryAssetOptions {
  /** Default `text/javascript; charset=utf-8`. */
  contentType?: string
  /** Smaller assets are never compressed; default 1024. */
  minCompressBytes?: number
}

/**
 * A text asset built in memory (the `/__deltaform/*.js` runtime scripts) served under a
 * content-hash URL: immutable caching, a strong ETag, and br/gzip variants each compressed once
 * on first need (or ahead of time with {@link MemoryAsset.warm}) and kept only when smaller.
 *
 * @example
 * const asset = new MemoryAsset(code)
 * const answer = asset.respond({ 'accept-encoding': 'br, gzip' }) // 200, Content-Encoding: br
 */
export class MemoryAsset {
  readonly code: string
  /** The strong entity tag of the uncompressed bytes: `"<first 16 hex of sha256>"`. */
  readonly etag: string
  private readonly raw: Buffer
  private readonly hash: string
  private readonly contentType: string
  private readonly minCompressBytes: number
  private readonly variants = new Map<Encoding, Buffer | null>()

  constructor(code: string, options: MemoryAssetOptions = {}) {
    this.code = code
    this.raw = Buffer.from(code)
    this.hash = createHash('sha256').update(this.raw).digest('hex').slice(0, 16)
    this.etag = `"${this.hash}"`
    this.contentType = options.contentType ?? 'text/javascript; charset=utf-8'
    this.minCompressBytes = options.minCompressBytes ?? 1024
  }

  /** The brotli bytes (built on first use), or null when they would not be smaller. */
  get br(): Buffer | null {
    return this.variant('br')
  }

  /** The gzip bytes (built on first use), or null when they would not be smaller. */
  get gzip(): Buffer | null {
    return this.variant('gzip')
  }

  /** Builds both variants off the event loop, so no request pays for brotli quality 11. */
  async warm(): Promise<void> {
    for (const encoding of ['br', 'gzip'] as const) {
      if (!this.variants.has(encoding) && this.compressible()) this.keep(encoding, await compressBytesAsync(this.raw, encoding))
    }
  }

  /** The answer to a request with these headers: 304 on a matching If-None-Match, else 200. */
  respond(headers: StaticRequestHeaders, method = 'GET'): StaticResponse {
    const encoding = this.compressible() ? negotiateEncoding(headers['accept-encoding']) : null
    const body = encoding ? this.variant(encoding) : null
    const out: Record<string, string> = {
      ETag: encoding && body ? `"${this.hash}-${encodingSuffix[encoding]}"` : this.etag,
      'Cache-Control': IMMUTABLE,
    }
    if (this.compressible()) out.Vary = 'Accept-Encoding'
    const tags = [this.etag, `"${this.hash}-br"`, `"${this.hash}-gz"`]
    if (ifNoneMatch(headers['if-none-match'], tags)) return { status: 304, headers: out, body: null }
    const bytes = body ?? this.raw
    Object.assign(out, { 'Content-Type': this.contentType, 'Content-Length': String(bytes.length), 'X-Content-Type-Options': 'nosniff' })
    if (encoding && body) out['Content-Encoding'] = encoding
    return { status: 200, headers: out, body: method === 'HEAD' ? null : bytes }
  }

  private compressible(): boolean {
    return this.raw.length >= this.minCompressBytes
  }

  private variant(encoding: Encoding): Buffer | null {
    if (!this.compressible()) return null
    if (!this.variants.has(encoding)) this.keep(encoding, compressBytes(this.raw, encoding))
    return this.variants.get(encoding) ?? null
  }

  private keep(encoding: Encoding, bytes: Buffer): void {
    this.variants.set(encoding, bytes.length < this.raw.length ? bytes : null)
  }
}

const assets = new Map<string, MemoryAsset>()

/**
 * The {@link MemoryAsset} for a named script, built once per distinct code: the same name with
 * the same code returns the same asset (and its compressed bytes); new code replaces it.
 *
 * @example
 * const asset = compressedVariant('client.3f9a0c21.js', code)
 * return asset.respond({ 'accept-encoding': c.req.header('accept-encoding') })
 */
export function compressedVariant(name: string, code: string): MemoryAsset {
  const known = assets.get(name)
  if (known && known.code === code) return known
  const asset = new MemoryAsset(code)
  assets.set(name, asset)
  return asset
}
