// Partial-page history (ScriptManager EnableHistory) in the browser: history.aspx makes each
// step of its trip planner a history point by an async postback.
import { expect, test, type Page } from '@playwright/test'
import { deltaformFixtures, type DeltaformFixtures } from 'deltaform/testing'

const heading = (page: Page) => page.locator('#StepTitle')
const scrollY = (page: Page) => page.evaluate(() => window.scrollY)

async function expectStep(page: Page, title: string) {
  await expect(heading(page)).toHaveText(title)
  await expect(page).toHaveTitle(`Trip planner — ${title}`)
}

/** Scrolls to `y`, then clicks a step button (the nav is fixed: the click does not scroll). */
async function goToStep(page: Page, y: number, button: string, title: string) {
  await page.evaluate((top) => window.scrollTo(0, top), y)
  await page.getByRole('button', { name: button }).click()
  await expectStep(page, title)
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#&&[A-Za-z0-9_-]+$/)
}

test('history: back and forward walk three history points, restoring server content, title, scroll and focus', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/history.aspx')
  await expectStep(page, 'Start')
  const start = page.url()

  await goToStep(page, 200, '1. Destination', 'Destination')
  await goToStep(page, 400, '2. Dates', 'Dates')
  const dates = page.url()
  await goToStep(page, 600, '3. Confirm', 'Confirm')
  expect(new Set([start, dates, page.url()]).size).toBe(3)
  // Where the user leaves the third point: focus in the notes, further down.
  await page.locator('#Notes').focus()
  await page.evaluate(() => window.scrollTo(0, 800))

  await page.goBack()
  await expectStep(page, 'Dates')
  expect(page.url()).toBe(dates)
  await expect.poll(() => scrollY(page)).toBe(600)
  await expect(page.getByRole('button', { name: '3. Confirm' })).toBeFocused()

  await page.goBack()
  await expectStep(page, 'Destination')
  await expect.poll(() => scrollY(page)).toBe(400)
  await expect(page.getByRole('button', { name: '2. Dates' })).toBeFocused()

  await page.goForward()
  await expectStep(page, 'Dates')
  await expect.poll(() => scrollY(page)).toBe(600)
  await expect(page.getByRole('button', { name: '3. Confirm' })).toBeFocused()

  await page.goForward()
  await expectStep(page, 'Confirm')
  await expect.poll(() => scrollY(page)).toBe(800)
  await expect(page.locator('#Notes')).toBeFocused()

  // All the way back: the page's first entry has no state, and shows the start again.
  await page.goBack()
  await page.goBack()
  await page.goBack()
  await expectStep(page, 'Start')
  expect(page.url()).toBe(start)
  await expect.poll(() => scrollY(page)).toBe(200)
  expect(errors).toEqual([])
})

test('history: a full page load of a URL with a history fragment restores that point', async ({ page, context }) => {
  await page.goto('/history.aspx')
  await goToStep(page, 0, '2. Dates', 'Dates')
  const link = page.url()

  const other = await context.newPage()
  await other.goto(link)
  await expectStep(other, 'Dates')
  // The restored point is the current one: going on from it adds the next point.
  await goToStep(other, 0, '3. Confirm', 'Confirm')
  await other.goBack()
  await expectStep(other, 'Dates')
})

test('history: a hand-edited fragment is refused by the server and does not apply', async ({ page, context }) => {
  await page.goto('/history.aspx')
  await goToStep(page, 0, '3. Confirm', 'Confirm')
  const [base, fragment] = page.url().split('#') as [string, string]
  // Change one character of the signed server state.
  const i = fragment.length - 10
  const tampered = `${base}#${fragment.slice(0, i)}${fragment[i] === 'A' ? 'B' : 'A'}${fragment.slice(i + 1)}`

  const other = await context.newPage()
  const errors: string[] = []
  other.on('pageerror', (e) => errors.push(e.message))
  await other.goto(tampered)
  await expect.poll(() => errors.join('\n')).toContain('history state (URL fragment) field is not valid')
  await expectStep(other, 'Start')
})

const kit = test.extend<DeltaformFixtures>(deltaformFixtures)

kit('history: the same clicks end on the same page with and without partial rendering', async ({ comparePostbacks }) => {
  // History points exist with partial rendering only: there the URL and the form's action carry
  // the point's fragment, and the ScriptManager's field its state.
  const options = { volatile: [/^\.?\/history\.aspx(#&&[\w-]+)?$/], ignoreFields: ['ScriptManager1'] }
  const { partial } = await comparePostbacks('/history.aspx', async (page, act) => {
    await act(() => page.getByRole('button', { name: '2. Dates' }).click())
    await act(() => page.getByRole('button', { name: '3. Confirm' }).click())
  }, options)
  expect(partial.html).toContain('<span id="StepTitle">Confirm</span>')
})
