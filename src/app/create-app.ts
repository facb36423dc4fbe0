import { join } from 'node:path'
import { Hono, type Context } from 'hono'
import { createControlRegistry, type MarkupClass } from '../controls/registry.ts'
import { HttpError } from '../errors.ts'
import { defaultFormLimits, type FormLimits } from '../request/form.ts'
import { resolveSigningKey } from '../state/keys.ts'
import { defaultViewStateMaxBytes } from '../state/view-state.ts'
import { readConfig, type DeltaformConfig } from './config.ts'
import { mountClientScripts, type MicrosoftClientScripts } from './client-scripts.ts'
import { renderErrorPage } from './error-page.ts'
import { PageLoader, type PageDefinition } from './page-loader.ts'
import { mountStaticFiles, staticFileOptions } from './static-files.ts'
import { StaticFileCache } from '../cache/static-files.ts'
import { createServices } from './app-services.ts'
import { decodePath, pageRoute } from './page-route.ts'
import { securityHeaders } from './security-headers.ts'
import { inspectorSettings, mountInspector } from './inspector/inspector.ts'
import type { ObjectCache } from '../cache/object-cache.ts'
import type { OutputCache } from '../cache/output-cache.ts'
import type { AppUser } from '../page/page.ts'

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
  /** The signed-in user of a request (`page.user`; output-cache profiles treat signed-in users apart). */
  authenticate?: (c: Context) => AppUser | undefined
  /** The string a profile's `VaryByCustom="name"` adds to the cache key (ASP.NET's GetVaryByCustomString). */
  varyByCustom?: (c: Context, name: string) => string
  /** Redis for the output cache, object cache and sessions of every instance; default `REDIS_URL`. */
  redisUrl?: string
}

/**
 * The Hono app of {@link createApp}, with the app's object cache (shared with pages as
 * `this.cache`; `cache.invalidate(tag)` also clears output-cached pages with that tag).
 *
 * @example
 * const app = createApp({ pages: './pages' })
 * await app.cache.invalidate('products')
 */
export type DeltaformApp = Hono & {
  readonly cache: ObjectCache
  /** Output cache figures: hits, misses, renders, stored, 304s, store errors. */
  readonly outputCache: OutputCache
  /** Clears every output-cached page made under a "check for changes" profile. */
  contentChanged(): Promise<void>
  /** Closes the Redis connections and timers (tests, graceful shutdown). */
  close(): Promise<void>
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
export function createApp(options: AppOptions): DeltaformApp {
  const development = (options.mode ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development')) === 'development'
  const dir = typeof options.pages === 'string' ? options.pages : undefined
  const config = options.config ?? (dir ? readConfig(dir) : {})
  const stateDir = options.stateDir ?? join(dir ?? process.cwd(), '.deltaform')
  const signingKey = resolveSigningKey({
    mode: development ? 'development' : 'production',
    configKey: options.key ?? config.key,
    env: process.env,
    stateDir,
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

  const services = createServices({ redisUrl: options.redisUrl ?? process.env.REDIS_URL, config })
  const app = Object.assign(new Hono(), {
    cache: services.cache,
    outputCache: services.outputCache,
    contentChanged: () => services.outputCache.contentChanged(),
    close: () => services.close(),
  })
  const scripts = mountClientScripts(app, options.clientScripts)
  const partialSwitch = development || options.allowPartialRenderingSwitch === true
  app.use('*', securityHeaders({ production: !development, contentSecurityPolicy: config.contentSecurityPolicy, overrides: config.securityHeaders }))
  // After the security headers (the inspector's page gets the CSP), before the page route it watches.
  const inspector = inspectorSettings(config.inspector, development)
  const inspect = inspector.enabled ? mountInspector(app, inspector).inspect : undefined
  app.onError((error, c) => {
    const { status, html } = renderErrorPage(error, { development })
    if (status >= 500 && !(error instanceof HttpError)) console.error(error)
    c.header('Cache-Control', 'no-store')
    return c.html(html, status as 400)
  })

  app.all(
    '*',
    pageRoute({
      loader,
      scripts,
      services,
      limits,
      lifecycle: { signingKey, enableEventValidation, viewStateMaxBytes, development },
      userKey: options.userKey,
      authenticate: options.authenticate,
      varyByCustom: options.varyByCustom,
      outputCache: config.outputCache ?? {},
      session: config.session ?? {},
      serverTiming,
      partialSwitch,
      cacheOutcomeHeader: development || config.outputCache?.debugInformation === true,
      requestTimeoutMs: config.requestTimeoutMs ?? 110_000,
      inspect,
    }),
  )

  if (dir) {
    app.use('*', async (c, next) => {
      // Markup, code-behind, config and dot-folders are never static files.
      const path = decodePath(new URL(c.req.url).pathname).toLowerCase()
      if (/\.(aspx|ascx|master|ts)$|deltaform\.config\.json$|\/\./.test(path)) return c.notFound()
      return next()
    })
    // Files of the folder: content-hash ETags, ?v= URLs, br/gzip variants; see staticCacheOf(app).
    mountStaticFiles(app, new StaticFileCache(staticFileOptions(dir, stateDir, config.staticCache, development)))
  }
  app.notFound((c) => c.html(renderErrorPage(new HttpError(404, `No page or file answers ${new URL(c.req.url).pathname}.`), { development }).html, 404))
  return app
}

function pick(limits: DeltaformConfig['limits']): Partial<FormLimits> {
  const out: Partial<FormLimits> = {}
  if (limits?.maxBodyBytes) out.maxBodyBytes = limits.maxBodyBytes
  if (limits?.maxFields) out.maxFields = limits.maxFields
  if (limits?.maxFieldBytes) out.maxFieldBytes = limits.maxFieldBytes
  return out
}
