import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Encoding } from './compression.ts'
import { encodingSuffix } from './compression.ts'
import { SingleFlight } from './single-flight.ts'

const VARIANT_NAME = /^[0-9a-f]{16}\.(br|gz)$/
const STALE_TEMP_MS = 60 * 60 * 1000

/**
 * The file name of a compressed variant: the content hash and the coding, so a variant is
 * shared by every path with the same bytes and an edited file never meets its old variant.
 *
 * @example
 * variantName('3f9a0c21d4e5b6a7', 'gzip') // '3f9a0c21d4e5b6a7.gz'
 */
export function variantName(hash: string, encoding: Encoding): string {
  return `${hash}.${encodingSuffix[encoding]}`
}

/**
 * A variant file on disk and its size.
 *
 * @example
 * const variant: StoredVariant = { path: '.deltaform/static-cache/3f9a0c21d4e5b6a7.br', bytes: 227 }
 */
export interface StoredVariant {
  path: string
  bytes: number
}

/**
 * Where a {@link CompressedStore} keeps its files and how many bytes it may use.
 *
 * @example
 * const options: CompressedStoreOptions = { dir: 'pages/.deltaform/static-cache', maxBytes: 64 * 1024 * 1024 }
 */
export interface CompressedStoreOptions {
  dir: string
  maxBytes: number
}

/**
 * Precompressed variants on disk, bounded in bytes: the least recently used variant is deleted
 * first. Use is tracked in memory; what is already on disk is indexed on first use (oldest
 * modification first), so a restart keeps the work done. Each variant is built once however
 * many requests ask at the same time, written to a temporary name and renamed into place, so
 * a reader never sees half a file.
 *
 * @example
 * const store = new CompressedStore({ dir: '.deltaform/static-cache', maxBytes: 64 << 20 })
 * const variant = (await store.find(name)) ?? (await store.create(name, (target) => compressFile(src, target, 'br', size)))
 */
export class CompressedStore {
  private readonly dir: string
  private readonly maxBytes: number
  /** Variant name → bytes, in use order (least recent first). */
  private readonly index = new Map<string, number>()
  private readonly flights = new SingleFlight()
  private total = 0
  private generation = 0
  private loaded: Promise<void> | undefined
  private built = 0

  constructor(options: CompressedStoreOptions) {
    this.dir = options.dir
    this.maxBytes = options.maxBytes
  }

  /** A variant on disk (and marks it used), or null. */
  async find(name: string): Promise<StoredVariant | null> {
    await this.load()
    const bytes = this.index.get(name)
    if (bytes === undefined) return null
    this.index.delete(name)
    this.index.set(name, bytes)
    return { path: join(this.dir, name), bytes }
  }

  /**
   * Builds a variant with `build(target)` unless a concurrent call already is; resolves to it,
   * or null when it cannot be kept (larger than the whole budget, or flushed meanwhile).
   */
  create(name: string, build: (target: string) => Promise<void>): Promise<StoredVariant | null> {
    return this.flights.run(name, async () => {
      const existing = await this.find(name)
      if (existing) return existing
      const generation = this.generation
      await mkdir(this.dir, { recursive: true })
      const temp = join(this.dir, `${name}.${randomUUID()}.tmp`)
      const target = join(this.dir, name)
      try {
        await build(temp)
        const { size } = await stat(temp)
        if (generation !== this.generation || size > this.maxBytes) return null
        await rename(temp, target)
        if (generation !== this.generation) {
          await rm(target, { force: true })
          return null
        }
        this.built++
        this.add(name, size)
        return { path: target, bytes: size }
      } finally {
        await rm(temp, { force: true })
      }
    })
  }

  /** Drops a variant from the index (its file went missing, e.g. a flush by another process). */
  forget(name: string): void {
    const bytes = this.index.get(name)
    if (bytes === undefined) return
    this.index.delete(name)
    this.total -= bytes
  }

  /** Deletes every file in the folder and forgets them; returns what was removed. */
  async flush(): Promise<{ files: number; bytes: number }> {
    this.generation++
    this.index.clear()
    this.total = 0
    return emptyFolder(this.dir)
  }

  /** Variants on disk, their bytes, and how many this process built. */
  stats(): { variants: number; bytes: number; built: number } {
    return { variants: this.index.size, bytes: this.total, built: this.built }
  }

  private add(name: string, bytes: number): void {
    this.forget(name)
    this.index.set(name, bytes)
    this.total += bytes
    for (const [oldest, size] of this.index) {
      if (this.total <= this.maxBytes) break
      this.index.delete(oldest)
      this.total -= size
      void rm(join(this.dir, oldest), { force: true }).catch(() => undefined)
    }
  }

  private load(): Promise<void> {
    this.loaded ??= this.indexDisk()
    return this.loaded
  }

  private async indexDisk(): Promise<void> {
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch {
      return
    }
    const found: { name: string; size: number; mtimeMs: number }[] = []
    for (const name of names) {
      const info = await stat(join(this.dir, name)).catch(() => undefined)
      if (!info?.isFile()) continue
      if (VARIANT_NAME.test(name)) found.push({ name, size: info.size, mtimeMs: info.mtimeMs })
      else if (name.endsWith('.tmp') && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(join(this.dir, name), { force: true })
    }
    found.sort((a, b) => a.mtimeMs - b.mtimeMs)
    for (const { name, size } of found) if (!this.index.has(name)) this.add(name, size)
  }
}

/**
 * Deletes everything inside a folder (not the folder itself) and counts what went; a missing
 * folder counts as empty. Used by {@link CompressedStore.flush} and `deltaform cache flush`.
 *
 * @example
 * const { files, bytes } = await emptyFolder('pages/.deltaform/static-cache')
 */
export async function emptyFolder(dir: string): Promise<{ files: number; bytes: number }> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return { files: 0, bytes: 0 }
  }
  let files = 0
  let bytes = 0
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => undefined)
    if (info?.isFile()) {
      files++
      bytes += info.size
    }
    await rm(path, { recursive: true, force: true })
  }
  return { files, bytes }
}
