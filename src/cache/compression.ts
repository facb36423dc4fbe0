import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, createBrotliCompress, createGzip, gzip, gzipSync, type BrotliOptions } from 'node:zlib'

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * A content coding Deltaform precompresses to.
 *
 * @example
 * const encoding: Encoding = negotiateEncoding('gzip, br') ?? 'gzip'
 */
export type Encoding = 'br' | 'gzip'

/**
 * File-name suffix and ETag suffix of each coding.
 *
 * @example
 * `${hash}.${encodingSuffix.gzip}` // '3f9a0c21d4e5b6a7.gz'
 */
export const encodingSuffix: Record<Encoding, string> = { br: 'br', gzip: 'gz' }

/**
 * Above this size brotli drops from quality 11 to 5 (11 costs many times the CPU for a few
 * percent of bytes), and the static cache compresses in the background.
 *
 * @example
 * const quality = size < BROTLI_MAX_QUALITY_BYTES ? 11 : 5
 */
export const BROTLI_MAX_QUALITY_BYTES = 1024 * 1024

/**
 * Picks the coding to answer with from an Accept-Encoding header: the acceptable one with the
 * highest q-value, br on a tie; `*` stands for codings not named; null when neither br nor gzip
 * is acceptable (q=0 refuses a coding).
 *
 * @example
 * negotiateEncoding('gzip, deflate, br') // 'br'
 * negotiateEncoding('br;q=0.5, gzip')    // 'gzip'
 * negotiateEncoding(undefined)           // null
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  const q: Record<string, number> = {}
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (!name) continue
    const qParam = params.find((p) => p.startsWith('q='))
    const value = qParam === undefined ? 1 : Number(qParam.slice(2))
    q[name === 'x-gzip' ? 'gzip' : name] = Number.isFinite(value) ? value : 0
  }
  const br = q.br ?? q['*'] ?? 0
  const gzip = q.gzip ?? q['*'] ?? 0
  if (br <= 0 && gzip <= 0) return null
  return br >= gzip ? 'br' : 'gzip'
}

function brotliOptions(size: number): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: size < BROTLI_MAX_QUALITY_BYTES ? 11 : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  }
}

/**
 * Compresses a file into `target` as a stream (zlib works off the event loop, and the file is
 * never held in memory whole): brotli quality 11 below 1 MB, else 5; gzip level 9.
 *
 * @example
 * await compressFile('pages/app.js', '.deltaform/static-cache/tmp-1', 'br', 48_213)
 */
export async function compressFile(source: string, target: string, encoding: Encoding, size: number): Promise<void> {
  const encoder = encoding === 'br' ? createBrotliCompress(brotliOptions(size)) : createGzip({ level: 9 })
  await pipeline(createReadStream(source), encoder, createWriteStream(target))
}

/**
 * Compresses bytes in memory with the same settings as {@link compressFile}; for small assets
 * built once (the runtime scripts).
 *
 * @example
 * const br = compressBytes(Buffer.from(code), 'br')
 */
export function compressBytes(bytes: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br' ? brotliCompressSync(bytes, brotliOptions(bytes.length)) : gzipSync(bytes, { level: 9 })
}

/**
 * {@link compressBytes} off the event loop, for building variants ahead of the first request.
 *
 * @example
 * const gz = await compressBytesAsync(Buffer.from(code), 'gzip')
 */
export function compressBytesAsync(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? brotliAsync(bytes, brotliOptions(bytes.length)) : gzipAsync(bytes, { level: 9 })
}
