import { expect, test } from '@playwright/test'
import { expectNoConsoleErrors } from './helpers.ts'

// What the user does while a slow async postback is in flight survives the panel update.

test('typing into a field while a slow async postback runs keeps the text, the focus and the caret', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/progress.aspx')
  await page.getByRole('button', { name: 'Stop the timer' }).click() // no ticks in between
  await expect(page.locator('#TickPanel')).not.toHaveAttribute('aria-busy', 'true')
  await page.getByRole('button', { name: 'Run a slow job' }).click()
  await expect(page.locator('#SlowPanel')).toHaveAttribute('aria-busy', 'true')
  const note = page.getByLabel('Keep typing while it runs')
  await note.click()
  await page.keyboard.type('typed while waiting')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.', { timeout: 10_000 })
  await expect(page.locator('#SlowPanel')).not.toHaveAttribute('aria-busy')
  await expect(note).toHaveValue('typed while waiting')
  await expect(note).toBeFocused()
  expect(await note.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([17, 17])
  // The field is the new one from the answer, not the old element kept alive.
  expect(await note.evaluate((el) => el.isConnected && document.getElementById('Note') === el)).toBe(true)
  assertNoErrors()
})

test('a field the user did not touch after sending takes the server value', async ({ page }) => {
  await page.goto('/progress.aspx')
  await page.getByRole('button', { name: 'Stop the timer' }).click()
  const note = page.getByLabel('Keep typing while it runs')
  await note.fill('sent with the post')
  await page.getByRole('button', { name: 'Run a slow job' }).click()
  await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.', { timeout: 10_000 })
  await expect(note).toHaveValue('sent with the post') // the server echoed what was posted
  await expect(page.getByRole('button', { name: 'Run a slow job' })).toBeFocused()
})

test('an updated panel with AnnounceText is announced through a polite live region', async ({ page }) => {
  await page.goto('/progress.aspx')
  await page.getByRole('button', { name: 'Stop the timer' }).click()
  await page.getByRole('button', { name: 'Run a slow job' }).click()
  await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.', { timeout: 10_000 })
  const region = page.locator('.df-announce[aria-live="polite"]')
  await expect(region).toHaveText('The slow job panel was updated.')
  await expect(region).toHaveAttribute('role', 'status')
  // Hidden from sight, not from assistive technology.
  expect(await region.evaluate((el) => [getComputedStyle(el).position, el.getBoundingClientRect().width])).toEqual(['absolute', 1])
})
