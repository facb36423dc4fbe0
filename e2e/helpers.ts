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
