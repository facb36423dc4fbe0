import type { Control } from './control.ts'
import type { ObjectCache } from '../cache/object-cache.ts'
import type { HtmlWriter } from '../render/html-writer.ts'

/**
 * The post data of the current request, as controls read it in `loadPostData`.
 * (Satisfied by the request layer's FormCollection.)
 */
export interface PostData {
  get(name: string): string | undefined
  getAll(name: string): string[]
  has(name: string): boolean
}

/** Options of a postback reference, as ASP.NET's PostBackOptions. */
export interface PostBackOptions {
  argument?: string
  /** Run client validation first (WebForm_DoPostBackWithOptions). */
  performValidation?: boolean
  validationGroup?: string
  actionUrl?: string
  trackFocus?: boolean
  /** false for a submit button: the browser submits the form itself. */
  clientSubmit?: boolean
  /** Wraps the call in setTimeout(…, 0), as AutoPostBack does. */
  autoPostBack?: boolean
}

/** What controls use of the page's ClientScriptManager. */
export interface ClientScriptApi {
  getPostBackEventReference(control: Control, options?: PostBackOptions | string): string
  registerForEventValidation(uniqueID: string, argument?: string): void
  validateEvent(uniqueID: string, argument?: string): void
  registerStartupScript(key: string, script: string, addScriptTags?: boolean): void
  registerClientScriptBlock(key: string, script: string, addScriptTags?: boolean): void
  registerClientScriptInclude(key: string, url: string): void
  registerOnSubmitStatement(key: string, script: string): void
  registerHiddenField(name: string, value: string): void
  /** The `WebForm_DoCallback(...)` text for a callback to `control` (argument and context are JS expressions). */
  getCallbackEventReference(control: Control, argument: string, clientCallback: string, context: string, clientErrorCallback?: string | null, useAsync?: boolean): string
  /** Includes a control's own client script (see defineClientResource) once per page. */
  registerClientScriptResource(resource: { name: string; url: string }): void
  /** ` nonce="…"` for script elements when the page uses a CSP nonce, else ''. */
  readonly nonceAttr: string
  /** Runs a render and returns the event-validation entries it registered (cached fragments). */
  recordEventValidation?(work: () => void): Array<[string, string]>
  /** Runs a panel's render with its event-validation entries in their own segment. */
  inEventValidationSegment?<T>(name: string, work: () => T): T
}

/**
 * Which browser scripts the ScriptManager references: Deltaform's own bundle, or the
 * original ASP.NET AJAX files for teams keeping their client code. Deltaform's bundle is a core
 * (`client`) plus optional parts a page loads after it only when it needs them: `components`
 * (Timer, UpdateProgress), `callbacks` (WebForm_DoCallback) and `history` (ScriptManager
 * EnableHistory: Sys.Application.addHistoryPoint & co). Without a part's URL (a page not
 * served by an app) nothing references that part. `csp` runs a nonce-CSP page's handlers;
 * `panelScripts` runs refreshed panels' inline scripts (ScriptManager ExecutePanelScripts).
 * `morph` patches UpdatePanels with UpdateStrategy="Morph" and applies FocusPolicy.
 *
 * @example
 * const set: ClientScriptSet = { kind: 'deltaform', client: '/__deltaform/client.1a2b3c4d.js', focus: '/__deltaform/client.1a2b3c4d.js', components: '/__deltaform/components.5e6f7a8b.js' }
 */
export type ClientScriptSet =
  | { kind: 'deltaform'; client: string; focus: string; components?: string; callbacks?: string; history?: string; csp?: string; panelScripts?: string; morph?: string }
  | { kind: 'microsoft'; webForms: string; microsoftAjax: string; microsoftAjaxWebForms: string; microsoftAjaxTimer?: string; focus: string }

/** A validator as the page sees it (Page.validators). */
export interface Validator {
  validationGroup: string
  isValid: boolean
  validate(): Promise<void> | void
  readonly errorMessage: string
  /** Whether `control` is the one this validator checks (its ControlToValidate): an invalid validator's field renders `aria-invalid="true"`. */
  validates?(control: Control): boolean
}

/**
 * What a control needs from the page it lives on. The Page class implements it; controls
 * never import the page module, so arrows point one way (page → controls).
 */
export interface ControlHost {
  readonly isPostBack: boolean
  readonly postData: PostData | null
  readonly clientScript: ClientScriptApi
  readonly validators: Validator[]
  /** Runs the validators of a group (`''` = default group). */
  validate(validationGroup?: string): Promise<void>
  readonly isDevelopment: boolean
  /** Whether this request is an async (partial) postback. */
  readonly isAsyncPostBack: boolean
  /** Per-request storage shared by the page and its controls (HttpContext.Items). */
  readonly items: Map<string, unknown>
  /** The request's URL path and query, as the form's action. */
  readonly requestPath: string
  /** The browser scripts pages load for partial rendering, timers and callbacks. */
  readonly clientScripts: ClientScriptSet
  /** True when partial rendering is switched off for this request (the comparison kit's full run). */
  readonly partialRenderingOff: boolean
  /** Awaits work a lifecycle hook started outside the runner (dynamic control catch-up). */
  track(work: Promise<unknown> | void): void
  /** Asks for `loadPostData` on the next post even when the post has no field for it. */
  registerRequiresPostBack(control: Control): void
  /** Picks the control whose `raisePostBackEvent` runs (a submit button found in the post). */
  registerRequiresRaiseEvent(control: Control): void
  /** Writes what the page puts at the start of its server form (state fields, scripts). */
  beginFormRender(writer: HtmlWriter, form: Control): void
  /** Writes what the page puts at the end of its server form (event validation, startup scripts). */
  endFormRender(writer: HtmlWriter, form: Control): void
  /** The page title, for a server `<head>`. */
  title: string
  /** The app's object cache, when the page is served by an app (cached fragments use it). */
  readonly objectCache?: ObjectCache | null
  /** Signs and verifies the server state of history points (ScriptManager EnableSecureHistoryState). */
  readonly historyState?: { encode(state: Readonly<Record<string, string>>): string; decode(text: string): Record<string, string> }
}

/**
 * A control that reads its value from the post (TextBox, CheckBox, lists): ASP.NET's
 * IPostBackDataHandler. `loadPostData` returns true when the value changed, and the page
 * then calls `raisePostDataChangedEvent` (TextChanged, CheckedChanged…).
 */
export interface PostBackDataHandler {
  loadPostData(postDataKey: string, postData: PostData): boolean
  raisePostDataChangedEvent(): Promise<void> | void
}

/** A control that handles a postback event (Button, LinkButton): IPostBackEventHandler. */
export interface PostBackEventHandler {
  raisePostBackEvent(eventArgument: string): Promise<void> | void
}

/** @example if (isPostBackDataHandler(c)) changed = c.loadPostData(c.uniqueID, form) */
export function isPostBackDataHandler(c: unknown): c is PostBackDataHandler {
  return typeof (c as PostBackDataHandler)?.loadPostData === 'function'
}

/** @example if (isPostBackEventHandler(c)) await c.raisePostBackEvent(argument) */
export function isPostBackEventHandler(c: unknown): c is PostBackEventHandler {
  return typeof (c as PostBackEventHandler)?.raisePostBackEvent === 'function'
}
