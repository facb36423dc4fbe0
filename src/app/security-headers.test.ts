import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FormClient } from '../testing/form-client.ts'
import { createApp } from './create-app.ts'

const pages = join(import.meta.dirname, '../../samples/pages')
const key = '5e'.repeat(32)
const dev = createApp({ pages, key, mode: 'development' })
const prod = createApp({ pages, key, mode: 'production', config: { securityHeaders: { 'X-Frame-Options': 'DENY', 'Referrer-Policy': false } } })
const strict = createApp({ pages, key, mode: 'production', config: { contentSecurityPolicy: 'nonce' } })
afterAll(async () => {
  for (const app of [dev, prod, strict]) await app.close()
})

const policy = "base-uri 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'self'"

describe('security headers', () => {
  it('go on pages, deltas, static files and errors alike', async () => {
    const client = new FormClient((r) => dev.request(r))
    await client.get('/clock.aspx')
    const answers = [
      await dev.request('/clock.aspx'),
      await dev.request('/site.css'),
      await dev.request('/nothing-here.aspx'),
      await dev.request('/clock.aspx', { method: 'POST', body: '__VIEWSTATE=broken', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 400])
    for (const r of answers) {
      expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(r.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
      expect(r.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
      expect(r.headers.get('Content-Security-Policy')).toBe(policy)
      expect(r.headers.get('Strict-Transport-Security')).toBeNull()
    }
    expect(answers[3]!.headers.get('Cache-Control')).toBe('no-store')
  })

  it('are overridable, and HSTS is sent on https in production', async () => {
    const r = await prod.request('https://shop.example/clock.aspx')
    expect(r.headers.get('X-Frame-Options')).toBe('DENY')
    expect(r.headers.get('Referrer-Policy')).toBeNull()
    expect(r.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains')
    expect((await prod.request('/clock.aspx')).headers.get('Strict-Transport-Security')).toBeNull()
    expect((await prod.request('/clock.aspx', { headers: { 'X-Forwarded-Proto': 'https' } })).headers.get('Strict-Transport-Security')).not.toBeNull()
  })

  it('in nonce mode put a fresh nonce on every script and in script-src, also on output-cached pages', async () => {
    const nonces = new Set<string>()
    for (const path of ['/clock.aspx', '/clock.aspx', '/cache.aspx?zip=11111', '/cache.aspx?zip=11111']) {
      const r = await strict.request(path)
      const header = r.headers.get('Content-Security-Policy')!
      const nonce = /'nonce-([^']+)'/.exec(header)![1]!
      expect(header).toBe(`${policy}; script-src 'self' 'nonce-${nonce}'`)
      expect(header).not.toMatch(/unsafe-(eval|inline)/)
      const html = await r.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`)
      expect(r.headers.get('ETag')).toBeNull()
      nonces.add(nonce)
    }
    expect(nonces.size).toBe(4)
  })

  it('in nonce mode give a stored page the nonce of each answer', async () => {
    const app = createApp({
      pages: { '/c.aspx': { markup: '<%@ OutputCache Duration="60" VaryByParam="none" %><form runat="server"><asp:ScriptManager runat="server" /></form>' } },
      key,
      mode: 'development',
      config: { contentSecurityPolicy: 'nonce' },
    })
    const seen: string[] = []
    for (let i = 0; i < 2; i++) {
      const r = await app.request('/c.aspx')
      const nonce = /'nonce-([^']+)'/.exec(r.headers.get('Content-Security-Policy')!)![1]!
      const html = await r.text()
      expect(r.headers.get('X-Deltaform-Cache')).toBe(i === 0 ? 'miss' : 'hit')
      expect(html.match(/<script\b[^>]*>/g)!.length).toBeGreaterThan(2)
      for (const tag of html.match(/<script\b[^>]*>/g)!) expect(tag).toContain(` nonce="${nonce}"`)
      seen.push(nonce)
    }
    expect(seen[0]).not.toBe(seen[1])
    await app.close()
  })
})
