import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { StaticFileCache, type StaticFileCacheOptions } from './static-files.ts'
import { IMMUTABLE, type StaticRequestHeaders, type StaticResponse } from './static-response.ts'

const css = Buffer.from(Array.from({ length: 200 }, (_, i) => `.rule-${i} { color: #${(i * 4099).toString(16).padStart(6, '0').slice(0, 6)}; }\n`).join(''))

function site(extra: Partial<StaticFileCacheOptions> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'deltaform-static-'))
  writeFileSync(join(root, 'site.css'), css)
  writeFileSync(join(root, 'tiny.css'), 'p{}')
  writeFileSync(join(root, 'notes.xyz'), 'not in the pattern')
  writeFileSync(join(root, '.env'), 'SECRET=1')
  mkdirSync(join(root, '.deltaform'))
  writeFileSync(join(root, '.deltaform', 'dev-key'), 'ab'.repeat(32))
  mkdirSync(join(root, 'img'))
  writeFileSync(join(root, 'img', 'dot.png'), Buffer.alloc(300_000, 7))
  const compressedDir = join(root, '.deltaform', 'static-cache')
  const cache = new StaticFileCache({ root, compressedDir, ...extra })
  const get = (path: string, headers: StaticRequestHeaders = {}, query = '', method = 'GET') => cache.respond({ path, query, method, headers })
  return { root, compressedDir, cache, get }
}

async function bytesOf(answer: StaticResponse | null): Promise<Buffer> {
  const body = answer?.body
  if (!body) return Buffer.alloc(0)
  if (Buffer.isBuffer(body)) return body
  const chunks: Buffer[] = []
  for await (const chunk of body as Readable) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('StaticFileCache: which files', () => {
  it.each(['/../x', '/%2e%2e/site.css', '/img/%2e%2e/%2e%2e/etc/passwd', '/.deltaform/dev-key', '/.env', '/%E0%A4%A', '/img', '/missing.css'])(
    'does not serve %j',
    async (path) => {
      expect(await site().get(path)).toBeNull()
    },
  )

  it('serves a file of the folder with its type, length, ETag and Last-Modified', async () => {
    const { get, root } = site()
    const answer = await get('/site.css')
    expect(answer?.status).toBe(200)
    expect(answer?.headers['Content-Type']).toBe('text/css; charset=utf-8')
    expect(answer?.headers['Content-Length']).toBe(String(css.length))
    expect(answer?.headers.ETag).toMatch(/^"[0-9a-f]{16}"$/)
    expect(answer?.headers['Last-Modified']).toBe(new Date(statSync(join(root, 'site.css')).mtimeMs).toUTCString())
    expect((await bytesOf(answer)).equals(css)).toBe(true)
  })

  it('answers only GET and HEAD; HEAD has the headers and no body', async () => {
    const { cache, get } = site()
    expect(await cache.respond({ path: '/site.css', method: 'POST', headers: {} })).toBeNull()
    const head = await get('/site.css', {}, '', 'HEAD')
    expect(head?.status).toBe(200)
    expect(head?.body).toBeNull()
    expect(head?.headers['Content-Length']).toBe(String(css.length))
  })

  it('streams large bodies and reads small ones whole', async () => {
    const { get } = site()
    const png = await get('/img/dot.png')
    expect(png?.body).toBeInstanceOf(Readable)
    expect((await bytesOf(png)).equals(Buffer.alloc(300_000, 7))).toBe(true)
    expect(Buffer.isBuffer((await get('/site.css'))?.body)).toBe(true)
  })
})

describe('StaticFileCache: validators', () => {
  it('answers 304 to a matching If-None-Match: strong, weak, in a list, or *', async () => {
    const { get, cache } = site()
    const etag = (await get('/site.css'))!.headers.ETag!
    for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const answer = await get('/site.css', { 'if-none-match': inm })
      expect(answer?.status, inm).toBe(304)
      expect(answer?.body).toBeNull()
      expect(answer?.headers.ETag).toBe(etag)
    }
    expect((await get('/site.css', { 'if-none-match': '"nope"' }))?.status).toBe(200)
    expect(cache.stats()).toMatchObject({ hits: 2, notModified: 4, files: 1 })
  })

  it('answers 304 to If-Modified-Since only without If-None-Match', async () => {
    const { get } = site()
    const since = new Date(Date.now() + 60_000).toUTCString()
    expect((await get('/site.css', { 'if-modified-since': since }))?.status).toBe(304)
    expect((await get('/site.css', { 'if-modified-since': since, 'if-none-match': '"nope"' }))?.status).toBe(200)
  })

  it('gives an edited file a new hash and ETag at once', async () => {
    const { get, root, cache } = site()
    const before = (await get('/site.css'))!.headers.ETag!
    const url = await cache.versionedUrl('/site.css')
    writeFileSync(join(root, 'site.css'), 'body { color: blue }')
    const after = await get('/site.css', { 'if-none-match': before })
    expect(after?.status).toBe(200)
    expect(after?.headers.ETag).not.toBe(before)
    expect((await bytesOf(after)).toString()).toBe('body { color: blue }')
    expect(await cache.versionedUrl('/site.css')).not.toBe(url)
  })
})

describe('StaticFileCache: Cache-Control', () => {
  it('makes the current ?v= hash immutable, and gives a stale one the short max-age', async () => {
    const { get, cache, root } = site({ maxAgeSeconds: 600 })
    const url = await cache.versionedUrl('/site.css')
    expect(url).toMatch(/^\/site\.css\?v=[0-9a-f]{8}$/)
    const query = url.split('?')[1]!
    expect((await get('/site.css', {}, query))?.headers['Cache-Control']).toBe(IMMUTABLE)
    expect((await get('/site.css', {}, `?${query}`))?.headers['Cache-Control']).toBe(IMMUTABLE)
    expect((await get('/site.css'))?.headers['Cache-Control']).toBe('public, max-age=600')
    writeFileSync(join(root, 'site.css'), 'changed')
    expect((await get('/site.css', {}, query))?.headers['Cache-Control']).toBe('public, max-age=600')
    expect((await get('/site.css', {}, 'v=0'))?.headers['Cache-Control']).toBe('public, max-age=600')
  })

  it('says no-cache for unhashed URLs in development', async () => {
    const { get, cache } = site({ development: true })
    expect((await get('/site.css'))?.headers['Cache-Control']).toBe('no-cache')
    const query = (await cache.versionedUrl('/site.css')).split('?')[1]
    expect((await get('/site.css', {}, query))?.headers['Cache-Control']).toBe(IMMUTABLE)
  })

  it('serves a file outside the pattern with no-cache, never immutable, never compressed', async () => {
    const { get, cache } = site({ minCompressBytes: 0 })
    expect(await cache.versionedUrl('/notes.xyz')).toBe('/notes.xyz')
    const answer = await get('/notes.xyz', { 'accept-encoding': 'br' }, 'v=whatever')
    expect(answer?.status).toBe(200)
    expect(answer?.headers['Cache-Control']).toBe('no-cache')
    expect(answer?.headers['Content-Encoding']).toBeUndefined()
    expect(answer?.headers.Vary).toBeUndefined()
    expect((await bytesOf(answer)).toString()).toBe('not in the pattern')
  })

  it('takes a custom pattern', async () => {
    const { get } = site({ pattern: /\.xyz$/g })
    expect((await get('/notes.xyz'))?.headers['Cache-Control']).toBe('public, max-age=3600')
    expect((await get('/notes.xyz'))?.headers['Cache-Control']).toBe('public, max-age=3600')
    expect((await get('/site.css'))?.headers['Cache-Control']).toBe('no-cache')
  })
})

describe('StaticFileCache: precompressed variants', () => {
  it('serves br when allowed (preferred), else gzip, each decompressing to the file', async () => {
    const { get, compressedDir } = site()
    const br = await get('/site.css', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br?.headers['Content-Encoding']).toBe('br')
    expect(br?.headers.Vary).toBe('Accept-Encoding')
    expect(br?.headers.ETag).toMatch(/^"[0-9a-f]{16}-br"$/)
    const brBytes = await bytesOf(br)
    expect(br?.headers['Content-Length']).toBe(String(brBytes.length))
    expect(brBytes.length).toBeLessThan(css.length)
    expect(brotliDecompressSync(brBytes).equals(css)).toBe(true)

    const gz = await get('/site.css', { 'accept-encoding': 'gzip' })
    expect(gz?.headers['Content-Encoding']).toBe('gzip')
    expect(gz?.headers.ETag).toMatch(/^"[0-9a-f]{16}-gz"$/)
    expect(gunzipSync(await bytesOf(gz)).equals(css)).toBe(true)

    const plain = await get('/site.css', { 'accept-encoding': 'identity' })
    expect(plain?.headers['Content-Encoding']).toBeUndefined()
    expect(plain?.headers.Vary).toBe('Accept-Encoding')
    expect(readdirSync(compressedDir).sort()).toEqual([`${br!.headers.ETag!.slice(1, 17)}.br`, `${br!.headers.ETag!.slice(1, 17)}.gz`])
  })

  it('revalidates any representation of the current content with 304', async () => {
    const { get } = site()
    const br = await get('/site.css', { 'accept-encoding': 'br' })
    const answer = await get('/site.css', { 'accept-encoding': 'gzip', 'if-none-match': br!.headers.ETag! })
    expect(answer?.status).toBe(304)
    expect(answer?.headers.ETag).toMatch(/-gz"$/)
  })

  it('compresses neither small files nor icons, images or fonts', async () => {
    const { get, root } = site()
    writeFileSync(join(root, 'favicon.ico'), Buffer.alloc(5000))
    expect((await get('/tiny.css', { 'accept-encoding': 'br' }))?.headers['Content-Encoding']).toBeUndefined()
    expect((await get('/favicon.ico', { 'accept-encoding': 'br' }))?.headers['Content-Encoding']).toBeUndefined()
    expect((await get('/img/dot.png', { 'accept-encoding': 'br' }))?.headers['Content-Encoding']).toBeUndefined()
  })

  it('compresses a variant once under 10 concurrent first requests', async () => {
    const { get, cache, compressedDir } = site()
    const answers = await Promise.all(Array.from({ length: 10 }, () => get('/site.css', { 'accept-encoding': 'br' })))
    expect(answers.every((a) => a?.headers['Content-Encoding'] === 'br')).toBe(true)
    expect(cache.stats().compressions).toBe(1)
    expect(readdirSync(compressedDir)).toHaveLength(1)
  })

  it('serves a large file uncompressed while its variant compresses in the background', async () => {
    const { get, cache, root } = site()
    const big = Buffer.from('const x = 1;\n'.repeat(100_000))
    writeFileSync(join(root, 'big.js'), big)
    const first = await get('/big.js', { 'accept-encoding': 'gzip' })
    expect(first?.headers['Content-Encoding']).toBeUndefined()
    expect(first?.headers.ETag).toMatch(/^"[0-9a-f]{16}"$/)
    expect((await bytesOf(first)).length).toBe(big.length)
    await vi.waitFor(() => expect(cache.stats().compressions).toBe(1), { timeout: 5000 })
    const later = await get('/big.js', { 'accept-encoding': 'gzip' })
    expect(later?.headers['Content-Encoding']).toBe('gzip')
    expect(gunzipSync(await bytesOf(later)).equals(big)).toBe(true)
  })

  it('keeps the variants folder under maxCompressedBytes by deleting the least recently used', async () => {
    const { get, root, compressedDir, cache } = site({ maxCompressedBytes: 4000 })
    const sizes: number[] = []
    for (let i = 0; i < 8; i++) {
      writeFileSync(join(root, `f${i}.js`), Array.from({ length: 400 }, (_, j) => `var v${i}_${j} = ${(j * 7919 + i) % 1000};`).join('\n'))
      const answer = await get(`/f${i}.js`, { 'accept-encoding': 'gzip' })
      sizes.push((await bytesOf(answer)).length)
    }
    await new Promise((r) => setTimeout(r, 20))
    const onDisk = readdirSync(compressedDir).reduce((sum, f) => sum + statSync(join(compressedDir, f)).size, 0)
    expect(Math.min(...sizes)).toBeGreaterThan(500)
    expect(onDisk).toBeLessThanOrEqual(4000)
    expect(cache.stats().bytesOnDisk).toBe(onDisk)
    expect(readdirSync(compressedDir).length).toBeLessThan(8)
  })

  it('flush empties the variants folder and forgets metadata; variants come back on demand', async () => {
    const { get, cache, compressedDir } = site()
    await get('/site.css', { 'accept-encoding': 'br' })
    await get('/site.css', { 'accept-encoding': 'gzip' })
    expect(readdirSync(compressedDir)).toHaveLength(2)
    const removed = await cache.flush()
    expect(removed.files).toBe(2)
    expect(readdirSync(compressedDir)).toEqual([])
    expect(cache.stats()).toMatchObject({ files: 0, variants: 0, bytesOnDisk: 0 })
    expect((await get('/site.css', { 'accept-encoding': 'br' }))?.headers['Content-Encoding']).toBe('br')
  })

  it('survives its variants being deleted from outside (deltaform cache flush)', async () => {
    const { get, compressedDir } = site()
    await get('/site.css', { 'accept-encoding': 'br' })
    for (const f of readdirSync(compressedDir)) rmSync(join(compressedDir, f))
    const again = await get('/site.css', { 'accept-encoding': 'br' })
    expect(again?.status).toBe(200)
    expect((await bytesOf(again)).length).toBe(css.length)
    const rebuilt = await get('/site.css', { 'accept-encoding': 'br' })
    expect(rebuilt?.headers['Content-Encoding']).toBe('br')
  })
})

describe('StaticFileCache: byte ranges', () => {
  it('answers a single range with 206 from the uncompressed bytes, and 416 past the end', async () => {
    const { get } = site()
    const part = await get('/site.css', { range: 'bytes=10-19', 'accept-encoding': 'br' })
    expect(part?.status).toBe(206)
    expect(part?.headers['Content-Range']).toBe(`bytes 10-19/${css.length}`)
    expect(part?.headers['Content-Encoding']).toBeUndefined()
    expect((await bytesOf(part)).equals(css.subarray(10, 20))).toBe(true)
    const beyond = await get('/site.css', { range: `bytes=${css.length}-` })
    expect(beyond?.status).toBe(416)
    expect(beyond?.headers['Content-Range']).toBe(`bytes */${css.length}`)
  })

  it('sends the whole file when If-Range names an old version', async () => {
    const { get } = site()
    expect((await get('/site.css', { range: 'bytes=0-9', 'if-range': '"0000000000000000"' }))?.status).toBe(200)
  })
})
