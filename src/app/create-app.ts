import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createControlRegistry, type MarkupClass } from '../controls/registry.ts'
import { HttpError } from '../errors.ts'
import { runPage } from '../page/lifecycle.ts'
import { PhaseTimings } from '../page/phase-timings.ts'
import { classifyRequest } from '../request/classify.ts'
import { defaultFormLimits, readForm, type FormCollection, type FormLimits } from '../request/form.ts'
import { resolveSigningKey } from '../state/keys.ts'
import { defaultViewStateMaxBytes } from '../state/view-state.ts'
import { readConfig, type DeltaformConfig } from './config.ts'
import { mountClientScripts, type MicrosoftClientScripts } from './client-scripts.ts'
import { renderErrorPage } from './error-page.ts'
import { PageLoader, type PageDefinition } from './page-loader.ts'

/** Options of {@link createApp}. */
export interface AppOptions {
  /** A folder of `.aspx` pages (file-system routing), or pages given in code by route. */
  pages: string | Record<string, PageDefinition>
  /** `development` (default unless NODE_ENV=production) or `production`. */
  mode?: 'development' | 'production'
  /** Signing key (hex); `DELTAFORM_KEY` and the config's `key` are read too. */
  key?: string
  /** Where development state (the generated key) is kept; default `<pages>/.deltaform`. */
  stateDir?: string
  /** Settings as in `deltaform.config.json`; read from the pages folder when omitted. */
  config?: DeltaformConfig
  /** Custom controls by tag prefix: `{ my: { Badge } }` → `<my:Badge runat="server" />`. */
  controls?: Record<string, Record<string, MarkupClass>>
  /** Binds signed state to a user (ViewStateUserKey): return a session or user id. */
  userKey?: (c: Context) => string | undefined
  /**
   * Load the original ASP.NET AJAX scripts (URLs, or files the app serves) instead of
   * Deltaform's client, for teams keeping their existing client code.
   */
  clientScripts?: MicrosoftClientScripts
  /** Honour `?__deltaform_partial=0` (full postbacks only) outside development too. */
  allowPartialRenderingSwitch?: boolean
}

/**
 * Creates the Hono app serving Deltaform pages: routes, postbacks, static files of the
 * pages folder, and clear 4xx answers to bad input.
 *
 * @example
 * import { serve } from '@hono/node-server'
 * import { createApp } from 'deltaform'
 * serve({ fetch: createApp({ pages: './pages' }).fetch, port: 3000 })
 */
export function createApp(options: AppOptions): Hono {
  const development = (options.mode ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development')) === 'development'
  const dir = typeof options.pages === 'string' ? options.pages : undefined
  const config = options.config ?? (dir ? readConfig(dir) : {})
  const signingKey = resolveSigningKey({
    mode: development ? 'development' : 'production',
    configKey: options.key ?? config.key,
    env: process.env,
    stateDir: options.stateDir ?? join(dir ?? process.cwd(), '.deltaform'),
  })
  const registry = createControlRegistry()
  for (const [prefix, classes] of Object.entries(options.controls ?? {})) registry.registerAll(prefix, classes)
  const appSettings = config.appSettings ?? {}
  const loader = new PageLoader({
    dir,
    definitions: typeof options.pages === 'string' ? undefined : options.pages,
    registry,
    development,
    resolveExpression: (kind, key) => (kind === 'appsettings' ? appSettings[key] : undefined),
  })
  const limits: FormLimits = { ...defaultFormLimits, ...pick(config.limits) }
  const viewStateMaxBytes = config.limits?.maxViewStateBytes ?? defaultViewStateMaxBytes
  const enableEventValidation = config.enableEventValidation ?? true
  const serverTiming = config.serverTiming ?? development

  const app = new Hono()
  const scripts = mountClientScripts(app, options.clientScripts)
  const partialSwitch = development || options.allowPartialRenderingSwitch === true
  app.onError((error, c) => {
    const { status, html } = renderErrorPage(error, { development })
    if (status >= 500 && !(error instanceof HttpError)) console.error(error)
    c.header('Cache-Control', 'no-store')
    return c.html(html, status as 400)
  })

  app.all('*', async (c, next) => {
    const url = new URL(c.req.url)
    const entry = await loader.load(decodePath(url.pathname))
    if (!entry) return next()
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      throw new HttpError(405, `The method ${method} is not allowed for pages; use GET or POST.`)
    }
    const timings = serverTiming ? new PhaseTimings() : undefined
    let form: FormCollection | null = null
    if (method === 'POST') form = await readForm(c.req.raw, limits)
    timings?.mark('form')
    const kind = classifyRequest(method, c.req.raw.headers, form)
    const page = new entry.pageClass()
    page.clientScripts = await scripts.urls()
    page.partialRenderingOff = partialSwitch && url.searchParams.get('__deltaform_partial') === '0'
    entry.template.build(page)
    timings?.mark('build')
    const result = await runPage(
      page,
      { method, url, headers: c.req.raw.headers, kind, form: kind === 'get' ? null : form, cookies: getCookie(c), raw: c },
      {
        signingKey,
        pageId: entry.route,
        userKey: options.userKey?.(c),
        enableEventValidation,
        viewStateMaxBytes,
        development,
        timings,
      },
    )
    if (timings) {
      timings.mark(kind === 'callback' ? 'callback' : 'render')
      c.header('Server-Timing', timings.header())
    }
    result.headers.forEach((value, name) => c.header(name, value, { append: true }))
    c.header('X-Content-Type-Options', 'nosniff')
    if (kind !== 'get') c.header('Cache-Control', 'no-store')
    else if (!result.headers.has('Cache-Control')) c.header('Cache-Control', 'private')
    if (result.error) console.error(result.error)
    if (result.redirect) return c.redirect(result.redirect, 302)
    c.header('Content-Type', result.contentType)
    return c.body(result.body, result.status as 200)
  })

  if (dir) {
    const root = relative(process.cwd(), dir) || '.'
    app.use('*', async (c, next) => {
      // Markup, code-behind, config and dot-folders are never static files.
      const path = decodePath(new URL(c.req.url).pathname).toLowerCase()
      if (/\.(aspx|ascx|master|ts)$|deltaform\.config\.json$|\/\./.test(path)) return c.notFound()
      return next()
    })
    app.use('*', serveStatic({ root }))
  }
  app.notFound((c) => c.html(renderErrorPage(new HttpError(404, `No page or file answers ${new URL(c.req.url).pathname}.`), { development }).html, 404))
  return app
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    throw new HttpError(400, 'The URL path is not valid percent-encoding.')
  }
}

function pick(limits: DeltaformConfig['limits']): Partial<FormLimits> {
  const out: Partial<FormLimits> = {}
  if (limits?.maxBodyBytes) out.maxBodyBytes = limits.maxBodyBytes
  if (limits?.maxFields) out.maxFields = limits.maxFields
  if (limits?.maxFieldBytes) out.maxFieldBytes = limits.maxFieldBytes
  return out
}
