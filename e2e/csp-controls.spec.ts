import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { expect, test as base, type Page } from '@playwright/test'
import { createApp } from 'deltaform'
import { expectNoConsoleErrors } from './helpers.ts'

// Under contentSecurityPolicy "nonce" (script-src 'self' 'nonce-…': no unsafe-inline, no
// unsafe-eval), the controls' postback links, AutoPostBack, default buttons, postback options,
// grid paging/sorting/select links and the callback grid all work through the runtime's csp part,
// the browser reports no blocked script, and each scenario ends as it does without the CSP.
// Panel scripts run only with ScriptManager ExecutePanelScripts="true", once per update.

type Origins = { strict: string; plain: string; strictFixtures: string; plainFixtures: string }

async function listen(app: ReturnType<typeof createApp>) {
  return new Promise<{ origin: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) })
    })
  })
}

const test = base.extend<object, { origins: Origins }>({
  origins: [
    async ({}, use) => {
      const key = randomBytes(32).toString('hex')
      const samples = join(import.meta.dirname, '../samples/pages')
      const fixtures = join(import.meta.dirname, 'csp-pages')
      const appSettings = { SiteName: 'Deltaform samples' }
      const apps = [
        createApp({ pages: samples, key, mode: 'production', config: { contentSecurityPolicy: 'nonce', appSettings } }),
        createApp({ pages: samples, key, mode: 'production', config: { appSettings } }),
        // Development mode: the csp part names handlers it cannot run.
        createApp({ pages: fixtures, key, mode: 'development', config: { contentSecurityPolicy: 'nonce' } }),
        createApp({ pages: fixtures, key, mode: 'production' }),
      ]
      const servers = await Promise.all(apps.map(listen))
      const [strict, plain, strictFixtures, plainFixtures] = servers.map((s) => s.origin) as [string, string, string, string]
      await use({ strict, plain, strictFixtures, plainFixtures })
      for (const s of servers) await s.close()
      for (const app of apps) await app.close()
    },
    { scope: 'worker' },
  ],
})

/** Records CSP violations (from the first script on) and console warnings of `page`. */
async function watch(page: Page) {
  const violations: string[] = []
  const warnings: string[] = []
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text))
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`)),
  )
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  return { violations, warnings }
}

/** Runs `scenario` on the strict and the plain server; both must end with the same texts. */
async function sameEndUnderCsp(page: Page, strictOrigin: string, plainOrigin: string, scenario: (origin: string) => Promise<string[]>) {
  const assertNoErrors = expectNoConsoleErrors(page)
  const { violations } = await watch(page)
  const strictEnd = await scenario(strictOrigin)
  expect(violations).toEqual([])
  assertNoErrors()
  const plainEnd = await scenario(plainOrigin)
  expect(strictEnd).toEqual(plainEnd)
  return strictEnd
}

const texts = (page: Page, selectors: string[]) => Promise.all(selectors.map((s) => page.locator(s).innerText()))

test('postback-linkbutton.aspx: the javascript: link posts back', async ({ page, origins }) => {
  const end = await sameEndUnderCsp(page, origins.strict, origins.plain, async (origin) => {
    const response = await page.goto(`${origin}/postback-linkbutton.aspx`)
    if (origin === origins.strict) expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'$/)
    await page.getByRole('link', { name: 'Say hello' }).click()
    await expect(page.locator('#Clicks')).toHaveText('1')
    await page.getByRole('link', { name: 'Say hello' }).focus()
    await page.keyboard.press('Enter') // still a keyboard-usable link
    await expect(page.locator('#Clicks')).toHaveText('2')
    return texts(page, ['#Message', '#Clicks'])
  })
  expect(end[1]).toBe('2')
})

test('register.aspx: validators refuse, then the form registers', async ({ page, origins }) => {
  await sameEndUnderCsp(page, origins.strict, origins.plain, async (origin) => {
    await page.goto(`${origin}/register.aspx`)
    await page.getByRole('button', { name: 'Register' }).click()
    await expect(page.locator('.summary')).toContainText('A user name is required.')
    const refused = await page.locator('.summary').innerText()
    await page.getByLabel('User name').fill('newuser')
    await page.getByLabel('Email').fill('new@example.com')
    await page.getByLabel('Password', { exact: true }).fill('secret')
    await page.getByLabel('Confirm password').fill('secret')
    await page.getByLabel('Age').fill('30')
    await page.getByLabel('Plan').selectOption('pro')
    await page.getByLabel('I accept the terms').check()
    await page.getByRole('button', { name: 'Register' }).click()
    await expect(page.locator('#Result')).not.toBeEmpty()
    return [refused, ...(await texts(page, ['#Result']))]
  })
})

test("panels.aspx: partial postbacks refresh the right panels, and the page's own script runs", async ({ page, origins }) => {
  await sameEndUnderCsp(page, origins.strict, origins.plain, async (origin) => {
    await page.goto(`${origin}/panels.aspx`)
    await page.evaluate(() => ((window as any).__kept = true))
    for (const name of ['A+1', 'B+1', 'A+1 and B+1', 'Set B from A', 'Outer+1', 'Inner+1']) {
      const before = await page.locator('#Postbacks').innerText()
      await page.getByRole('button', { name, exact: true }).click()
      await expect(page.locator('#Postbacks')).not.toHaveText(before)
    }
    await expect(page.locator('#DataItemOut')).toHaveText('postback 6') // the template's nonced <script>
    expect(await page.evaluate(() => (window as any).__kept)).toBe(true)
    return texts(page, ['#CountA', '#CountB', '#Postbacks', '#CountOuter', '#CountInner', '#DataItemOut'])
  })
})

test('orders.aspx: grid paging, sorting and select links, and the callback grid', async ({ page, origins }) => {
  const firstCell = (grid: string) => page.locator(`#${grid} tr:nth-child(2) td:first-child`)
  await sameEndUnderCsp(page, origins.strict, origins.plain, async (origin) => {
    await page.goto(`${origin}/orders.aspx`)
    const callbackGrid = page.locator('#CallbackOrders')
    await callbackGrid.getByRole('link', { name: '2', exact: true }).click()
    await expect(firstCell('CallbackOrders')).toHaveText('10050')
    await callbackGrid.getByRole('link', { name: 'Customer' }).click()
    await expect(page.locator('#CallbackOrders tr:nth-child(2) td:nth-child(2)')).toHaveText(/^Ames & Co 1\b/)
    const grid = page.locator('#PanelOrders')
    await grid.getByRole('link', { name: '3', exact: true }).click()
    await expect(firstCell('PanelOrders')).toHaveText('10100')
    await grid.getByRole('link', { name: 'Total' }).click()
    await expect(firstCell('PanelOrders')).not.toHaveText('10100')
    await grid.getByRole('link', { name: 'Select' }).nth(1).click()
    await expect(page.locator('#OrderDetails')).not.toContainText('Select an order above.')
    return texts(page, ['#CallbackOrders', '#PanelOrders', '#OrderDetails'])
  })
})

test('AutoPostBack text box, list and check box, a default button, postback options, the form onsubmit', async ({ page, origins }) => {
  const end = await sameEndUnderCsp(page, origins.strictFixtures, origins.plainFixtures, async (origin) => {
    await page.goto(`${origin}/controls.aspx`)
    const log = page.locator('#Log')
    await page.locator('#Name').fill('Ann')
    await page.locator('#Name').press('Tab')
    await expect(log).toHaveText('name')
    await page.locator('#Color').selectOption('green')
    await expect(log).toHaveText('name color')
    await page.getByLabel('Agree').check()
    await expect(log).toHaveText('name color agree')
    await page.locator('#Query').fill('abc')
    await page.locator('#Query').press('Enter') // the Panel's default button, not the first one
    await expect(log).toHaveText('name color agree find:abc')
    await page.getByRole('button', { name: 'Post with options' }).click()
    await expect(log).toHaveText('name color agree find:abc options')
    return texts(page, ['#Log', '#Submits'])
  })
  expect(end).toEqual(['name color agree find:abc options', '5']) // the onsubmit statement ran once per postback
})

test('user OnClientClick code cannot run under the CSP: the click is cancelled and a development warning names it', async ({ page, origins }) => {
  const { violations, warnings } = await watch(page)
  await page.goto(`${origins.strictFixtures}/controls.aspx`)
  await expect.poll(() => warnings.join('\n')).toContain('<a id="Guarded">')
  expect(warnings.join('\n')).toContain("return confirm('Sure?')")
  let dialogs = 0
  page.on('dialog', (d) => (dialogs++, d.accept()))
  await page.getByRole('link', { name: 'Guarded' }).click()
  await page.waitForTimeout(300) // nothing is expected to happen: give a postback the time to start
  expect(dialogs).toBe(0)
  await expect(page.locator('#Log')).toHaveText('')
  expect(violations).toEqual([])
  // Without the CSP the same link asks, then posts back.
  await page.goto(`${origins.plainFixtures}/controls.aspx`)
  await page.getByRole('link', { name: 'Guarded' }).click()
  await expect(page.locator('#Log')).toHaveText('guarded')
  expect(dialogs).toBe(1)
})

test('ExecutePanelScripts="true": the panel\'s own script runs once per update with the nonce; injected markup does not run', async ({ page, origins }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  const { violations } = await watch(page)
  await page.goto(`${origins.strictFixtures}/panel-scripts-on.aspx`)
  const runs = () => page.evaluate(() => (window as any).panelRuns)
  expect(await runs()).toEqual(['0'])
  for (const count of ['1', '2']) {
    await page.getByRole('button', { name: 'Bump' }).click()
    await expect(page.locator('#Count')).toHaveText(count)
    await expect.poll(runs).toEqual(['0', '1', '2'].slice(0, Number(count) + 1))
  }
  expect(await page.locator('#Panel1 script').count()).toBe(2) // the page's and the injected one, in the markup
  expect(await page.evaluate(() => (window as any).injected)).toBeUndefined()
  expect(violations).toEqual([])
  assertNoErrors()
})

test('without ExecutePanelScripts, inline scripts of panel markup do not run after an update', async ({ page, origins }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  const { violations } = await watch(page)
  await page.goto(`${origins.strictFixtures}/panel-scripts-off.aspx`)
  await page.getByRole('button', { name: 'Bump' }).click()
  await expect(page.locator('#Count')).toHaveText('1')
  await page.getByRole('button', { name: 'Bump' }).click()
  await expect(page.locator('#Count')).toHaveText('2')
  expect(await page.evaluate(() => (window as any).panelRuns)).toEqual(['0'])
  expect(await page.evaluate(() => (window as any).injected)).toBeUndefined()
  expect(violations).toEqual([])
  assertNoErrors()
})
