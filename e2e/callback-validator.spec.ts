import { expect, test, type Page } from '@playwright/test'
import { expectNoConsoleErrors, watchCallbacks } from './helpers.ts'

const path = '/callback-validator.aspx'
const taken = 'That user ID is taken.'
const weak = 'The password needs at least 8 characters with a lower-case letter, an upper-case letter and a digit.'

/** The mark the CallbackValidator's script puts right after a field. */
function markOf(page: Page, fieldId: string) {
  return page.locator(`#${fieldId} + .callback-mark`)
}

test('callback-validator: leaving a field checks it on the server without a postback', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto(path)
  const w = await watchCallbacks(page, 'LiveCheck&')
  const userId = page.getByLabel('User ID', { exact: true })
  const mark = markOf(page, 'UserId')
  await expect(mark).toHaveText('')
  await expect(mark).toHaveAttribute('aria-live', 'polite')

  await userId.fill('dino')
  await userId.press('Tab')
  await expect(mark).toHaveText('✗')
  await expect(mark).toHaveAttribute('aria-label', taken)
  await expect(userId).toHaveAttribute('title', taken)
  await expect(userId).toHaveAttribute('aria-invalid', 'true')
  await expect(userId).toHaveAccessibleDescription(taken)
  // The argument carries the value the field held when the callback started.
  expect(w.posts.at(-1)).toContain('__CALLBACKPARAM=' + encodeURIComponent(JSON.stringify({ field: 'UserId', value: 'dino' })))
  // The server-rendered validator spans stay hidden: nothing was rendered.
  await expect(page.locator('#UserIdFree')).toBeHidden()

  await userId.fill('ann')
  await userId.press('Tab')
  await expect(mark).toHaveText('✓')
  await expect(page.getByRole('img', { name: 'valid' })).toHaveCount(1)
  await expect(userId).not.toHaveAttribute('title', /./)
  await expect(userId).toHaveAttribute('aria-invalid', 'false')
  await expect(userId).toHaveAccessibleDescription('valid')

  await w.assertNoPostback()
  assertNoErrors()
})

test('callback-validator: email and password marks, and the error callback', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto(path)
  const w = await watchCallbacks(page, 'LiveCheck&')
  const email = page.getByLabel('Email', { exact: true })
  const password = page.getByLabel('Password', { exact: true })

  await email.fill('ann@')
  await email.press('Tab')
  await expect(markOf(page, 'Email')).toHaveText('✗')
  await expect(email).toHaveAttribute('title', 'The email address is not valid.')
  await password.fill('password1')
  await password.press('Tab')
  await expect(markOf(page, 'Password')).toHaveAttribute('aria-label', weak)

  await email.fill('ann@example.com')
  await email.press('Tab')
  await expect(markOf(page, 'Email')).toHaveText('✓')
  await password.fill('Passw0rdX')
  await password.press('Tab')
  await expect(markOf(page, 'Password')).toHaveText('✓')
  // The User ID was never left: no mark judged it.
  await expect(markOf(page, 'UserId')).toHaveText('')

  // A refused argument reaches the error callback, whose message takes the mark's place.
  await page.evaluate(() => {
    const v = (window as any).DeltaformCallbackValidator
    ;(window as any).WebForm_DoCallback('LiveCheck', '{"field":"Nope","value":""}', v.receive, v.context('Email'), v.error, true)
  })
  await expect(markOf(page, 'Email')).toHaveText("CallbackValidator 'LiveCheck' does not check a field named 'Nope'.")
  await expect(email).not.toHaveAttribute('aria-invalid', /./)

  await w.assertNoPostback()
  assertNoErrors()
})

test('callback-validator: Submit posts back and validates on the server', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto(path)
  await page.getByLabel('User ID', { exact: true }).fill('Dino')
  await page.getByLabel('Email', { exact: true }).fill('dino@example.com')
  await page.getByLabel('Password', { exact: true }).fill('Passw0rdX')
  await page.evaluate(() => ((window as any).__marker = 'kept'))
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.locator('#Summary')).toContainText(taken)
  expect(await page.evaluate(() => (window as any).__marker)).toBeUndefined()
  await expect(page.locator('#Result')).toHaveText('')

  // The marks come back after the full postback, ready for the next check.
  const userId = page.getByLabel('User ID', { exact: true })
  await expect(userId).toHaveValue('Dino')
  await userId.fill('ann')
  await userId.press('Tab')
  await expect(markOf(page, 'UserId')).toHaveText('✓')
  // A password box is not filled again after a postback, as in ASP.NET.
  await page.getByLabel('Password', { exact: true }).fill('Passw0rdX')
  await page.evaluate(() => ((window as any).__marker = 'kept'))
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.locator('#Result')).toHaveText('Account created for ann (dino@example.com).')
  expect(await page.evaluate(() => (window as any).__marker)).toBeUndefined()
  await expect(page.locator('#Summary')).toBeHidden()
  assertNoErrors()
})
