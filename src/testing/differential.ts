// Playwright is only a type here (see act.ts).
import type { Page } from '@playwright/test'
import type { Act } from './act.ts'
import { compareRuns, openSession, type CompareOptions, type Session, type Steps } from './compare-postbacks.ts'
import { formatDifferences, stripPartialSwitch, type Difference } from './diff.ts'
import type { PageState } from './page-state.ts'
import { randomIndex, seededRandom } from './random.ts'

/**
 * Options of {@link differential}.
 *
 * @example
 * const options: DifferentialOptions = { steps: 4, seed: 7, setup: async (page, act) => act(() => page.click('#StopTicking')) }
 */
export interface DifferentialOptions extends CompareOptions {
  /** Length of the random walk (default 5; 0 skips it). */
  steps?: number
  /** Seed of the random walk (default: `DELTAFORM_SEED` from the environment, else a random one, reported on failure). */
  seed?: number
  /** Runs after every fresh page load, in both modes, before the controls are used (e.g. stop a Timer). */
  setup?: Steps
  /** CSS selectors of controls never used (say why in a comment: an error page by design, a download…). */
  exclude?: string[]
  /**
   * Similar controls — the same postback target and command, such as a GridView's fifty Select
   * links — get this many single-click checks (the first, the last, and random ones; default 3).
   * The random walk still picks from all of them.
   */
  maxPerGroup?: number
  /** Check one action on each control from a fresh page (default true). */
  singleClicks?: boolean
}

/**
 * A postback-capable control found on the page.
 *
 * @example
 * const c: PostBackControl = { key: '#BumpA', selector: '#BumpA', label: 'input#BumpA "A+1"', action: 'click', group: '#BumpA', options: [], inputType: 'submit' }
 */
export interface PostBackControl {
  /** A unique CSS selector for it (its id, name or postback href). */
  key: string
  selector: string
  label: string
  /** `click` for buttons, links, image buttons and AutoPostBack checkboxes; `select` / `fill` for AutoPostBack lists and text boxes. */
  action: 'click' | 'select' | 'fill'
  /** Controls of one group share a postback target and command (`PanelOrders:Select`). */
  group: string
  /** The option values of a `<select>`. */
  options: string[]
  inputType: string
}

/**
 * One step of a walk: the control used and the value chosen for it.
 *
 * @example
 * const step: WalkStep = { control, value: 'engineering' }
 */
export interface WalkStep {
  control: PostBackControl
  value?: string
}

/**
 * What {@link differential} checked.
 *
 * @example
 * const report = await differential(page, '/panels.aspx')
 * report.controls.length // 7
 */
export interface DifferentialReport {
  url: string
  seed: number
  /** Every postback-capable control found on the freshly loaded page. */
  controls: PostBackControl[]
  /** The controls clicked once from a fresh page in both modes. */
  singleClicks: PostBackControl[]
  /** Controls that leave the page (redirect or navigate): compared by URL only and left out of the walk. */
  leavingPage: PostBackControl[]
  /** The random walk. */
  walk: WalkStep[]
}

/**
 * Thrown by {@link differential}: each failed check with its differences, the seed and the steps
 * to replay it.
 *
 * @example
 * catch (e) { if (e instanceof DifferentialMismatchError) console.log(e.seed, e.failures[0]!.steps) }
 */
export class DifferentialMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly seed: number,
    readonly failures: Array<{ title: string; steps: WalkStep[]; differences: Difference[] }>,
  ) {
    super(
      `differential(${url}, { seed: ${seed} }) found ${failures.length} case${failures.length === 1 ? '' : 's'} where partial rendering and full postbacks end differently:\n\n` +
        failures
          .map((f) => `${f.title}\n  steps: ${describeSteps(f.steps)}\n${indent(formatDifferences(f.differences))}`)
          .join('\n\n') +
        `\n\nReplay with: differential(page, '${url}', { seed: ${seed} })`,
    )
    this.name = 'DifferentialMismatchError'
  }
}

/**
 * Property-style check of a page: finds every postback-capable control (submit and image
 * buttons, `__doPostBack` links, AutoPostBack inputs), checks that one action on each — from a
 * fresh page, in both modes — ends the same with partial rendering as with full postbacks, then
 * takes a seeded random walk of `steps` actions over the controls present at each step,
 * comparing after every step. Controls that leave the page are compared by URL. Client
 * callbacks are not postbacks and are not used. Throws a {@link DifferentialMismatchError}
 * with the seed and the step list; returns what it checked.
 *
 * @example
 * const report = await differential(page, '/progress.aspx', {
 *   steps: 4,
 *   seed: 1,
 *   // The Timer posts back every 700 ms: stop it so both runs see the same page.
 *   setup: async (page, act) => act(() => page.getByRole('button', { name: 'Stop the timer' }).click()),
 * })
 */
export async function differential(page: Page, url: string, options: DifferentialOptions = {}): Promise<DifferentialReport> {
  const seed = options.seed ?? (Number(process.env.DELTAFORM_SEED) || Math.floor(Math.random() * 2 ** 31))
  const setup = options.setup ?? (async () => {})
  const failures: DifferentialMismatchError['failures'] = []

  // The page as loaded (after setup), in both modes: this is all there is to check on a page
  // without postback-capable controls.
  const first = await openSession(page, url, 'partial', options)
  await setup(page, first.act)
  const controls = await findControls(page, options.exclude ?? [])
  const initialPartial = await first.finish()
  const startPath = pathOf(initialPartial.state.url)

  const sample = seededRandom(seed ^ 0x5bd1e995)
  const singleClicks = options.singleClicks === false ? [] : pickPerGroup(controls, options.maxPerGroup ?? 3, sample)
  const leaving = new Set<string>()
  for (const control of singleClicks) {
    const step = withValue(control, sample)
    if (!step) continue
    const partial = await runSteps(page, url, 'partial', setup, [step], options)
    const full = await runSteps(page, url, 'full', setup, [step], options)
    const difference = partial.missing ?? full.missing
    if (difference) {
      failures.push({ title: `One action on ${control.label}:`, steps: [step], differences: [difference] })
      continue
    }
    const p = partial.after[0]!
    const f = full.after[0]!
    if (pathOf(p.state.url) !== startPath || pathOf(f.state.url) !== startPath) {
      leaving.add(control.key)
      const diffs = urlDifference(f.state, p.state)
      if (diffs.length) failures.push({ title: `One action on ${control.label} (it leaves the page):`, steps: [step], differences: diffs })
      continue
    }
    const diffs = compareRuns(f, p, options)
    if (diffs.length) failures.push({ title: `One action on ${control.label}:`, steps: [step], differences: diffs })
  }

  // The walk: choose in the partial run, replay in the full run, compare after every step.
  const walk: WalkStep[] = []
  const after: StepState[] = []
  const length = options.steps ?? 5
  if (length > 0 && controls.length) {
    const next = seededRandom(seed)
    const partial = await openSession(page, url, 'partial', options)
    await setup(page, partial.act)
    for (let i = 0; i < length; i++) {
      const available = (await findControls(page, options.exclude ?? [])).filter((c) => !leaving.has(c.key))
      if (!available.length) break
      let step: WalkStep | null = null
      for (let tries = 0; tries < 5 && !step; tries++) step = withValue(available[randomIndex(next, available.length)]!, next)
      if (!step) break
      walk.push(step)
      after.push(await perform(page, partial, step))
      if (pathOf(after[after.length - 1]!.state.url) !== startPath) break
    }
    await partial.finish()
  }
  // One full run: the page as loaded first (all there is to check on a page without
  // postback-capable controls), then the walk's steps.
  const full = await runSteps(page, url, 'full', setup, walk, options, (i, f) => {
    const p = after[i]!
    const left = pathOf(p.state.url) !== startPath || pathOf(f.state.url) !== startPath
    const diffs = left ? urlDifference(f.state, p.state) : compareRuns(f, p, options)
    if (!diffs.length) return true
    failures.push({ title: `Random walk (seed ${seed}) diverged after step ${i + 1} of ${walk.length}:`, steps: walk.slice(0, i + 1), differences: diffs })
    return false
  }, true)
  const initialDiffs = compareRuns(full.before!, initialPartial, options)
  if (initialDiffs.length) failures.unshift({ title: 'The page as loaded (after setup):', steps: [], differences: initialDiffs })
  if (full.missing) failures.push({ title: `Random walk (seed ${seed}): a control was missing in the full run:`, steps: walk, differences: [full.missing] })

  if (failures.length) throw new DifferentialMismatchError(url, seed, failures)
  return { url, seed, controls, singleClicks, leavingPage: controls.filter((c) => leaving.has(c.key)), walk }
}

interface StepState {
  state: PageState
  focusSet: boolean | null
}

/** Opens `url` in one mode, runs setup and the steps (`check` may stop after one); `before` is the state before the first step. */
async function runSteps(
  page: Page,
  url: string,
  mode: 'partial' | 'full',
  setup: Steps,
  steps: WalkStep[],
  options: DifferentialOptions,
  check?: (index: number, state: StepState) => boolean,
  snapshotBefore = false,
): Promise<{ before?: StepState; after: StepState[]; missing?: Difference }> {
  const session = await openSession(page, url, mode, options)
  await setup(page, session.act)
  const focusSet = await session.takeFocusSet()
  const before = snapshotBefore ? { state: await session.snapshot(), focusSet } : undefined
  const after: StepState[] = []
  let missing: Difference | undefined
  for (const [i, step] of steps.entries()) {
    if ((await page.locator(step.control.selector).count()) === 0) {
      missing = { kind: 'missing', panel: null, where: step.control.label, expected: `present (${mode} run, step ${i + 1})`, actual: 'not found' }
      break
    }
    after.push(await perform(page, session, step))
    if (check && !check(i, after[i]!)) break
  }
  await session.finish()
  return { before, after, missing }
}

async function perform(page: Page, session: Session, step: WalkStep): Promise<StepState> {
  const locator = page.locator(step.control.selector)
  const act: Act = session.act
  if (step.control.action === 'select') await act(() => locator.selectOption(step.value ?? ''))
  else if (step.control.action === 'fill') {
    await act(async () => {
      await locator.fill(step.value ?? '')
      await locator.dispatchEvent('change')
    })
  } else await act(() => locator.click())
  return { state: await session.snapshot(), focusSet: await session.takeFocusSet() }
}

/** The step for a control, with a value chosen for lists and text boxes; `null` when it has none to choose. */
function withValue(control: PostBackControl, next: () => number): WalkStep | null {
  if (control.action === 'click') return { control }
  if (control.action === 'select') {
    if (!control.options.length) return null
    return { control, value: control.options[randomIndex(next, control.options.length)] }
  }
  const n = randomIndex(next, 100)
  const value =
    control.inputType === 'number' || control.inputType === 'range'
      ? String(n)
      : control.inputType === 'email'
        ? `user${n}@example.com`
        : control.inputType === 'date'
          ? `2026-01-${String((n % 28) + 1).padStart(2, '0')}`
          : `value ${n}`
  return { control, value }
}

function pickPerGroup(controls: PostBackControl[], max: number, next: () => number): PostBackControl[] {
  const groups = new Map<string, PostBackControl[]>()
  for (const c of controls) groups.set(c.group, [...(groups.get(c.group) ?? []), c])
  const out: PostBackControl[] = []
  for (const members of groups.values()) {
    if (members.length <= max) {
      out.push(...members)
      continue
    }
    const chosen = new Set([0, members.length - 1].slice(0, max))
    while (chosen.size < max) chosen.add(randomIndex(next, members.length))
    out.push(...[...chosen].sort((a, b) => a - b).map((i) => members[i]!))
  }
  return out
}

/**
 * The postback-capable controls on the page now: visible, enabled, not excluded, each with a
 * unique selector.
 *
 * @example
 * const controls = await findControls(page, ['#Throw'])
 */
export async function findControls(page: Page, exclude: string[]): Promise<PostBackControl[]> {
  return page.evaluate((exclude) => {
    const form = document.querySelector('form')
    if (!form) return []
    const candidates =
      'input[type=submit], button[type=submit], button:not([type]), input[type=image], a[href^="javascript:__doPostBack"], [onchange*="__doPostBack"], [onclick*="__doPostBack"]'
    const excluded = new Set<Element>()
    for (const s of exclude) for (const el of Array.from(document.querySelectorAll(s))) excluded.add(el)
    const out: Array<{ key: string; selector: string; label: string; action: 'click' | 'select' | 'fill'; group: string; options: string[]; inputType: string }> = []
    const seen = new Set<Element>()
    for (const el of Array.from(form.querySelectorAll(candidates)) as HTMLInputElement[]) {
      if (seen.has(el) || excluded.has(el) || el.disabled) continue
      seen.add(el)
      if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue
      const tag = el.tagName.toLowerCase()
      const type = (el.getAttribute('type') ?? '').toLowerCase()
      const name = el.getAttribute('name')
      const href = el.getAttribute('href') ?? ''
      let selector = ''
      if (el.id) selector = `#${CSS.escape(el.id)}`
      else if (name && type !== 'radio') selector = `${tag}[name="${CSS.escape(name)}"]`
      else if (name) selector = `${tag}[name="${CSS.escape(name)}"][value="${CSS.escape(el.value)}"]`
      else if (tag === 'a' && href) selector = `a[href="${CSS.escape(href)}"]`
      if (!selector || document.querySelectorAll(selector).length !== 1) continue
      const script = href + ' ' + (el.getAttribute('onclick') ?? '') + ' ' + (el.getAttribute('onchange') ?? '')
      const call = /__doPostBack\(\\?['"]([^'"\\]*)\\?['"]\s*,\s*\\?['"]([^'"\\]*)/.exec(script)
      const group = call && !el.id ? `${call[1]}:${call[2]!.split('$')[0]}` : selector
      const autoPostBack = /__doPostBack/.test(el.getAttribute('onchange') ?? '')
      const action: 'click' | 'select' | 'fill' =
        tag === 'select' && autoPostBack ? 'select' : (tag === 'textarea' || (tag === 'input' && !/^(checkbox|radio|submit|image|button|reset)$/.test(type))) && autoPostBack ? 'fill' : 'click'
      const text = tag === 'select' ? '' : (el.textContent ?? '').trim() || el.value || el.getAttribute('alt') || ''
      const options =
        tag === 'select' ? Array.from((el as unknown as HTMLSelectElement).options).filter((o) => !o.selected && !o.disabled).map((o) => o.value) : []
      out.push({
        key: selector,
        selector,
        label: `${tag}${el.id ? '#' + el.id : name ? `[name=${name}]` : ''}${text ? ` "${text.slice(0, 40)}"` : ''}${call && !el.id ? ` (__doPostBack('${call[1]}','${call[2]}'))` : ''}`,
        action,
        group,
        options,
        inputType: type || tag,
      })
    }
    return out
  }, exclude)
}

function urlDifference(full: PageState, partial: PageState): Difference[] {
  const e = stripPartialSwitch(full.url)
  const a = stripPartialSwitch(partial.url)
  return e === a ? [] : [{ kind: 'url', panel: null, where: 'the URL', expected: e, actual: a }]
}

function pathOf(url: string): string {
  return stripPartialSwitch(url).split(/[?#]/)[0]!
}

function describeStep(s: WalkStep): string {
  return s.control.action === 'click' ? `click ${s.control.label}` : `${s.control.action} ${s.control.label} = ${JSON.stringify(s.value)}`
}

function describeSteps(steps: WalkStep[]): string {
  return steps.map((s, i) => `${i + 1}. ${describeStep(s)}`).join('; ')
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ')
}
