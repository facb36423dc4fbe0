import { createHash } from 'node:crypto'
import type { Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { contentTypeOf } from './content-types.ts'
import { SingleFlight } from './single-flight.ts'

const CHUNK_BYTES = 1024 * 1024

/**
 * What the static cache knows about one file: enough to answer conditional requests and name
 * compressed variants without reading it again while it is unchanged.
 *
 * @example
 * const meta: FileMetadata = { size: 555, mtimeMs: 1.7e12, ino: 42, hash: '3f9a0c21d4e5b6a7', etag: '"3f9a0c21d4e5b6a7"', contentType: 'text/css; charset=utf-8' }
 */
export interface FileMetadata {
  size: number
  mtimeMs: number
  ino: number
  /** First 16 hex digits of the SHA-256 of the content. */
  hash: string
  /** The strong entity tag of the uncompressed representation: `"<hash>"`. */
  etag: string
  contentType: string
}

/**
 * File metadata by path, revalidated against a fresh `stat` on every use (modification time,
 * size and inode), so an edited or replaced file gets a new hash at once. Hashing is single
 * flight: concurrent first requests for a file read it once.
 *
 * @example
 * const metadata = new FileMetadataCache()
 * const meta = await metadata.get(file, await stat(file))
 */
export class FileMetadataCache {
  private readonly entries = new Map<string, FileMetadata>()
  private readonly flights = new SingleFlight()

  /**
   * The metadata of `file` as `stat` (just taken by the caller) describes it: from memory while
   * unchanged, else hashed again. Null when the file is gone or is not a file any more.
   */
  async get(file: string, stat: Stats): Promise<FileMetadata | null> {
    const known = this.entries.get(file)
    if (known && sameFile(known, stat)) return known
    return this.flights.run(`${file}\0${stat.mtimeMs}\0${stat.size}\0${stat.ino}`, () => this.read(file))
  }

  private async read(file: string): Promise<FileMetadata | null> {
    let handle: FileHandle
    try {
      handle = await open(file, 'r')
    } catch {
      return null
    }
    try {
      // The open file's own stat: the bytes hashed are the bytes it describes.
      const stat = await handle.stat()
      if (!stat.isFile()) return null
      const hash = await hashHandle(handle, stat.size)
      const meta: FileMetadata = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, hash, etag: `"${hash}"`, contentType: contentTypeOf(file) }
      this.entries.set(file, meta)
      return meta
    } finally {
      await handle.close()
    }
  }

  /** Forgets every file. */
  clear(): void {
    this.entries.clear()
  }

  /** How many files are known. */
  get size(): number {
    return this.entries.size
  }
}

/** The first 16 hex digits of the SHA-256 of `size` bytes of an open file, read in 1 MB chunks. */
async function hashHandle(handle: FileHandle, size: number): Promise<string> {
  const sha = createHash('sha256')
  const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 1), CHUNK_BYTES))
  for (let position = 0; position < size; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position)
    if (bytesRead === 0) break
    sha.update(buffer.subarray(0, bytesRead))
    position += bytesRead
  }
  return sha.digest('hex').slice(0, 16)
}

/**
 * Whether a stat describes the same bytes as known metadata: same modification time, size and
 * inode (an editor that saves by renaming a new file over the old changes the inode).
 *
 * @example
 * if (!sameFile(meta, await handle.stat())) return 'changed'
 */
export function sameFile(meta: Pick<FileMetadata, 'mtimeMs' | 'size' | 'ino'>, stat: Pick<Stats, 'mtimeMs' | 'size' | 'ino'>): boolean {
  return meta.mtimeMs === stat.mtimeMs && meta.size === stat.size && meta.ino === stat.ino
}
