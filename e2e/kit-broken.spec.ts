import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { expect, test as base } from '@playwright/test'
import { Hono, type MiddlewareHandler } from 'hono'
import { createApp } from 'deltaform'
import { comparePostbacks, differential, DifferentialMismatchError, PostbackMismatchError } from 'deltaform/testing'
import { encodeDelta, parseDelta } from '../src/protocol/delta.ts'

// The kit can fail: a server that drops one panel or one hidden field from its async answers
// must make comparePostbacks and differential throw, naming what was dropped.

/** What the server leaves out of every delta, if anything (switched per test). */
let breakage: { panel?: string; hiddenField?: string } | null = null

/** Test-only middleware: rewrites async postback answers without the chosen record. */
const dropFromDeltas: MiddlewareHandler = async (c, next) => {
  await next()
  if (!breakage || c.req.header('x-microsoftajax') !== 'Delta=true') return
  const { panel, hiddenField } = breakage
  const records = parseDelta(await c.res.text()).filter(
    (r) => !(r.type === 'updatePanel' && r.id === panel) && !(r.type === 'hiddenField' && r.id === hiddenField),
  )
  const headers = new Headers(c.res.headers)
  headers.delete('content-length')
  c.res = new Response(encodeDelta(records), { status: c.res.status, headers })
}

async function startBrokenServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  // Production mode, with the partial-rendering switch allowed by configuration.
  const app = createApp({
    pages: join(import.meta.dirname, '../samples/pages'),
    key: randomBytes(32).toString('hex'),
    mode: 'production',
    allowPartialRenderingSwitch: true,
  })
  const outer = new Hono()
  outer.use('*', dropFromDeltas)
  outer.all('*', (c) => app.fetch(c.req.raw))
  return new Promise((resolve) => {
    const server = serve({ fetch: outer.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) })
    })
  })
}

const test = base.extend<object, { brokenServer: { origin: string } }>({
  brokenServer: [
    async ({}, use) => {
      const server = await startBrokenServer()
      await use(server)
      await server.close()
    },
    { scope: 'worker' },
  ],
})
test.use({ baseURL: async ({ brokenServer }, use) => use(brokenServer.origin) })
test.afterEach(() => {
  breakage = null
})

const time = /\d{1,2}:\d{2}:\d{2}\s?[AP]M/g
const clockSteps = async (page: import('@playwright/test').Page, act: (action: () => Promise<unknown>) => Promise<void>) => {
  await act(() => page.getByRole('button', { name: 'Get Server Time' }).click())
}

test('the same server, unbroken, passes (production mode, switch allowed by configuration)', async ({ page }) => {
  const { partial, full } = await comparePostbacks(page, '/clock.aspx', clockSteps, { volatile: [time] })
  expect(partial.stats.asyncPostbacks).toBe(1)
  expect(full.stats.fullPostbacks).toBe(1)
})

test('a dropped updatePanel record fails comparePostbacks, naming the panel and the element', async ({ page }) => {
  breakage = { panel: 'UpdatePanel1' }
  const error = await comparePostbacks(page, '/clock.aspx', clockSteps, { volatile: [time] }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(PostbackMismatchError)
  const mismatch = error as PostbackMismatchError
  expect(mismatch.differences.some((d) => d.panel === 'UpdatePanel1' && d.where === '<span id="Asked">' && d.kind === 'text' && d.expected === '"1"' && d.actual === '"0"')).toBe(true)
  expect(mismatch.message).toContain('UpdatePanel "UpdatePanel1" › <span id="Asked"> (form#form1 > div#UpdatePanel1 > p[2] > span#Asked): text')
  expect(mismatch.message).toMatch(/expected \(full\):\s+"1"\n\s+actual \(partial\):\s+"0"/)
})

test('a dropped hidden field fails comparePostbacks, naming the field', async ({ page }) => {
  breakage = { hiddenField: '__VIEWSTATE' }
  const error = await comparePostbacks(page, '/clock.aspx', clockSteps, { volatile: [time] }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(PostbackMismatchError)
  const mismatch = error as PostbackMismatchError
  expect(mismatch.differences.map((d) => d.where)).toEqual(['hidden field __VIEWSTATE (decoded)'])
  expect(mismatch.message).toContain('hidden field __VIEWSTATE (decoded): value')
})

test('a dropped panel fails differential, with the panel, the seed and the steps', async ({ page }) => {
  test.setTimeout(60_000)
  breakage = { panel: 'PanelB' }
  const error = await differential(page, '/panels.aspx', { steps: 2, seed: 7, ignore: ['#DataItemOut'] }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DifferentialMismatchError)
  const mismatch = error as DifferentialMismatchError
  expect(mismatch.seed).toBe(7)
  expect(mismatch.message).toContain(`One action on input#BumpB "B+1":`)
  expect(mismatch.message).toContain('UpdatePanel "PanelB" › <span id="CountB"> (form#form1 > div#PanelB > span#CountB): text')
  expect(mismatch.message).toContain("Replay with: differential(page, '/panels.aspx', { seed: 7 })")
  // Clicks that do not refresh PanelB still pass.
  expect(mismatch.failures.map((f) => f.title)).not.toContain('One action on input#BumpA "A+1":')
})
