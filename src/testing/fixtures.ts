// Playwright is only a type here (see act.ts): users pass these fixtures to their own
// `test.extend`, so importing `deltaform/testing` never loads @playwright/test itself.
import type { Page, TestInfo } from '@playwright/test'
import { act, type Act } from './act.ts'
import { comparePostbacks, type CompareOptions, type CompareResult, type Steps } from './compare-postbacks.ts'
import { differential, type DifferentialOptions, type DifferentialReport } from './differential.ts'

/**
 * The kit as Playwright fixtures, bound to the test's `page`.
 *
 * @example
 * import { test as base } from '@playwright/test'
 * import { deltaformFixtures, type DeltaformFixtures } from 'deltaform/testing'
 * const test = base.extend<DeltaformFixtures>(deltaformFixtures)
 * test('clock', async ({ comparePostbacks }) => {
 *   await comparePostbacks('/clock.aspx', async (page, act) => act(() => page.click('#Refresh')))
 * })
 */
export interface DeltaformFixtures {
  /** {@link comparePostbacks} on the test's page; the transfer of both runs is added to the test's annotations. */
  comparePostbacks: (url: string, steps?: Steps, options?: CompareOptions) => Promise<CompareResult>
  /** {@link differential} on the test's page. */
  differential: (url: string, options?: DifferentialOptions) => Promise<DifferentialReport>
  /** {@link act} on the test's page. */
  act: Act
}

type Use<T> = (value: T) => Promise<void>

/**
 * Fixture definitions for `test.extend<DeltaformFixtures>(deltaformFixtures)`.
 *
 * @example
 * export const test = base.extend<DeltaformFixtures>(deltaformFixtures)
 */
export const deltaformFixtures = {
  comparePostbacks: async ({ page }: { page: Page }, use: Use<DeltaformFixtures['comparePostbacks']>, testInfo: TestInfo) => {
    await use(async (url, steps, options) => {
      const result = await comparePostbacks(page, url, steps, options)
      testInfo.annotations.push({ type: 'deltaform transfer', description: describeTransfer(url, result) })
      return result
    })
  },
  differential: async ({ page }: { page: Page }, use: Use<DeltaformFixtures['differential']>, testInfo: TestInfo) => {
    await use(async (url, options) => {
      const report = await differential(page, url, options)
      testInfo.annotations.push({
        type: 'deltaform differential',
        description: `${url}: ${report.controls.length} controls, ${report.singleClicks.length} single actions, walk of ${report.walk.length} (seed ${report.seed})`,
      })
      return report
    })
  },
  act: async ({ page }: { page: Page }, use: Use<Act>) => {
    await use((action) => act(page, action))
  },
}

/**
 * One line on the transfer of both runs: requests and bytes.
 *
 * @example
 * describeTransfer('/clock.aspx', result) // '/clock.aspx: partial 2 requests, 3.1 kB; full 4 requests, 9.8 kB'
 */
export function describeTransfer(url: string, result: CompareResult): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
  const { partial, full } = result
  return `${url}: partial ${partial.stats.requests} requests, ${kb(partial.stats.bytes)}; full ${full.stats.requests} requests, ${kb(full.stats.bytes)}`
}
