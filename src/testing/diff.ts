import { peekEventValidation, peekViewState } from './peek-view-state.ts'
import { serializeNormal, type NormalElement, type NormalNode, type PageState } from './page-state.ts'

/**
 * One way two final states differ. `expected` is the full-postback run (the reference: what
 * the page does without partial rendering), `actual` the partial-rendering run.
 *
 * @example
 * const d: Difference = { kind: 'text', panel: 'UpdatePanel1', where: '<span id="Asked">', path: 'form#form1 > div#UpdatePanel1 > p[2] > span#Asked', expected: '2', actual: '1' }
 */
export interface Difference {
  /** `missing` / `extra`: an element only in the full / only in the partial run; a text node that is `(none)` on one side is a `text` difference. */
  kind: 'url' | 'title' | 'focus' | 'field' | 'text' | 'attribute' | 'missing' | 'extra'
  /** The ClientID of the UpdatePanel the difference is in, or `null` outside panels. */
  panel: string | null
  /** The element (`<span id="Asked">`) or field (`field Name`). */
  where: string
  /** For `attribute` differences: the attribute's name. */
  attribute?: string
  /** Where the element sits in the form, e.g. `form#form1 > div#UpdatePanel1 > p[2] > span#Asked`. */
  path?: string
  expected: string
  actual: string
}

/**
 * How {@link diffPageStates} compares.
 *
 * @example
 * const options: DiffOptions = { volatile: [/\d{1,2}:\d{2}:\d{2}\s?[AP]M/g], focus: true }
 */
export interface DiffOptions {
  /** Patterns replaced by `<volatile>` in text, attribute values, field values, title, URL and decoded view state. */
  volatile?: RegExp[]
  /** Compare the focused element too. */
  focus?: boolean
  /** Field names not compared at all (for example `__EVENTVALIDATION` when a page renders varying targets). */
  ignoreFields?: string[]
}

/**
 * The query parameter that turns partial rendering off (`=0`); removed before comparing.
 *
 * @example
 * new URL(page.url()).searchParams.get(partialSwitchParam) // '0' in the full run
 */
export const partialSwitchParam = '__deltaform_partial'

const switchPattern = new RegExp(`([?&])${partialSwitchParam}=0(&?)`, 'g')

/**
 * Removes `__deltaform_partial=0` from a URL (or any attribute value holding one).
 *
 * @example
 * stripPartialSwitch('./clock.aspx?__deltaform_partial=0') // './clock.aspx'
 * stripPartialSwitch('/a.aspx?x=1&__deltaform_partial=0&y=2') // '/a.aspx?x=1&y=2'
 */
export function stripPartialSwitch(url: string): string {
  return url.replace(switchPattern, (_m, sep: string, amp: string) => (amp ? sep : ''))
}

/**
 * Adds `__deltaform_partial=0` to a URL (before any `#fragment`).
 *
 * @example
 * withPartialSwitch('/clock.aspx?a=1#top') // '/clock.aspx?a=1&__deltaform_partial=0#top'
 */
export function withPartialSwitch(url: string): string {
  const hash = url.indexOf('#')
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)]
  return `${base}${base.includes('?') ? '&' : '?'}${partialSwitchParam}=0${fragment}`
}

/**
 * A copy of `state` with the partial switch stripped and volatile values replaced by
 * `<volatile>`; `__VIEWSTATE` is replaced by its decoded JSON so it can be compared and shown.
 *
 * @example
 * const clean = cleanPageState(state, [/\d+ ms/g])
 */
export function cleanPageState(state: PageState, volatile: RegExp[] = []): PageState {
  const patterns = volatile.map((re) => new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))
  const scrub = (text: string) => patterns.reduce((acc, re) => acc.replace(re, '<volatile>'), stripPartialSwitch(text))
  const node = (n: NormalNode): NormalNode =>
    typeof n === 'string' ? scrub(n) : { ...n, attrs: n.attrs.map(([k, v]) => [k, scrub(v)]), children: n.children.map(node) }
  return {
    ...state,
    url: scrub(state.url),
    title: scrub(state.title),
    root: node(state.root) as NormalElement,
    fields: state.fields.map(([name, value]) => [
      name,
      scrub(name === '__VIEWSTATE' ? (peekViewState(value) ?? value) : name === '__EVENTVALIDATION' ? peekEventValidation(value) : value),
    ]),
  }
}

/**
 * Compares two final states (after {@link cleanPageState}) and lists every difference, with
 * the panel and element it is in.
 *
 * @example
 * const diffs = diffPageStates(full, partial, { volatile: [/\d{1,2}:\d{2}:\d{2}/g] })
 * if (diffs.length) throw new Error(formatDifferences(diffs))
 */
export function diffPageStates(expected: PageState, actual: PageState, options: DiffOptions = {}): Difference[] {
  const e = cleanPageState(expected, options.volatile)
  const a = cleanPageState(actual, options.volatile)
  const out: Difference[] = []
  if (e.url !== a.url) out.push({ kind: 'url', panel: null, where: 'the URL', expected: e.url, actual: a.url })
  if (e.title !== a.title) out.push({ kind: 'title', panel: null, where: 'document.title', expected: e.title, actual: a.title })
  const panels = new Set([...expected.panels, ...actual.panels])
  diffElements(e.root, a.root, { path: [segment(e.root, new Map())], panel: null, panels, out })
  diffFields(e, a, new Set(options.ignoreFields ?? []), out)
  if (options.focus && e.focused !== a.focused) {
    out.push({ kind: 'focus', panel: null, where: 'the focused element', expected: e.focused ?? '(nothing)', actual: a.focused ?? '(nothing)' })
  }
  return out
}

/**
 * A readable list of differences: which panel, which element, expected vs actual.
 *
 * @example
 * formatDifferences(diffs)
 * // 1. UpdatePanel "UpdatePanel1" › <span id="Asked"> (form#form1 > div#UpdatePanel1 > p[2] > span#Asked): text
 * //      expected (full):    "2"
 * //      actual (partial):   "1"
 */
export function formatDifferences(diffs: Difference[], max = 20): string {
  const lines: string[] = []
  diffs.slice(0, max).forEach((d, i) => {
    const where = (d.panel ? `UpdatePanel "${d.panel}" › ` : '') + d.where + (d.path ? ` (${d.path})` : '')
    const [exp, act] = excerptPair(d.expected, d.actual)
    lines.push(`${i + 1}. ${where}: ${d.kind === 'attribute' ? `attribute ${d.attribute}` : describeKind(d.kind)}`)
    lines.push(`     expected (full):    ${exp}`)
    lines.push(`     actual (partial):   ${act}`)
  })
  if (diffs.length > max) lines.push(`… and ${diffs.length - max} more.`)
  return lines.join('\n')
}

function describeKind(kind: Difference['kind']): string {
  switch (kind) {
    case 'missing':
      return 'missing in the partial run'
    case 'extra':
      return 'only in the partial run'
    case 'field':
      return 'value'
    default:
      return kind
  }
}

interface Walk {
  path: string[]
  panel: string | null
  panels: Set<string>
  out: Difference[]
}

const maxDifferences = 100

function diffElements(e: NormalElement, a: NormalElement, w: Walk): void {
  if (w.out.length >= maxDifferences) return
  const where = describe(e)
  const path = w.path.join(' > ')
  const id = attr(e, 'id')
  const panel = id && w.panels.has(id) ? id : w.panel
  if (e.ignored || a.ignored) return
  const names = [...new Set([...e.attrs.map(([n]) => n), ...a.attrs.map(([n]) => n)])].sort()
  for (const name of names) {
    const ev = attr(e, name)
    const av = attr(a, name)
    if (ev !== av) {
      w.out.push({ kind: 'attribute', panel, where, attribute: name, path, expected: ev ?? '(none)', actual: av ?? '(none)' })
    }
  }
  const pairs = align(e.children, a.children)
  const seen = new Map<string, number>()
  for (const [x, y] of pairs) {
    if (w.out.length >= maxDifferences) return
    const node = x ?? y!
    if (typeof node !== 'string') {
      const seg = segment(node, seen)
      if (x !== undefined && y !== undefined) diffElements(x as NormalElement, y as NormalElement, { ...w, path: [...w.path, seg], panel })
      else {
        const subPath = [...w.path, seg].join(' > ')
        const childPanel = attr(node, 'id') && w.panels.has(attr(node, 'id')!) ? attr(node, 'id')! : panel
        if (x !== undefined) w.out.push({ kind: 'missing', panel: childPanel, where: describe(node), path: subPath, expected: serializeNormal(node), actual: '(none)' })
        else w.out.push({ kind: 'extra', panel: childPanel, where: describe(node), path: subPath, expected: '(none)', actual: serializeNormal(node) })
      }
    } else if (x !== y) {
      w.out.push({ kind: 'text', panel, where, path, expected: x === undefined ? '(none)' : JSON.stringify((x as string).trim()), actual: y === undefined ? '(none)' : JSON.stringify((y as string).trim()) })
    }
  }
}

function diffFields(e: PageState, a: PageState, ignore: Set<string>, out: Difference[]): void {
  const group = (s: PageState) => {
    const m = new Map<string, string[]>()
    for (const [name, value] of s.fields) if (!ignore.has(name)) m.set(name, [...(m.get(name) ?? []), value])
    return m
  }
  const ef = group(e)
  const af = group(a)
  for (const name of [...new Set([...ef.keys(), ...af.keys()])].sort()) {
    const ev = ef.get(name)
    const av = af.get(name)
    if (JSON.stringify(ev) === JSON.stringify(av)) continue
    // Decoded view state is JSON already: shown as it is, not quoted again.
    const show = (values: string[] | undefined) =>
      values === undefined ? '(no such field)' : values.length !== 1 ? JSON.stringify(values) : name === '__VIEWSTATE' ? values[0]! : JSON.stringify(values[0])
    const label =
      name === '__VIEWSTATE' ? 'hidden field __VIEWSTATE (decoded)' : name === '__EVENTVALIDATION' ? 'hidden field __EVENTVALIDATION (entries)' : `${name.startsWith('__') ? 'hidden field' : 'field'} ${name}`
    out.push({ kind: 'field', panel: e.fieldPanels[name] ?? a.fieldPanels[name] ?? null, where: label, expected: show(ev), actual: show(av) })
  }
}

function attr(el: NormalElement, name: string): string | undefined {
  return el.attrs.find(([n]) => n === name)?.[1]
}

function describe(el: NormalElement): string {
  for (const key of ['id', 'name']) {
    const v = attr(el, key)
    if (v) return `<${el.tag} ${key}="${v}">`
  }
  const text = el.children.filter((c): c is string => typeof c === 'string').join('').trim()
  const cls = attr(el, 'class')
  return `<${el.tag}${cls ? ` class="${cls}"` : ''}>${text ? ` "${text.length > 30 ? text.slice(0, 30) + '…' : text}"` : ''}`
}

function segment(el: NormalElement, seen: Map<string, number>): string {
  const id = attr(el, 'id')
  const n = (seen.get(el.tag) ?? 0) + 1
  seen.set(el.tag, n)
  return id ? `${el.tag}#${id}` : `${el.tag}[${n}]`
}

function signature(n: NormalNode): string {
  return typeof n === 'string' ? '#text' : `${n.tag}#${attr(n, 'id') ?? ''}#${attr(n, 'name') ?? ''}`
}

/** Pairs children by the longest common subsequence of their signatures; unpaired ones get `undefined` on the other side. */
function align(xs: NormalNode[], ys: NormalNode[]): Array<[NormalNode | undefined, NormalNode | undefined]> {
  const sx = xs.map(signature)
  const sy = ys.map(signature)
  const n = xs.length
  const m = ys.length
  if (n * m > 4_000_000) {
    return Array.from({ length: Math.max(n, m) }, (_, i) => [xs[i], ys[i]])
  }
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = sx[i] === sy[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
    }
  }
  const out: Array<[NormalNode | undefined, NormalNode | undefined]> = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (sx[i] === sy[j]) out.push([xs[i++], ys[j++]])
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) out.push([xs[i++], undefined])
    else out.push([undefined, ys[j++]])
  }
  while (i < n) out.push([xs[i++], undefined])
  while (j < m) out.push([undefined, ys[j++]])
  return out
}

/** Both values, shortened around their first difference when they are long. */
function excerptPair(a: string, b: string, room = 120): [string, string] {
  if (a.length <= room && b.length <= room) return [a, b]
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  const from = Math.max(0, start - 40)
  const cut = (s: string) => (from > 0 ? '…' : '') + s.slice(from, from + room) + (s.length > from + room ? '…' : '')
  return [cut(a), cut(b)]
}
