// UpdateStrategy="Morph": a panel's new content is patched into the live DOM instead of replacing
// it, so the elements that stay keep their identity — listeners a page script added, properties,
// focus, a playing video. Matching is by id first (anywhere in the panel, so an element that
// moved to another parent is moved, not re-created), then by position among the nodes without
// an id. What is left unmatched is removed; what is new is inserted. The result is the DOM that
// `innerHTML = html` gives, field values included.

type Live = Map<string, Element>

/**
 * Patches `panel`'s children into what `panel.innerHTML = html` would make, keeping the nodes
 * that match. The markup is parsed in an element of the panel's own tag, so that it parses as
 * the Replace strategy's innerHTML does.
 *
 * @example
 * const input = $get('Name')
 * morph($get('UpdatePanel1'), '<input id="Name" value="new"><span>added</span>')
 * $get('Name') === input // true, and input.value === 'new'
 */
export function morph(panel: Element, html: string): void {
  const next = panel.ownerDocument.createElement(panel.tagName)
  next.innerHTML = html
  const live: Live = new Map()
  for (const el of panel.querySelectorAll('[id]') as any) if (!live.has(el.id)) live.set(el.id, el)
  morphChildren(panel, next, live)
}

// A node without an id matches the live node at the current position when it is the same kind
// of node (same tag for elements), and that live node has no id either: an element with an id
// is only ever matched by its id, so a keyed element is never re-purposed for another.
const samePlace = (a: Node, b: Node): boolean => a.nodeName === b.nodeName && !(a as Element).id && !(b as Element).id

function morphChildren(parent: Node, next: Node, live: Live): void {
  let cur = parent.firstChild
  for (const n of [...(next.childNodes as any as Node[])]) {
    const id = (n as Element).id
    let match: Node | null | undefined = id ? live.get(id) : cur && samePlace(cur, n) ? cur : null
    // An id already used, of another tag, or an ancestor of where it would go: a new node.
    if (match && (match.nodeName !== n.nodeName || match.contains(parent))) match = null
    if (id) live.delete(id)
    if (!match) {
      // A new element holding kept elements (a new wrapper around a field): a shell of it, so
      // that they are moved into it rather than re-created.
      if (!hasKept(n, live)) {
        parent.insertBefore(n, cur)
        continue
      }
      match = parent.insertBefore(n.cloneNode(false), cur)
    } else if (match !== cur) {
      if (cur && match.parentNode === parent) {
        // Further on in the same parent (everything before `cur` is done): drop what lies
        // between rather than move the match, which would blur it if focused. Kept elements in
        // there stay in `live`, for a later node to take back.
        while (cur !== match) {
          const gone: Node = cur!
          cur = gone.nextSibling
          parent.removeChild(gone)
        }
      } else parent.insertBefore(match, cur)
    }
    morphNode(match, n, live)
    // Not `cur.nextSibling`: morphing the match may have taken `cur` into it.
    cur = match.nextSibling
  }
  // What is left did not match: gone from the new content. (A kept element among it that a
  // later part of the new content asks for is still in `live`, and is put back there.)
  while (cur) {
    const gone = cur
    cur = cur.nextSibling
    parent.removeChild(gone)
  }
}

const hasKept = (n: Node, live: Live): boolean =>
  n.nodeType === 1 && [...((n as Element).querySelectorAll('[id]') as any)].some((el: Element) => live.has(el.id))

function morphNode(el: Node, next: Node, live: Live): void {
  if (el.nodeType !== 1) {
    if (el.nodeValue !== next.nodeValue) el.nodeValue = next.nodeValue
    return
  }
  const a = el as Element & Record<string, any>
  const b = next as Element & Record<string, any>
  for (const { name } of [...(a.attributes as any)]) if (!b.hasAttribute(name)) a.removeAttribute(name)
  for (const { name, value } of b.attributes as any) if (a.getAttribute(name) !== value) a.setAttribute(name, value)
  morphChildren(a, b, live)
  syncField(a, b)
}

// A field's live state (value, checked, selected) is not its attributes once the user touched
// it: set it as a freshly parsed field would have it. Only when different, so that the caret of
// a focused field does not jump. (keep-input.ts then puts back what the user typed since
// sending.)
function syncField(a: Record<string, any>, b: Record<string, any>): void {
  const tag = a.tagName
  if (tag === 'INPUT') {
    if (a.checked !== b.checked) a.checked = b.checked
    if (a.type !== 'file' && a.value !== b.value) a.value = b.value
  } else if (tag === 'TEXTAREA') {
    if (a.value !== b.value) a.value = b.value
  } else if (tag === 'OPTION') {
    // Browsers pick a single select's shown option from the `selected` attributes; say it.
    if (a.selected !== b.hasAttribute('selected')) a.selected = b.hasAttribute('selected')
  } else if (tag === 'SELECT' && !a.multiple && b.selectedIndex >= 0 && a.selectedIndex !== b.selectedIndex) {
    a.selectedIndex = b.selectedIndex
  }
}
