// The async postback body, byte for byte as MicrosoftAjaxWebForms.js builds it (PROTOCOL.md §1.4).

// A lone surrogate (typed or pasted) would make encodeURIComponent throw: send U+FFFD for it,
// as a browser's own form submission does.
const enc = (text: string) => encodeURIComponent(String(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))
// text password hidden search tel url email number range color datetime date month week time datetime-local
const textTypes = /^(text|password|hidden|search|tel|url|email|number|range|color|date(time(-local)?)?|month|week|time)$/i

/**
 * The first body field: `<ScriptManager>=<panels joined by ','  or the ScriptManager>[|target]&`,
 * each side encodeURIComponent-encoded.
 *
 * @example
 * panelField('sm1', ['UP1', 'NC1$UP2']) // 'sm1=UP1%2CNC1%24UP2&'
 * panelField('sm1', null, 'target')     // 'sm1=sm1%7Ctarget&'
 */
export function panelField(scriptManagerID: string, panels: string[] | null | undefined, asyncTarget?: string): string {
  let arg = panels ? panels.join(',') : scriptManagerID
  if (asyncTarget) arg += '|' + asyncTarget
  return pair(scriptManagerID, arg)
}

/**
 * `name=value&`, both sides encodeURIComponent-encoded: one field of a script-built post.
 *
 * @example
 * pair('a b', 'é') // 'a%20b=%C3%A9&'
 */
export const pair = (name: string, value: string): string => enc(name) + '=' + enc(value) + '&'

/**
 * Calls `add(element, value)` for each value a script-built post takes from the form, in
 * `form.elements` order: text-like inputs, checked checkboxes/radios, each selected option,
 * textareas — disabled ones too; never file/submit/button/image inputs. With `selectValue`
 * (WebForm_InitCallback's quirk) a selected option contributes its select's `value` (the first
 * selected one) instead of its own.
 *
 * @example
 * eachField(theForm, (el, value) => console.log(el.name, value))
 */
export function eachField(form: any, add: (el: any, value: string) => void, selectValue?: boolean): void {
  for (const el of form.elements) {
    const tag = el.tagName.toUpperCase()
    const type = el.type
    if (tag == 'INPUT') {
      if (textTypes.test(type) || ((type == 'checkbox' || type == 'radio') && el.checked)) add(el, el.value)
    } else if (tag == 'SELECT') {
      for (const o of el.options) if (o.selected) add(el, selectValue ? el.value : o.value)
    } else if (tag == 'TEXTAREA') add(el, el.value)
  }
}

/**
 * The async postback's form fields ({@link eachField}, options by their own value), without
 * nameless ones and the ScriptManager's own field. Each ends with `&`.
 *
 * @example
 * formFields(theForm, 'ScriptManager1') // '__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=…&'
 */
export function formFields(form: any, scriptManagerID: string): string {
  let out = ''
  eachField(form, (el, value) => {
    const name = el.name
    if (name && name !== scriptManagerID) out += pair(name, value)
  })
  return out
}

/**
 * The whole body: first field, form fields, `__ASYNCPOST=true&`, then the submitter (no `&`).
 *
 * @example
 * buildBody(theForm, 'ScriptManager1', panelField('ScriptManager1', ['UpdatePanel1'], 'Button1'), 'Button1=Go')
 */
export function buildBody(form: any, scriptManagerID: string, firstField: string, submitter?: string | null): string {
  return firstField + formFields(form, scriptManagerID) + '__ASYNCPOST=true&' + (submitter || '')
}

/**
 * The field a clicked element adds as submitter: `name=value` for submit inputs and submit
 * buttons, `name.x=X&name.y=Y` for image inputs; null otherwise.
 *
 * @example
 * submitterField($get('Button1'), 0, 0) // 'Button1=Go'
 */
export function submitterField(el: any, offsetX: unknown, offsetY: unknown): string | null {
  const name = el.name
  if (!name) return null
  const tag = el.tagName.toUpperCase()
  const type = el.type
  if ((tag == 'INPUT' || tag == 'BUTTON') && type == 'submit') return pair(name, el.value).slice(0, -1)
  if (tag == 'INPUT' && type == 'image') return enc(name) + '.x=' + offsetX + '&' + enc(name) + '.y=' + offsetY
  return null
}
