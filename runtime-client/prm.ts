// Sys.WebForms.PageRequestManager: interception, the async-or-full decision, and sending
// (PROTOCOL.md §1.1–§1.4, §4.1–§4.3, §4.8). Response handling lives in response.ts.
import { buildBody, panelField, submitterField } from './body.ts'
import { accessors, addEvents, byId, raise, sysError, throwLater, type Handler } from './events.ts'
import { findNearestElement, getPostBackSettings, panelUniqueID, processArrays, settings, toClientID, type PostBackSettings } from './ids.ts'
import { webRequest, type Executor, type WebRequest } from './net.ts'
import { completeRequest, pageLoaded, type Delta } from './response.ts'
import { $get } from './sys.ts'
import { resetEdits } from './keep-input.ts'
import { announce } from './announce.ts'
import { conflictKey, idempotencyKey, isClickSource, keyField, policyOf } from './concurrency.ts'
import { clientValid, fireDefaultButton, postBackWithOptions, setEventFields } from './webforms.ts'

/**
 * `Sys.InvalidOperationException` with the given message.
 *
 * @example
 * invalidOperation('The PageRequestManager cannot be initialized more than once.')
 */
export const invalidOperation = (message: string): Error => sysError('Sys.InvalidOperationException', message)

const causesPostBack = /__doPostBack\(|WebForm_DoPostBackWithOptions\(/

// The WebForms.js functions the manager replaces (in the order of init_'s replacements).
const hooks = '__doPostBack WebForm_DoPostBackWithOptions WebForm_FireDefaultButton WebForm_DoCallback'.split(' ')

/**
 * `Sys.WebForms.PageRequestManager`: turns postbacks from inside UpdatePanels (and from async
 * triggers) into async postbacks, and raises the ASP.NET AJAX events around them.
 *
 * @example
 * const prm = Sys.WebForms.PageRequestManager.getInstance()
 * prm.add_endRequest((sender, args) => { if (args.get_error()) { args.set_errorHandled(true) } })
 */
export class PageRequestManager {
  [member: string]: any
  static _instance: PageRequestManager | undefined
  declare _form: any
  declare _scriptManagerID: string
  declare _masterPageUniqueID: string
  declare _updatePanelIDs: string[]
  declare _updatePanelClientIDs: string[]
  declare _updatePanelHasChildrenAsTriggers: boolean[]
  declare _asyncPostBackControlIDs: string[]
  declare _asyncPostBackControlClientIDs: string[]
  declare _postBackControlIDs: string[]
  declare _postBackControlClientIDs: string[]
  declare _asyncPostBackTimeout: number | null
  declare _onsubmit: any
  declare _onSubmitStatements: Array<() => unknown>
  declare _scriptDisposes: Record<string, string[]>
  declare _request: WebRequest | null
  declare _processingRequest: boolean
  declare _postBackSettings: PostBackSettings | null
  declare _additionalInput: string | null
  declare _activeElement: any
  declare _controlIDToFocus: string | null
  declare _scrollPosition: [x: number, y: number] | null

  constructor() {
    Object.assign(this, processArrays(), { _onSubmitStatements: [], _scriptDisposes: {}, _request: null, _asyncPostBackTimeout: null, orig_: {}, queue_: [] })
  }

  /** The page's single instance. @example Sys.WebForms.PageRequestManager.getInstance() */
  static getInstance(): PageRequestManager {
    return (PageRequestManager._instance ||= new PageRequestManager())
  }

  /**
   * The bootstrap call the server renders; throws on a second call.
   * @example
   * Sys.WebForms.PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
   */
  static _initialize(...args: any[]): void {
    const p: any = PageRequestManager.getInstance()
    p.init_(...args)
  }

  /**
   * Appends values to the global array `name` (created when missing); arrayDeclaration records call it.
   * @example
   * Sys.WebForms.PageRequestManager._addArrayElement('Page_Validators', document.getElementById('v1'))
   */
  static _addArrayElement(name: string, ...values: unknown[]): void {
    const w: any = window
    // Pushed, not replaced: scripts may hold the array (and values may be arrays themselves).
    ;(w[name] = w[name] || []).push(...values)
  }

  init_(sm: string, form: any, panels?: string[], asyncIDs?: string[], postBackIDs?: string[], timeout?: number, masterPageUniqueID?: string): void {
    if (this.inited_) throw invalidOperation('The PageRequestManager cannot be initialized more than once.')
    this.inited_ = 1
    const w: any = window
    const f = (this._form = typeof form == 'string' ? $get(form) : form)
    this._scriptManagerID = sm
    this._masterPageUniqueID = masterPageUniqueID || ''
    this._onsubmit = f.onsubmit
    f.onsubmit = null
    this.on_ = [
      [f, 'submit', (e: Event) => this.onSubmit_(e)],
      [f, 'click', (e: any) => this.onClick_(e)],
      // The last changed field, for the `__doPostBack` lookup of AutoPostBack (via setTimeout).
      [f, 'change', (e: any) => (this._activeElement = e.target)],
      [w, 'unload', () => this.dispose()],
      [w, 'load', () => pageLoaded(this)],
      // A page back from the back/forward cache is a new state of the page: a new key.
      [w, 'pageshow', (e: any) => e.persisted && (this.idem_ = idempotencyKey())],
    ]
    this.idem_ = idempotencyKey()
    for (const [t, n, h] of this.on_) t.addEventListener(n, h)
    const replacements = [
      (t: string, a: string) => this.doPostBack_(t, a),
      (o: any) => this.doPostBackWithOptions_(o),
      (e: any, id: string) => this.fireDefaultButton_(e, id),
      (...a: any[]) => this.get_isInAsyncPostBack() || this.orig_[hooks[3]](...a),
    ]
    hooks.forEach((g, i) => (this.orig_[g] = w[g]) && (w[g] = replacements[i]))
    if (panels) this._updateControls(panels, asyncIDs, postBackIDs, timeout, true)
  }

  /**
   * Replaces the panel / trigger lists (v4 pairs, or 3.5 single IDs) and the timeout (seconds).
   * @example
   * prm._updateControls(['tUP1'], ['Btn1'], [], 90) // 3.5 format
   */
  _updateControls(panels?: string[] | null, asyncIDs?: string[] | null, postBackIDs?: string[] | null, timeoutSeconds?: number | string | null, version4?: boolean): void {
    Object.assign(this, processArrays(panels, asyncIDs, postBackIDs, version4))
    if (timeoutSeconds != null) this._asyncPostBackTimeout = +timeoutSeconds * 1000
  }

  /** Whether an async postback is in flight. @example prm.get_isInAsyncPostBack() */
  get_isInAsyncPostBack(): boolean {
    return !!this._request
  }

  /** Aborts the in-flight request if its response has not arrived (endRequest, no error). @example prm.abortPostBack() */
  abortPostBack(): void {
    if (!this._processingRequest && this._request) {
      this._request.get_executor().abort()
      this._request = null
    }
  }

  /**
   * Starts an async postback refreshing the given panels (UniqueIDs or ClientIDs).
   * @example
   * prm.beginAsyncPostBack(['UpdatePanel1'], 'Refresh', '')
   */
  beginAsyncPostBack(panels?: string[] | null, eventTarget?: string, eventArgument?: string, causesValidation?: boolean, validationGroup?: string): void {
    if (!clientValid(causesValidation, validationGroup || null)) return
    this._postBackSettings = settings(true, panels, eventTarget)
    setEventFields(this._form, eventTarget || '', eventArgument || '')
    this.cross_ = this._additionalInput = null
    this.onSubmit_()
  }

  /** Unhooks everything and restores the original WebForms functions. @example prm.dispose() */
  dispose(): void {
    const w: any = window
    for (const [t, n, h] of this.on_ || []) t.removeEventListener(n, h)
    for (const g in this.orig_) if (this.orig_[g]) w[g] = this.orig_[g]
    this.on_ = this._form = null
    this.orig_ = {}
  }

  /**
   * Remembers a script to run before the panel (or an ancestor panel) is next replaced.
   * @example
   * prm._registerDisposeScript('UpdatePanel1', "$find('Comp1').dispose();")
   */
  _registerDisposeScript(panelClientID: string, script: string): void {
    const d = this._scriptDisposes
    d[panelClientID] = (d[panelClientID] || []).concat(script)
  }

  onClick_(e: any): void {
    this.clicked_ = e.target === this.default_
    this.onActive_(e.target, e.offsetX, e.offsetY)
  }

  onActive_(el: any, x: unknown, y: unknown): void {
    if (el.disabled) return
    this._activeElement = el
    this._postBackSettings = getPostBackSettings(this as any, el, el.name)
    const field = submitterField(el, x, y)
    if (field) this._additionalInput = field
  }

  doPostBack_(target: string, argument: string): void {
    const f = this._form
    const mp = this._masterPageUniqueID
    const event = (window as any).event
    const walk = (el: any) => getPostBackSettings(this as any, el, target)
    let s = settings(false)
    this._additionalInput = null
    if (target == null || this.cross_) this.cross_ = 0
    else {
      // Predictable ClientIDs leave out the master page's UniqueID: retry without it.
      const cut = mp && target.startsWith(mp + '$') ? mp.length + 1 : 0
      const id = toClientID(target)
      let el: any = byId(id) || (cut && byId(id.slice(cut)))
      if (el) s = walk(el)
      else if (this._asyncPostBackControlIDs.includes(target)) s = settings(true, null, target)
      else if (!this._postBackControlIDs.includes(target)) {
        el = findNearestElement(target) || (cut && findNearestElement(target.slice(cut)))
        if (!el) {
          // Instead of the caller stack: the current event's element, or the last clicked/changed one.
          const active = (event && event.target) || this._activeElement
          const names = (v: any) => causesPostBack.test((v = String(v || ''))) && (v.includes("'" + target + "'") || v.includes('"' + target + '"'))
          if (active && (active.name === target || names(active.href) || names(active.onclick) || names(active.onchange))) el = active
        }
        if (el) s = walk(el)
      }
    }
    this._postBackSettings = s
    if (s.async) {
      setEventFields(f, target, argument)
      this.onSubmit_()
    } else {
      keyField(f, this.idem_)
      f.onsubmit = this._onsubmit
      this.orig_[hooks[0]](target, argument)
      f.onsubmit = null
    }
  }

  doPostBackWithOptions_(o: any): void {
    this.cross_ = o && o.actionUrl
    postBackWithOptions(o, (t, a) => this.doPostBack_(t, a), this._form)
  }

  fireDefaultButton_(e: any, id: string): boolean {
    return fireDefaultButton(e, id, (click, button) => {
      this.default_ = button
      this.clicked_ = false
      try {
        click()
      } finally {
        this.default_ = null
      }
    })
  }

  panelField_(panels: string[] | null | undefined, s: PostBackSettings): string {
    let ids: any = panels || s.panelsToUpdate
    if (ids) ids = [].concat(ids).map((id) => panelUniqueID(this, id))
    return panelField(this._scriptManagerID, ids, s.asyncTarget)
  }

  onSubmit_(e?: Event): void {
    const w: any = window
    const crossPost = this.cross_
    const stop = () => e && e.preventDefault()
    this.cross_ = 0
    let ok: unknown = !this._onsubmit || this._onsubmit()
    for (const statement of this._onSubmitStatements) ok = ok && statement()
    if (!ok) return stop()
    if (crossPost) return
    if (this.default_ && !this.clicked_) this.onActive_(this.default_, 0, 0)
    const s = this._postBackSettings
    if (!s || !s.async) return keyField(this._form, this.idem_)
    const f = this._form
    if (this._request && this.holdBack_(s)) return stop()
    const first = this.panelField_(null, s)
    const req = webRequest(f.action, buildBody(f, this._scriptManagerID, first, this._additionalInput), this._asyncPostBackTimeout, (ex) => completeRequest(this, ex))
    req.get_headers()['Idempotency-Key'] = this.idem_
    const v: any = { request: req, postBackElement: s.sourceElement, cancel: false, updatePanelsToUpdate: s.panelsToUpdate }
    const init = accessors(v)
    // A copy: handlers change the list through set_updatePanelsToUpdate only.
    init.get_updatePanelsToUpdate = () => (v.updatePanelsToUpdate || []).slice()
    this._additionalInput = null
    raise(this, 'initializeRequest', init)
    if (v.cancel) return stop()
    const panels = v.updatePanelsToUpdate
    if (panels !== s.panelsToUpdate) req.set_body(req.get_body().replace(first, this.panelField_(panels, s)))

    this._scrollPosition = [w.scrollX || 0, w.scrollY || 0]
    this.abortPostBack()
    raise(this, 'beginRequest', accessors({ request: req, postBackElement: s.sourceElement, updatePanelsToUpdate: (panels || []).slice() }))
    // Pending client callbacks would corrupt __EVENTVALIDATION: drop them (§4.8) — also when the
    // callbacks part arrived after _initialize, so WebForm_DoCallback was not there to wrap.
    const pending = w.__pendingCallbacks || []
    pending.forEach((c: any, i: number) => {
      if (!c) return
      if (!c.async) w.__synchronousCallBackIndex = -1
      pending[i] = null
      const frame = byId('__CALLBACKFRAME' + i)
      if (frame) frame.remove()
    })
    // A postback whose answer was still being applied ends without end_: unmark what it marked.
    this.unmark_()
    this._request = req
    this._processingRequest = false
    this.key_ = conflictKey(s)
    const el = s.sourceElement
    // Shown as unavailable (aria-disabled keeps it focusable) until the answer is in.
    if ((this.src_ = el) && isClickSource(el) && !el.hasAttribute('aria-disabled')) el.setAttribute('aria-disabled', (this.marked_ = 'true'))
    resetEdits()
    // Panels expected to change are busy until the answer is in (assistive technology waits).
    this.busy_ = (panels || []).map((id: string) => byId(this._updatePanelClientIDs[this._updatePanelIDs.indexOf(id)] || toClientID(id))).filter(Boolean)
    for (const panel of this.busy_) panel.setAttribute('aria-busy', 'true')
    req.invoke()
    stop()
  }

  /**
   * While a postback is in flight: whether this one stays back instead of replacing it — a
   * second click on the same control (a double submit), or its `data-concurrency` says `drop`,
   * `queue`, or `abort-conflicting` for another panel (it is then sent when its turn comes, with
   * the page's fields and state of then). See concurrency.ts.
   */
  holdBack_(s: PostBackSettings): boolean {
    const f = this._form
    const el = s.sourceElement
    const input = this._additionalInput
    const mode = policyOf(el, 'data-concurrency')
    this._additionalInput = null
    if (el === this.src_ && isClickSource(el) && policyOf(el, 'data-double-submit') != 'allow') return true
    if (mode == 'queue' || (mode == 'abort-conflicting' && conflictKey(s) != this.key_)) {
      const [target, argument] = [f.__EVENTTARGET.value, f.__EVENTARGUMENT.value]
      this.queue_.push(() => {
        this._postBackSettings = s
        this._additionalInput = input
        setEventFields(f, target, argument)
        this.onSubmit_()
      })
      return true
    }
    if (mode == 'drop') return true
    // Not held back: the postback goes ahead with its submitter field.
    this._additionalInput = input
    return false
  }

  /** Takes aria-busy off the panels and aria-disabled off the control the postback marked. */
  unmark_(): void {
    for (const panel of this.busy_ || []) panel.removeAttribute('aria-busy')
    if (this.marked_) this.src_.removeAttribute('aria-disabled')
    this.busy_ = []
    this.src_ = this.marked_ = null
  }

  /** Ends a postback: clears it when current, raises endRequest, throws unhandled errors later. */
  end_(error: Error | null, ex: Executor, d?: Delta): void {
    if (this._request === ex.get_webRequest()) {
      this._processingRequest = this._additionalInput = this._request = null as any
      this.unmark_()
    }
    const v = { error, dataItems: (d && d.items_) || {}, response: ex, errorHandled: false }
    raise(this, 'endRequest', accessors(v))
    // The next queued postback, once this one (or the one that replaced it) has ended.
    const next = this.queue_.shift()
    if (next) setTimeout(() => (this._request ? this.queue_.unshift(next) : next()))
    if (error && !v.errorHandled) {
      announce(error.message, 'assertive')
      throwLater(error)
    }
  }
}

addEvents(PageRequestManager.prototype, 'initializeRequest beginRequest pageLoading pageLoaded endRequest')

/**
 * The event-handler methods `addEvents` adds (typed for TypeScript callers).
 *
 * @example
 * PageRequestManager.getInstance().add_pageLoaded((sender, args) => args.get_panelsUpdated())
 */
export interface PageRequestManager {
  add_initializeRequest(h: Handler): void
  add_beginRequest(h: Handler): void
  add_pageLoading(h: Handler): void
  add_pageLoaded(h: Handler): void
  add_endRequest(h: Handler): void
  remove_beginRequest(h: Handler): void
  remove_endRequest(h: Handler): void
}
