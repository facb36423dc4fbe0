import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { compressedVariant, MemoryAsset } from './memory-asset.ts'
import { IMMUTABLE } from './static-response.ts'

const code = Array.from({ length: 300 }, (_, i) => `function f${i}(a){return a+${i}}`).join('\n')

describe('MemoryAsset', () => {
  it('serves br (preferred) or gzip of the code, immutable, with a per-coding ETag', () => {
    const asset = new MemoryAsset(code)
    const br = asset.respond({ 'accept-encoding': 'gzip, br' })
    expect(br.status).toBe(200)
    expect(br.headers).toMatchObject({ 'Content-Encoding': 'br', 'Cache-Control': IMMUTABLE, Vary: 'Accept-Encoding', 'Content-Type': 'text/javascript; charset=utf-8' })
    expect(br.headers.ETag).toBe(asset.etag.replace(/"$/, '-br"'))
    expect(brotliDecompressSync(br.body as Buffer).toString()).toBe(code)
    const gz = asset.respond({ 'accept-encoding': 'gzip' })
    expect(gz.headers['Content-Encoding']).toBe('gzip')
    expect(gunzipSync(gz.body as Buffer).toString()).toBe(code)
    const plain = asset.respond({})
    expect(plain.headers['Content-Encoding']).toBeUndefined()
    expect(plain.headers.ETag).toBe(asset.etag)
    expect((plain.body as Buffer).toString()).toBe(code)
    expect(plain.headers['Content-Length']).toBe(String(Buffer.byteLength(code)))
  })

  it('builds each variant once and keeps it', () => {
    const asset = new MemoryAsset(code)
    expect(asset.br).toBe(asset.br)
    expect(asset.gzip).toBe(asset.gzip)
    expect(asset.br!.length).toBeLessThan(asset.gzip!.length)
  })

  it('answers 304 to any current tag, weak or *, and HEAD without a body', () => {
    const asset = new MemoryAsset(code)
    for (const inm of [asset.etag, `W/${asset.etag}`, asset.etag.replace(/"$/, '-gz"'), '*']) {
      expect(asset.respond({ 'if-none-match': inm, 'accept-encoding': 'br' }).status).toBe(304)
    }
    expect(asset.respond({ 'if-none-match': '"other"' }).status).toBe(200)
    const head = asset.respond({ 'accept-encoding': 'br' }, 'HEAD')
    expect(head.body).toBeNull()
    expect(Number(head.headers['Content-Length'])).toBe(asset.br!.length)
  })

  it('does not compress a tiny asset', () => {
    const asset = new MemoryAsset('x()', { contentType: 'text/javascript' })
    const answer = asset.respond({ 'accept-encoding': 'br' })
    expect(answer.headers['Content-Encoding']).toBeUndefined()
    expect(answer.headers.Vary).toBeUndefined()
    expect(asset.br).toBeNull()
  })

  it('warm() builds the variants ahead of the first request', async () => {
    const asset = new MemoryAsset(code)
    await asset.warm()
    expect(brotliDecompressSync(asset.br!).toString()).toBe(code)
    expect(gunzipSync(asset.gzip!).toString()).toBe(code)
  })
})

describe('compressedVariant', () => {
  it('returns the same asset for the same name and code, a new one for new code', () => {
    const a = compressedVariant('client.js', code)
    expect(compressedVariant('client.js', code)).toBe(a)
    const b = compressedVariant('client.js', `${code}\n// v2`)
    expect(b).not.toBe(a)
    expect(b.etag).not.toBe(a.etag)
  })
})
