import { createHash } from 'node:crypto'
import { mkdtempSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileMetadataCache } from './file-metadata.ts'

describe('FileMetadataCache', () => {
  it('hashes a file (first 16 hex of sha256), keeps it while the stat is the same, rehashes when not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deltaform-meta-'))
    const file = join(dir, 'a.js')
    writeFileSync(file, 'one')
    const cache = new FileMetadataCache()
    const meta = await cache.get(file, statSync(file))
    expect(meta).toMatchObject({ size: 3, hash: createHash('sha256').update('one').digest('hex').slice(0, 16), contentType: 'text/javascript; charset=utf-8' })
    expect(meta?.etag).toBe(`"${meta?.hash}"`)
    expect(await cache.get(file, statSync(file))).toBe(meta)
    // Same size, new inode: an editor saving by rename.
    writeFileSync(join(dir, 'tmp'), 'two')
    renameSync(join(dir, 'tmp'), file)
    const after = await cache.get(file, statSync(file))
    expect(after?.hash).toBe(createHash('sha256').update('two').digest('hex').slice(0, 16))
    expect(cache.size).toBe(1)
  })

  it('hashes once for concurrent first requests and answers null for a vanished file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deltaform-meta-'))
    const file = join(dir, 'a.css')
    writeFileSync(file, 'x'.repeat(3_000_000))
    const cache = new FileMetadataCache()
    const info = statSync(file)
    const all = await Promise.all(Array.from({ length: 10 }, () => cache.get(file, info)))
    expect(new Set(all).size).toBe(1)
    expect(await new FileMetadataCache().get(join(dir, 'gone.css'), info)).toBeNull()
  })
})
