import { expect, test } from '@playwright/test'
import { expectNoConsoleErrors } from './helpers.ts'

test('the index page links every sample', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle('Deltaform samples')
  for (const name of ['postback-linkbutton.aspx', 'register.aspx', 'counter.aspx']) {
    await expect(page.locator(`#samples a[href="${name}"]`)).toBeVisible()
  }
})

test('postback-linkbutton: a LinkButton posts back and runs its handler', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/postback-linkbutton.aspx')
  await expect(page.locator('#Message')).toHaveText('Nobody clicked yet.')
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Say hello' }).click()])
  await expect(page.locator('#Message')).toContainText('ran its Click handler (postback 1)')
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Say hello' }).click()])
  await expect(page.locator('#Clicks')).toHaveText('2')
  assertNoErrors()
})

test('counter: the count survives postbacks and TextChanged fires', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/counter.aspx')
  await page.getByRole('button', { name: '+1' }).click()
  await expect(page.locator('#Count')).toHaveText('1')
  await page.getByRole('button', { name: '+1' }).click()
  await expect(page.locator('#Count')).toHaveText('2')
  await page.getByLabel('Step').fill('10')
  await page.getByRole('button', { name: '-1' }).click()
  await expect(page.locator('#Count')).toHaveText('-8')
  await expect(page.locator('#StepNote')).toHaveText('Step changed to 10.')
  await expect(page.getByLabel('Step')).toHaveValue('10')
  assertNoErrors()
})

test('register: validators, summary and success', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/register.aspx')
  await page.getByLabel('User name').fill('admin')
  await page.getByLabel('Email').fill('nope')
  await page.getByLabel('Age').fill('12')
  await page.getByRole('button', { name: 'Register' }).click()
  const summary = page.locator('#Summary')
  await expect(summary).toBeVisible()
  await expect(summary).toContainText('That user name is taken.')
  await expect(summary).toContainText('The email address is not valid.')
  await expect(summary).toContainText('A password is required.')
  await expect(summary).toContainText('Age must be a whole number from 18 to 120.')
  await expect(page.locator('#PasswordRequired')).toBeVisible()
  await expect(page.locator('#Result')).toHaveText('')

  await page.getByLabel('User name').fill('grace')
  await page.getByLabel('Email').fill('grace@example.com')
  await page.getByLabel('Password', { exact: true }).fill('s3cret')
  await page.getByLabel('Confirm password').fill('s3cret')
  await page.getByLabel('Age').fill('41')
  await page.getByLabel('Plan').selectOption('team')
  await page.getByLabel('I accept the terms').check()
  await page.getByRole('button', { name: 'Register' }).click()
  await expect(page.locator('#Result')).toHaveText('Welcome, grace! Your Team account for grace@example.com is ready.')
  await expect(page.locator('#Summary')).toBeHidden()
  await expect(page.getByLabel('Plan')).toHaveValue('team')
  assertNoErrors()
})
