import { expect, test } from '@playwright/test'
import { expectSameEnd } from './compare.ts'
import { expectNoConsoleErrors } from './helpers.ts'

const firstCell = (grid: string) => `#${grid} tr:nth-child(2) td:first-child`

test('orders: the callback grid pages and sorts without a postback', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/orders.aspx')
  await page.evaluate(() => ((window as any).__marker = 'kept'))
  const viewState = await page.locator('#__VIEWSTATE').getAttribute('value')
  const bodies: string[] = []
  page.on('request', (r) => r.method() === 'POST' && bodies.push(r.postData() ?? ''))
  await expect(page.locator(firstCell('CallbackOrders'))).toHaveText('10000')
  await page.locator('#CallbackOrders').getByRole('link', { name: '2', exact: true }).click()
  await expect(page.locator(firstCell('CallbackOrders'))).toHaveText('10050')
  await page.locator('#CallbackOrders').getByRole('link', { name: 'Customer' }).click()
  await expect(page.locator('#CallbackOrders tr:nth-child(2) td:nth-child(2)')).toHaveText(/^Ames & Co 1\b/)
  await page.locator('#CallbackOrders').getByRole('link', { name: 'Customer' }).click()
  await expect(page.locator('#CallbackOrders tr:nth-child(2) td:nth-child(2)')).toHaveText(/^Huang/)
  expect(await page.evaluate(() => (window as any).__marker)).toBe('kept')
  expect(await page.locator('#__VIEWSTATE').getAttribute('value')).toBe(viewState)
  expect(bodies.length).toBe(3)
  for (const body of bodies) expect(body).toContain('__CALLBACKID=CallbackOrders')
  assertNoErrors()
})

test('orders: paging, sorting and selecting in the UpdatePanel end as with full postbacks', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await expectSameEnd(page, '/orders.aspx', async (act, p) => {
    const grid = p.locator('#PanelOrders')
    await act(() => grid.getByRole('link', { name: '3', exact: true }).click())
    await expect(p.locator(firstCell('PanelOrders'))).toHaveText('10100')
    await act(() => grid.getByRole('link', { name: 'Total' }).click())
    await act(() => grid.getByRole('link', { name: 'Select' }).nth(1).click())
    await expect(p.locator('#OrderDetails')).toContainText('Customer')
    await expect(p.locator('#OrderDetails')).not.toContainText('Select an order above.')
  })
  assertNoErrors()
})
