// Client callbacks (ICallbackEventHandler): WebForm_InitCallback, WebForm_DoCallback and
// WebForm_CallbackComplete of WebForms.js over fetch (PROTOCOL.md §5.2, §5.4). The
// PageRequestManager drops and cancels them around async postbacks (§4.8, prm.ts).
import { eachField, pair } from './body.ts'
import { post } from './net.ts'
import { setHiddenField } from './response.ts'
import { defineMissing, pageForm } from './webforms.ts'

const EV = '__EVENTVALIDATION'

/**
 * One entry of `window.__pendingCallbacks`, as WebForms.js keeps them; `xmlRequest` stands in for
 * the XHR (`readyState` 4 once the response, or a network failure, arrived).
 *
 * @example
 * const c: PendingCallback = __pendingCallbacks[0] // c.xmlRequest.responseText once done
 */
export interface PendingCallback {
  eventCallback?: ((result: string, context: unknown) => void) | null
  context: unknown
  errorCallback?: ((message: string, context: unknown) => void) | null
  async: unknown
  xmlRequest: { readyState: number; responseText: string }
}

/**
 * Per-call options: the Deltaform 7th argument of `WebForm_DoCallback`.
 *
 * @example
 * const o: CallbackOptions = { snapshot: 'load' } // post the form as it was at page load
 */
export interface CallbackOptions {
  /** `'load'`: the page-load snapshot (`__theFormPostData`), as ASP.NET; `'call'`: the form now. */
  snapshot?: 'load' | 'call'
}

/**
 * The form as WebForm_InitCallback snapshots it: the `name=value&` text and the `{ name, value }`
 * list; selects repeat their `value` per selected option, the input with id `__EVENTVALIDATION`
 * is left out (the current one is added per call).
 *
 * @example
 * snapshot(theForm) // ['__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=%2FwEPDw...&', [{ name: '__EVENTTARGET', value: '' }, …]]
 */
export function snapshot(form: any): [string, Array<{ name: string; value: string }>] {
  let data = ''
  const fields: Array<{ name: string; value: string }> = []
  eachField(
    form,
    (el, value) => {
      const name = el.name
      if (el.id != EV) (data += pair(name, value)), fields.push({ name, value })
    },
    true,
  )
  return [data, fields]
}

/**
 * Defines `WebForm_InitCallback`, `WebForm_DoCallback`, `WebForm_CallbackComplete`,
 * `__pendingCallbacks` (`[]`), `__synchronousCallBackIndex` (`-1`), `__theFormPostData` (`''`)
 * and `__theFormPostCollection` (`[]`) on `w`, each only when the page has not defined it
 * (the original WebForms.js may be loaded instead). Runs at bundle load, before the
 * PageRequestManager's `_initialize` wraps `WebForm_DoCallback` (§4.8).
 *
 * `WebForm_DoCallback(eventTarget, eventArgument, eventCallback, context, errorCallback, useAsync, options?)`
 * POSTs `<form snapshot>__CALLBACKID=<target>&__CALLBACKPARAM=<argument>[&__EVENTVALIDATION=<current>]`
 * to the form's action (fragment stripped) with only a `Content-Type` header. Deltaform
 * difference: by default the snapshot is the form **at call time**; ASP.NET posts the page-load
 * snapshot (`__theFormPostData`, taken by `WebForm_InitCallback` and after each async update) —
 * set `window.__deltaformCallbackSnapshot = 'load'` for the whole page, or pass
 * `{ snapshot: 'load' }` as 7th argument for one call (`{ snapshot: 'call' }` overrides the page
 * setting). Synchronous callbacks (`useAsync` false) replace each other: only the last one's
 * result is delivered. The response: `s<result>` → `eventCallback(result, context)`,
 * `e<message>` → `errorCallback(message, context)`, `<EV length>|<EV><result>` → the
 * `__EVENTVALIDATION` field updated (created when missing) when EV is non-empty, then
 * `eventCallback(result, context)`; anything else (an HTML error page, a failed request) does
 * nothing. Status codes are not looked at.
 *
 * @example
 * installCallbacks(window)
 * WebForm_DoCallback('__Page', 'refresh', (result, ctx) => show(result), null, (message) => alert(message), true)
 * WebForm_DoCallback('GridView1', 'page$2', render, null, null, false, { snapshot: 'load' })
 */
export function installCallbacks(w: any): void {
  defineMissing(w, {
    __pendingCallbacks: [],
    __synchronousCallBackIndex: -1,
    __theFormPostData: '',
    __theFormPostCollection: [],
    WebForm_InitCallback() {
      const [data, fields] = snapshot(pageForm(w))
      w.__theFormPostData += data
      w.__theFormPostCollection.push(...fields)
    },
    WebForm_DoCallback(eventTarget: string, eventArgument: string, eventCallback: unknown, context: unknown, errorCallback: unknown, useAsync: unknown, options?: CallbackOptions) {
      const f = pageForm(w)
      const ev = f[EV]
      const pending: Array<PendingCallback | null> = w.__pendingCallbacks
      const xmlRequest = { readyState: 1, responseText: '' }
      const done = (text: string) => {
        xmlRequest.readyState = 4
        xmlRequest.responseText = text
        complete()
      }
      // pair() ends each field with '&': the last one is cut off.
      const body =
        (((options && options.snapshot) || w.__deltaformCallbackSnapshot) == 'load' ? w.__theFormPostData : snapshot(f)[0]) +
        pair('__CALLBACKID', eventTarget) +
        pair('__CALLBACKPARAM', eventArgument) +
        (ev ? pair(EV, ev.value) : '')
      let i = 0
      while (pending[i]) i++
      pending[i] = { eventCallback, context, errorCallback, async: useAsync, xmlRequest } as PendingCallback
      if (!useAsync) {
        if (w.__synchronousCallBackIndex != -1) pending[w.__synchronousCallBackIndex] = null
        w.__synchronousCallBackIndex = i
      }
      post((f.action || location.pathname).split('#')[0], body.slice(0, -1))
        .then((r) => r.text())
        .then(done, () => done(''))
    },
    WebForm_CallbackComplete: complete,
  })

  // Delivers every finished callback; its slot is freed first, as the callback may start another.
  function complete() {
    w.__pendingCallbacks.forEach((c: PendingCallback | null, i: number, pending: Array<PendingCallback | null>) => {
      if (!c || c.xmlRequest.readyState != 4) return
      if (!c.async) w.__synchronousCallBackIndex = -1
      pending[i] = null
      const text = c.xmlRequest.responseText
      const call = (f: any, rest: string) => f && f(rest, c.context)
      const first = text.charAt(0)
      const bar = text.indexOf('|')
      // No `|`: parseInt('') is NaN too.
      const n = parseInt(text.substring(0, bar))
      if (first == 's') call(c.eventCallback, text.substring(1))
      else if (first == 'e') call(c.errorCallback, text.substring(1))
      else if (!isNaN(n)) {
        const ev = text.substring(bar + 1, bar + n + 1)
        const f = pageForm(w)
        if (ev) f[EV] ? (f[EV].value = ev) : setHiddenField(f, EV, ev)
        call(c.eventCallback, text.substring(bar + n + 1))
      }
    })
  }
}
