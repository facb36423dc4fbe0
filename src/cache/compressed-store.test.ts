import { mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CompressedStore, emptyFolder, variantName } from './compressed-store.ts'

const folder = () => mkdtempSync(join(tmpdir(), 'deltaform-variants-'))
const name = (n: number) => variantName(n.toString(16).padStart(16, '0'), 'br')
const bytesIn = (dir: string) => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)

describe('CompressedStore', () => {
  it('builds a variant once for concurrent callers and finds it afterwards', async () => {
    const dir = folder()
    const store = new CompressedStore({ dir, maxBytes: 1000 })
    let builds = 0
    const build = async (target: string) => {
      builds++
      await new Promise((r) => setTimeout(r, 10))
      await writeFile(target, 'x'.repeat(100))
    }
    const paths = await Promise.all(Array.from({ length: 10 }, () => store.create(name(1), build)))
    expect(builds).toBe(1)
    expect(new Set(paths.map((p) => p?.path))).toEqual(new Set([join(dir, name(1))]))
    expect(await store.find(name(1))).toEqual({ path: join(dir, name(1)), bytes: 100 })
    expect(readdirSync(dir)).toEqual([name(1)])
    expect(store.stats()).toEqual({ variants: 1, bytes: 100, built: 1 })
  })

  it('deletes the least recently used variants to stay under its byte budget', async () => {
    const dir = folder()
    const store = new CompressedStore({ dir, maxBytes: 350 })
    const write = (target: string) => writeFile(target, 'x'.repeat(100))
    for (const n of [1, 2, 3]) await store.create(name(n), write)
    await store.find(name(1)) // 1 is now more recent than 2
    await store.create(name(4), write)
    await new Promise((r) => setTimeout(r, 20))
    expect(readdirSync(dir).sort()).toEqual([name(1), name(3), name(4)].sort())
    expect(bytesIn(dir)).toBeLessThanOrEqual(350)
    expect(store.stats().bytes).toBe(300)
  })

  it('keeps nothing larger than the whole budget', async () => {
    const dir = folder()
    const store = new CompressedStore({ dir, maxBytes: 50 })
    expect(await store.create(name(1), (t) => writeFile(t, 'x'.repeat(100)))).toBeNull()
    expect(readdirSync(dir)).toEqual([])
  })

  it('indexes what is on disk at start, oldest first, and trims it to the budget', async () => {
    const dir = folder()
    for (const n of [1, 2, 3]) {
      writeFileSync(join(dir, name(n)), 'x'.repeat(100))
      utimesSync(join(dir, name(n)), 1000 + n, 1000 + n)
    }
    writeFileSync(join(dir, 'unrelated.txt'), 'left alone')
    const store = new CompressedStore({ dir, maxBytes: 250 })
    expect((await store.find(name(3)))?.path).toBe(join(dir, name(3)))
    await new Promise((r) => setTimeout(r, 20))
    expect(readdirSync(dir).sort()).toEqual([name(2), name(3), 'unrelated.txt'].sort())
  })

  it('flushes everything in its folder, and a build finishing after a flush is not kept', async () => {
    const dir = folder()
    const store = new CompressedStore({ dir, maxBytes: 1000 })
    await store.create(name(1), (t) => writeFile(t, 'abc'))
    let release = () => {}
    const slow = store.create(name(2), async (t) => {
      await new Promise<void>((r) => (release = r))
      await writeFile(t, 'late')
    })
    await new Promise((r) => setTimeout(r, 10))
    expect(await store.flush()).toEqual({ files: 1, bytes: 3 })
    release()
    expect(await slow).toBeNull()
    expect(readdirSync(dir)).toEqual([])
    expect(store.stats()).toEqual({ variants: 0, bytes: 0, built: 1 })
  })

  it('forgets a variant deleted behind its back', async () => {
    const dir = folder()
    const store = new CompressedStore({ dir, maxBytes: 1000 })
    await store.create(name(1), (t) => writeFile(t, 'abc'))
    await emptyFolder(dir)
    store.forget(name(1))
    expect(await store.find(name(1))).toBeNull()
    expect(store.stats().bytes).toBe(0)
  })
})

describe('emptyFolder', () => {
  it('removes files and subfolders and counts the files; a missing folder is empty', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'a'), '12345')
    mkdirSync(join(dir, 'sub'))
    expect(await emptyFolder(dir)).toEqual({ files: 1, bytes: 5 })
    expect(readdirSync(dir)).toEqual([])
    expect(await emptyFolder(join(dir, 'missing'))).toEqual({ files: 0, bytes: 0 })
  })
})
