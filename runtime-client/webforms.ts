// The WebForms.js functions server markup calls, for pages that load only this bundle.
// The PageRequestManager wraps them (PROTOCOL.md §1.2) exactly as it wraps the originals.
import { byId } from './events.ts'

/**
 * `new WebForm_PostBackOptions(eventTarget, eventArgument, validation, validationGroup, actionUrl, trackFocus, clientSubmit)`.
 *
 * @example
 * new WebForm_PostBackOptions('Button1', '', true, 'g1', '', false, true)
 */
export function PostBackOptions(this: any, ...args: unknown[]): void {
  'eventTarget eventArgument validation validationGroup actionUrl trackFocus clientSubmit'.split(' ').forEach((k, i) => (this[k] = args[i]))
}

/**
 * Client validation as WebForms.js asks for it: true unless `validate` is set and the page's
 * `Page_ClientValidate(group)` (when the validators script is there) says no.
 *
 * @example
 * clientValid(true, 'g1') // false while a validator of group g1 fails
 */
export function clientValid(validate: unknown, group: unknown): boolean {
  const w: any = window
  return !validate || typeof w.Page_ClientValidate != 'function' || w.Page_ClientValidate(group)
}

/**
 * Sets the form's `__EVENTTARGET` and `__EVENTARGUMENT` fields.
 *
 * @example
 * setEventFields(theForm, 'Button1', '')
 */
export function setEventFields(form: any, target: string, argument: string): void {
  form.__EVENTTARGET.value = target
  form.__EVENTARGUMENT.value = argument
}

/**
 * What `WebForm_DoPostBackWithOptions` does: client validation, cross-page action, `__LASTFOCUS`,
 * then `post(target, argument)` when `clientSubmit` (validation failure does not stop it; the
 * validators cancel through the form's onsubmit).
 *
 * @example
 * postBackWithOptions(options, __doPostBack, theForm)
 */
export function postBackWithOptions(o: any, post: (t: string, a: string) => void, form: any): void {
  if (clientValid(o.validation, o.validationGroup)) {
    if (o.actionUrl) form.action = o.actionUrl
    const last = o.trackFocus && byId('__LASTFOCUS')
    const active: any = document.activeElement
    if (last && active) last.value = active.id || active.name || ''
  }
  if (o.clientSubmit) post(o.eventTarget, o.eventArgument)
}

/**
 * What `WebForm_FireDefaultButton(event, id)` does: Enter outside a textarea clicks the default
 * button and cancels the key event (returns false). `around` wraps the click (the
 * PageRequestManager remembers the button meanwhile).
 *
 * @example
 * <div onkeypress="javascript:return WebForm_FireDefaultButton(event, 'Button1')">
 */
export function fireDefaultButton(e: any, id: string, around: (click: () => void, button: any) => void = (c) => c()): boolean {
  const src = e.target || e.srcElement
  const button: any = e.keyCode == 13 && !(src && /^textarea$/i.test(src.tagName)) && byId(id)
  if (!button || !button.click) return true
  around(() => button.click(), button)
  e.cancelBubble = true
  if (e.stopPropagation) e.stopPropagation()
  return false
}

const focusable = 'input:not([type=hidden]),select,textarea,button,a[href],[tabindex]'

/**
 * `WebForm_AutoFocus(id)` (Focus.js): focuses the element, or its first focusable descendant.
 *
 * @example
 * WebForm_AutoFocus('TextBox1')
 */
export function autoFocus(id: string): void {
  const ok = (x: any) => x && !x.disabled && x.matches(focusable)
  let el = byId(id)
  if (el && !ok(el)) el = [...el.querySelectorAll(focusable)].find(ok)
  if (el) el.focus()
}

/**
 * The page's form as WebForms.js finds it: the `theForm` global the server renders, else the
 * first form.
 *
 * @example
 * pageForm(window).action
 */
export const pageForm = (w: any): any => w.theForm || document.forms[0]

/**
 * Sets each of `globals` on `w` unless the page already defines that name (a page may load the
 * original WebForms.js instead).
 *
 * @example
 * defineMissing(window, { __pendingCallbacks: [] })
 */
export function defineMissing(w: any, globals: Record<string, unknown>): void {
  for (const k in globals) if (!(k in w)) w[k] = globals[k]
}

/**
 * The WebForms.js postback globals, for {@link defineMissing} (a page's own ones stay).
 *
 * @example
 * defineMissing(window, webFormsGlobals(window))
 */
export function webFormsGlobals(w: any): Record<string, unknown> {
  return {
    __doPostBack(t: string, a: string) {
      const f = pageForm(w)
      if (!f.onsubmit || f.onsubmit() != false) {
        setEventFields(f, t, a)
        f.submit()
      }
    },
    WebForm_PostBackOptions: PostBackOptions,
    WebForm_DoPostBackWithOptions: (o: any) => postBackWithOptions(o, w.__doPostBack, pageForm(w)),
    WebForm_FireDefaultButton: fireDefaultButton,
    WebForm_AutoFocus: autoFocus,
  }
}
