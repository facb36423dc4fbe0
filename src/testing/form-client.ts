import { parseDelta, type DeltaRecord } from '../protocol/delta.ts'

type Fetcher = (request: Request) => Response | Promise<Response>

const textLike = /^(text|password|hidden|search|tel|url|email|number|range|color|date|month|week|time|datetime-local)$/i

/**
 * A browserless client for page tests: loads a page, edits its form fields and posts back
 * the way a browser submits the form (document order, the clicked button's name=value).
 *
 * @example
 * const client = new FormClient(app.request.bind(app))
 * await client.get('/counter.aspx')
 * await client.click('Increment')
 * client.text('Count') // '1'
 */
export class FormClient {
  status = 0
  html = ''
  url = ''
  location: string | null = null
  private document: any = null
  /** Bytes of the last response body (a page, a delta or a callback answer). */
  responseBytes = 0
  private readonly values = new Map<string, string | string[] | boolean>()
  /** Cookies the server set (name → value), sent back with every request, as a browser would. */
  readonly cookies = new Map<string, string>()

  constructor(
    private readonly fetcher: Fetcher,
    private readonly origin = 'http://localhost',
  ) {}

  async get(path: string): Promise<this> {
    return this.receive(await this.send(new Request(new URL(path, this.origin))), new URL(path, this.origin).href)
  }

  /** Sets a text field, hidden field or single-select value by field name. */
  set(name: string, value: string): this {
    this.values.set(name, value)
    return this
  }

  /** Selects several options of a multi-select. */
  select(name: string, values: string[]): this {
    this.values.set(name, values)
    return this
  }

  /** Checks or unchecks a checkbox (by name) or picks a radio button (name + value). */
  check(name: string, checked = true, value?: string): this {
    this.values.set(value === undefined ? name : `${name}\u0000${value}`, checked)
    return this
  }

  /** Clicks a submit button or image button by its name. */
  click(name: string, point?: { x: number; y: number }): Promise<this> {
    const extra: Array<[string, string]> = point
      ? [[`${name}.x`, String(point.x)], [`${name}.y`, String(point.y)]]
      : [[name, this.document?.querySelector(`[name="${cssEscape(name)}"]`)?.getAttribute('value') ?? '']]
    return this.submit(extra)
  }

  /** Posts back as `__doPostBack(target, argument)` does. */
  doPostBack(target: string, argument = ''): Promise<this> {
    this.values.set('__EVENTTARGET', target)
    this.values.set('__EVENTARGUMENT', argument)
    return this.submit([])
  }

  /** The form fields as the browser would post them, plus `extra` at the end. */
  formEntries(extra: Array<[string, string]> = []): Array<[string, string]> {
    const form = this.document?.querySelector('form')
    if (!form) throw new Error('The page has no form.')
    const entries: Array<[string, string]> = []
    for (const el of form.querySelectorAll('input, select, textarea')) {
      const name = el.getAttribute('name')
      if (!name || el.hasAttribute('disabled')) continue
      const tag = el.tagName.toLowerCase()
      if (tag === 'textarea') entries.push([name, this.override(name, el.textContent.replace(/^\n/, ''))])
      else if (tag === 'select') {
        const chosen = this.values.get(name)
        const options = [...el.querySelectorAll('option')]
        if (Array.isArray(chosen)) for (const v of chosen) entries.push([name, v])
        else if (typeof chosen === 'string') entries.push([name, chosen])
        else {
          const selected = options.filter((o: any) => o.hasAttribute('selected'))
          const pick = selected.length ? selected : el.hasAttribute('multiple') ? [] : options.slice(0, 1)
          for (const o of pick) entries.push([name, o.getAttribute('value') ?? o.textContent])
        }
      } else {
        const type = (el.getAttribute('type') ?? 'text').toLowerCase()
        const value = el.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')
        if (type === 'checkbox' || type === 'radio') {
          const key = type === 'radio' ? `${name}\u0000${value}` : name
          const override = this.values.get(key)
          const checked = typeof override === 'boolean' ? override : radioOverridden(this.values, name, type) ? false : el.hasAttribute('checked')
          if (checked) entries.push([name, value])
        } else if (textLike.test(type)) entries.push([name, this.override(name, value)])
      }
    }
    return [...entries, ...extra]
  }

  /**
   * Posts an async postback the way the PageRequestManager does (PROTOCOL.md §1.4) and applies
   * the delta to the document (panels and hidden fields). Returns the parsed records.
   *
   * @example
   * const records = await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Go'] })
   */
  async asyncPostBack(
    scriptManager: string,
    options: {
      panels?: string[]
      source?: string
      /** The clicked button's `name=value` (an image button sends two: `name.x`, `name.y`). */
      submitter?: [string, string] | Array<[string, string]>
      eventTarget?: string
      eventArgument?: string
    },
  ): Promise<DeltaRecord[]> {
    if (options.eventTarget !== undefined) this.values.set('__EVENTTARGET', options.eventTarget)
    if (options.eventArgument !== undefined) this.values.set('__EVENTARGUMENT', options.eventArgument)
    const panelArg = (options.panels?.length ? options.panels.join(',') : scriptManager) + (options.source ? `|${options.source}` : '')
    const enc = encodeURIComponent
    let body = `${enc(scriptManager)}=${enc(panelArg)}&`
    for (const [name, value] of this.formEntries()) if (name !== scriptManager) body += `${enc(name)}=${enc(value)}&`
    body += '__ASYNCPOST=true&'
    if (options.submitter) {
      const pairs = (Array.isArray(options.submitter[0]) ? options.submitter : [options.submitter]) as Array<[string, string]>
      body += pairs.map(([name, value]) => `${enc(name)}=${enc(value)}`).join('&')
    }
    const form = this.document?.querySelector('form')
    const action = new URL(form?.getAttribute('action') ?? this.url, this.url)
    const response = await this.send(
      new Request(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-microsoftajax': 'Delta=true', 'x-requested-with': 'XMLHttpRequest' },
        body,
      }),
    )
    this.status = response.status
    this.lastContentType = response.headers.get('content-type')
    const reply = await response.text()
    this.responseBytes = Buffer.byteLength(reply)
    const records = parseDelta(reply)
    this.values.clear()
    for (const r of records) {
      if (r.type === 'updatePanel') {
        const panel = this.document.getElementById(r.id)
        if (!panel) throw new Error(`Could not find UpdatePanel with ID '${r.id}'.`)
        panel.innerHTML = r.content
      } else if (r.type === 'hiddenField') {
        let input = this.document.querySelector(`input[name="${cssEscape(r.id)}"]`)
        if (!input) {
          input = this.document.createElement('input')
          input.setAttribute('type', 'hidden')
          input.setAttribute('name', r.id)
          input.setAttribute('id', r.id)
          form.appendChild(input)
        }
        input.setAttribute('value', r.content)
      } else if (r.type === 'formAction') form.setAttribute('action', r.content)
    }
    return records
  }

  /** The Content-Type of the last async postback's answer. */
  lastContentType: string | null = null

  /**
   * Posts a client callback as `WebForm_DoCallback(target, argument, …)` does (PROTOCOL.md §5.2)
   * and returns the raw answer (`s<result>`, `e<message>` or `<n>|<event validation><result>`).
   * The page is not changed.
   *
   * @example
   * await client.callback('__Page', 'ping') // 'sThe server answered the callback.'
   */
  async callback(target: string, argument: string): Promise<string> {
    const form = this.document?.querySelector('form')
    const entries = this.formEntries().filter(([name]) => name !== '__EVENTVALIDATION')
    entries.push(['__CALLBACKID', target], ['__CALLBACKPARAM', argument])
    const validation = this.field('__EVENTVALIDATION')
    if (validation !== null) entries.push(['__EVENTVALIDATION', validation])
    const action = new URL(form?.getAttribute('action') ?? this.url, this.url)
    const response = await this.send(
      new Request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(entries).toString() }),
    )
    this.status = response.status
    const text = await response.text()
    this.responseBytes = Buffer.byteLength(text)
    return text
  }

  /** The parsed document (a linkedom `Document`), as changed by async postbacks; `null` before the first load. */
  get dom(): any {
    return this.document
  }

  /** The text of the element with this id, or `null`. */
  text(id: string): string | null {
    return this.document?.getElementById(id)?.textContent ?? null
  }

  /** The element with this id (a linkedom element), for attribute checks. */
  element(id: string): any {
    return this.document?.getElementById(id) ?? null
  }

  /** A hidden or input field's value as rendered. */
  field(name: string): string | null {
    return this.document?.querySelector(`[name="${cssEscape(name)}"]`)?.getAttribute('value') ?? null
  }

  private override(name: string, fallback: string): string {
    const v = this.values.get(name)
    return typeof v === 'string' ? v : fallback
  }

  private async submit(extra: Array<[string, string]>): Promise<this> {
    const form = this.document?.querySelector('form')
    const action = new URL(form?.getAttribute('action') ?? this.url, this.url)
    const body = new URLSearchParams(this.formEntries(extra)).toString()
    const response = await this.send(
      new Request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
    )
    return this.receive(response, action.href)
  }

  private async send(request: Request): Promise<Response> {
    if (this.cookies.size > 0) request.headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await this.fetcher(request)
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      if (attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(at + 1).trim())
    }
    return response
  }

  private async receive(response: Response, url: string): Promise<this> {
    this.status = response.status
    this.location = response.headers.get('location')
    this.html = await response.text()
    this.responseBytes = Buffer.byteLength(this.html)
    this.url = url
    this.values.clear()
    this.document = (await linkedom()).parseHTML(this.html).document
    return this
  }
}

// Loaded on first use: importing `deltaform/testing` for the Playwright kit alone does not need linkedom.
let linkedomModule: Promise<typeof import('linkedom')> | null = null
function linkedom(): Promise<typeof import('linkedom')> {
  linkedomModule ??= import('linkedom').catch((error: unknown) => {
    linkedomModule = null
    throw new Error(`FormClient and createTestPage parse pages with linkedom: npm install --save-dev linkedom (${String(error)})`)
  })
  return linkedomModule
}

function radioOverridden(values: Map<string, unknown>, name: string, type: string): boolean {
  if (type !== 'radio') return false
  for (const key of values.keys()) if (key.startsWith(`${name}\u0000`)) return true
  return false
}

function cssEscape(name: string): string {
  return name.replace(/["\\]/g, '\\$&')
}
