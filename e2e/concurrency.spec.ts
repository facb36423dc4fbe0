// Concurrency policies, double-submit protection, idempotent postbacks and the server's
// AbortSignal, on concurrency.aspx. A fake slow server: async postbacks are held in the browser
// (page.route) until the test lets each one through, so what the client does with a postback
// asked for during another is decided by the policy alone, not by timing.
import { expect, test, type Page, type Route } from '@playwright/test'
import { expectNoConsoleErrors } from './helpers.ts'

/** Holds every async postback until `release(i)`; `sent()` counts those that reached the route. */
async function holdAsyncPostbacks(page: Page) {
  const held: Route[] = []
  await page.route('**/concurrency.aspx', (route) => {
    const request = route.request()
    if (request.method() !== 'POST' || !request.headers()['x-microsoftajax']) return route.continue()
    held.push(route)
  })
  return {
    sent: () => held.length,
    async release(i: number) {
      await expect.poll(() => held.length).toBeGreaterThan(i)
      // An aborted request is gone from the browser: letting it through has nothing to answer.
      await held[i]!.continue().catch(() => undefined)
    },
  }
}

const click = (page: Page, id: string) => page.evaluate((x) => (document.getElementById(x) as HTMLInputElement).click(), id)
const ended = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => (window as any).Sys.WebForms.PageRequestManager.getInstance().add_endRequest(function h(this: any) {
    ;(window as any).Sys.WebForms.PageRequestManager.getInstance().remove_endRequest(h)
    resolve()
  })))
const idle = (page: Page) => page.waitForFunction(() => !(window as any).Sys.WebForms.PageRequestManager.getInstance().get_isInAsyncPostBack())

test('last wins (the default): the second click aborts the first', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/concurrency.aspx')
  const server = await holdAsyncPostbacks(page)
  await click(page, 'LastAdd1')
  await click(page, 'LastAdd10')
  await expect.poll(server.sent).toBe(2)
  await server.release(0)
  await server.release(1)
  await idle(page)
  await expect(page.locator('#TotalLast')).toHaveText('10')
  assertNoErrors()
})

test('queue: the second waits for the first and is sent with the state its answer left', async ({ page }) => {
  await page.goto('/concurrency.aspx')
  const server = await holdAsyncPostbacks(page)
  await click(page, 'QueueAdd1')
  await click(page, 'QueueAdd10')
  expect(server.sent()).toBe(1)
  await server.release(0)
  await expect(page.locator('#TotalQueue')).toHaveText('1')
  await server.release(1)
  await expect(page.locator('#TotalQueue')).toHaveText('11')
})

test('drop: a postback asked for while one is in flight is ignored', async ({ page }) => {
  await page.goto('/concurrency.aspx')
  const server = await holdAsyncPostbacks(page)
  await click(page, 'DropAdd1')
  await click(page, 'DropAdd10')
  await server.release(0)
  await idle(page)
  await expect(page.locator('#TotalDrop')).toHaveText('1')
  expect(server.sent()).toBe(1)
})

test('abort-conflicting: the same panel aborts, another panel waits its turn', async ({ page }) => {
  await page.goto('/concurrency.aspx')
  const server = await holdAsyncPostbacks(page)
  await click(page, 'LeftAdd1')
  await click(page, 'RightAdd1') // another panel: waits
  await click(page, 'LeftAdd10') // the same panel: aborts Left +1
  await expect.poll(server.sent).toBe(2)
  await server.release(0)
  await server.release(1)
  await expect(page.locator('#TotalLeft')).toHaveText('10')
  await server.release(2)
  await expect(page.locator('#TotalRight')).toHaveText('1')
  await expect(page.locator('#TotalLeft')).toHaveText('10')
})

test('double submit: a second click on a button whose postback is in flight is ignored', async ({ page }) => {
  await page.goto('/concurrency.aspx')
  const before = Number(await page.locator('#Placed').textContent())
  const server = await holdAsyncPostbacks(page)
  await click(page, 'PlaceAsync')
  await expect(page.locator('#PlaceAsync')).toHaveAttribute('aria-disabled', 'true')
  await click(page, 'PlaceAsync')
  expect(server.sent()).toBe(1)
  await server.release(0)
  await expect(page.locator('#Placed')).toHaveText(String(before + 1))
  await expect(page.locator('#PlaceAsync')).not.toHaveAttribute('aria-disabled', 'true')
})

test('a full postback sent twice (the first cancelled by the browser) runs its handler once', async ({ page }) => {
  await page.goto('/concurrency.aspx')
  const before = Number(await page.locator('#Placed').textContent())
  let posts = 0
  let letThrough: () => void = () => {}
  const gate = new Promise<void>((resolve) => (letThrough = resolve))
  // Each post reaches the server at once; its answer is held, so the user can click again.
  await page.route('**/concurrency.aspx', async (route) => {
    if (route.request().method() !== 'POST') return route.continue()
    posts++
    const response = await route.fetch()
    await gate
    await route.fulfill({ response }).catch(() => undefined)
  })
  // The second click comes once the first post is on its way (its answer not yet in).
  await page.evaluate(() => {
    const button = document.getElementById('PlaceFull') as HTMLInputElement
    button.click()
    setTimeout(() => button.click(), 300)
  })
  await expect.poll(() => posts).toBe(2)
  letThrough()
  await expect(page.locator('#Placed')).toHaveText(String(before + 1))
})

test('the server gets an AbortSignal when the client aborts its postback', async ({ page }) => {
  await page.goto('/concurrency.aspx')
  const before = Number(await page.locator('#Aborted').textContent())
  await click(page, 'Slow')
  await page.waitForTimeout(300) // the slow handler has started
  const done = ended(page)
  await click(page, 'Show') // last wins: the slow postback is aborted
  await done
  await expect(async () => {
    const shown = ended(page)
    await click(page, 'Show')
    await shown
    await expect(page.locator('#Aborted')).toHaveText(String(before + 1), { timeout: 500 })
  }).toPass({ timeout: 10_000 })
})
