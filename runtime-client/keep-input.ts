// What the user does while an async postback is in flight survives the panel update: text
// typed after the request was sent, the focused field with its caret and selection, and the
// scroll position of scrolled elements. The server's value wins only for fields the user did
// not touch since sending.

// Fields edited since the last request was sent, and elements with an id the user scrolled
// (input, change and scroll events all reach capturing document listeners).
const edited = new Set<Element>()
const scrolledEls = new Set<Element>()
if (typeof document !== 'undefined') {
  for (const type of ['input', 'change', 'scroll']) {
    document.addEventListener(type, (e) => e.target instanceof Element && (type === 'scroll' ? e.target.id && scrolledEls.add(e.target) : edited.add(e.target)), true)
  }
}

/**
 * Forgets earlier edits: what the user types from now on wins over the answer's values.
 *
 * @example
 * resetEdits(); req.invoke()
 */
export function resetEdits(): void {
  edited.clear()
}

type Field = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement

// A field's identity across a replacement: its id, else its name (and value, for radios).
const keyOf = (el: any): string | null =>
  el.id ? '#' + el.id : el.name ? el.name + (el.type === 'radio' ? '=' + el.value : '') : null

function find(panel: Element, key: string): any {
  if (key[0] === '#') {
    const el = document.getElementById(key.slice(1))
    return el && panel.contains(el) ? el : null
  }
  for (const el of panel.querySelectorAll('[name]') as any) if (keyOf(el) === key) return el
  return null
}

/**
 * Notes what must survive the replacement of `panel` and returns the function that puts it
 * back once the new content is in.
 *
 * @example
 * const restore = keepInput(panel); panel.innerHTML = html; restore()
 */
export function keepInput(panel: Element): () => void {
  const values: Array<[string, string | boolean | string[]]> = []
  for (const el of edited as Set<any>) {
    const key = panel.contains(el) && keyOf(el)
    if (!key) continue
    values.push([key, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.multiple ? [...el.options].filter((o: any) => o.selected).map((o: any) => o.value) : el.value])
  }
  // Nothing here looks at the panel's descendants unless the user edited, focused or scrolled
  // something: a plain update stays as cheap as the innerHTML itself.
  const active: any = document.activeElement
  const focusKey = active && active !== document.body && active !== panel && panel.contains(active) ? keyOf(active) : null
  let caret: [number, number, string] | null = null
  try {
    if (focusKey && active.selectionStart != null) caret = [active.selectionStart, active.selectionEnd, active.selectionDirection]
  } catch {
    // inputs without a caret (checkbox, number in some browsers)
  }
  const scrolled: Array<[string, number, number]> = []
  for (const el of scrolledEls) {
    if (!el.isConnected) scrolledEls.delete(el)
    else if (panel.contains(el) && (el.scrollTop || el.scrollLeft)) scrolled.push(['#' + el.id, el.scrollTop, el.scrollLeft])
  }

  return () => {
    for (const [key, value] of values) {
      const el: Field | null = find(panel, key)
      if (!el) continue
      if (typeof value === 'boolean') el.checked = value
      else if (Array.isArray(value)) for (const o of el.options as any) o.selected = value.includes(o.value)
      else el.value = value
    }
    for (const [key, top, left] of scrolled) {
      const el = find(panel, key)
      if (el) Object.assign(el, { scrollTop: top, scrollLeft: left })
    }
    const target: any = focusKey && find(panel, focusKey)
    if (target && target.focus) {
      target.focus({ preventScroll: true })
      try {
        if (caret) target.setSelectionRange(...caret)
      } catch {
        // the new element has no caret
      }
    }
  }
}
