// Playwright is only a type here (see act.ts).
import type { Page } from '@playwright/test'
import { PageTracker, type Act, type ActOptions, type TransferStats } from './act.ts'
import { diffPageStates, formatDifferences, withPartialSwitch, type Difference } from './diff.ts'
import { collectPageState, serializeNormal, type PageState } from './page-state.ts'

/**
 * A scenario: what a user does on the page. Wrap every action that may post back in `act`, so
 * the next one starts after the postback finished.
 *
 * @example
 * const steps: Steps = async (page, act) => {
 *   await page.getByLabel('Name').fill('Ada')
 *   await act(() => page.getByRole('button', { name: 'Save' }).click())
 * }
 */
export type Steps = (page: Page, act: Act) => Promise<void>

/**
 * Options of {@link comparePostbacks} (and of `differential`).
 *
 * @example
 * const options: CompareOptions = { volatile: [/\d{1,2}:\d{2}:\d{2}\s?[AP]M/g], ignore: ['#Ticks'], focus: 'auto' }
 */
export interface CompareOptions extends ActOptions {
  /**
   * Patterns for values that differ between any two runs (times, counters, ids): replaced by
   * `<volatile>` in text nodes, attribute values, field values, the title, the URL and the
   * decoded `__VIEWSTATE` before comparing. A pattern matches within one text node or value.
   */
  volatile?: RegExp[]
  /** CSS selectors of elements not compared (their content, attributes and fields). */
  ignore?: string[]
  /** Field names not compared. */
  ignoreFields?: string[]
  /**
   * When to compare the focused element. `'auto'` (default): when the last postback of either
   * run set the focus (`ScriptManager.setFocus`: a `focus` delta record or `WebForm_AutoFocus`
   * in the page) — a clicked button outside the refreshed panels keeps the focus after an async
   * postback but not after a full one, so focus is only meaningful where the page set it.
   * `'always'` and `'never'` force it.
   */
  focus?: 'auto' | 'always' | 'never'
}

/**
 * One run of a scenario.
 *
 * @example
 * const { state, html, stats } = result.partial
 */
export interface RunResult {
  mode: 'partial' | 'full'
  /** The URL the run started at (with `__deltaform_partial=0` for the full run). */
  url: string
  state: PageState
  /** The normalized form as HTML (attributes sorted, whitespace folded, no scripts or hidden fields). */
  html: string
  stats: TransferStats
  /** Whether the run's last document or delta set the focus; `null` when nothing posted back. */
  focusSet: boolean | null
}

/**
 * What {@link comparePostbacks} returns when both runs ended the same.
 *
 * @example
 * const { partial, full } = await comparePostbacks(page, '/clock.aspx', steps)
 * console.log(partial.stats.bytes, full.stats.bytes)
 */
export interface CompareResult {
  partial: RunResult
  full: RunResult
}

/**
 * Thrown when the partial and full runs ended differently. The message lists each difference
 * with its UpdatePanel, element and expected (full) vs actual (partial) value.
 *
 * @example
 * try { await comparePostbacks(page, '/clock.aspx', steps) }
 * catch (e) { if (e instanceof PostbackMismatchError) console.log(e.differences[0]!.panel) }
 */
export class PostbackMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly differences: Difference[],
    readonly partial: RunResult,
    readonly full: RunResult,
    context = '',
  ) {
    super(
      `Partial rendering and full postbacks ended differently on ${url}${context} ` +
        `(${differences.length} difference${differences.length === 1 ? '' : 's'}; expected = full postbacks, actual = partial rendering):\n` +
        formatDifferences(differences),
    )
    this.name = 'PostbackMismatchError'
  }
}

/**
 * Runs `steps` on `url` twice — with partial rendering (async postbacks), then with
 * `EnablePartialRendering=false` through `?__deltaform_partial=0` (full postbacks; the server
 * honours it in development or with `createApp({ allowPartialRenderingSwitch: true })`) — and
 * compares where both ended: the normalized form (attribute order, whitespace, volatile values),
 * every field's value, `document.title`, the URL and, when it applies, the focused element.
 * Throws a {@link PostbackMismatchError} naming the panel and element of each difference.
 * Returns both runs, with requests and bytes transferred.
 *
 * @example
 * const { partial, full } = await comparePostbacks(page, '/clock.aspx', async (page, act) => {
 *   await act(() => page.getByRole('button', { name: 'Get Server Time' }).click())
 *   await act(() => page.getByRole('button', { name: 'Refresh' }).click())
 * }, { volatile: [/\d{1,2}:\d{2}:\d{2}\s?[AP]M/g] })
 * expect(partial.stats.bytes).toBeLessThan(full.stats.bytes)
 */
export async function comparePostbacks(page: Page, url: string, steps: Steps = async () => {}, options: CompareOptions = {}): Promise<CompareResult> {
  const partial = await runScenario(page, url, 'partial', steps, options)
  const full = await runScenario(page, url, 'full', steps, options)
  const differences = compareRuns(full, partial, options)
  if (differences.length) throw new PostbackMismatchError(url, differences, partial, full)
  return { partial, full }
}

/**
 * The differences between the full run's and the partial run's states, focus included when
 * `options.focus` says so (`'auto'`: when either run's last postback set it).
 *
 * @example
 * const diffs = compareRuns(full, partial, { volatile: [/\d+ ms/g] })
 */
export function compareRuns(
  full: Pick<RunResult, 'state' | 'focusSet'>,
  partial: Pick<RunResult, 'state' | 'focusSet'>,
  options: CompareOptions,
): Difference[] {
  const focus = options.focus === 'always' || (options.focus !== 'never' && (full.focusSet === true || partial.focusSet === true))
  return diffPageStates(full.state, partial.state, { volatile: options.volatile, ignoreFields: options.ignoreFields, focus })
}

/**
 * A page opened in one mode, with an `act` that waits correctly and a snapshot of its state.
 * `comparePostbacks` and `differential` are built on it.
 *
 * @example
 * const session = await openSession(page, '/clock.aspx', 'full', {})
 * await session.act(() => page.click('#Refresh'))
 * const run = await session.finish()
 */
export interface Session {
  mode: 'partial' | 'full'
  url: string
  act: Act
  /** The page's state now (not volatile-scrubbed). */
  snapshot(): Promise<PageState>
  /** Whether the last postback since the previous call set the focus. */
  takeFocusSet(): Promise<boolean | null>
  /** Waits for quiet and returns the run (state, stats). */
  finish(): Promise<RunResult>
}

/**
 * Loads `url` in one mode and returns a {@link Session} on it.
 *
 * @example
 * const session = await openSession(page, '/panels.aspx', 'partial', { timeout: 20_000 })
 */
export async function openSession(page: Page, url: string, mode: 'partial' | 'full', options: CompareOptions): Promise<Session> {
  const tracker = await PageTracker.for(page)
  const target = mode === 'full' ? withPartialSwitch(url) : url
  // Each run starts as a new visitor: no session or other cookie from the run before.
  await page.context().clearCookies()
  await page.goto(target, { timeout: options.timeout ?? 15_000 })
  const begin = await tracker.mark()
  let focusMark = begin
  if (mode === 'full') await assertFullRendering(page, target)
  const ignore = options.ignore ?? []
  const session: Session = {
    mode,
    url: target,
    act: async (action) => {
      const mark = await tracker.mark()
      await action()
      await tracker.settle(mark, options)
    },
    snapshot: () => page.evaluate(collectPageState, { ignore }),
    takeFocusSet: async () => {
      const set = await tracker.lastResponseSetFocus(focusMark)
      focusMark = await tracker.mark()
      return set
    },
    finish: async () => {
      await tracker.settle(await tracker.mark(), { ...options, quiet: 50 })
      const focusSet = await tracker.lastResponseSetFocus(begin)
      const state = await session.snapshot()
      const stats = await tracker.stats(begin)
      if (mode === 'full' && stats.asyncPostbacks > 0) throw switchIgnored(target)
      return { mode, url: target, state, html: serializeNormal(state.root), stats, focusSet }
    },
  }
  return session
}

async function runScenario(page: Page, url: string, mode: 'partial' | 'full', steps: Steps, options: CompareOptions): Promise<RunResult> {
  const session = await openSession(page, url, mode, options)
  await steps(page, session.act)
  return session.finish()
}

async function assertFullRendering(page: Page, url: string): Promise<void> {
  const initialized = await page.evaluate(() => {
    const w = window as any
    const prm = w.Sys && w.Sys.WebForms && w.Sys.WebForms.PageRequestManager && w.Sys.WebForms.PageRequestManager._instance
    return !!(prm && prm._form)
  })
  if (initialized) throw switchIgnored(url)
}

function switchIgnored(url: string): Error {
  return new Error(
    `${url} still uses partial rendering: the server ignored ?__deltaform_partial=0. It honours the switch in development ` +
      `mode, or with createApp({ allowPartialRenderingSwitch: true }).`,
  )
}
