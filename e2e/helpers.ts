import { expect, type Page } from '@playwright/test'

/**
 * Starts collecting uncaught page errors (`pageerror`) and `console.error` messages on `page`,
 * and returns a function that asserts none happened so far.
 * Call it before the first `page.goto` so errors during load are caught.
 *
 * @example
 * const assertNoErrors = expectNoConsoleErrors(page)
 * await page.goto('/Counter.aspx')
 * await page.getByRole('button', { name: 'Add' }).click()
 * assertNoErrors()
 */
export function expectNoConsoleErrors(page: Page): () => void {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const { url, lineNumber } = message.location()
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber + 1})` : ''}`)
  })
  return () => expect(errors, 'errors in the browser console').toEqual([])
}

/**
 * Marks the window and records POST bodies, to prove that what follows neither navigates nor
 * posts back: only callbacks (`__CALLBACKID=<target>`) are sent and `__VIEWSTATE` is unchanged.
 *
 * @example
 * const w = await watchCallbacks(page)
 * await page.getByRole('button', { name: 'Call the server' }).click()
 * await w.assertNoPostback()
 */
export async function watchCallbacks(page: Page, target = '') {
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.postData() ?? '')
  })
  await page.evaluate(() => ((window as any).__marker = 'kept'))
  const viewState = await page.locator('#__VIEWSTATE').getAttribute('value')
  return {
    posts,
    async assertNoPostback() {
      expect(await page.evaluate(() => (window as any).__marker)).toBe('kept')
      expect(await page.locator('#__VIEWSTATE').getAttribute('value')).toBe(viewState)
      expect(posts.length).toBeGreaterThan(0)
      for (const body of posts) expect(body).toContain(`__CALLBACKID=${target}`)
    },
  }
}
