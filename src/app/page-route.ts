import type { Context, Next } from 'hono'
import { getCookie } from 'hono/cookie'
import { effectiveProfile, type OutputCacheConfig } from '../cache/cache-profile.ts'
import { outputCacheKey } from '../cache/output-cache-key.ts'
import type { PageAnswer } from '../cache/output-cache.ts'
import { RedisUnavailableError } from '../cache/redis-connection.ts'
import { callSubstitution } from '../controls/substitution.ts'
import type { ClientScriptSet } from '../controls/host.ts'
import { HttpError } from '../errors.ts'
import { runPage, type LifecycleSettings } from '../page/lifecycle.ts'
import type { AppUser, Page } from '../page/page.ts'
import { PhaseTimings } from '../page/phase-timings.ts'
import { classifyRequest, type RequestKind } from '../request/classify.ts'
import { readForm, type FormCollection, type FormLimits } from '../request/form.ts'
import { SessionLockTimeoutError } from '../session/redis-lock.ts'
import { isValidSessionId } from '../session/session.ts'
import { loadSession, saveSession } from '../session/session-state.ts'
import type { AppServices } from './app-services.ts'
import { allowsStateReplay, declaredProfile, sessionMode } from './page-policies.ts'
import type { LoadedPage, PageLoader } from './page-loader.ts'
import { cspNonce } from './security-headers.ts'
import { deadlineOf } from './request-deadline.ts'
import { sessionCookie } from './session-cookie.ts'
import { DuplicatePostbacks, postbackKey } from './duplicate-postbacks.ts'
import type { PageObserver } from './inspector/inspector.ts'

/** What the page route needs from createApp. */
export interface PageRouteOptions {
  loader: PageLoader
  scripts: { urls(): Promise<ClientScriptSet> }
  services: AppServices
  limits: FormLimits
  lifecycle: Omit<LifecycleSettings, 'pageId' | 'buildId' | 'userKey' | 'timings'>
  userKey?: (c: Context) => string | undefined
  authenticate?: (c: Context) => AppUser | undefined
  varyByCustom?: (c: Context, name: string) => string
  outputCache: OutputCacheConfig
  session: { timeoutMinutes?: number; cookieName?: string }
  serverTiming: boolean
  partialSwitch: boolean
  /** Send `X-Deltaform-Cache: hit|miss|…` (development). */
  cacheOutcomeHeader: boolean
  /** See DeltaformConfig.requestTimeoutMs. */
  requestTimeoutMs: number
  /** The development inspector's observer (`/__deltaform`), when it is on. */
  inspect?: PageObserver
}

/**
 * The Hono handler of `.aspx` routes: reads the form, answers GETs from the output cache when
 * the page's profile allows, runs the page with its session (one request per session at a
 * time), and turns the result into a Response. Bad input is thrown as HttpError (4xx).
 *
 * @example
 * app.all('*', pageRoute({ loader, scripts, services, limits, lifecycle, outputCache: {}, session: {}, … }))
 */
export function pageRoute(options: PageRouteOptions) {
  const { loader, services } = options
  const cookie = sessionCookie(options.session.cookieName)
  const sessionTtlMs = (options.session.timeoutMinutes ?? 20) * 60_000
  // On Redis every instance sees the kept answers; in memory they stay in a bounded LRU of their own.
  const duplicates = new DuplicatePostbacks({ sharedStore: services.describe === 'memory' ? undefined : services.store })

  return async (c: Context, next: Next): Promise<Response | void> => {
    const url = new URL(c.req.url)
    const entry = await loader.load(decodePath(url.pathname))
    if (!entry) return next()
    options.inspect?.(c, {})
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      throw new HttpError(405, `The method ${method} is not allowed for pages; use GET or POST.`)
    }
    const timings = options.serverTiming || options.inspect ? new PhaseTimings() : undefined
    const form: FormCollection | null = method === 'POST' ? await readForm(c.req.raw, options.limits) : null
    timings?.mark('form')
    const kind = classifyRequest(method, c.req.raw.headers, form)
    options.inspect?.(c, { kind })
    const user = options.authenticate?.(c)

    // Only GET/HEAD page requests ever reach the output cache: a postback, async postback or
    // callback is always run, never answered with a stored page.
    // A full-postback comparison run (`?__deltaform_partial=0`) always renders afresh.
    const profile = kind === 'get' && !partialRenderingOff(url) ? effectiveProfile(declaredProfile(entry, options.outputCache), options.outputCache, user) : null
    // A postback sent twice from one state of the page (a double click, a retry) runs once.
    const idempotencyKey = form && (kind === 'postback' || kind === 'asyncPostback') ? postbackKey(c.req.raw.headers, form) : undefined
    const pageRun: PageRun = { c, entry, url, kind, form, user, timings, cacheable: profile !== null, idempotent: idempotencyKey !== undefined }
    const run = () => withSession(c, entry, (page) => runOne(page, pageRun))
    const render = idempotencyKey
      ? () => duplicates.run({ route: entry.route, key: idempotencyKey, kind, form: form!, scope: `${cookie.read(c) ?? ''}\0${options.userKey?.(c) ?? ''}\0${user?.name ?? ''}` }, run)
      : run
    if (!profile) {
      const answer = await render()
      // A kept answer carries the nonce of the answer it was made for: give it this one's.
      if (answer.headers.has('Idempotent-Replayed')) withNonce(answer, cspNonce(c))
      return respond(method, answer)
    }
    const key = outputCacheKey(profile, {
      route: entry.route,
      version: entry.buildId,
      query: url.searchParams,
      headers: c.req.raw.headers,
      user,
      custom: profile.varyByCustom ? (options.varyByCustom?.(c, profile.varyByCustom) ?? '') : undefined,
    })
    const request = { url, headers: c.req.raw.headers, cookies: getCookie(c) }
    const fill = (methodName: string) => callSubstitution(entry.pageClass as unknown as Record<string, unknown>, methodName, { request, user })
    const { answer, outcome } = await services.outputCache.serve(key, profile, c.req.raw.headers, render, fill)
    if (options.cacheOutcomeHeader) answer.headers.set('X-Deltaform-Cache', outcome)
    options.inspect?.(c, { cacheOutcome: outcome })
    const nonce = cspNonce(c)
    if (outcome === 'hit' || outcome === 'shared') withNonce(answer, nonce)
    // With a nonce the body differs per answer: no ETag.
    if (nonce) answer.headers.delete('ETag')
    return respond(method, answer)
  }

  function partialRenderingOff(url: URL): boolean {
    return options.partialSwitch && url.searchParams.get('__deltaform_partial') === '0'
  }

  async function withSession(c: Context, entry: LoadedPage, run: (page: Page) => Promise<PageAnswer>): Promise<PageAnswer> {
    const mode = sessionMode(entry)
    const page = new entry.pageClass()
    page.cache = services.cache
    if (mode === 'off') return run(page)
    const id = cookie.read(c)
    const go = async () => {
      const session = await unavailableAs503(() => loadSession(services.sessions, id))
      page.session = session
      if (mode === 'on' && !session.isNew) page.stateSession = session
      page.allowsStateReplay = allowsStateReplay(entry)
      if (session.isNew && isValidSessionId(id)) page.formerSessionId = id
      const answer = await run(page)
      if (mode === 'readonly') return answer
      const saved = await unavailableAs503(() => saveSession(services.sessions, session, sessionTtlMs))
      if (saved === 'saved' && session.isNew) answer.headers.append('Set-Cookie', cookie.issue(c, session.id))
      if (saved === 'destroyed' || (session.isAbandoned && id)) answer.headers.append('Set-Cookie', cookie.expire(c))
      return answer
    }
    // Requests of one existing session run one at a time (across instances on Redis).
    return mode === 'on' && isValidSessionId(id) ? unavailableAs503(() => services.sessionLock.run(id!, go)) : go()
  }

  async function runOne(page: Page, { c, entry, url, kind, form, user, timings, cacheable, idempotent }: PageRun): Promise<PageAnswer> {
    page.user = user
    page.clientScripts = await options.scripts.urls()
    page.partialRenderingOff = partialRenderingOff(url)
    entry.template.build(page)
    timings?.mark('build')
    const deadline = deadlineOf(c.req.raw.signal, options.requestTimeoutMs, idempotent)
    const result = await deadline.race(
      runPage(
        page,
        { method: c.req.method, url, headers: c.req.raw.headers, kind, form: kind === 'get' ? null : form, cookies: getCookie(c), raw: c, signal: deadline.signal },
        {
          ...options.lifecycle,
          pageId: entry.route,
          buildId: entry.buildId,
          userKey: options.userKey?.(c),
          // Bound to the session that existed when the request began — never on a render the
          // output cache may store and hand to other users.
          sessionKey: page.stateSession && !cacheable ? page.stateSession.id : undefined,
          formerSessionKey: page.formerSessionId,
          timings,
          nonce: cspNonce(c),
        },
      ),
    )
    const headers = new Headers(result.headers)
    if (timings) {
      timings.mark(kind === 'callback' ? 'callback' : 'render')
      if (options.serverTiming) headers.set('Server-Timing', timings.header())
    }
    options.inspect?.(c, { page, body: result.body, timings })
    if (kind !== 'get') headers.set('Cache-Control', 'no-store')
    if (result.error) console.error(result.error)
    if (result.redirect) {
      headers.set('Location', result.redirect)
      return { status: 302, headers, body: '' }
    }
    headers.set('Content-Type', result.contentType)
    return { status: result.status, headers, body: result.body, tags: [...page.response.cacheTags], failed: result.failed || !!result.error }
  }
}

/** A stored answer made for another request gets this request's CSP nonce (same length: delta record lengths hold). */
function withNonce(answer: PageAnswer, nonce: string | undefined): void {
  if (nonce) answer.body = answer.body.replace(/ nonce="[^"]*"/g, ` nonce="${nonce}"`)
}

/** One page request, as the route hands it to the page run. */
interface PageRun {
  c: Context
  entry: LoadedPage
  url: URL
  kind: RequestKind
  form: FormCollection | null
  user: AppUser | undefined
  timings: PhaseTimings | undefined
  /** A GET the output cache may store: state is never bound to the session then. */
  cacheable: boolean
  /** An idempotent postback runs to its end when the client goes away: its answer is kept for the retry. */
  idempotent: boolean
}

function respond(method: string, answer: PageAnswer): Response {
  if (!answer.headers.has('Cache-Control')) answer.headers.set('Cache-Control', 'private')
  const empty = method === 'HEAD' || answer.status === 304 || answer.status === 204
  return new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers })
}

async function unavailableAs503<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RedisUnavailableError) throw new HttpError(503, `Session state is unavailable: ${error.message}. Try again shortly.`)
    if (error instanceof SessionLockTimeoutError) throw new HttpError(503, `Session state is busy: ${error.message}`)
    throw error
  }
}

/**
 * Decodes a URL path, refusing bad percent-encoding with 400.
 *
 * @example
 * decodePath('/a%20b.aspx') // '/a b.aspx'
 */
export function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    throw new HttpError(400, 'The URL path is not valid percent-encoding.')
  }
}
