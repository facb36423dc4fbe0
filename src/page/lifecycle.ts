import type { Control } from '../controls/control.ts'
import { isPostBackDataHandler, isPostBackEventHandler, type PostData, type PostBackDataHandler } from '../controls/host.ts'
import { HttpError } from '../errors.ts'
import { HtmlWriter } from '../render/html-writer.ts'
import { renderingCspSafe } from '../render/csp-attributes.ts'
import { isSystemPostField } from '../request/classify.ts'
import { EventValidation } from '../state/event-validation.ts'
import { historyStateCodec } from '../state/history-state.ts'
import { decodeViewState, encodeViewState, viewStateGenerator, type StateScope, type StateSigner } from '../state/view-state.ts'
import { CallbackError, runCallback } from '../callbacks/run-callback.ts'
import { htmlEncode } from '../render/encode.ts'
import { ScriptManager } from '../controls/ajax/script-manager.ts'
import { ClientScriptManager } from './client-script-manager.ts'
import { renderDelta, renderErrorDelta, renderRedirectDelta } from './partial-render.ts'
import type { FormState } from './form-render.ts'
import { PageRedirect, type Page, type PageRequest } from './page.ts'
import type { PhaseTimings } from './phase-timings.ts'
import { checkSequence, type StateSequence } from './replay-guard.ts'

/** How the runner treats state for one page. */
export interface LifecycleSettings {
  signingKey: Buffer
  /** Identifies the page in signed state (its route), so state of one page is refused by another. */
  pageId: string
  /** Binds state to a user (ViewStateUserKey); state made for another user is refused. */
  userKey?: string
  /**
   * The session the state is bound to when no userKey is given. State made before the session
   * existed (unbound) is still accepted — anyone can get such state, and the SameSite=Lax
   * cookie keeps other sites from posting it with the user's session — but state bound to
   * another session is refused.
   */
  sessionKey?: string
  /** The id of an expired session the request's cookie still names: its state is accepted too. */
  formerSessionKey?: string
  enableEventValidation: boolean
  viewStateMaxBytes: number
  development: boolean
  nonce?: string
  /**
   * The version of the page (its markup and code-behind): a postback made by another version
   * (a deploy, or an edited page in development) reloads the page instead of applying state.
   */
  buildId?: string
  /** Collects the time of each phase: state (verify posted state), lifecycle, save, render. */
  timings?: PhaseTimings
}

/** The outcome of running a page. */
export interface PageResult {
  status: number
  headers: Headers
  body: string
  /** `text/html` unless the page answered an async postback with a delta (`text/plain`). */
  contentType: string
  /** A server error the page answered itself (in an async postback's `error` record), for logging. */
  error?: unknown
  /** The answer is an async postback's `error` record (a refusal or a failure), though its status is 200. */
  failed?: boolean
  /** Set when the page called `redirect()`. */
  redirect?: string
}

/** What travels in `__VIEWSTATE`: the control tree's state and the controls that need post data. */
interface PageState {
  t?: unknown
  p?: string[]
  /** The page view and its postback sequence (users with a session; see replay-guard.ts). */
  q?: StateSequence
}

/**
 * Runs the Web Forms lifecycle on a page whose control tree is built, and renders it.
 * Every phase awaits async hooks and handlers.
 *
 * @example
 * const page = factory.create()
 * const result = await runPage(page, request, settings)
 */
export function runPage(page: Page, request: PageRequest, settings: LifecycleSettings): Promise<PageResult> {
  // A nonce CSP blocks inline handlers: render them for the runtime's csp part (when served).
  const scripts = page.clientScripts
  const cspSafe = !!settings.nonce && scripts.kind === 'deltaform' && !!scripts.csp
  return cspSafe ? renderingCspSafe(() => runLifecycle(page, request, settings)) : runLifecycle(page, request, settings)
}

async function runLifecycle(page: Page, request: PageRequest, settings: LifecycleSettings): Promise<PageResult> {
  page.request = request
  page.isDevelopment = settings.development
  page.isCallback = request.kind === 'callback'
  page.isAsyncPostBack = request.kind === 'asyncPostback'
  page.isPostBack = request.kind !== 'get'
  page.clientScript = new ClientScriptManager(settings.enableEventValidation)
  page.clientScript.nonce = settings.nonce
  const scripts = page.clientScripts
  page.clientScript.webFormsScriptUrl = scripts.kind === 'deltaform' ? scripts.client : scripts.webForms
  let callbackBaseline = 0
  page.attach(page)
  const scope: StateScope = { pageId: settings.pageId, userKey: settings.userKey ?? settings.sessionKey }
  const signer = { key: settings.signingKey }
  page.historyState = historyStateCodec(signer, settings.pageId)

  try {
    const generator = viewStateGenerator(settings.pageId, settings.buildId)
    refuseOtherBuilds(page, request, generator)
    // Verify signed state before any user code runs: tampered input never reaches a handler.
    const posted = decodePostedState(page, request, settings, signer, scope)
    // A superseded copy of the form is refused before any user code runs, too.
    const sequence = page.isCallback ? posted?.q : checkSequence(posted?.q, page.allowsStateReplay ? null : page.stateSession, page.isPostBack)
    settings.timings?.mark('state')
    if (page.isCallback) callbackBaseline = page.clientScript.renderedEvents.size
    await phase(page, () => page.onPreInit())
    await phase(page, () => page.initRecursive())
    await phase(page, () => page.onInitComplete())
    const pendingPostBack: string[] = []
    const changed: PostBackDataHandler[] = []
    if (page.isPostBack && request.form) {
      if (posted?.t) page.loadViewStateRecursive(posted.t as never)
      pendingPostBack.push(...(posted?.p ?? []))
      await page.settle()
      const leftover = processPostData(page, request.form, pendingPostBack, changed, true)
      await phase(page, () => page.onPreLoad())
      await phase(page, () => page.loadRecursive())
      processPostData(page, request.form, leftover, changed, false)
      for (const control of changed) await control.raisePostDataChangedEvent()
      await page.settle()
      await raisePostBackEvent(page, request.form)
      await page.settle()
    } else {
      await phase(page, () => page.onPreLoad())
      await phase(page, () => page.loadRecursive())
    }
    await phase(page, () => page.onLoadComplete())
    if (page.isCallback) {
      // An abbreviated lifecycle: no PreRender, no new view state, no render.
      const events = page.clientScript.renderedEvents
      const body = await runCallback(page, settings.enableEventValidation ? () => (events.size > callbackBaseline ? events.encode(signer, scope) : '') : null)
      return { status: 200, headers: page.response.headers, body, contentType: 'text/plain; charset=utf-8' }
    }
    await phase(page, () => page.preRenderRecursive())
    await phase(page, () => page.onPreRenderComplete())

    settings.timings?.mark('lifecycle')
    // A session abandoned in this request is gone with its cookie: seal the new state unbound.
    const sealScope = settings.userKey === undefined && page.stateSession?.isAbandoned ? { pageId: settings.pageId } : scope
    page.formState = saveFormState(page, settings, signer, sealScope, sequence, generator)
    settings.timings?.mark('save')
    await phase(page, () => page.onSaveStateComplete())

    const sm = ScriptManager.getCurrent(page)
    if (page.isAsyncPostBack && sm?.isInAsyncPostBack) {
      return { status: 200, headers: page.response.headers, body: renderDelta(page, sm), contentType: deltaContentType }
    }
    const writer = new HtmlWriter()
    page.renderControl(writer)
    return { status: page.response.status, headers: page.response.headers, body: writer.toString(), contentType: 'text/html; charset=utf-8' }
  } catch (error) {
    if (page.isAsyncPostBack) return await asyncFailure(page, error, settings)
    if (error instanceof CallbackError && page.isCallback) {
      return { status: 200, headers: page.response.headers, body: 'e' + htmlEncode(error.message), contentType: 'text/plain; charset=utf-8' }
    }
    if (error instanceof PageRedirect) {
      return { status: 302, headers: page.response.headers, body: '', redirect: error.location, contentType: 'text/html; charset=utf-8' }
    }
    throw error
  } finally {
    await page.unloadRecursive().catch(() => undefined)
  }
}

const deltaContentType = 'text/plain; charset=utf-8'

/**
 * An async postback never gets an HTML error page or a 302: the client reads a redirect as
 * `pageRedirect` and a failure as an `error` record, both with status 200 (PROTOCOL §2.6, §2.8).
 */
async function asyncFailure(page: Page, error: unknown, settings: LifecycleSettings): Promise<PageResult> {
  const headers = page.response.headers
  if (error instanceof PageRedirect) return { status: 200, headers, body: renderRedirectDelta(error.location), contentType: deltaContentType }
  const sm = ScriptManager.getCurrent(page)
  if (sm) await sm.raise('AsyncPostBackError', { exception: error })
  const status = error instanceof HttpError ? error.status : 500
  const shown = error instanceof HttpError || settings.development ? ((error as Error)?.message ?? String(error)) : ''
  const message = sm?.asyncPostBackErrorMessage || shown
  return { status: 200, headers, body: renderErrorDelta(status, message), contentType: deltaContentType, error: error instanceof HttpError ? undefined : error, failed: true }
}

/**
 * A postback made by another build of the page (the build half of `__VIEWSTATEGENERATOR`) reloads the
 * page: a redirect to itself (in an async postback, the pageRedirect record), or a callback
 * error asking to reload — never old state applied to a changed control tree.
 */
function refuseOtherBuilds(page: Page, request: PageRequest, current: string): void {
  const posted = page.isPostBack ? request.form?.get('__VIEWSTATEGENERATOR') : undefined
  // Another page's state is not a build question: its signature check refuses it (400).
  if (posted === undefined || posted === current || posted.slice(0, 4) !== current.slice(0, 4)) return
  if (page.isCallback) throw new CallbackError('The __VIEWSTATEGENERATOR field names another build of this page: it was updated on the server since it was loaded; reload the page.')
  throw new PageRedirect(request.url.pathname + request.url.search)
}

/** Reads `__VIEWSTATE` and `__EVENTVALIDATION` of a postback (HTTP 400 when tampered). */
function decodePostedState(page: Page, request: PageRequest, settings: LifecycleSettings, signer: StateSigner, scope: StateScope): PageState | undefined {
  const form = request.form
  if (!page.isPostBack || !form) return undefined
  if (settings.userKey !== undefined) return decodeWithin(page, form, settings, signer, scope)
  // Bound to this session, to the expired one the cookie still names, or made before any
  // session existed (unbound); the first error is the one reported.
  const keys = [settings.sessionKey, settings.formerSessionKey].filter((k): k is string => k !== undefined)
  let first: unknown
  for (const userKey of [...keys, undefined]) {
    try {
      return decodeWithin(page, form, settings, signer, { pageId: scope.pageId, userKey })
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 400) throw error
      first ??= error
    }
  }
  throw first
}

function decodeWithin(page: Page, form: PostData, settings: LifecycleSettings, signer: StateSigner, scope: StateScope): PageState | undefined {
  const posted = decodeViewState(form.get('__VIEWSTATE') ?? '', signer, scope, { maxBytes: settings.viewStateMaxBytes }) as PageState | undefined
  if (settings.enableEventValidation) {
    page.clientScript.postedEvents = EventValidation.decode(form.get('__EVENTVALIDATION') ?? '', signer, scope)
    // A callback adds to what the page allowed instead of replacing it.
    if (page.isCallback) page.clientScript.renderedEvents = page.clientScript.postedEvents
  }
  return posted
}

/** Saves the control tree's state and the controls needing post data into the form's state fields. */
function saveFormState(
  page: Page,
  settings: LifecycleSettings,
  signer: StateSigner,
  scope: StateScope,
  sequence: StateSequence | undefined,
  generator: string,
): FormState {
  const state: PageState = {}
  if (sequence) state.q = sequence
  const tree = page.saveViewStateRecursive()
  if (tree) state.t = tree
  const requires = [...page.requiresPostBack].filter((c) => c.visible).map((c) => c.uniqueID)
  if (requires.length) state.p = requires
  return {
    viewState: encodeViewState(state.t || state.p || state.q ? state : null, signer, scope),
    generator,
    controlState: tree,
    encodeEventValidation: () =>
      settings.enableEventValidation && page.clientScript.renderedEvents.size > 0 ? page.clientScript.renderedEvents.encode(signer, scope) : '',
  }
}

async function phase(page: Page, run: () => Promise<void> | void): Promise<void> {
  await run()
  await page.settle()
}

/**
 * Hands post data to the controls that own it (ASP.NET's ProcessPostData). Returns the keys
 * whose controls do not exist yet, to retry after Load (controls added in Load).
 */
function processPostData(
  page: Page,
  form: PostData & { keys?: () => string[] },
  extraKeys: string[],
  changed: PostBackDataHandler[],
  beforeLoad: boolean,
): string[] {
  const leftover: string[] = []
  const keys = beforeLoad ? [...formKeys(form), ...extraKeys] : extraKeys
  const seen = new Set<string>()
  for (const key of keys) {
    if (seen.has(key) || isSystemPostField(key)) continue
    seen.add(key)
    const control = findByUniqueID(page, key)
    if (!control) {
      if (beforeLoad) leftover.push(key)
      continue
    }
    if (isPostBackDataHandler(control)) {
      if (control.loadPostData(key, form)) changed.push(control)
      page.requiresPostBack.delete(control)
    } else if (isPostBackEventHandler(control)) {
      page.registerRequiresRaiseEvent(control)
    }
  }
  // Controls that asked for post data in this request (added in Load) but sent no field.
  if (!beforeLoad) {
    for (const control of [...page.requiresPostBack]) {
      if (isPostBackDataHandler(control) && !seen.has(control.uniqueID)) {
        if (control.loadPostData(control.uniqueID, form)) changed.push(control)
      }
    }
  }
  return leftover
}

function formKeys(form: PostData & { keys?: () => string[] }): string[] {
  return typeof form.keys === 'function' ? form.keys() : []
}

/**
 * The control a posted UniqueID names (`Grid1$ctl02$Edit`), or `null`.
 *
 * @example
 * findByUniqueID(page, 'Grid1$ctl02$Edit')
 */
export function findByUniqueID(page: Page, uniqueID: string): Control | null {
  if (!uniqueID || uniqueID.length > 1024) return null
  return page.findControl(uniqueID)
}

async function raisePostBackEvent(page: Page, form: PostData): Promise<void> {
  const argument = form.get('__EVENTARGUMENT') ?? ''
  if (page.requiresRaiseEvent) {
    await (page.requiresRaiseEvent as unknown as { raisePostBackEvent(a: string): unknown }).raisePostBackEvent(argument)
    return
  }
  const target = form.get('__EVENTTARGET') ?? ''
  if (!target) {
    await page.validate()
    return
  }
  const control: unknown = target.toLowerCase() === '__page' ? page : findByUniqueID(page, target)
  // ASP.NET ignores a target that exists but handles no event (an AutoPostBack TextBox).
  if (control && !isPostBackEventHandler(control)) return
  if (!control || !isPostBackEventHandler(control)) {
    throw new HttpError(
      400,
      `The postback names the event target '${target.length > 80 ? target.slice(0, 77) + '...' : target}', ` +
        'which is not a control on this page that handles postback events.',
    )
  }
  await control.raisePostBackEvent(argument)
}
