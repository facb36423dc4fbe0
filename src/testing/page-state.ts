/**
 * An element of the normalized form: tag, attributes sorted by name (style and class
 * whitespace folded), children with whitespace folded and whitespace-only text dropped.
 *
 * @example
 * const label: NormalElement = { tag: 'span', attrs: [['id', 'Asked']], children: ['2'] }
 */
export interface NormalElement {
  tag: string
  attrs: Array<[string, string]>
  children: NormalNode[]
  /** Matched an `ignore` selector: only its id is kept, its content is not compared. */
  ignored?: true
}

/**
 * A node of the normalized form: an element, or a text node's folded text.
 *
 * @example
 * const nodes: NormalNode[] = ['Asked ', { tag: 'span', attrs: [['id', 'Asked']], children: ['2'] }, ' time(s).']
 */
export type NormalNode = NormalElement | string

/**
 * The state a scenario ends in: what the user sees and what the form would post. Collected in
 * the browser by {@link collectPageState}; volatile values are scrubbed later, in Node.
 *
 * @example
 * const state: PageState = await page.evaluate(collectPageState, { ignore: [] })
 * state.fields // [['__EVENTTARGET', ''], …, ['Name', 'Ada']]
 */
export interface PageState {
  /** `location.pathname + search + hash`. */
  url: string
  title: string
  /** The server form (or `<body>` when the page has none), without scripts and hidden fields. */
  root: NormalElement
  /** Every field the form would post (hidden ones included), in document order. */
  fields: Array<[string, string]>
  /** For fields inside an UpdatePanel: the panel's ClientID, by field name. */
  fieldPanels: Record<string, string>
  /** The focused element as `#id`, `[name="…"]` or a tag name; `null` when nothing is focused. */
  focused: string | null
  /** The ClientIDs of the UpdatePanels the PageRequestManager knows (empty without one). */
  panels: string[]
}

/**
 * Options of {@link collectPageState}.
 *
 * @example
 * const options: CollectOptions = { ignore: ['#Ticks'] }
 */
export interface CollectOptions {
  /** CSS selectors of elements whose content and fields are left out. */
  ignore: string[]
}

/**
 * Reads the page's state in the browser. Self-contained (Playwright sends its source to the
 * page), so it uses no imports and no helpers outside its body.
 *
 * @example
 * const state = await page.evaluate(collectPageState, { ignore: ['#Ticks'] })
 */
export function collectPageState(options: CollectOptions): PageState {
  const doc = document
  const w = window as any
  const prmClass = w.Sys && w.Sys.WebForms && w.Sys.WebForms.PageRequestManager
  const prm = prmClass && prmClass._instance
  const panels: string[] = prm && Array.isArray(prm._updatePanelClientIDs) ? prm._updatePanelClientIDs.filter(Boolean) : []
  const form = (doc.querySelector('form') ?? doc.body) as HTMLElement
  const ignoredLive: Element[] = []
  for (const selector of options.ignore) ignoredLive.push(...Array.from(doc.querySelectorAll(selector)))

  const clone = form.cloneNode(true) as HTMLElement
  const ignoredClone = new Set<Element>()
  for (const selector of options.ignore) for (const el of Array.from(clone.querySelectorAll(selector))) ignoredClone.add(el)
  if (options.ignore.some((s) => form.matches(s))) ignoredClone.add(clone)
  for (const el of Array.from(clone.querySelectorAll('script, noscript, template, .aspNetHidden, input[type=hidden]'))) {
    if ([...ignoredClone].some((i) => i !== el && i.contains(el))) continue
    // The PageRequestManager puts hidden fields it creates in a wrapper span of their own.
    const parent = el.parentElement
    if (el.matches('input[type=hidden]') && parent && parent !== clone && parent.childNodes.length === 1) parent.remove()
    else el.remove()
  }

  const fold = (text: string) => text.replace(/\s+/g, ' ')
  const normalize = (el: Element): NormalElement => {
    const tag = el.tagName.toLowerCase()
    if (ignoredClone.has(el)) {
      return { tag, attrs: el.id ? [['id', el.id]] : [], children: [], ignored: true }
    }
    const attrs: Array<[string, string]> = []
    for (const a of Array.from(el.attributes)) {
      let value = a.value
      if (a.name === 'style') {
        value = value
          .split(';')
          .map((d) => d.trim().replace(/\s*:\s*/, ':').replace(/\s+/g, ' '))
          .filter(Boolean)
          .join(';')
      } else if (a.name === 'class') value = fold(value).trim()
      attrs.push([a.name, value])
    }
    attrs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    const children: NormalNode[] = []
    for (const n of Array.from(el.childNodes)) {
      if (n.nodeType === 1) children.push(normalize(n as Element))
      else if (n.nodeType === 3 || n.nodeType === 4) {
        const text = fold(n.textContent ?? '')
        if (!text.trim()) continue
        // Adjacent text (a text node split by a removed script) reads as one.
        const last = children[children.length - 1]
        if (typeof last === 'string') children[children.length - 1] = fold(last + text)
        else children.push(text)
      }
    }
    return { tag, attrs, children }
  }

  const panelOf = (el: Element): string | null => {
    for (let p: Element | null = el; p; p = p.parentElement) if (p.id && panels.includes(p.id)) return p.id
    return null
  }
  const fields: Array<[string, string]> = []
  const fieldPanels: Record<string, string> = {}
  const elements = form instanceof HTMLFormElement ? Array.from(form.elements) : Array.from(form.querySelectorAll('input, select, textarea'))
  for (const el of elements as Array<HTMLInputElement & HTMLSelectElement>) {
    const name = el.name
    if (!name || el.disabled || ignoredLive.some((i) => i.contains(el))) continue
    const tag = el.tagName.toLowerCase()
    const type = (el.type || '').toLowerCase()
    if (tag === 'button' || tag === 'fieldset' || tag === 'object' || tag === 'output') continue
    if (tag === 'input' && /^(submit|button|image|reset|file)$/.test(type)) continue
    if ((type === 'checkbox' || type === 'radio') && !el.checked) continue
    if (tag === 'select') {
      for (const o of Array.from(el.options)) if (o.selected) fields.push([name, o.value])
    } else fields.push([name, el.value])
    const panel = panelOf(el)
    if (panel) fieldPanels[name] = panel
  }

  const active = doc.activeElement
  let focused: string | null = null
  if (active && active !== doc.body && active !== doc.documentElement) {
    const named = (active as HTMLInputElement).name
    focused = active.id ? `#${active.id}` : named ? `[name="${named}"]` : active.tagName.toLowerCase()
  }
  return {
    url: location.pathname + location.search + location.hash,
    title: doc.title,
    root: normalize(clone),
    fields,
    fieldPanels,
    focused,
    panels,
  }
}

/**
 * Serializes a normalized element as HTML (attributes sorted, text folded) — the form in
 * `expect(state.html).toContain(…)` checks.
 *
 * @example
 * serializeNormal({ tag: 'span', attrs: [['id', 'Asked']], children: ['2'] }) // '<span id="Asked">2</span>'
 */
export function serializeNormal(node: NormalNode): string {
  if (typeof node === 'string') return node.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const attrs = node.attrs.map(([n, v]) => ` ${n}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('')
  const inner = node.ignored ? '<!--ignored-->' : node.children.map(serializeNormal).join('')
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`
}
