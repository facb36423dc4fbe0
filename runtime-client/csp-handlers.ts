// Runs the handlers a page in nonce-CSP mode renders as data attributes (`data-df-onclick`,
// `data-df-onchange`, `data-df-onkeypress`, `data-df-onsubmit`, and `data-df-href` for
// `javascript:` links) through delegated listeners on the document, as the inline handlers would
// have run: ancestors' handlers in bubbling order, `return false` cancels, a link's script after
// the handlers when nothing cancelled. A handler that is not one of Deltaform's call forms cannot
// run (no eval under the CSP): it cancels the event instead, so that a guard is never bypassed.
import { parseCallForm, type CallForm } from './call-form.ts'

const prefix = 'data-df-'
const kinds = ['onclick', 'onchange', 'onkeypress', 'onsubmit', 'href']

// Parsed handlers by their text: a grid's many links share few texts.
const parsed = new Map<string, CallForm | undefined>()

function describe(el: any): string {
  return '<' + el.tagName.toLowerCase() + (el.id ? ' id="' + el.id + '"' : '') + (el.name ? ' name="' + el.name + '"' : '') + '>'
}

/**
 * Installs the delegated listeners (once per document). With `warn`, every handler that is not
 * one of Deltaform's call forms — user code such as an arbitrary `OnClientClick` — is named in a
 * console warning, at install and whenever it would have run.
 *
 * @example
 * installCspHandlers(document, true)
 */
export function installCspHandlers(doc: any, warn: boolean): void {
  if (doc.dfCsp_) return
  doc.dfCsp_ = true
  const handler = (el: any, kind: string): CallForm | undefined => {
    const text = el.getAttribute(prefix + kind)
    if (!parsed.has(text)) parsed.set(text, parseCallForm(text))
    const form = parsed.get(text)
    if (!form && warn) console.warn(`Deltaform: the ${kind} script of ${describe(el)} cannot run under the page's Content-Security-Policy (only Deltaform's own postback and callback calls can): ${text}`)
    return form
  }
  // The inline handlers of the element and its ancestors, innermost first.
  const bubble = (event: any, kind: string) => {
    for (let el = event.target; el && el.getAttribute; el = el.parentNode) {
      if (!el.hasAttribute(prefix + kind)) continue
      const run = handler(el, kind)
      // A handler that cannot run cancels what it guarded (a `return confirm(…)` must not be skipped).
      if (!run || run(el, event) === false) event.preventDefault()
    }
  }
  doc.addEventListener('click', (event: any) => {
    bubble(event, 'onclick')
    const link = event.target.closest && event.target.closest('[' + prefix + 'href]')
    if (!link) return
    if (!event.defaultPrevented) {
      const run = handler(link, 'href')
      if (run) run(link, event)
    }
    event.preventDefault()
  })
  doc.addEventListener('change', (event: any) => bubble(event, 'onchange'))
  doc.addEventListener('keypress', (event: any) => bubble(event, 'onkeypress'))
  // The form's onsubmit stays a property, as __doPostBack and the PageRequestManager call it
  // (which takes it over at _initialize: set it once, never again after that).
  const forms = () => {
    for (const form of doc.forms) {
      if (form.hasAttribute(prefix + 'onsubmit') && !form.dfSubmit_) {
        form.dfSubmit_ = true
        const run = handler(form, 'onsubmit')
        form.onsubmit = (event: any) => (run ? run(form, event) : false)
      }
    }
  }
  const loaded = () => {
    forms()
    if (warn) for (const el of doc.querySelectorAll(kinds.map((k) => '[' + prefix + k + ']').join())) for (const k of kinds) if (el.hasAttribute(prefix + k)) handler(el, k)
  }
  // Loaded at the top of the form: its own onsubmit is there already, its content is not.
  if (doc.readyState == 'loading') forms(), doc.addEventListener('DOMContentLoaded', loaded)
  else loaded()
}
