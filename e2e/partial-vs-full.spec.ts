import { expect, test as base } from '@playwright/test'
import { deltaformFixtures, type DeltaformFixtures } from 'deltaform/testing'
import { button, expectOnlyAsyncWhenPartial } from './compare.ts'
import { expectNoConsoleErrors } from './helpers.ts'

const test = base.extend<DeltaformFixtures>(deltaformFixtures)

const time = /\d{1,2}:\d{2}:\d{2}\s?[AP]M/g

test('clock: the panel and its outside trigger end the same with partial and full postbacks', async ({ page, comparePostbacks }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  const result = await comparePostbacks(
    '/clock.aspx',
    async (p, act) => {
      const first = await p.locator('#FirstRendered').textContent()
      await act(() => button(p, 'Get Server Time').click())
      await act(() => button(p, 'Refresh').click())
      await expect(p.locator('#Asked')).toHaveText('2')
      await expect(p.locator('#FirstRendered')).toHaveText(first!)
    },
    { volatile: [time] },
  )
  expectOnlyAsyncWhenPartial(result)
  expect(result.partial.html).toContain('Asked <span id="Asked">2</span>')
  assertNoErrors()
})

test('panels: Conditional, Always, nested, triggers and update() end the same', async ({ page, comparePostbacks }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  const result = await comparePostbacks('/panels.aspx', async (p, act) => {
    await act(() => button(p, 'A+1').click())
    await act(() => button(p, 'B+1').click())
    await act(() => button(p, 'A+1 and B+1').click())
    await act(() => button(p, 'Set B from A').click())
    await act(() => button(p, 'Inner+1').click())
    await act(() => button(p, 'Outer+1').click())
    await expect(p.locator('#CountA')).toHaveText('2')
    await expect(p.locator('#CountB')).toHaveText('2')
    await expect(p.locator('#Postbacks')).toHaveText('6')
    await expect(p.locator('#CountInner')).toHaveText('1')
    await expect(p.locator('#CountOuter')).toHaveText('1')
  }, { volatile: [/postback \d+|none/] })
  expectOnlyAsyncWhenPartial(result)
  assertNoErrors()
})

test('panels: a data item reaches pageLoaded, and a PostBackTrigger does a full postback', async ({ page }) => {
  await page.goto('/panels.aspx')
  await page.evaluate(() => ((window as any).__marker = 'kept'))
  await button(page, 'A+1').click()
  await expect(page.locator('#DataItemOut')).toHaveText('postback 1')
  expect(await page.evaluate(() => (window as any).__marker)).toBe('kept')
  await Promise.all([page.waitForEvent('load'), button(page, 'A+1 (full postback)').click()])
  await expect(page.locator('#CountA')).toHaveText('2')
  expect(await page.evaluate(() => (window as any).__marker)).toBeUndefined()
})

test('panels: only the last of two quick clicks applies', async ({ page }) => {
  await page.goto('/panels.aspx')
  await page.evaluate(() => {
    const w = window as any
    w.__ends = []
    w.Sys.WebForms.PageRequestManager.getInstance().add_endRequest((_: unknown, args: any) => w.__ends.push(args.get_error() ? 'error' : 'ok'))
  })
  await page.evaluate(() => {
    ;(document.getElementById('BumpA') as HTMLInputElement).click()
    ;(document.getElementById('BumpB') as HTMLInputElement).click()
  })
  await page.waitForFunction(() => (window as any).__ends.length >= 2)
  await expect(page.locator('#CountB')).toHaveText('1')
  await expect(page.locator('#CountA')).toHaveText('0') // the first request was aborted before its response applied
})

test('errors: a server error is handled on the client, focus and redirect work', async ({ page }) => {
  await page.goto('/errors.aspx')
  await button(page, 'Throw').click()
  await expect(page.locator('#ErrorOut')).toHaveText(
    'Sys.WebForms.PageRequestManagerServerErrorException (500): Sys.WebForms.PageRequestManagerServerErrorException: Sorry, that failed: The order service did not answer.',
  )
  await button(page, 'Focus the name box').click()
  await expect(page.locator('#Status')).toHaveText('The name box has the focus.')
  await expect(page.locator('#Name')).toBeFocused()
  await Promise.all([page.waitForURL('**/counter.aspx'), button(page, 'Go to the counter').click()])
  await expect(page).toHaveTitle('Counter')
})

test('errors: focus and redirect end the same with partial and full postbacks', async ({ comparePostbacks }) => {
  const result = await comparePostbacks('/errors.aspx', async (p, act) => {
    await p.getByLabel('Name').fill('Ada')
    await act(() => button(p, 'Focus the name box').click())
    await expect(p.locator('#Name')).toBeFocused()
  }, { focus: 'always' })
  expectOnlyAsyncWhenPartial(result)
})

test('progress: UpdateProgress shows during a slow handler; the Timer ticks', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/progress.aspx')
  await expect(page.locator('#SlowProgress')).toBeHidden()
  await button(page, 'Run a slow job').click()
  await expect(page.locator('#SlowProgress')).toBeVisible()
  await expect(page.locator('#SlowProgress')).toHaveAttribute('aria-hidden', 'false')
  await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.')
  await expect(page.locator('#SlowProgress')).toBeHidden()
  await expect.poll(async () => Number(await page.locator('#Ticks').textContent()), { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
  await button(page, 'Stop the timer').click()
  await page.waitForTimeout(300)
  const stopped = await page.locator('#Ticks').textContent()
  await page.waitForTimeout(1500)
  await expect(page.locator('#Ticks')).toHaveText(stopped!)
  assertNoErrors()
})

test('progress: the slow job ends the same with partial and full postbacks', async ({ comparePostbacks }) => {
  const result = await comparePostbacks('/progress.aspx', async (p, act) => {
    await act(() => button(p, 'Stop the timer').click())
    await act(() => button(p, 'Run a slow job').click())
    await expect(p.locator('#SlowResult')).toHaveText('The slow job finished.')
  },
  // Ticks before the Timer stopped depend on timing: the label, and its text in the (decoded) view state.
  { ignore: ['#Ticks'], volatile: [/\{"Text":"\d+"\}/] })
  expectOnlyAsyncWhenPartial(result)
})

test('without JavaScript, a page with UpdatePanels works through full postbacks', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/clock.aspx')
  await button(page, 'Get Server Time').click()
  await expect(page.locator('#Asked')).toHaveText('1')
  await button(page, 'Refresh').click()
  await expect(page.locator('#Asked')).toHaveText('2')
  await context.close()
})
