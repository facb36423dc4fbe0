import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { expect, test as base } from '@playwright/test'
import { createApp } from 'deltaform'
import { expectNoConsoleErrors } from './helpers.ts'

// With contentSecurityPolicy "nonce" (script-src 'self' 'nonce-…', no unsafe-inline, no
// unsafe-eval), the runtime client still does partial postbacks, and the browser reports no
// blocked script.

const test = base.extend<object, { strictServer: { origin: string } }>({
  strictServer: [
    async ({}, use) => {
      const app = createApp({
        pages: join(import.meta.dirname, '../samples/pages'),
        key: randomBytes(32).toString('hex'),
        mode: 'production',
        config: { contentSecurityPolicy: 'nonce', appSettings: { SiteName: 'Deltaform samples' } },
      })
      const origin = await new Promise<{ origin: string; close: () => Promise<void> }>((resolve) => {
        const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
          const { port } = server.address() as AddressInfo
          resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) })
        })
      })
      await use(origin)
      await origin.close()
      await app.close()
    },
    { scope: 'worker' },
  ],
})
test.use({ baseURL: async ({ strictServer }, use) => use(strictServer.origin) })

test('clock.aspx under a nonce CSP: partial postbacks work and nothing is blocked', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  const violations: string[] = []
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)))
  const response = await page.goto('/clock.aspx')
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'$/)
  await page.evaluate(() => ((window as any).__kept = true))
  await page.getByRole('button', { name: 'Get Server Time' }).click()
  await expect(page.locator('#Asked')).toHaveText('1')
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.locator('#Asked')).toHaveText('2')
  expect(await page.evaluate(() => (window as any).__kept)).toBe(true) // no full page load
  expect(violations).toEqual([])
  assertNoErrors()
})
