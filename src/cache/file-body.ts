import type { Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { ByteRange } from './byte-range.ts'
import type { StaticResponse } from './static-response.ts'

/** Bodies up to this size are read whole; larger ones stream from the open file. */
const BUFFER_LIMIT = 256 * 1024

/**
 * Opens `path` and answers with the bytes of `range` (inclusive) as the body: a Buffer when
 * small, else a stream that closes the file when done. `'missing'` when the file cannot be
 * opened; `'changed'` when `expect` rejects the open file's stat (it changed since the caller
 * chose its headers), so the caller can start again rather than send bytes under a wrong ETag.
 *
 * @example
 * const answer = await fileAnswer('pages/site.css', (s) => sameFile(meta, s), 200, headers, { start: 0, end: meta.size - 1 })
 */
export async function fileAnswer(
  path: string,
  expect: ((stat: Stats) => boolean) | null,
  status: number,
  headers: Record<string, string>,
  range: ByteRange,
): Promise<StaticResponse | 'missing' | 'changed'> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch {
    return 'missing'
  }
  let streaming = false
  try {
    if (expect && !expect(await handle.stat())) return 'changed'
    const length = Math.max(0, range.end - range.start + 1)
    if (length > BUFFER_LIMIT) {
      streaming = true
      return { status, headers: withLength(headers, length), body: handle.createReadStream({ start: range.start, end: range.end }) }
    }
    const body = Buffer.allocUnsafe(length)
    let filled = 0
    while (filled < length) {
      const { bytesRead } = await handle.read(body, filled, length - filled, range.start + filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    // Shorter than its stat said (truncated meanwhile): send what is there, with a length that says so.
    return { status, headers: withLength(headers, filled), body: filled === length ? body : body.subarray(0, filled) }
  } finally {
    if (!streaming) await handle.close()
  }
}

/**
 * Headers plus Content-Length.
 *
 * @example
 * withLength({ ETag: '"abc"' }, 555) // { ETag: '"abc"', 'Content-Length': '555' }
 */
export function withLength(headers: Record<string, string>, length: number): Record<string, string> {
  return { ...headers, 'Content-Length': String(length) }
}
