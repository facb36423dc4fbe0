// What happens to a postback asked for while another is in flight (the page's view state is
// one, so two postbacks never run at once: one is aborted, waits or is dropped), double-submit
// protection, and the idempotency key that lets the server answer a duplicate with the first
// answer instead of running its handlers twice.

/**
 * A postback's concurrency policy: the `data-concurrency` of its source element or of the
 * nearest element holding it (a panel, the form). `''` is ASP.NET's last-wins.
 *
 * @example
 * policyOf($get('Refresh'), 'data-concurrency') // 'drop' for <input data-concurrency="drop">
 */
export const policyOf = (el: any, attr: string): string => {
  const holder = el && el.closest && el.closest('[' + attr + ']')
  return holder ? holder.getAttribute(attr) : ''
}

/**
 * The panels a postback targets, for `abort-conflicting`: the panels to update, else its target.
 *
 * @example
 * conflictKey({ async: true, panelsToUpdate: ['UpdatePanel1'], asyncTarget: 'Button1' }) // 'UpdatePanel1'
 */
export const conflictKey = (s: { panelsToUpdate?: string[] | null; asyncTarget?: string }): string => (s.panelsToUpdate || []).join() || s.asyncTarget || ''

/**
 * A fresh idempotency key: every postback posted from one state of the page carries the same
 * one (the `Idempotency-Key` header of an async postback, the `__IDEMPOTENCYKEY` field of a full
 * one), so the server can answer a duplicate with the first answer.
 *
 * @example
 * prm.idem_ = idempotencyKey() // '3f9c…' (24 hex digits)
 */
export const idempotencyKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b + 256).toString(16).slice(1)).join('')

/**
 * Puts `key` in an `__IDEMPOTENCYKEY` hidden field just before a full postback: the browser
 * posts it with the form (the form's data is read during the submit), and it is gone again
 * right after, so a page that stays (a download) posts nothing new in its async postbacks.
 *
 * @example
 * keyField(theForm, prm.idem_)
 */
export function keyField(form: any, key: string): void {
  const field = document.createElement('input')
  field.type = 'hidden'
  field.name = field.id = '__IDEMPOTENCYKEY'
  field.value = key
  form.appendChild(field)
  setTimeout(() => field.remove())
}

/**
 * Whether a second postback from `el` while its first is in flight is a double submit: a
 * click on a button or link. A field's change (AutoPostBack) or a Timer's tick is not — each
 * one carries something new.
 *
 * @example
 * isClickSource($get('Save')) // true for <input type="submit">
 */
export const isClickSource = (el: any): boolean => !!el && (/^(submit|image|button)$/i.test(el.type) || /^(A|BUTTON)$/.test(el.tagName))
