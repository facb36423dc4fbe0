import { randomBytes } from 'node:crypto'
import { basename, dirname, resolve } from 'node:path'
import { createApp } from '../app/create-app.ts'
import type { DeltaRecord } from '../protocol/delta.ts'
import { FormClient } from './form-client.ts'

/**
 * Anything that answers requests like a Hono app (`createApp(…)` returns one).
 *
 * @example
 * const app: Fetchable = createApp({ pages: './pages' })
 */
export interface Fetchable {
  fetch(request: Request): Response | Promise<Response>
}

/**
 * Options of {@link createTestPage}.
 *
 * @example
 * await createTestPage('./pages', '/clock.aspx', { origin: 'http://example.test' })
 */
export interface TestPageOptions {
  /** The origin requests are made against (default `http://localhost`). */
  origin?: string
}

/**
 * The error record of a failed async postback.
 *
 * @example
 * page.error // { status: 500, message: 'Sorry, that failed: The order service did not answer.' }
 */
export interface AsyncPostBackError {
  status: number
  message: string
}

/**
 * Thrown by {@link TestPage.callback} when the server answered with the error form (`e…`).
 *
 * @example
 * await expect(page.callback('__Page', 'fail')).rejects.toThrow(CallbackError)
 */
export class CallbackError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CallbackError'
  }
}

interface Lists {
  scriptManager: string
  panelIDs: string[]
  panelClientIDs: string[]
  childrenAsTriggers: boolean[]
  asyncIDs: string[]
  asyncClientIDs: string[]
  postBackIDs: string[]
  postBackClientIDs: string[]
}

const postBackCall = /__doPostBack\(\\?['"]([^'"\\]*)\\?['"]\s*,\s*\\?['"]([^'"\\]*)\\?['"]\)/

/**
 * A page rendered in-process, driven by control IDs the way a browser with Deltaform's client
 * would: buttons and links inside UpdatePanels (or registered as async triggers) post back
 * asynchronously when the page has a ScriptManager, everything else posts the whole form. No
 * browser, no client scripts run: the delta is applied to the document (panels, hidden fields,
 * title) and exposed for assertions.
 *
 * @example
 * const page = await createTestPage('samples/pages/clock.aspx')
 * await page.click('Button1')
 * page.refreshedPanels // ['UpdatePanel1']
 * page.text('Asked')   // '1'
 */
export class TestPage {
  /** The underlying form client (fields, raw HTML of the last full response). */
  readonly client: FormClient
  /** The records of the last async postback; empty after a page load or full postback. */
  records: DeltaRecord[] = []
  /** ClientIDs of the panels the last async postback replaced. */
  refreshedPanels: string[] = []
  /** What the last request was. */
  lastRequest: 'get' | 'full' | 'async' | 'callback' = 'get'
  /** The error of the last async postback, if it failed. */
  error: AsyncPostBackError | null = null
  /** The ClientID the last async postback asked to focus (`ScriptManager.setFocus`). */
  focus: string | null = null
  /** How many requests this page has made (redirects followed included). */
  requests = 0
  private lists: Lists | null = null

  constructor(fetcher: Fetchable, options: TestPageOptions = {}) {
    this.client = new FormClient((request) => {
      this.requests++
      return fetcher.fetch(request)
    }, options.origin)
  }

  /** The current document as HTML, with every async update applied. */
  get html(): string {
    return this.client.dom ? String(this.client.dom.toString()) : this.client.html
  }

  /** The URL of the current document. */
  get url(): string {
    return this.client.url
  }

  /** The HTTP status of the last response. */
  get status(): number {
    return this.client.status
  }

  /** `document.title`, as the last page or `pageTitle` record set it. */
  get title(): string {
    return this.client.dom?.title ?? ''
  }

  /** Length of the `__VIEWSTATE` field in characters (bytes: it is base64url). */
  get viewStateBytes(): number {
    return (this.client.field('__VIEWSTATE') ?? '').length
  }

  /** Bytes of the last response body. */
  get responseBytes(): number {
    return this.client.responseBytes
  }

  /** Whether the page has an initialized PageRequestManager (a ScriptManager with partial rendering on). */
  get partialRendering(): boolean {
    return this.lists !== null
  }

  /** The text of the element with this ClientID, or `null`. */
  text(id: string): string | null {
    return this.client.text(id)
  }

  /** The element with this ClientID (a linkedom element), or `null`. */
  element(id: string): any {
    return this.client.element(id)
  }

  /** The value of a field by name, as the document holds it now. */
  field(name: string): string | null {
    return this.client.field(name)
  }

  /** Loads `url` (GET), following redirects. */
  async get(url: string): Promise<this> {
    await this.client.get(url)
    this.lastRequest = 'get'
    return this.afterDocument()
  }

  /**
   * Clicks a button, image button, link button or AutoPostBack checkbox by ClientID: async
   * when the PageRequestManager would post it asynchronously, else a full postback.
   *
   * @example
   * await page.click('Refresh') // the panel's AsyncPostBackTrigger: async
   */
  async click(controlId: string): Promise<this> {
    const el = this.find(controlId)
    const tag = el.tagName.toLowerCase()
    const type = (el.getAttribute('type') ?? (tag === 'button' ? 'submit' : '')).toLowerCase()
    if (el.hasAttribute('disabled')) throw new Error(`"${controlId}" is disabled on ${this.url}.`)
    // Nonce-CSP pages carry the same calls in data-df-* attributes (render/csp-attributes.ts).
    const script = ['href', 'onclick', 'data-df-href', 'data-df-onclick'].map((a) => el.getAttribute(a) ?? '').join(' ')
    if (type === 'checkbox' || type === 'radio') {
      const checked = el.hasAttribute('checked')
      this.setChecked(el, type === 'radio' ? true : !checked)
      const call = postBackCall.exec(script)
      return call ? this.doPostBack(call[1]!, call[2]!, el) : this
    }
    if ((tag === 'input' && (type === 'submit' || type === 'image')) || (tag === 'button' && type === 'submit')) {
      const name = el.getAttribute('name')
      if (!name) throw new Error(`The button "${controlId}" has no name, so it does not post back.`)
      const pairs: Array<[string, string]> = type === 'image' ? [[`${name}.x`, '0'], [`${name}.y`, '0']] : [[name, el.getAttribute('value') ?? '']]
      const settings = this.settingsFor(el)
      if (settings.async) {
        return this.postAsync({ panels: settings.panels, source: name, submitter: pairs, eventTarget: '', eventArgument: '' })
      }
      await this.client.click(name, type === 'image' ? { x: 0, y: 0 } : undefined)
      this.lastRequest = 'full'
      return this.afterDocument()
    }
    const call = postBackCall.exec(script)
    if (call) return this.doPostBack(call[1]!, call[2]!, el)
    const href = el.getAttribute('href')
    if (tag === 'a' && href && !href.startsWith('javascript:') && !href.startsWith('#')) return this.get(new URL(href, this.url).href)
    throw new Error(`"${controlId}" (<${tag}>) is not a button or link that posts back.`)
  }

  /**
   * Changes a field by ClientID — text, list selection, checkbox or radio — and posts back
   * when it is AutoPostBack (its `onchange`/`onclick` calls `__doPostBack`).
   *
   * @example
   * await page.change('Departments', 'sales')
   * await page.change('Terms', true)
   */
  async change(controlId: string, value: string | boolean | string[]): Promise<this> {
    const el = this.find(controlId)
    const tag = el.tagName.toLowerCase()
    const type = (el.getAttribute('type') ?? '').toLowerCase()
    let script = `${el.getAttribute('onchange') ?? ''} ${el.getAttribute('data-df-onchange') ?? ''}`
    if (tag === 'select') {
      const chosen = new Set(Array.isArray(value) ? value : [String(value)])
      for (const o of el.querySelectorAll('option')) {
        const v = o.getAttribute('value') ?? o.textContent
        if (chosen.has(v)) o.setAttribute('selected', 'selected')
        else o.removeAttribute('selected')
      }
    } else if (type === 'checkbox' || type === 'radio') {
      this.setChecked(el, value === true || value === 'true' || value === 'on')
      script += ` ${el.getAttribute('onclick') ?? ''} ${el.getAttribute('data-df-onclick') ?? ''}`
    } else if (tag === 'textarea') el.textContent = String(value)
    else el.setAttribute('value', String(value))
    const call = postBackCall.exec(script)
    return call ? this.doPostBack(call[1]!, call[2]!, el) : this
  }

  /**
   * Posts back as `__doPostBack(target, argument)` does: async when the PageRequestManager
   * would take it (the element for `target` is in a panel or an async trigger), else full.
   *
   * @example
   * await page.doPostBack('PanelOrders', 'Page$2')
   */
  async doPostBack(target: string, argument = '', source?: any): Promise<this> {
    if (this.lists) {
      const el = source ?? this.nearestElement(target)
      const settings = el ? this.settingsFor(el) : { async: this.lists.asyncIDs.includes(target), panels: [] as string[] }
      if (settings.async) return this.postAsync({ panels: settings.panels, source: target, eventTarget: target, eventArgument: argument })
    }
    await this.client.doPostBack(target, argument)
    this.lastRequest = 'full'
    return this.afterDocument()
  }

  /**
   * Makes a client callback (`WebForm_DoCallback`) to the control with this UniqueID (`__Page`
   * for the page) and returns its result; throws {@link CallbackError} for an error answer.
   *
   * @example
   * await page.callback('__Page', 'sales') // 'Ann Ames,Bob Brown,Cleo Chan'
   */
  async callback(targetUniqueId: string, argument: string): Promise<string> {
    const text = await this.client.callback(targetUniqueId, argument)
    this.lastRequest = 'callback'
    if (text.startsWith('s')) return text.slice(1)
    if (text.startsWith('e')) throw new CallbackError(text.slice(1))
    const bar = text.indexOf('|')
    const n = Number.parseInt(text.slice(0, bar), 10)
    if (bar < 0 || Number.isNaN(n)) {
      throw new Error(`The callback to ${targetUniqueId} got an answer that is not a callback result (HTTP ${this.status}): ${text.slice(0, 200)}`)
    }
    const validation = text.slice(bar + 1, bar + 1 + n)
    if (validation) this.client.dom?.querySelector('input[name="__EVENTVALIDATION"]')?.setAttribute('value', validation)
    return text.slice(bar + 1 + n)
  }

  private find(id: string): any {
    const el = this.client.element(id)
    if (!el) throw new Error(`No element with id "${id}" on ${this.url}.`)
    return el
  }

  private setChecked(el: any, checked: boolean): void {
    if ((el.getAttribute('type') ?? '').toLowerCase() === 'radio' && checked) {
      const name = el.getAttribute('name')
      for (const other of this.client.dom.querySelectorAll('input[type="radio"]')) if (other.getAttribute('name') === name) other.removeAttribute('checked')
    }
    if (checked) el.setAttribute('checked', 'checked')
    else el.removeAttribute('checked')
  }

  private async postAsync(options: { panels: string[]; source: string; submitter?: Array<[string, string]>; eventTarget: string; eventArgument: string }): Promise<this> {
    const lists = this.lists!
    const before = this.client.status
    let records: DeltaRecord[]
    try {
      records = await this.client.asyncPostBack(lists.scriptManager, options)
    } catch (error) {
      throw new Error(`The async postback to ${this.url} did not answer a delta (HTTP ${this.client.status}, was ${before}): ${String(error)}`)
    }
    this.lastRequest = 'async'
    this.records = records
    this.refreshedPanels = records.filter((r) => r.type === 'updatePanel').map((r) => r.id)
    this.error = null
    this.focus = null
    const last = (type: string) => records.filter((r) => r.type === type).pop()
    const error = last('error')
    if (error) this.error = { status: Number(error.id), message: error.content }
    const title = last('pageTitle')
    if (title && this.client.dom) this.client.dom.title = title.content
    const focus = last('focus')
    if (focus) this.focus = focus.content
    const panels = last('updatePanelIDs')
    if (panels) {
      const asyncIDs = controlPairs(split(last('asyncPostBackControlIDs')?.content ?? ''))
      const postBackIDs = controlPairs(split(last('postBackControlIDs')?.content ?? ''))
      this.lists = {
        scriptManager: lists.scriptManager,
        ...pairsOf(split(panels.content)),
        asyncIDs: asyncIDs.ids,
        asyncClientIDs: asyncIDs.clientIDs,
        postBackIDs: postBackIDs.ids,
        postBackClientIDs: postBackIDs.clientIDs,
      }
    }
    const redirect = last('pageRedirect')
    if (redirect) {
      const records = this.records
      await this.follow(decodeURIComponent(redirect.content))
      this.records = records
    }
    return this
  }

  private async follow(location: string): Promise<void> {
    await this.client.get(new URL(location, this.url).href)
    await this.afterDocument()
  }

  private async afterDocument(): Promise<this> {
    for (let hops = 0; hops < 10 && this.client.status >= 300 && this.client.status < 400 && this.client.location; hops++) {
      await this.client.get(new URL(this.client.location, this.url).href)
    }
    this.records = []
    this.refreshedPanels = []
    this.error = null
    this.focus = null
    this.lists = parseInitialize(this.client.html)
    return this
  }

  /** PROTOCOL.md §1.3: the DOM walk deciding async or full, and which panel to name. */
  private settingsFor(el: any): { async: boolean; panels: string[] } {
    const l = this.lists
    if (!l) return { async: false, panels: [] }
    let proposal: { async: boolean; panels: string[] } | null = null
    for (let node = el; node && node.nodeType === 1; node = node.parentNode) {
      const id: string = node.getAttribute('id') ?? ''
      if (!id) continue
      const panel = l.panelClientIDs.indexOf(id)
      if (!proposal && l.asyncClientIDs.includes(id)) proposal = { async: true, panels: [] }
      else if (!proposal && l.postBackClientIDs.includes(id)) return { async: false, panels: [] }
      else if (panel >= 0) return { async: true, panels: l.childrenAsTriggers[panel] ? [l.panelIDs[panel]!] : [] }
      else if (!proposal && l.asyncClientIDs.some((c) => id.startsWith(c + '_'))) proposal = { async: true, panels: [] }
      else if (!proposal && l.postBackClientIDs.some((c) => id.startsWith(c + '_'))) return { async: false, panels: [] }
    }
    return proposal ?? { async: false, panels: [] }
  }

  /** The element for a UniqueID, trying shorter prefixes as the PageRequestManager does. */
  private nearestElement(target: string): any {
    const parts = target.split('$')
    for (let n = parts.length; n > 0; n--) {
      const el = this.client.element(parts.slice(0, n).join('_'))
      if (el) return el
    }
    return null
  }
}

/**
 * Renders a page in-process and returns a {@link TestPage} on it. `target` is a Hono app from
 * `createApp`, a pages folder (with `url`), or one `.aspx` file. Folders get one app per
 * process, in development mode, with a throwaway signing key.
 *
 * @example
 * const page = await createTestPage(createApp({ pages: './pages' }), '/counter.aspx')
 * await page.click('Increment')
 * expect(page.text('Count')).toBe('1')
 *
 * @example
 * const page = await createTestPage('samples/pages/clock.aspx')
 * await page.click('Refresh')
 * expect(page.refreshedPanels).toEqual(['UpdatePanel1'])
 */
export async function createTestPage(target: Fetchable | string, url?: string, options: TestPageOptions = {}): Promise<TestPage> {
  let app: Fetchable
  if (typeof target === 'string') {
    let folder = target
    if (/\.aspx$/i.test(target) && url === undefined) {
      folder = dirname(target)
      const name = basename(target)
      url = name.toLowerCase() === 'index.aspx' ? '/' : `/${name}`
    }
    app = appFor(resolve(folder))
  } else app = target
  const page = new TestPage(app, options)
  await page.get(url ?? '/')
  return page
}

const apps = new Map<string, Fetchable>()
const throwawayKey = randomBytes(32).toString('hex')

function appFor(folder: string): Fetchable {
  let app = apps.get(folder)
  if (!app) {
    app = createApp({ pages: folder, key: throwawayKey, mode: 'development' })
    apps.set(folder, app)
  }
  return app
}

/** The lists of `Sys.WebForms.PageRequestManager._initialize(…)` in a page, or `null` without one. */
function parseInitialize(html: string): Lists | null {
  const m = /PageRequestManager\._initialize\('([^']*)',\s*'[^']*',\s*\[([^\]]*)\],\s*\[([^\]]*)\],\s*\[([^\]]*)\]/.exec(html)
  if (!m) return null
  const strings = (list: string) => [...list.matchAll(/'([^']*)'/g)].map((x) => x[1]!)
  const asyncIDs = controlPairs(strings(m[3]!))
  const postBackIDs = controlPairs(strings(m[4]!))
  return {
    scriptManager: m[1]!,
    ...pairsOf(strings(m[2]!)),
    asyncIDs: asyncIDs.ids,
    asyncClientIDs: asyncIDs.clientIDs,
    postBackIDs: postBackIDs.ids,
    postBackClientIDs: postBackIDs.clientIDs,
  }
}

function split(content: string): string[] {
  return content ? content.split(',') : []
}

/** v4 panel pairs: `t|f` + UniqueID, then ClientID (or '' for the UniqueID with `$` → `_`). */
function pairsOf(items: string[]): Pick<Lists, 'panelIDs' | 'panelClientIDs' | 'childrenAsTriggers'> {
  const out = { panelIDs: [] as string[], panelClientIDs: [] as string[], childrenAsTriggers: [] as boolean[] }
  for (let i = 0; i + 1 < items.length; i += 2) {
    const id = items[i]!.slice(1)
    out.childrenAsTriggers.push(items[i]![0] === 't')
    out.panelIDs.push(id)
    out.panelClientIDs.push(items[i + 1] || id.replace(/\$/g, '_'))
  }
  return out
}

function controlPairs(items: string[]): { ids: string[]; clientIDs: string[] } {
  const out = { ids: [] as string[], clientIDs: [] as string[] }
  for (let i = 0; i + 1 < items.length; i += 2) {
    out.ids.push(items[i]!)
    out.clientIDs.push(items[i + 1] || items[i]!.replace(/\$/g, '_'))
  }
  return out
}
