import { expect, test as base } from '@playwright/test'
import { deltaformFixtures, type DeltaformFixtures } from 'deltaform/testing'
import { expectOnlyAsyncWhenPartial } from './compare.ts'
import { expectNoConsoleErrors } from './helpers.ts'
import { parseDelta } from '../src/protocol/delta.ts'

// UpdatePanel UpdateStrategy="Morph" and FocusPolicy on samples/pages/morph.aspx.

const test = base.extend<DeltaformFixtures>(deltaformFixtures)

test('Morph: the field keeps its identity, its page-script listener and the focus while its neighbours change', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/morph.aspx')
  const note = page.getByLabel('Note')
  await note.click()
  await page.keyboard.type('ab')
  await expect(page.locator('#Keystrokes')).toHaveText('2')
  await page.evaluate(() => {
    const w = window as any
    w.__note = document.getElementById('Note')
    w.__button = document.getElementById('AddItem')
    w.__blurs = 0
    w.__note.addEventListener('blur', () => w.__blurs++)
    // An update the user did not start by leaving the field (as a Timer's would be).
    w.__doPostBack('AddItem', '')
  })
  await expect(page.locator('#Items li')).toHaveCount(2)
  await expect(page.locator('#ItemCount')).toHaveText('2')
  expect(await page.evaluate(() => (window as any).__note === document.getElementById('Note'))).toBe(true)
  expect(await page.evaluate(() => (window as any).__button === document.getElementById('AddItem'))).toBe(true)
  expect(await page.evaluate(() => (window as any).__blurs)).toBe(0)
  await expect(note).toBeFocused()
  await expect(note).toHaveValue('ab')
  // The listener the page script added at load still counts.
  await page.keyboard.type('c')
  await expect(page.locator('#Keystrokes')).toHaveText('3')
  // A click on the kept button posts back again.
  await page.getByRole('button', { name: 'Add an item' }).click()
  await expect(page.locator('#Items li')).toHaveCount(3)
  assertNoErrors()
})

test('Morph: text typed while the request is in flight wins over the server value', async ({ page }) => {
  await page.goto('/morph.aspx')
  await page.route('**/morph.aspx', async (route) => {
    if (route.request().method() !== 'POST') return route.continue()
    // Hold the answer until the user typed.
    await new Promise((resolve) => setTimeout(resolve, 400))
    await route.continue()
  })
  const note = page.getByLabel('Note')
  await note.fill('sent')
  await page.evaluate(() => (window as any).__doPostBack('AddItem', ''))
  await note.fill('typed after sending')
  await expect(page.locator('#ItemCount')).toHaveText('2')
  await expect(note).toHaveValue('typed after sending')
})

test('Morph ends with the same page as full postbacks (and so as Replace)', async ({ comparePostbacks }) => {
  const result = await comparePostbacks('/morph.aspx', async (p, act) => {
    await act(() => p.getByRole('button', { name: 'Search' }).click())
    await p.getByLabel('Note').fill('kept')
    await act(() => p.getByRole('button', { name: 'Add an item' }).click())
    await act(() => p.getByRole('button', { name: 'Add an item' }).click())
    await act(() => p.getByRole('button', { name: 'Save the address' }).click())
    await p.getByLabel('City').fill('Lyon')
    await p.getByLabel('Zip code').fill('69001')
    await act(() => p.getByRole('button', { name: 'Save the address' }).click())
    await expect(p.locator('#Items li')).toHaveCount(3)
    await expect(p.locator('#AddressStatus')).toHaveText('Address saved.')
    // The page script's counter starts again at each full postback's page load.
  }, { ignore: ['#Keystrokes'] })
  expectOnlyAsyncWhenPartial(result)
  // The Morph panel's content, patched twice, is the markup a fresh render gives.
  expect(result.partial.html).toContain('<ul id="Items"><li>Item 1</li><li>Item 2</li><li>Item 3</li></ul>')
})

test('Morph: the panel content after an update equals what Replace gives for the same answer', async ({ page }) => {
  await page.goto('/morph.aspx')
  await page.getByLabel('Note').fill('x')
  const answer = page.waitForResponse((r) => r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Add an item' }).click()
  const record = parseDelta(await (await answer).text()).find((r) => r.type === 'updatePanel' && r.id === 'MorphPanel')!
  await expect(page.locator('#ItemCount')).toHaveText('2')
  const [morphed, replaced] = await page.evaluate((html) => {
    // The Replace strategy: the answer's markup by innerHTML.
    const copy = document.createElement('div')
    copy.innerHTML = html
    return [document.getElementById('MorphPanel')!.innerHTML, copy.innerHTML]
  }, record.content)
  expect(morphed).toBe(replaced)
  expect(morphed).toContain('<li>Item 2</li>')
})

test('FocusPolicy="FirstInvalid": focus goes to the first invalid field, marked aria-invalid', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/morph.aspx')
  await page.getByLabel('City').fill('Lyon')
  await page.getByLabel('Zip code').fill('abc')
  await page.getByRole('button', { name: 'Save the address' }).click()
  const zip = page.getByLabel('Zip code')
  await expect(zip).toBeFocused()
  await expect(zip).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('City')).not.toHaveAttribute('aria-invalid')
  await page.getByLabel('City').fill('')
  await page.getByRole('button', { name: 'Save the address' }).click()
  await expect(page.getByLabel('City')).toBeFocused()
  await page.getByLabel('City').fill('Lyon')
  await page.getByLabel('Zip code').fill('69001')
  await page.getByRole('button', { name: 'Save the address' }).click()
  await expect(page.locator('#AddressStatus')).toHaveText('Address saved.')
  // All valid: nothing to go to, the button keeps the focus (Keep).
  await expect(page.getByRole('button', { name: 'Save the address' })).toBeFocused()
  assertNoErrors()
})

test('FocusPolicy="Heading": focus goes to the updated panel heading', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/morph.aspx')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.locator('#Results')).toHaveText('Search 1: 3 results.')
  const heading = page.getByRole('heading', { name: 'Results' })
  await expect(heading).toBeFocused()
  await expect(heading).toHaveAttribute('tabindex', '-1')
  assertNoErrors()
})

test('FocusPolicy="Keep" (the default): focus stays on the button that posted back', async ({ page }) => {
  await page.goto('/progress.aspx')
  await page.getByRole('button', { name: 'Stop the timer' }).click()
  await expect(page.getByRole('button', { name: 'Stop the timer' })).toBeFocused()
  expect(await page.locator('[data-focus-policy],[data-update-strategy]').count()).toBe(0)
})
