// Client callbacks (ICallbackEventHandler): WebForm_InitCallback and WebForm_DoCallback of
// WebForms.js over fetch (PROTOCOL.md §5.2, §5.4). The PageRequestManager drops and cancels
// them around async postbacks (§4.8, prm.ts). A part of its own (`/__deltaform/callbacks.<hash>.js`,
// entry parts/callbacks.ts), loaded after the core only by pages that reference a callback.
import { eachField, pair } from './body.ts'
import { setHiddenField } from './fields.ts'
import { post } from './net.ts'
import { defineMissing, pageForm } from './webforms.ts'

const EV = '__EVENTVALIDATION'

/**
 * One entry of `window.__pendingCallbacks`, as WebForms.js keeps them (minus the XHR).
 *
 * @example
 * const c: PendingCallback = __pendingCallbacks[0] // c.context, c.async…
 */
export interface PendingCallback {
  eventCallback?: ((result: string, context: unknown) => void) | null
  context: unknown
  errorCallback?: ((message: string, context: unknown) => void) | null
  async: unknown
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
 * The form as WebForm_InitCallback snapshots it: returns the `name=value&` text and appends
 * `{ name, value }` entries to `fields`. A select repeats its `value` per selected option; the
 * input with id `__EVENTVALIDATION` is left out (each call adds the current one).
 *
 * @example
 * snapshot(theForm) // '__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=%2FwEPDw...&'
 * snapshot(theForm, __theFormPostCollection) // …and [{ name: '__EVENTTARGET', value: '' }, …] appended
 */
export function snapshot(form: any, fields: Array<{ name: string; value: string }> = []): string {
  let data = ''
  eachField(
    form,
    ({ id, name }, value) => {
      if (id != EV) (data += pair(name, value)), fields.push({ name, value })
    },
    true,
  )
  return data
}

/**
 * The client-callback globals of WebForms.js: `WebForm_InitCallback`, `WebForm_DoCallback`,
 * `__pendingCallbacks` (`[]`), `__synchronousCallBackIndex` (`-1`), `__theFormPostData` (`''`)
 * and `__theFormPostCollection` (`[]`). install.ts defines each one the page has not defined
 * (the original WebForms.js may be loaded instead) at bundle load, before the
 * PageRequestManager's `_initialize` wraps `WebForm_DoCallback` (it drops calls during async
 * postbacks, §4.8).
 *
 * `WebForm_DoCallback(eventTarget, eventArgument, eventCallback, context, errorCallback, useAsync, options?)`
 * POSTs `<form snapshot>__CALLBACKID=<target>&__CALLBACKPARAM=<argument>[&__EVENTVALIDATION=<current>]`
 * to the form's action (fragment stripped) with only a `Content-Type` header.
 *
 * **Deltaform difference:** by default the snapshot is the form *when the callback starts*;
 * ASP.NET posts the page-load snapshot (`__theFormPostData`, taken by `WebForm_InitCallback`
 * and again after each async update). For ASP.NET parity set
 * `window.__deltaformCallbackSnapshot = 'load'` for the whole page, or pass
 * `{ snapshot: 'load' }` as a 7th argument for one call (`{ snapshot: 'call' }` overrides the
 * page setting).
 *
 * Slots (WebForm_CallbackComplete's rules): each call takes the first free slot of
 * `__pendingCallbacks`; a synchronous one (`useAsync` false) nulls the slot of the pending
 * synchronous one, whose result is then dropped. When the response (or a network failure)
 * arrives, a callback still in its slot is freed, then: `s<result>` →
 * `eventCallback(result, context)`; `e<message>` → `errorCallback(message, context)`;
 * `<EV length>|<EV><result>` → the form's `__EVENTVALIDATION` field set (created when missing)
 * if EV is non-empty, then `eventCallback(result, context)`; anything else (an HTML error page,
 * a failed request) does nothing. Status codes are not looked at.
 *
 * @example
 * defineMissing(window, callbackGlobals(window))
 * WebForm_DoCallback('__Page', 'refresh', (result, ctx) => show(result), null, (message) => alert(message), true)
 * WebForm_DoCallback('GridView1', 'page$2', render, null, null, false, { snapshot: 'load' })
 */
export function callbackGlobals(w: any): Record<string, unknown> {
  return {
    __pendingCallbacks: [],
    __synchronousCallBackIndex: -1,
    __theFormPostData: '',
    __theFormPostCollection: [],
    WebForm_InitCallback() {
      w.__theFormPostData += snapshot(pageForm(w), w.__theFormPostCollection)
    },
    WebForm_DoCallback(eventTarget: string, eventArgument: string, eventCallback: unknown, context: unknown, errorCallback: unknown, useAsync: unknown, options?: CallbackOptions) {
      // The PageRequestManager's own drop (§4.8), for when this part arrived after its
      // _initialize (an async postback brought the first callback reference) and it could not wrap us.
      const prm = w.Sys && w.Sys.WebForms.PageRequestManager._instance
      if (prm && prm.get_isInAsyncPostBack()) return
      const f = pageForm(w)
      const ev = f[EV]
      const pending: Array<PendingCallback | null> = w.__pendingCallbacks
      const c = { eventCallback, context, errorCallback, async: useAsync } as PendingCallback
      // pair() ends each field with '&': the last one is cut off below.
      const body =
        (((options && options.snapshot) || w.__deltaformCallbackSnapshot) == 'load' ? w.__theFormPostData : snapshot(f)) +
        pair('__CALLBACKID', eventTarget) +
        pair('__CALLBACKPARAM', eventArgument) +
        (ev ? pair(EV, ev.value) : '')
      const done = (text: string) => {
        // Not there any more: replaced by a later synchronous callback, or cancelled by an async postback.
        const i = pending.indexOf(c)
        if (i < 0) return
        if (!c.async) w.__synchronousCallBackIndex = -1
        // Freed before the callback runs: it may start another one.
        pending[i] = null
        const kind = text.charAt(0)
        const bar = text.indexOf('|')
        // Without a `|` this parses '' → NaN too.
        const n = parseInt(text.substring(0, bar))
        let fn = c.eventCallback
        let start = 1
        if (kind == 'e') fn = c.errorCallback
        else if (kind != 's') {
          if (isNaN(n)) return
          const value = text.substring(bar + 1, bar + n + 1)
          if (value) f[EV] ? (f[EV].value = value) : setHiddenField(f, EV, value)
          start = bar + n + 1
        }
        if (fn) fn(text.substring(start), c.context)
      }
      let i = 0
      while (pending[i]) i++
      pending[i] = c
      if (!useAsync) {
        if (w.__synchronousCallBackIndex != -1) pending[w.__synchronousCallBackIndex] = null
        w.__synchronousCallBackIndex = i
      }
      post((f.action || location.pathname).split('#')[0], body.slice(0, -1))
        .then((r) => r.text())
        .then(done, () => done(''))
    },
  }
}

/**
 * Defines the client-callback globals of {@link callbackGlobals} the page has not defined (the
 * original WebForms.js may be loaded instead): what the callbacks part does when it loads.
 *
 * @example
 * installCallbacks(window) // WebForm_DoCallback, WebForm_InitCallback, __pendingCallbacks…
 */
export function installCallbacks(w: any): void {
  defineMissing(w, callbackGlobals(w))
}
