// The hidden fields an async postback (hiddenField records) or a callback (__EVENTVALIDATION) sets.
import { byId } from './events.ts'

/**
 * Creates or replaces hidden field `id` as an `<input type=hidden>` inside its own
 * `display:none !important` span at the end of the form (the span is re-used next time).
 *
 * @example
 * setHiddenField(theForm, '__VIEWSTATE', '/wEPDw…')
 */
export function setHiddenField(form: any, id: string, value: string): void {
  let field = byId(id)
  let span: any
  if (field && field.contained_) span = field.parentNode
  else {
    if (field) field.remove()
    span = document.createElement('span')
    span.style.cssText = 'display:none !important'
    form.appendChild(span)
  }
  span.innerHTML = "<input type='hidden' />"
  field = span.firstChild
  field.contained_ = 1
  field.id = field.name = id
  field.value = value
}
