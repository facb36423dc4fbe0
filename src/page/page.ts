import { RedirectInCallback } from '../callbacks/run-callback.ts'
import { Control } from '../controls/control.ts'
import { ScriptManager } from '../controls/ajax/script-manager.ts'
import type { ClientScriptSet, ControlHost, PostData, Validator } from '../controls/host.ts'
import type { HtmlWriter } from '../render/html-writer.ts'
import { redirectTarget } from '../render/url.ts'
import { HttpError } from '../errors.ts'
import type { RequestKind } from '../request/classify.ts'
import { ClientScriptManager } from './client-script-manager.ts'
import { beginFormRender, endFormRender, type FormState } from './form-render.ts'
import type { CacheUser } from '../cache/cache-profile.ts'
import type { ObjectCache } from '../cache/object-cache.ts'
import type { Session } from '../session/session.ts'
import type { HistoryStateCodec } from '../state/history-state.ts'

/**
 * The signed-in user, as the app's `authenticate(c)` gives it: a name, and for the output
 * cache the user's rights and whether the user edits content.
 *
 * @example
 * createApp({ pages, authenticate: (c) => (c.req.header('x-user') ? { name: c.req.header('x-user')!, rights: 'read' } : undefined) })
 */
export interface AppUser extends CacheUser {
  name: string
}

/** The request as a page sees it. */
export interface PageRequest {
  method: string
  url: URL
  headers: Headers
  kind: RequestKind
  /** The posted form on postbacks and callbacks; `null` on a GET. */
  form: PostData | null
  /** Cookies of the request, by name. */
  cookies: Readonly<Record<string, string>>
  /** The underlying framework context (a Hono `Context`) when served by the app. */
  raw?: unknown
  /**
   * Aborted when the client goes away or the request runs past `requestTimeoutMs`: pass it to
   * your own fetches and queries so they stop too.
   *
   * @example
   * const rows = await fetch(api, { signal: this.request.signal })
   */
  signal?: AbortSignal
}

/**
 * What the page writes back besides its body.
 *
 * @example
 * this.response.headers.set('Cache-Control', 'no-store')
 */
export class PageResponse {
  status = 200
  readonly headers = new Headers()
  /** Set by {@link Page.redirect}. */
  redirectLocation: string | undefined
  /**
   * Tags for the output-cached copy of this answer: `cache.invalidate(tag)` clears it.
   *
   * @example
   * this.response.cacheTags.add(`product:${id}`)
   */
  readonly cacheTags = new Set<string>()
}

/**
 * Thrown by {@link Page.redirect} to end the page's processing, like Response.Redirect(url, true).
 *
 * @example
 * throw new PageRedirect('/login.aspx')
 */
export class PageRedirect {
  constructor(readonly location: string) {}
}

/** A page-level hook name auto-wired by the Web Forms naming convention (`Page_Load`…). */
type AutoWired = 'Page_PreInit' | 'Page_Init' | 'Page_InitComplete' | 'Page_PreLoad' | 'Page_Load' | 'Page_LoadComplete' | 'Page_PreRender' | 'Page_PreRenderComplete' | 'Page_SaveStateComplete' | 'Page_Unload'

/**
 * The base class of every code-behind. Controls with an `id` become properties of the page;
 * lifecycle hooks (`onLoad()`…) and Web Forms names (`Page_Load`…) may be async.
 *
 * @example
 * import { Page, type Label } from 'deltaform'
 * export default class Hello extends Page {
 *   declare Greeting: Label
 *   Page_Load() { if (!this.isPostBack) this.Greeting.text = 'Hello' }
 * }
 */
export class Page extends Control implements ControlHost {
  /** Marks the page for `__Page` postback references. */
  readonly isPage = true
  /** The document title; rendered by a `<head runat="server">`. */
  title = ''
  request!: PageRequest
  readonly response = new PageResponse()
  clientScript: ClientScriptManager = new ClientScriptManager(true)
  readonly validators: Validator[] = []
  /** Set by the app: the signed-in user from its `authenticate()`, or undefined. */
  user: AppUser | undefined = undefined
  private sessionValue: Session | null = null
  /**
   * @internal Set by the app to the session that existed when the request began (read-write
   * pages): view state is bound to it, and superseded copies of the form are refused unless
   * the page allows state replay.
   */
  stateSession: Session | null = null
  /** @internal `AllowStateReplay="true"`: old copies of the form may post back. */
  allowsStateReplay = false
  /** @internal The id of an expired session the request's cookie still named. */
  formerSessionId: string | undefined = undefined
  private cacheValue: ObjectCache | null = null
  /** Per-request storage shared by the page and its controls (HttpContext.Items). */
  readonly items = new Map<string, unknown>()
  isDevelopment = true
  /** Set by the app: the scripts the ScriptManager references. */
  clientScripts: ClientScriptSet = { kind: 'deltaform', client: '/__deltaform/client.js', focus: '/__deltaform/focus.js' }
  /** Set by the app when a request asks for full postbacks only (`?__deltaform_partial=0`). */
  partialRenderingOff = false
  /** Set by the runner: signs the server state of history points (ScriptManager EnableHistory). */
  historyState: HistoryStateCodec | undefined = undefined
  /** Set by the runner: whether the request is a postback, an async postback, a callback. */
  isPostBack = false
  isCallback = false
  isAsyncPostBack = false
  private validated = false
  private readonly pendingWork: Promise<unknown>[] = []
  /** @internal Controls asking for loadPostData on the next postback (kept in view state). */
  readonly requiresPostBack = new Set<Control>()
  /** @internal The submit button found in the post, if any. */
  requiresRaiseEvent: Control | null = null

  override get isNamingContainer(): boolean {
    return true
  }

  override get uniqueID(): string {
    return '__Page'
  }

  /**
   * The page's ScriptManager, or `null` without one.
   *
   * @example
   * this.scriptManager?.setFocus(this.Email)
   */
  get scriptManager(): ScriptManager | null {
    return ScriptManager.getCurrent(this)
  }

  /**
   * Session state of the user (a cookie names it; memory or Redis keeps it). Requests of one
   * session run one at a time, so a read-modify-write here never loses an update.
   *
   * @example
   * this.session.set('count', (this.session.get<number>('count') ?? 0) + 1)
   */
  get session(): Session {
    if (!this.sessionValue) {
      throw new Error('Session state is off for this page: remove EnableSessionState="false" from its <%@ Page %> directive (or serve it with createApp).')
    }
    return this.sessionValue
  }

  set session(session: Session) {
    this.sessionValue = session
  }

  /**
   * The app's object cache (shared by every instance when Redis is configured).
   *
   * @example
   * const rates = await this.cache.getOrCreate('rates', loadRates, { absoluteMs: 60_000, tags: ['rates'] })
   */
  get cache(): ObjectCache {
    if (!this.cacheValue) throw new Error('The object cache is set by the app: serve the page with createApp.')
    return this.cacheValue
  }

  set cache(cache: ObjectCache) {
    this.cacheValue = cache
  }

  /** The object cache, or null outside an app (controls use this; pages use {@link Page.cache}). */
  get objectCache(): ObjectCache | null {
    return this.cacheValue
  }

  get postData(): PostData | null {
    return this.request?.form ?? null
  }

  get requestPath(): string {
    return this.request ? this.request.url.pathname + this.request.url.search : '/'
  }

  /**
   * True when every validator of the last {@link Page.validate} call passed (true before
   * any validation ran).
   */
  get isValid(): boolean {
    return this.validators.every((v) => v.isValid)
  }

  /** Whether {@link Page.validate} ran during this request. */
  get isValidated(): boolean {
    return this.validated
  }

  /**
   * Runs the validators of a validation group (`''` = the default group; `undefined` = all).
   *
   * @example
   * await this.validate('Signup')
   * if (this.isValid) await this.save()
   */
  async validate(validationGroup?: string): Promise<void> {
    this.validated = true
    for (const validator of this.validators) {
      if (validationGroup === undefined || (validator.validationGroup ?? '') === validationGroup) await validator.validate()
    }
  }

  /** The validators of one group. */
  getValidators(validationGroup = ''): Validator[] {
    return this.validators.filter((v) => (v.validationGroup ?? '') === validationGroup)
  }

  /**
   * Ends processing and sends the browser to `url` (a `302`, or a `pageRedirect` record in
   * an async postback).
   *
   * @example
   * if (!this.session.get('user')) this.redirect('/login.aspx')
   */
  redirect(url: string): never {
    if (this.isCallback) throw new RedirectInCallback()
    const target = redirectTarget(url)
    if (target === undefined) {
      throw new HttpError(400, `redirect() refused the target '${url.slice(0, 80)}': only relative and http(s) URLs without control characters can be redirect targets.`)
    }
    this.response.redirectLocation = target
    throw new PageRedirect(target)
  }

  // ---- ControlHost ----------------------------------------------------------------------

  track(work: Promise<unknown> | void): void {
    if (work) this.pendingWork.push(work)
  }

  /** @internal Awaits every tracked piece of work (dynamic controls catching up). */
  async settle(): Promise<void> {
    while (this.pendingWork.length) await this.pendingWork.shift()
  }

  registerRequiresPostBack(control: Control): void {
    this.requiresPostBack.add(control)
  }

  registerRequiresRaiseEvent(control: Control): void {
    this.requiresRaiseEvent = control
  }

  /** @internal The state fields computed before Render (set by the lifecycle runner). */
  formState: FormState = { viewState: '', generator: '', encodeEventValidation: () => '' }

  beginFormRender(writer: HtmlWriter, form: Control): void {
    beginFormRender(this, writer, form)
  }

  endFormRender(writer: HtmlWriter, form: Control): void {
    endFormRender(this, writer, form)
  }

  // ---- lifecycle hooks --------------------------------------------------------------------

  onPreInit(): Promise<void> | void {
    return this.autoWired('Page_PreInit')
  }

  override async onInit(): Promise<void> {
    await super.onInit()
    await this.autoWired('Page_Init')
  }

  onInitComplete(): Promise<void> | void {
    return this.autoWired('Page_InitComplete')
  }

  onPreLoad(): Promise<void> | void {
    return this.autoWired('Page_PreLoad')
  }

  override async onLoad(): Promise<void> {
    await super.onLoad()
    await this.autoWired('Page_Load')
  }

  onLoadComplete(): Promise<void> | void {
    return this.autoWired('Page_LoadComplete')
  }

  override async onPreRender(): Promise<void> {
    await super.onPreRender()
    await this.autoWired('Page_PreRender')
  }

  onPreRenderComplete(): Promise<void> | void {
    return this.autoWired('Page_PreRenderComplete')
  }

  onSaveStateComplete(): Promise<void> | void {
    return this.autoWired('Page_SaveStateComplete')
  }

  override async onUnload(): Promise<void> {
    await super.onUnload()
    await this.autoWired('Page_Unload')
  }

  private async autoWired(name: AutoWired): Promise<void> {
    const method = (this as unknown as Record<string, unknown>)[name]
    if (typeof method === 'function') await method.call(this, this, {})
  }
}
