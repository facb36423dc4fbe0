import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ControlRegistry } from '../controls/registry.ts'
import { Page } from '../page/page.ts'
import { registerTypeScriptLoader } from './register-loader.js'
import { compileTemplate, type CompiledTemplate, type ExpressionResolver } from '../template/compile.ts'

/** A page given in code instead of a file: markup plus an optional code-behind class. */
export interface PageDefinition {
  markup: string
  codeBehind?: new () => Page
  /** The name used in error messages (defaults to the route). */
  file?: string
}

/** A page ready to serve: its compiled template and the class to instantiate. */
export interface LoadedPage {
  route: string
  template: CompiledTemplate
  pageClass: new () => Page
  /** A hash of the markup and code-behind (and `DELTAFORM_BUILD_ID`): the page's version. */
  buildId: string
}

interface CacheEntry {
  page: LoadedPage
  stamp: string
}

/**
 * Finds, compiles and caches pages. In development a changed `.aspx` or `.aspx.ts` file is
 * compiled again on its next request; in production each page compiles once.
 *
 * @example
 * const loader = new PageLoader({ dir: 'samples/pages', registry, development: true })
 * const page = await loader.load('/counter.aspx') // LoadedPage | null
 */
export class PageLoader {
  private readonly cache = new Map<string, CacheEntry>()
  private readonly inFlight = new Map<string, Promise<LoadedPage | null>>()
  private routes: Map<string, string> | null = null

  constructor(
    private readonly options: {
      dir?: string
      definitions?: Record<string, PageDefinition>
      registry: ControlRegistry
      development: boolean
      resolveExpression?: ExpressionResolver
    },
  ) {}

  /** Every route served, sorted (`/`, `/counter.aspx`…). */
  listRoutes(): string[] {
    return [...this.routeMap().keys()].sort()
  }

  /** The page for a URL path, or `null` when no page answers it. */
  async load(path: string): Promise<LoadedPage | null> {
    const route = normalizeRoute(path)
    const running = this.inFlight.get(route)
    if (running) return running
    const work = this.loadRoute(route).finally(() => this.inFlight.delete(route))
    this.inFlight.set(route, work)
    return work
  }

  private async loadRoute(route: string): Promise<LoadedPage | null> {
    const definition = this.definition(route)
    if (definition) {
      const cached = this.cache.get(route)
      if (cached) return cached.page
      const pageClass = definition.codeBehind ?? Page
      const template = this.compile(definition.markup, definition.file ?? (route.slice(1) || 'index.aspx'), pageClass)
      const page = { route, template, pageClass, buildId: buildIdOf(definition.markup, pageClass.toString()) }
      this.cache.set(route, { page, stamp: '' })
      return page
    }
    let file = this.routeMap().get(route)
    if (!file && this.options.development) {
      this.routes = null // a page added while the server runs
      file = this.routeMap().get(route)
    }
    if (!file) return null
    const stamp = this.options.development ? fileStamp(file) : ''
    const cached = this.cache.get(route)
    if (cached && cached.stamp === stamp) return cached.page
    const pageClass = await this.importCodeBehind(file, stamp)
    const markup = readFileSync(file, 'utf8')
    const template = this.compile(markup, displayName(file), pageClass)
    const code = `${file}.ts`
    const page = { route, template, pageClass, buildId: buildIdOf(markup, existsSync(code) ? readFileSync(code, 'utf8') : '') }
    this.cache.set(route, { page, stamp })
    return page
  }

  private definition(route: string): PageDefinition | undefined {
    const definitions = this.options.definitions
    if (!definitions) return undefined
    for (const [key, value] of Object.entries(definitions)) {
      const normalized = normalizeRoute(key)
      if (normalized === route || (normalized.endsWith('/index.aspx') && normalized.slice(0, -'index.aspx'.length) === route)) return value
    }
    return undefined
  }

  private compile(markup: string, file: string, pageClass: new () => Page): CompiledTemplate {
    return compileTemplate(markup, file, {
      registry: this.options.registry,
      pageClass,
      resolveExpression: this.options.resolveExpression,
    })
  }

  private async importCodeBehind(file: string, stamp: string): Promise<new () => Page> {
    const codeFile = `${file}.ts`
    if (!existsSync(codeFile)) return Page
    ensureTypeScriptLoader()
    // The query makes Node load a changed file again; Vite (under vitest) keeps its own
    // module graph and would not treat `x.ts?v=1` as TypeScript.
    const url = pathToFileURL(codeFile).href + (stamp && !process.env.VITEST ? `?v=${encodeURIComponent(stamp)}` : '')
    const module = (await import(url)) as { default?: unknown }
    const pageClass = module.default
    if (typeof pageClass !== 'function' || !(pageClass.prototype instanceof Page)) {
      throw new Error(`${displayName(codeFile)} must have "export default class … extends Page".`)
    }
    return pageClass as new () => Page
  }

  private routeMap(): Map<string, string> {
    if (this.routes) return this.routes
    const routes = new Map<string, string>()
    const dir = this.options.dir
    for (const key of Object.keys(this.options.definitions ?? {})) routes.set(normalizeRoute(key), key)
    if (dir) {
      for (const file of findPages(dir)) {
        const rel = relative(dir, file).split(sep).join('/')
        const route = ('/' + rel).toLowerCase()
        routes.set(route, file)
        if (route.endsWith('/index.aspx')) routes.set(route.slice(0, -'index.aspx'.length), file)
      }
    }
    this.routes = routes
    return routes
  }
}

function normalizeRoute(path: string): string {
  return path.toLowerCase()
}

function findPages(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...findPages(full))
    else if (entry.name.toLowerCase().endsWith('.aspx')) found.push(full)
  }
  return found
}

/** The version of a page: its markup, its code-behind and the deployment's DELTAFORM_BUILD_ID. */
function buildIdOf(markup: string, code: string): string {
  return createHash('sha256').update(markup).update('\u0000').update(code).update('\u0000' + (process.env.DELTAFORM_BUILD_ID ?? '')).digest('base64url').slice(0, 16)
}

function fileStamp(file: string): string {
  const code = `${file}.ts`
  const codeStamp = existsSync(code) ? statSync(code).mtimeMs : 0
  return `${statSync(file).mtimeMs}-${codeStamp}`
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel.split(sep).join('/')
}

/** Registers the TypeScript loader once, so `.aspx.ts` code-behind imports as it is. */
function ensureTypeScriptLoader(): void {
  // Under vitest, Vite already transforms TypeScript imports.
  if (!process.env.VITEST) registerTypeScriptLoader()
}
