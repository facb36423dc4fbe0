// FocusPolicy: where focus goes after an async postback updated a panel. `Keep` (no attribute)
// leaves it to keep-input.ts, which keeps the focused field; the others move it on purpose, so
// that a keyboard or screen-reader user lands where the update matters.

const focusable = 'a[href],button,input:not([type=hidden]),select,textarea,[tabindex]'

/**
 * Applies the panel's `data-focus-policy`: `first-invalid` focuses the first field marked
 * `aria-invalid="true"` (validators mark their ControlToValidate when invalid), if any;
 * `heading` focuses the panel's first h1–h6, made focusable with `tabindex="-1"` (until it loses
 * focus) when it is not.
 *
 * @example
 * // <div id="UpdatePanel1" data-focus-policy="heading"><h2>Results</h2>…</div>
 * applyFocusPolicy($get('UpdatePanel1')) // document.activeElement is the h2
 */
export function applyFocusPolicy(panel: Element): void {
  const policy = panel.getAttribute('data-focus-policy')
  let target: any = policy === 'first-invalid' ? panel.querySelector('[aria-invalid="true"]') : policy === 'heading' ? panel.querySelector('h1,h2,h3,h4,h5,h6') : null
  if (!target) return
  if (policy === 'heading') {
    // Focusable for as long as it has the focus: after that the heading is again exactly the
    // server's markup (a partial-vs-full comparison sees no difference).
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1')
      target.addEventListener('blur', () => target.removeAttribute('tabindex'), { once: true })
    }
  } else if (!target.matches(focusable)) {
    // A list control marked as a whole (a RadioButtonList's table): its first field.
    target = target.querySelector(focusable) || target
  }
  if (target.focus) target.focus()
}
