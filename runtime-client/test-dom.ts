// Test support (not bundled): a linkedom page as `window`/`document`, with the few form
// behaviours of real browsers that linkedom lacks, and a fake fetch.
import { parseHTML } from 'linkedom'
import { installCallbacks } from './callbacks.ts'
import { installComponents } from './components.ts'
import { install } from './install.ts'
import { PageRequestManager } from './prm.ts'
import { resetApplication } from './sys.ts'

const globalNames = [
  'Sys', '$get', '$create', '$find', '__doPostBack', 'WebForm_PostBackOptions', 'WebForm_DoPostBackWithOptions',
  'WebForm_FireDefaultButton', 'WebForm_AutoFocus', 'WebForm_DoCallback', 'WebForm_InitCallback', 'theForm', 'pageLoad',
  '__theFormPostData', '__theFormPostCollection', 'Page_ClientValidate', '__pendingCallbacks', 'location', 'scrollTo', 'event',
  '__synchronousCallBackIndex', 'WebForm_CallbackComplete', '__deltaformCallbackSnapshot',
]

function define(proto: any, name: string, get: (this: any) => any, set?: (this: any, v: any) => void) {
  Object.defineProperty(proto, name, { get, set, configurable: true })
}

// Browser form semantics linkedom does not model (it only reflects attributes).
function polyfill(document: any) {
  const form = Object.getPrototypeOf(document.createElement('form'))
  const input = Object.getPrototypeOf(document.createElement('input'))
  const option = Object.getPrototypeOf(document.createElement('option'))
  const button = Object.getPrototypeOf(document.createElement('button'))
  define(Object.getPrototypeOf(document), 'forms', function () { return [...this.querySelectorAll('form')] })
  define(form, 'elements', function () {
    return [...this.querySelectorAll('input,select,textarea,button,fieldset,object,output')].filter((e: any) => !(e.tagName == 'INPUT' && e.type == 'image'))
  })
  define(form, 'action', function () { return this.getAttribute('action') || '' }, function (v) { this.setAttribute('action', v) })
  for (const n of ['__EVENTTARGET', '__EVENTARGUMENT']) define(form, n, function () { return this.ownerDocument.getElementById(n) })
  // A form's named property: its field with that name or id.
  define(form, '__EVENTVALIDATION', function () { return this.querySelector('[name="__EVENTVALIDATION"],[id="__EVENTVALIDATION"]') || undefined })
  define(input, 'type', function () { return (this.getAttribute('type') || 'text').toLowerCase() }, function (v) { this.setAttribute('type', v) })
  define(input, 'checked', function () { return this.checked_ ?? this.hasAttribute('checked') }, function (v) { this.checked_ = !!v })
  define(button, 'type', function () { return (this.getAttribute('type') || 'submit').toLowerCase() })
  define(button, 'value', function () { return this.getAttribute('value') || '' })
  define(option, 'value', function () { return this.hasAttribute('value') ? this.getAttribute('value') : this.textContent })
  // linkedom swaps PRECEDING and FOLLOWING for nodes in different branches.
  let node = document.body
  while (!Object.prototype.hasOwnProperty.call(node, 'compareDocumentPosition')) node = Object.getPrototypeOf(node)
  node.compareDocumentPosition = compareDocumentPosition
}

// Node.compareDocumentPosition for elements of one document, as browsers answer it.
function compareDocumentPosition(this: any, other: any): number {
  if (this === other) return 0
  if (this.contains(other)) return 20 // CONTAINED_BY | FOLLOWING
  if (other.contains(this)) return 10 // CONTAINS | PRECEDING
  const path = (n: any) => {
    const out = []
    for (; n; n = n.parentNode) out.unshift(n)
    return out
  }
  const a = path(this)
  const b = path(other)
  let i = 0
  while (a[i] === b[i]) i++
  const siblings = [...a[i - 1].childNodes]
  return siblings.indexOf(a[i]) < siblings.indexOf(b[i]) ? 4 : 2
}

/**
 * One page for one test: globals reset, runtime installed — the core and both parts — unless
 * told not to, nothing initialized yet.
 *
 * @example
 * const { $ } = page(form('<div id="UP1"></div>'))
 */
export function page(body: string, head = '', installRuntime = true) {
  const g = globalThis as any
  for (const n of globalNames) delete g[n]
  const { window, document } = parseHTML(`<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`) as any
  polyfill(document)
  g.window = window
  g.document = document
  g.location = { href: 'http://localhost/page.aspx' }
  PageRequestManager._instance = undefined
  resetApplication()
  if (installRuntime) {
    install()
    installComponents(window)
    installCallbacks(window)
  }
  return { window, document, $: (id: string) => document.getElementById(id) as any }
}

/**
 * The standard bootstrap form: the server's hidden fields around `content`.
 *
 * @example
 * page(form('<div id="UpdatePanel1"></div>'))
 */
export function form(content: string, action = './clock.aspx') {
  return `<form method="post" action="${action}" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDw..." />
<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" />
</div>
${content}
<div class="aspNetHidden"><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAA..." /></div>
</form>`
}

/**
 * A recorded request of the fake fetch, with a way to answer it.
 *
 * @example
 * await sent[0].reply(encodeRecord('#', '', '4'))
 */
export interface Sent {
  url: string
  method: string
  body: string
  headers: Record<string, string>
  signal: AbortSignal
  reply(text: string, status?: number): Promise<void>
}

/**
 * Replaces `fetch`: each call is recorded and answered when the test says so.
 *
 * @example
 * const sent = fakeFetch()
 */
export function fakeFetch(): Sent[] {
  const sent: Sent[] = []
  ;(globalThis as any).fetch = (url: string, init: any) =>
    new Promise((resolve, reject) => {
      if (init.signal) init.signal.addEventListener('abort', () => reject(new Error('aborted')))
      sent.push({
        url,
        method: init.method,
        body: init.body,
        headers: init.headers,
        signal: init.signal,
        reply: async (text, status = 200) => {
          resolve({ status, text: async () => text, headers: new Map() })
          await settle()
        },
      })
    })
  return sent
}

/**
 * Lets pending promise callbacks run (microtasks only, so fake timers stay in control).
 *
 * @example
 * await settle()
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve()
}

/**
 * Dispatches a bubbling click, then (when `submits`) the form's submit event, as a browser does for submit buttons.
 *
 * @example
 * click($('Button1'), true)
 */
export function click(el: any, submits = false) {
  const w = (globalThis as any).window
  const e = new w.Event('click', { bubbles: true, cancelable: true })
  el.dispatchEvent(e)
  if (submits) submit(el.form || el.closest('form'))
}

/**
 * Dispatches the form's submit event; returns whether the full postback would go ahead.
 *
 * @example
 * expect(submit($('form1'))).toBe(true)
 */
export function submit(formEl: any): boolean {
  const w = (globalThis as any).window
  const e = new w.Event('submit', { bubbles: true, cancelable: true })
  formEl.dispatchEvent(e)
  return !e.defaultPrevented
}
