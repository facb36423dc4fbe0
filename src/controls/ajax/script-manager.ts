import { Control } from '../control.ts'
import type { ControlHost, PostBackDataHandler, PostBackEventHandler, PostData } from '../host.ts'
import { defineStateProperties } from '../properties.ts'
import type { HtmlWriter } from '../../render/html-writer.ts'
import { htmlEncode, jsStringEncode } from '../../render/encode.ts'
import type { UpdatePanel } from './update-panel.ts'
import { checkCanAddHistoryPoint, historyDisabled, HistoryPoints, historyStartupScript, type HistoryEventArgs } from './history.ts'

const itemKey = 'deltaform.ScriptManager'

/** What a script registration made through the ScriptManager is, for the delta (PROTOCOL §2.3). */
export type ScriptRegistration =
  | { kind: 'block'; owner: Control; key: string; script: string; addScriptTags: boolean }
  | { kind: 'startup'; owner: Control; key: string; script: string; addScriptTags: boolean }
  | { kind: 'include'; owner: Control; key: string; url: string }
  | { kind: 'array'; owner: Control; name: string; value: string }
  | { kind: 'expando'; owner: Control; controlId: string; attribute: string; value: string | null; encode: boolean }
  | { kind: 'submit'; owner: Control; key: string; script: string }
  | { kind: 'hidden'; owner: Control; name: string; value: string }
  | { kind: 'dispose'; owner: Control; script: string }

/** A data item for the client's `pageLoading`/`pageLoaded`/`endRequest` handlers. */
export interface DataItem {
  control: Control
  data: string
  isJson: boolean
}

/** What `OnAsyncPostBackError` handlers receive; they may set `scriptManager.asyncPostBackErrorMessage`. */
export interface AsyncPostBackErrorEventArgs {
  exception: unknown
}

/**
 * Enables partial rendering: UpdatePanels refresh through async postbacks that answer with
 * the ASP.NET AJAX delta. One per page, inside the server form.
 *
 * @example
 * <asp:ScriptManager ID="ScriptManager1" runat="server" AsyncPostBackTimeout="30" />
 * // code-behind
 * this.scriptManager!.registerDataItem(this.Label1, JSON.stringify({ at: Date.now() }), true)
 */
export class ScriptManager extends Control implements PostBackDataHandler, PostBackEventHandler {
  declare enablePartialRendering: boolean
  /** `EnableHistory`: back/forward and links with a fragment restore server state (OnNavigate). */
  declare enableHistory: boolean
  /** `EnableSecureHistoryState` (default true): the state in the URL is signed with the app key. */
  declare enableSecureHistoryState: boolean
  /** `ClientNavigateHandler`: a client function name added with `Sys.Application.add_navigate`. */
  declare clientNavigateHandler: string
  /** @internal The history point of this request (EnableHistory). */
  readonly history = new HistoryPoints()
  declare asyncPostBackTimeout: number
  declare asyncPostBackErrorMessage: string
  declare allowCustomErrorsRedirect: boolean
  /**
   * `ExecutePanelScripts="true"`: the inline `<script>` elements of UpdatePanels an async
   * postback refreshed run once after the update, in document order (under a nonce CSP only the
   * page's own, nonced ones). Off by default, as in ASP.NET, where panel markup's scripts never run.
   */
  declare executePanelScripts: boolean
  /** Registered UpdatePanels, parents before children. */
  readonly panels: UpdatePanel[] = []
  readonly asyncPostBackControls: Control[] = []
  readonly postBackControls: Control[] = []
  readonly registrations: ScriptRegistration[] = []
  readonly dataItems: DataItem[] = []
  /** The UniqueID of the element that started this async postback (`panels|source` field). */
  asyncPostBackSourceElementID = ''
  /** Panels the client asked to refresh, by UniqueID. */
  requestedPanelIDs: string[] = []
  /** The ClientID to focus after the update. */
  focusClientID: string | undefined
  private panelsInitialized = false
  /** @internal Panels refreshing in this async postback, with their content once rendered. */
  readonly refreshing = new Map<UpdatePanel, string | null>()
  /** @internal Panels re-rendered inside a refreshing parent. */
  readonly childPanels: UpdatePanel[] = []

  /** The page's ScriptManager, if it has one. */
  static getCurrent(host: ControlHost | null): ScriptManager | null {
    return (host?.items.get(itemKey) as ScriptManager | undefined) ?? null
  }

  /** Whether this request is an async postback answered with a delta. */
  get isInAsyncPostBack(): boolean {
    return !!this.host?.isAsyncPostBack && this.supportsPartialRendering
  }

  /** Partial rendering is on and not switched off for this request. */
  get supportsPartialRendering(): boolean {
    return this.enablePartialRendering && !this.host?.partialRenderingOff
  }

  override onInit(): Promise<void> | void {
    const host = this.host!
    if (host.items.has(itemKey) && host.items.get(itemKey) !== this) {
      throw new Error('Only one ScriptManager can be added to the page.')
    }
    host.items.set(itemKey, this)
    if (this.enableHistory) {
      // The client posts back to the ScriptManager itself when the user navigates (ASP.NET's InitComplete).
      this.registerAsyncPostBackControl(this)
      this.history.navigating = host.isPostBack && host.postData?.get('__EVENTTARGET') === this.uniqueID
    }
    if (host.isAsyncPostBack && !this.supportsPartialRendering) {
      throw new Error('This page received an async postback, but partial rendering is not enabled on its ScriptManager.')
    }
    return super.onInit()
  }

  // ---- registration of panels and controls ----------------------------------------------

  /** @internal Called by UpdatePanel in its Init; ancestors first. */
  registerUpdatePanel(panel: UpdatePanel): void {
    if (this.panels.includes(panel)) return
    this.panels.push(panel)
    // A panel that joins after the post data was read catches up at once.
    if (this.panelsInitialized) panel.initializeTriggers()
  }

  /** @internal */
  unregisterUpdatePanel(panel: UpdatePanel): void {
    const i = this.panels.indexOf(panel)
    if (i >= 0) this.panels.splice(i, 1)
  }

  /**
   * Makes a control outside any UpdatePanel post back asynchronously.
   *
   * @example
   * this.scriptManager!.registerAsyncPostBackControl(this.Refresh)
   */
  registerAsyncPostBackControl(control: Control): void {
    if (this.postBackControls.includes(control)) {
      throw new Error(`The control '${control.id}' is already registered as a full postback control; it cannot also post back asynchronously.`)
    }
    if (!this.asyncPostBackControls.includes(control)) this.asyncPostBackControls.push(control)
  }

  /**
   * Makes a control inside an UpdatePanel do a full postback.
   *
   * @example
   * this.scriptManager!.registerPostBackControl(this.Download)
   */
  registerPostBackControl(control: Control): void {
    if (this.asyncPostBackControls.includes(control)) {
      throw new Error(`The control '${control.id}' is already registered as an async postback control; it cannot also do a full postback.`)
    }
    if (!this.postBackControls.includes(control)) this.postBackControls.push(control)
  }

  // ---- partial-page history (EnableHistory) ------------------------------------------------

  /**
   * True while the postback restores a history point (OnNavigate runs): add no new point then.
   *
   * @example
   * if (sm.isInAsyncPostBack && !sm.isNavigating) sm.addHistoryPoint({ step: '2' })
   */
  get isNavigating(): boolean {
    return this.history.navigating
  }

  /**
   * Adds a browser history point during an async postback: the state (merged into the current
   * point's; a `null` value removes a key) goes to the URL fragment, signed unless
   * EnableSecureHistoryState is false; back/forward to it raises `OnNavigate` with that state.
   * `title` becomes the page title and the history entry's title.
   *
   * @example
   * if (sm.isInAsyncPostBack && !sm.isNavigating) sm.addHistoryPoint({ step: '2' }, 'Step 2')
   * sm.addHistoryPoint('step', '2', 'Step 2')
   */
  addHistoryPoint(state: Readonly<Record<string, string | null>>, title?: string | null): void
  addHistoryPoint(key: string, value: string | null, title?: string | null): void
  addHistoryPoint(first: string | Readonly<Record<string, string | null>>, second?: string | null, third?: string | null): void {
    checkCanAddHistoryPoint(this, this.enableHistory, this.isInAsyncPostBack)
    const byKey = typeof first === 'string'
    this.history.set(byKey ? { [first]: second ?? null } : first)
    const title = byKey ? third : second
    if (title != null && this.host) this.host.title = title
    if (!this.dataItems.some((d) => d.control === this)) {
      // Read at render time: points added after this one (in PreRender) are included.
      const sm = this
      this.dataItems.push({ control: this, get data() { return sm.history.stateString(sm.host, sm.enableSecureHistoryState) }, isJson: false })
    }
  }

  /**
   * A postback whose event target is the ScriptManager: the client navigated to a history
   * point (`__doPostBack('ScriptManager1', '<server state>')`). Raises `OnNavigate`.
   *
   * @example
   * await sm.raisePostBackEvent(stateFromTheFragment)
   */
  async raisePostBackEvent(eventArgument: string): Promise<void> {
    if (!this.enableHistory) throw historyDisabled(this)
    await this.raiseNavigateWith(this.loadHistoryState(eventArgument))
  }

  /** Verifies and keeps the posted state; throws at once (a 400) when it was tampered with. */
  private loadHistoryState(text: string): Record<string, string> {
    return this.history.load(this.host, text, this.enableSecureHistoryState)
  }

  private async raiseNavigateWith(state: Record<string, string>): Promise<void> {
    const args: HistoryEventArgs = { state }
    await this.raise('Navigate', args)
  }

  // ---- script registrations (sent in deltas when their owner is active) ------------------

  /**
   * Sends a string (or JSON text with `isJson`) to the client's event handlers as
   * `args.get_dataItems()[control.ClientID]`. Async postbacks only.
   */
  registerDataItem(control: Control, data: string, isJson = false): void {
    if (!this.isInAsyncPostBack) throw new Error('registerDataItem can only be called during an async postback.')
    if (this.dataItems.some((d) => d.control === control)) throw new Error(`A data item is already registered for '${control.id}'.`)
    this.dataItems.push({ control, data, isJson })
  }

  registerStartupScript(owner: Control, key: string, script: string, addScriptTags = false): void {
    this.addRegistration({ kind: 'startup', owner, key, script, addScriptTags })
    this.host?.clientScript.registerStartupScript(key, script, addScriptTags)
  }

  registerClientScriptBlock(owner: Control, key: string, script: string, addScriptTags = false): void {
    this.addRegistration({ kind: 'block', owner, key, script, addScriptTags })
    this.host?.clientScript.registerClientScriptBlock(key, script, addScriptTags)
  }

  registerClientScriptInclude(owner: Control, key: string, url: string): void {
    this.addRegistration({ kind: 'include', owner, key, url })
    this.host?.clientScript.registerClientScriptInclude(key, url)
  }

  /**
   * A script a control's client side needs (ASP.NET's script reference of a script control):
   * one `<script src>` per page, whichever controls ask, and in an async postback an include
   * record whenever `owner` is inside a refreshing panel — so a control that first appears
   * there brings its script along (the client skips scripts it already has).
   *
   * @example
   * sm.registerScriptReference(this, host.clientScripts.components)
   */
  registerScriptReference(owner: Control, url: string): void {
    const key = `reference:${url}`
    if (!this.registrations.some((r) => r.kind === 'include' && r.owner === owner && r.url === url)) this.registrations.push({ kind: 'include', owner, key, url })
    this.host?.clientScript.registerClientScriptInclude(key, url)
  }

  registerArrayDeclaration(owner: Control, name: string, value: string): void {
    this.registrations.push({ kind: 'array', owner, name, value })
    this.host?.clientScript.registerStartupScript(`array:${name}:${this.registrations.length}`, `var ${name} = window.${name} || []; ${name}.push(${value});\n`, true)
  }

  registerExpandoAttribute(owner: Control, controlId: string, attribute: string, value: string | null, encode = true): void {
    this.registrations.push({ kind: 'expando', owner, controlId, attribute, value, encode })
    this.host?.clientScript.registerStartupScript(`expando:${controlId}:${attribute}`, `${expandoTarget(controlId, attribute)} = ${expandoValue(value, encode)};\n`, true)
  }

  registerOnSubmitStatement(owner: Control, key: string, script: string): void {
    this.addRegistration({ kind: 'submit', owner, key, script })
    this.host?.clientScript.registerOnSubmitStatement(key, script)
  }

  registerHiddenField(owner: Control, name: string, value: string): void {
    if (this.registrations.some((r) => r.kind === 'hidden' && r.name === name)) return
    this.registrations.push({ kind: 'hidden', owner, name, value })
    this.host?.clientScript.registerHiddenField(name, value)
  }

  /** A script the client runs before the owner's UpdatePanel is replaced (to dispose widgets). */
  registerDispose(owner: Control, script: string): void {
    this.registrations.push({ kind: 'dispose', owner, script })
  }

  /**
   * Moves focus to a control (or a ClientID) after the page or the async update loads.
   *
   * @example
   * this.scriptManager!.setFocus(this.Email)
   */
  setFocus(target: Control | string): void {
    this.focusClientID = typeof target === 'string' ? target : target.clientID
  }

  private addRegistration(registration: ScriptRegistration & { key: string }): void {
    const duplicate = this.registrations.some((r) => r.kind === registration.kind && 'key' in r && r.key === registration.key)
    if (!duplicate) this.registrations.push(registration)
  }

  /** @internal Keeps a refreshing panel's inner HTML for its `updatePanel` record. */
  capturePanel(panel: UpdatePanel, html: string): void {
    if (this.refreshing.has(panel)) this.refreshing.set(panel, html)
  }

  // ---- post data: the `panels|source` field ------------------------------------------------

  loadPostData(postDataKey: string, postData: PostData): boolean {
    if (!this.isInAsyncPostBack) {
      // A full postback posts the history field: ASP.NET raises Navigate with it (once: not
      // again here when the postback itself is the navigation).
      if (this.enableHistory && !this.history.navigating && this.host) {
        // Bad state throws here, in the lifecycle; the handler's own failure surfaces when the
        // page settles its tracked work (the catch only keeps it from counting as unhandled meanwhile).
        const work = this.raiseNavigateWith(this.loadHistoryState(postData.get(postDataKey) ?? ''))
        work.catch(() => undefined)
        this.host.track(work)
      }
      return false
    }
    const value = postData.get(postDataKey) ?? ''
    const bar = value.indexOf('|')
    const target = bar >= 0 ? value.slice(0, bar) : value
    this.asyncPostBackSourceElementID = bar >= 0 ? value.slice(bar + 1) : ''
    if (target && target !== this.uniqueID) this.requestedPanelIDs = target.split(',').filter(Boolean)
    this.initializePanels()
    return false
  }

  raisePostDataChangedEvent(): void {}

  /** @internal Initializes every panel's triggers once (async: from post data; full: in Load). */
  initializePanels(): void {
    if (this.panelsInitialized) return
    this.panelsInitialized = true
    for (const panel of [...this.panels]) panel.initializeTriggers()
  }

  // ---- rendering of the initial page -------------------------------------------------------

  override onPreRender(): Promise<void> | void {
    const host = this.host!
    const scripts = host.clientScripts
    const api = host.clientScript
    if (!this.isInAsyncPostBack) {
      // The same key as client callbacks use: the script is included once.
      if (scripts.kind === 'deltaform') api.registerClientScriptInclude('deltaform.webforms', scripts.client)
      else {
        api.registerClientScriptInclude('deltaform.webforms', scripts.webForms)
        api.registerClientScriptInclude('MicrosoftAjax.js', scripts.microsoftAjax)
        api.registerClientScriptBlock('deltaform.frameworkCheck', "if (typeof(Sys) === 'undefined') throw new Error('ASP.NET Ajax client-side framework failed to load.');\n", true)
        api.registerClientScriptInclude('MicrosoftAjaxWebForms.js', scripts.microsoftAjaxWebForms)
      }
      host.clientScript.registerStartupScript('deltaform.initialize', 'Sys.Application.initialize();\n', true)
      // The history part (Microsoft's MicrosoftAjax.js has history built in).
      if (this.enableHistory && scripts.kind === 'deltaform' && scripts.history) api.registerClientScriptInclude('deltaform.history', scripts.history)
      if (this.enableHistory && this.clientNavigateHandler && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(this.clientNavigateHandler)) {
        throw new Error(`The ClientNavigateHandler of ScriptManager '${this.id}' must be the name of a client function (such as onNavigate or app.onNavigate), not '${this.clientNavigateHandler}'.`)
      }
      if (this.enableHistory && this.clientNavigateHandler) api.registerStartupScript('deltaform.historyNavigate', `Sys.Application.add_navigate(${this.clientNavigateHandler});\n`, true)
      // ExecutePanelScripts: the part that runs refreshed panels' inline scripts (nothing otherwise).
      if (this.executePanelScripts && scripts.kind === 'deltaform' && scripts.panelScripts) api.registerClientScriptInclude('deltaform.panelScripts', scripts.panelScripts)
    }
    return super.onPreRender()
  }

  override onUnload(): Promise<void> | void {
    if (this.host?.items.get(itemKey) === this) this.host.items.delete(itemKey)
    return super.onUnload()
  }

  override render(writer: HtmlWriter): void {
    const host = this.host!
    if (this.focusClientID && !this.isInAsyncPostBack) {
      // Deltaform's client defines WebForm_AutoFocus; with Microsoft's, it lives in Focus.js
      // (written here: the form's script includes are already out when the ScriptManager renders).
      if (host.clientScripts.kind === 'microsoft') writer.write(`<script src="${htmlEncode(host.clientScripts.focus)}"${host.clientScript.nonceAttr}></script>\n`)
      host.clientScript.registerStartupScript('deltaform.focus', `WebForm_AutoFocus('${jsStringEncode(this.focusClientID)}');\n`, true)
    }
    if (this.supportsPartialRendering) this.renderInitialize(writer)
    if (this.enableHistory && !this.isInAsyncPostBack) this.renderHistory(writer)
  }

  /** The field the client keeps the server state in (posted only by full postbacks) and its startup script. */
  private renderHistory(writer: HtmlWriter): void {
    const nonce = this.host!.clientScript.nonceAttr
    const script = historyStartupScript(this.clientID, this.uniqueID, this.history.stateString(this.host, this.enableSecureHistoryState))
    writer.write(`<input type="hidden" name="${htmlEncode(this.uniqueID)}" id="${htmlEncode(this.clientID)}" />\n`)
    writer.write(`<script${nonce}>\n//<![CDATA[\n${script}//]]>\n</script>\n`)
  }

  private renderInitialize(writer: HtmlWriter): void {
    const host = this.host!
    const form = formOf(this)
    const call =
      `Sys.WebForms.PageRequestManager._initialize('${this.uniqueID}', '${form ? form.clientID : ''}', ` +
      `[${this.panelList().map(quote).join(',')}], [${pairList(this.asyncPostBackControls).map(quote).join(',')}], ` +
      `[${pairList(this.postBackControls).map(quote).join(',')}], ${Math.trunc(this.asyncPostBackTimeout)}, '');`
    writer.write(`<script${host.clientScript.nonceAttr}>\n//<![CDATA[\n${call}\n//]]>\n</script>\n`)
  }

  /** The `updatePanelIDs` entries: `t`/`f` + UniqueID, then ClientID (or '' for AutoID). */
  panelList(): string[] {
    const out: string[] = []
    for (const panel of this.panels) {
      if (!panel.visible) continue
      out.push((panel.childrenAsTriggers ? 't' : 'f') + panel.uniqueID, pairClientID(panel))
    }
    return out
  }

  /** The `asyncPostBackControlIDs` / `postBackControlIDs` entries. */
  controlList(kind: 'async' | 'full'): string[] {
    return pairList(kind === 'async' ? this.asyncPostBackControls : this.postBackControls)
  }
}

function pairList(controls: Control[]): string[] {
  const out: string[] = []
  for (const control of controls) if (control.visible) out.push(control.uniqueID, pairClientID(control))
  return out
}

/** The ClientID the client needs, or '' when it can derive it from the UniqueID (AutoID). */
function pairClientID(control: Control): string {
  return control.effectiveClientIDMode === 'AutoID' ? '' : control.clientID
}

function quote(value: string): string {
  return `'${value}'`
}

function formOf(control: Control): Control | null {
  for (let p = control.parent; p; p = p.parent) if ((p as { tagName?: string }).tagName === 'form') return p
  return null
}

/**
 * `document.getElementById('id')['attr']`, as the expando record's id.
 *
 * @example
 * expandoTarget('Name', 'title') // "document.getElementById('Name')['title']"
 */
export function expandoTarget(controlId: string, attribute: string): string {
  return `document.getElementById('${jsStringEncode(controlId)}')['${jsStringEncode(attribute)}']`
}

/**
 * The expando record's content: a quoted string literal or `null`.
 *
 * @example
 * expandoValue('a"b', true) // '"a\\"b"'
 */
export function expandoValue(value: string | null, encode: boolean): string {
  if (value === null) return 'null'
  return `"${encode ? jsStringEncode(value) : value}"`
}

defineStateProperties(ScriptManager, {
  enablePartialRendering: true,
  asyncPostBackTimeout: 90,
  asyncPostBackErrorMessage: '',
  allowCustomErrorsRedirect: true,
  enableHistory: false,
  enableSecureHistoryState: true,
  clientNavigateHandler: '',
  executePanelScripts: false,
})
