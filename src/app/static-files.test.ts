import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readConfig } from './config.ts'
import { createApp } from './create-app.ts'
import { staticCacheOf } from './static-files.ts'

const pages = join(import.meta.dirname, '../../samples/pages')
const key = 'ef'.repeat(32)

describe('static files through createApp', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'deltaform-state-'))
  // site.css is 555 bytes, under the default 1024-byte threshold: lower it to see gzip.
  const config = { ...readConfig(pages), staticCache: { minCompressBytes: 0 } }
  const app = createApp({ pages, key, mode: 'production', stateDir, config })
  const css = readFileSync(join(pages, 'site.css'))

  it("serves the samples' site.css with an ETag, gzip when asked, and 304 when unchanged", async () => {
    const plain = await app.request('/site.css')
    expect(plain.status).toBe(200)
    expect(plain.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(plain.headers.get('cache-control')).toBe('public, max-age=3600')
    const etag = plain.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/)
    expect(Buffer.from(await plain.arrayBuffer()).equals(css)).toBe(true)

    const gz = await app.request('/site.css', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gz.headers.get('vary')).toBe('Accept-Encoding')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(css)).toBe(true)
    expect(readdirSync(join(stateDir, 'static-cache'))).toEqual([`${etag.slice(1, -1)}.gz`])

    const again = await app.request('/site.css', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('gives the versioned URL of staticCacheOf(app) a year of immutable caching', async () => {
    const url = await staticCacheOf(app)!.versionedUrl('/site.css')
    const answer = await app.request(url)
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(staticCacheOf(createApp({ pages: { '/': { markup: '<p>x</p>' } } as never, key }))).toBeUndefined()
  })

  it('answers HEAD with headers only', async () => {
    const head = await app.request('/site.css', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(css.length))
    expect(await head.text()).toBe('')
  })

  it('renders pages, never their markup', async () => {
    const html = await (await app.request('/clock.aspx')).text()
    expect(html).not.toContain('runat=')
    expect((await app.request('/missing.aspx')).status).toBe(404)
  })
})

describe('files createApp never serves as static', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deltaform-pages-'))
  mkdirSync(join(dir, '.deltaform', 'static-cache'), { recursive: true })
  const files: Record<string, string> = {
    'index.aspx': '<p>home</p>',
    'secret.aspx.ts': 'export default 1',
    'part.ascx': '<p>part</p>',
    'site.master': '<p>master</p>',
    'deltaform.config.json': '{}',
    '.env': 'SECRET=1',
    '.deltaform/dev-key': 'ab'.repeat(32),
    '.deltaform/static-cache/0123456789abcdef.gz': 'x',
    'ok.css': 'p{}',
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const app = createApp({ pages: dir, key, mode: 'development' })

  it.each(['/secret.aspx.ts', '/part.ascx', '/site.master', '/deltaform.config.json', '/DELTAFORM.CONFIG.JSON', '/.env', '/.deltaform/dev-key', '/.deltaform/static-cache/0123456789abcdef.gz', '/%2e%2e/package.json', '/a/%2e%2e/%2e%2e/x'])(
    '404 for %s',
    async (path) => {
      expect((await app.request(path)).status).toBe(404)
    },
  )

  it('serves the rest', async () => {
    expect(await (await app.request('/ok.css')).text()).toBe('p{}')
    expect(await (await app.request('/')).text()).toContain('<p>home</p>')
  })
})
