import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

// Accessibility: axe on every sample page, after load and after one async postback where the
// page has an UpdatePanel; and a log of what the page says through live regions.

const pagesDir = join(import.meta.dirname, '../samples/pages')
const samples = readdirSync(pagesDir).filter((f) => f.endsWith('.aspx')).sort()

// Buttons that would leave the page or fail on purpose: not the postback to check after.
const notThese = /throw|go to|full postback|redirect/i

async function expectNoViolations(page: Page, when: string) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(found, `axe violations ${when}`).toEqual([])
}

// Clicks the first control in an UpdatePanel that posts back asynchronously and waits for the
// endRequest; false when the page has no panel.
async function oneAsyncPostBack(page: Page): Promise<boolean> {
  const panels: string[] = await page.evaluate(() => {
    const prm = (window as any).Sys?.WebForms?.PageRequestManager?.getInstance?.()
    return prm ? [...prm._updatePanelClientIDs] : []
  })
  for (const id of panels) {
    const controls = page.locator(`[id="${id}"]`).locator('input[type=submit], button, a[href^="javascript:__doPostBack"]')
    for (const control of await controls.all()) {
      const name = (await control.getAttribute('value')) ?? (await control.textContent()) ?? ''
      if (notThese.test(name) || !(await control.isVisible())) continue
      await page.evaluate(() => {
        const w = window as any
        w.__ended = false
        w.Sys.WebForms.PageRequestManager.getInstance().add_endRequest(() => (w.__ended = true))
      })
      await control.click()
      await page.waitForFunction(() => (window as any).__ended === true)
      return true
    }
  }
  return false
}

for (const file of samples) {
  const url = file === 'index.aspx' ? '/' : `/${file}`
  test(`axe finds no violations on ${url}, after load and after an async postback`, async ({ page }) => {
    await page.goto(url)
    await expectNoViolations(page, 'after load')
    if (await oneAsyncPostBack(page)) await expectNoViolations(page, 'after an async postback')
  })
}

// Records every text put into a live region (aria-live, role=status, role=alert), in order,
// from the first script on: [politeness, text].
async function logAnnouncements(page: Page) {
  await page.addInitScript(() => {
    const log: Array<[string, string]> = ((window as any).__announcements = [])
    const last = new Map<Element, string>()
    const politeness = (el: Element) => el.getAttribute('aria-live') || (el.getAttribute('role') === 'alert' ? 'assertive' : 'polite')
    const note = (region: Element) => {
      const text = (region.textContent || '').trim()
      if (text && last.get(region) !== text && region.getAttribute('aria-hidden') !== 'true') log.push([politeness(region), text])
      last.set(region, text)
    }
    const live = '[aria-live],[role=status],[role=alert]'
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        const target = m.target.nodeType === 1 ? (m.target as Element) : m.target.parentElement
        const region = target?.closest(live)
        if (region) note(region)
        // A region inserted with its text already in (a validator message in a refreshed panel).
        for (const n of m.addedNodes) if (n.nodeType === 1) for (const r of [n as Element, ...(n as Element).querySelectorAll(live)]) if (r.matches(live) && r !== region) note(r)
      }
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as any).__announcements as Array<[string, string]>)
}

test('announcement log: the polite AnnounceText after an update on progress.aspx', async ({ page }) => {
  const announcements = await logAnnouncements(page)
  await page.goto('/progress.aspx')
  await page.getByRole('button', { name: 'Stop the timer' }).click()
  await page.getByRole('button', { name: 'Run a slow job' }).click()
  await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.', { timeout: 10_000 })
  await expect.poll(announcements).toContainEqual(['polite', 'The slow job panel was updated.'])
  // Nothing was said assertively, and the UpdateProgress region was never announced while hidden.
  expect((await announcements()).filter(([p]) => p === 'assertive')).toEqual([])
})

test('announcement log: an unhandled async-postback error is said assertively on errors.aspx', async ({ page }) => {
  const announcements = await logAnnouncements(page)
  const thrown: string[] = []
  page.on('pageerror', (e) => thrown.push(e.message))
  await page.goto('/errors.aspx')
  // The page marks errors handled; this later handler takes that back, as a page without one.
  await page.evaluate(() => (window as any).Sys.WebForms.PageRequestManager.getInstance().add_endRequest((_s: unknown, a: any) => a.set_errorHandled(false)))
  await page.getByRole('button', { name: 'Throw' }).click()
  const message = 'Sorry, that failed: The order service did not answer.'
  // The error's message as the PageRequestManager throws it: its type, then the server's text.
  await expect.poll(announcements).toContainEqual(['assertive', `Sys.WebForms.PageRequestManagerServerErrorException: ${message}`])
  expect((await announcements()).filter(([p]) => p === 'polite')).toEqual([])
  expect(thrown.join('\n')).toContain(message)
})
