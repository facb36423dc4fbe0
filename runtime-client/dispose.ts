// Sys.Application.disposeElement without walking every old element (PROTOCOL.md §4.6): the
// runtime remembers which elements can hold something to dispose — a `$create`d component, or a
// `dispose` / `control` / `_behaviors` / `_components` expando set by any script — and replacing
// a panel only looks at those. A panel of plain markup costs nothing to dispose.

// Marked elements → the components `$create`d on them, in creation order.
let marked = new Map<any, any[]>()

const expandos = ['dispose', 'control', '_behaviors', '_components']

/**
 * Remembers `component` as created on `element` (by `$create`): it is disposed, once, when the
 * element is disposed.
 *
 * @example
 * own($get('Timer1'), timer)
 */
export function own(element: any, component: any): void {
  marked.set(element, (marked.get(element) || []).concat(component))
}

/**
 * Makes the first assignment of `dispose`, `control`, `_behaviors` or `_components` on any
 * element of `elementProto` mark that element; the value then becomes an ordinary own property
 * of it, exactly as a plain assignment would have made it.
 *
 * @example
 * watchExpandos(window.Element.prototype)
 * $get('Box').control = { dispose() {} } // disposed with the panel holding Box
 */
export function watchExpandos(elementProto: any): void {
  for (const name of expandos) {
    Object.defineProperty(elementProto, name, {
      configurable: true,
      get() {},
      set(this: any, value: unknown) {
        if (!marked.has(this)) marked.set(this, [])
        Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true })
      },
    })
  }
}

/**
 * Disposes what the marked elements inside `element` (and `element` itself unless
 * `childNodesOnly`) hold, innermost and last first as ASP.NET's `disposeElement` walks them:
 * per element its own `dispose()` (else its `control`'s), then its `_behaviors` and
 * `_components` last first (`_components` becomes null), then the components `$create`d on it.
 * Each object is disposed once; the elements are forgotten. Returns what it disposed (and the
 * `$create`d components), for the application to unregister.
 *
 * @example
 * disposeInside($get('UpdatePanel1'), true) // Set { timer } — the Timer inside the panel
 */
export function disposeInside(element: any, childNodesOnly?: boolean): Set<any> {
  const done = new Set<any>()
  const dispose = (x: any) => {
    if (x && !done.has(x)) done.add(x), typeof x.dispose == 'function' && x.dispose()
  }
  const inside = [...marked.keys()].filter((el) => (el !== element || !childNodesOnly) && element.contains(el))
  // Reverse document order: a later element first, a descendant before its ancestor.
  for (const el of inside.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? 1 : -1))) {
    const created = marked.get(el)!
    marked.delete(el)
    dispose(typeof el.dispose == 'function' ? el : el.control)
    for (const list of [el._behaviors, el._components, created]) for (let i = (list || []).length; i--; ) dispose(list[i])
    if (el._components) el._components = null
  }
  return done
}

/**
 * Test support: forgets every marked element.
 *
 * @example
 * resetDisposals()
 */
export function resetDisposals(): void {
  marked = new Map()
}
