import { expect, test } from '@playwright/test'
import { expectNoConsoleErrors, watchCallbacks } from './helpers.ts'

test('callback-hello: a plain button runs one server method', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/callback-hello.aspx')
  const w = await watchCallbacks(page)
  await page.getByRole('button', { name: 'Call the server' }).click()
  await expect(page.locator('#Message')).toHaveText('Calling server was successful. The passed argument was Hello, Deltaform.')
  await w.assertNoPostback()
  expect(w.posts[0]).toContain('__CALLBACKID=__Page&__CALLBACKPARAM=Hello%2C%20Deltaform')
  assertNoErrors()
})

test('callback-employees: choosing a department fills the employees through a callback', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/callback-employees.aspx')
  const w = await watchCallbacks(page)
  await page.getByLabel('Department').selectOption('sales')
  await expect(page.locator('#Employees option')).toHaveText(['Ann Ames', 'Bob Brown', 'Cleo Chan'])
  await page.getByLabel('Department').selectOption('support')
  await expect(page.locator('#Employees option')).toHaveText(['Finn Ford'])
  await expect(page.locator('#Loads')).toHaveText('1')
  await w.assertNoPostback()
  assertNoErrors()
})

test('callback-time: the result callback and the error callback', async ({ page }) => {
  await page.goto('/callback-time.aspx')
  const w = await watchCallbacks(page)
  await page.getByRole('button', { name: 'Get Server Time' }).click()
  await expect(page.locator('#Time')).toHaveText(/^\d{1,2}:\d{2}:\d{2}\s?[AP]M$/)
  await page.getByRole('button', { name: 'Cause a server error' }).click()
  await expect(page.locator('#Error')).toHaveText('The time service is down.')
  await w.assertNoPostback()
})

test('a callback started during an async postback is dropped (PROTOCOL §4.8)', async ({ page }) => {
  await page.goto('/progress.aspx')
  await page.getByRole('button', { name: 'Stop the timer' }).click()
  await expect(page.locator('#Ticks')).toBeVisible()
  await page.waitForFunction(() => !(window as any).Sys.WebForms.PageRequestManager.getInstance().get_isInAsyncPostBack())
  const callbacks: string[] = []
  page.on('request', (r) => {
    if ((r.postData() ?? '').includes('__CALLBACKID=')) callbacks.push(r.url())
  })
  await page.getByRole('button', { name: 'Run a slow job' }).click()
  await page.waitForFunction(() => (window as any).Sys.WebForms.PageRequestManager.getInstance().get_isInAsyncPostBack())
  await page.getByRole('button', { name: 'Ask by callback' }).click()
  await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.')
  await page.waitForTimeout(300)
  expect(callbacks).toHaveLength(0)
  await expect(page.locator('#Answer')).toHaveText('No callback answer yet.')
  // Once the async postback is over, callbacks work again (with the updated form).
  await page.getByRole('button', { name: 'Ask by callback' }).click()
  await expect(page.locator('#Answer')).toHaveText('The server answered the callback.')
  expect(callbacks).toHaveLength(1)
})
