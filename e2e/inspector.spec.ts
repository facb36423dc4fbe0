import { expect, test } from '@playwright/test'
import { expectNoConsoleErrors } from './helpers.ts'

// The development inspector at /__deltaform shows an async postback of clock.aspx decoded:
// its kind, the updatePanel record of UpdatePanel1, the hidden fields and the phase timings.

test('inspector: an async postback on clock.aspx shows up decoded at /__deltaform', async ({ page }) => {
  const assertNoErrors = expectNoConsoleErrors(page)
  await page.goto('/clock.aspx')
  const asked = page.locator('#Asked')
  const before = Number(await asked.textContent())
  const delta = page.waitForResponse((r) => r.url().endsWith('/clock.aspx') && r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Get Server Time' }).click()
  expect((await delta).headers()['content-type']).toContain('text/plain')
  await expect(asked).toHaveText(String(before + 1))

  await page.goto('/__deltaform')
  await expect(page).toHaveTitle('Deltaform inspector')
  // Newest first: the first async postback of /clock.aspx is ours (the suite shares one server).
  const entry = page.locator('details', { has: page.locator('summary', { hasText: 'async postback' }) }).filter({ hasText: '/clock.aspx' }).first()
  await entry.locator('summary').click()
  await expect(entry.locator('summary .kind')).toHaveText('async postback')
  await expect(entry.locator('summary')).toContainText('panels: UpdatePanel1')

  const records = entry.locator('table.delta tbody tr')
  const panelRecord = records.filter({ has: page.locator('td:nth-child(1)', { hasText: /^updatePanel$/ }) })
  await expect(panelRecord).toHaveCount(1)
  await expect(panelRecord.locator('td').nth(1)).toHaveText('UpdatePanel1')
  // The panel's HTML is shown as text, not rendered: the label's markup appears literally.
  await expect(panelRecord.locator('td').nth(3)).toContainText('<span id="Asked">')
  const hiddenIds = await records.filter({ has: page.locator('td:nth-child(1)', { hasText: /^hiddenField$/ }) }).locator('td:nth-child(2)').allTextContents()
  expect(hiddenIds).toEqual(expect.arrayContaining(['__EVENTTARGET', '__EVENTARGUMENT', '__VIEWSTATE', '__VIEWSTATEGENERATOR', '__EVENTVALIDATION']))

  const phases = await entry.locator('table.phases tbody td:nth-child(1)').allTextContents()
  expect(phases).toEqual(['form', 'build', 'state', 'lifecycle', 'save', 'render'])
  for (const ms of await entry.locator('table.phases tbody td:nth-child(2)').allTextContents()) expect(Number(ms)).toBeGreaterThanOrEqual(0)

  // The JSON form carries the same request.
  const json = await (await page.request.get('/__deltaform?format=json')).json()
  const same = json.requests.find((r: { kind: string; path: string }) => r.kind === 'async postback' && r.path === '/clock.aspx')
  expect(same.panelsRefreshed).toEqual(['UpdatePanel1'])
  assertNoErrors()
})
