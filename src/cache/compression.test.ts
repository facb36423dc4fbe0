import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { compressBytes, compressFile, negotiateEncoding } from './compression.ts'

describe('negotiateEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['GZIP ; Q=1', 'gzip'],
  ])('%j → %j', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected)
  })
})

describe('compression', () => {
  const text = Buffer.from('body { color: red }\n'.repeat(500))

  it('compresses bytes in memory to something that decompresses to the same bytes', () => {
    expect(brotliDecompressSync(compressBytes(text, 'br')).equals(text)).toBe(true)
    expect(gunzipSync(compressBytes(text, 'gzip')).equals(text)).toBe(true)
  })

  it('compresses a file to a file as a stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deltaform-compress-'))
    writeFileSync(join(dir, 'a.css'), text)
    await compressFile(join(dir, 'a.css'), join(dir, 'a.br'), 'br', text.length)
    await compressFile(join(dir, 'a.css'), join(dir, 'a.gz'), 'gzip', text.length)
    expect(brotliDecompressSync(readFileSync(join(dir, 'a.br'))).equals(text)).toBe(true)
    expect(gunzipSync(readFileSync(join(dir, 'a.gz'))).equals(text)).toBe(true)
  })
})
