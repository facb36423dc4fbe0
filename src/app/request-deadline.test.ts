import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, describe, expect, it } from 'vitest'
import { Page } from '../page/page.ts'
import { createApp } from './create-app.ts'

const seen: string[] = []

class Hangs extends Page {
  async Page_Load() {
    const signal = this.request.signal!
    signal.addEventListener('abort', () => seen.push(`aborted: ${String(signal.reason?.message ?? signal.reason)}`))
    await new Promise(() => {}) // never answers
  }
}

class Throws extends Page {
  Page_Load() {
    throw new Error('the database is gone')
  }
}

const app = createApp({
  key: '7a'.repeat(32),
  mode: 'production',
  config: { requestTimeoutMs: 150 },
  pages: { '/hang.aspx': { markup: '<p>never</p>', codeBehind: Hangs }, '/throw.aspx': { markup: '<p>no</p>', codeBehind: Throws } },
})
afterAll(() => app.close())

describe('request deadline', () => {
  it('answers a hung page with 503 naming the timeout, and aborts its signal', async () => {
    seen.length = 0
    const started = performance.now()
    const response = await app.request('/hang.aspx')
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('The page did not answer within 150 ms (requestTimeoutMs)')
    expect(performance.now() - started).toBeLessThan(5000)
    expect(seen).toEqual(['aborted: The page did not answer within 150 ms (requestTimeoutMs); try again.'])
  })

  it('answers a throwing page with a clean 500 in production (no stack trace)', async () => {
    const response = await app.request('/throw.aspx')
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('the database is gone')
  })

  it('aborts the page signal when the client disconnects mid-request', async () => {
    seen.length = 0
    const long = createApp({ key: '7a'.repeat(32), mode: 'production', pages: { '/hang.aspx': { markup: '<p>never</p>', codeBehind: Hangs } } })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: long.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    const { port } = server.address() as AddressInfo
    const client = new AbortController()
    const pending = fetch(`http://127.0.0.1:${port}/hang.aspx`, { signal: client.signal }).catch((e: Error) => e.name)
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20))
      if (i === 5) client.abort()
    }
    expect(await pending).toBe('AbortError')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^aborted: /)
    expect(seen[0]).not.toContain('requestTimeoutMs') // the client went away; no timeout
    await new Promise((r) => server.close(() => r(undefined)))
    await long.close()
  })
})
