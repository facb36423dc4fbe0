import { expect, type Locator, type Page } from '@playwright/test'
import { comparePostbacks, type Act, type CompareResult, type RunResult } from 'deltaform/testing'

export type { Act }

/** The state a scenario ends in: what a user sees and what the form would post. */
export interface FinalState {
  url: string
  title: string
  /** The normalized form (attributes sorted, whitespace folded, no scripts or hidden fields). */
  form: string
  fields: Array<[string, string]>
  focused: string | null
}

/**
 * Runs `steps` on `path` with partial rendering on and off, through the kit's
 * `comparePostbacks`, and expects both runs to end in the same state. Also expects the partial
 * run to have posted only asynchronously (the page never reloaded) and the full run never.
 *
 * @example
 * await expectSameEnd(page, '/clock.aspx', async (act) => {
 *   await act(() => page.getByRole('button', { name: 'Refresh' }).click())
 * })
 */
export async function expectSameEnd(
  page: Page,
  path: string,
  steps: (act: Act, page: Page) => Promise<void>,
  options: { volatile?: RegExp[]; ignore?: string[]; compareFocus?: boolean } = {},
): Promise<{ partial: FinalState; full: FinalState }> {
  const result = await comparePostbacks(page, path, (p, act) => steps(act, p), {
    volatile: options.volatile,
    ignore: options.ignore,
    focus: options.compareFocus ? 'always' : 'auto',
  })
  expectOnlyAsyncWhenPartial(result)
  return { partial: finalState(result.partial), full: finalState(result.full) }
}

/**
 * Expects the partial run of a comparison to have stayed on its page (async postbacks only,
 * no page load after the first) and the full run to have made no async postback.
 *
 * @example
 * expectOnlyAsyncWhenPartial(await comparePostbacks('/clock.aspx', steps))
 */
export function expectOnlyAsyncWhenPartial({ partial, full }: CompareResult): void {
  expect(partial.stats.navigations, 'page loads in the partial run after the first').toBe(0)
  expect(partial.stats.fullPostbacks, 'full postbacks in the partial run').toBe(0)
  expect(full.stats.asyncPostbacks, 'async postbacks in the full run').toBe(0)
}

function finalState(run: RunResult): FinalState {
  const { url, title, fields, focused } = run.state
  return { url, title, form: run.html, fields, focused }
}

/** A button by its accessible name. */
export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true })
}
