import type { Control } from '../controls/control.ts'
import type { ClientScriptApi, PostBackOptions } from '../controls/host.ts'
import { HttpError } from '../errors.ts'
import type { HtmlWriter } from '../render/html-writer.ts'
import { jsStringEncode } from '../render/encode.ts'
import { addScriptNonce } from '../render/script-nonce.ts'
import { EventValidation } from '../state/event-validation.ts'

interface ScriptEntry {
  key: string
  script: string
  addScriptTags: boolean
}

/**
 * The page's client script registry (ASP.NET's ClientScriptManager): postback references,
 * event validation, hidden fields and script blocks rendered with the form.
 *
 * @example
 * // in code-behind
 * this.clientScript.registerStartupScript('hello', "console.log('loaded')", true)
 * const js = this.clientScript.getPostBackEventReference(this.Save, 'now') // "__doPostBack('Save','now')"
 */
export class ClientScriptManager implements ClientScriptApi {
  private readonly hiddenFields = new Map<string, string>()
  private readonly blocks = new Map<string, ScriptEntry>()
  private readonly startupScripts = new Map<string, ScriptEntry>()
  private readonly includes = new Map<string, string>()
  private readonly submitStatements = new Map<string, string>()
  /**
   * What this render registers; becomes the new __EVENTVALIDATION. In a callback it starts
   * from the posted one, so a callback adds to what the page allowed instead of replacing it.
   */
  renderedEvents = new EventValidation()
  /** What the previous render allowed; `null` on a GET or when validation is off. */
  postedEvents: EventValidation | null = null
  /** The CSP nonce put on every script element Deltaform writes, if the app uses one. */
  nonce: string | undefined
  /** The script providing WebForm_DoPostBackWithOptions (Deltaform's client core or WebForms.js, which has WebForm_DoCallback too). */
  webFormsScriptUrl = ''
  /**
   * Whether this request asked for a callback reference: the page then needs the client
   * callbacks (Deltaform's callbacks part, which the form render adds after the core).
   */
  usesCallbacks = false
  // Includes already written at the top of the form; later ones go out before the startup scripts.
  private readonly writtenIncludes = new Set<string>()

  constructor(readonly enableEventValidation: boolean) {}

  /**
   * The script that posts back on behalf of `control` (`__doPostBack('UniqueID','arg')`),
   * registering the target for event validation.
   */
  getPostBackEventReference(control: Control | { uniqueID: string }, options?: PostBackOptions | string): string {
    const opts: PostBackOptions = typeof options === 'string' ? { argument: options } : (options ?? {})
    const target = isPage(control) ? '__Page' : control.uniqueID
    const argument = opts.argument ?? ''
    this.registerForEventValidation(target, argument)
    const plain =
      !opts.performValidation && !opts.actionUrl && !opts.trackFocus && opts.clientSubmit !== false
    let call = plain
      ? `__doPostBack('${jsStringEncode(target)}','${jsStringEncode(argument)}')`
      : `WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("${jsStringEncode(target)}", "${jsStringEncode(argument)}", ${!!opts.performValidation}, "${jsStringEncode(opts.validationGroup ?? '')}", "${jsStringEncode(opts.actionUrl ?? '')}", ${!!opts.trackFocus}, ${opts.clientSubmit !== false}))`
    if (opts.autoPostBack) call = `setTimeout('${call.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', 0)`
    return call
  }

  /**
   * The `WebForm_DoCallback(...)` call text that starts a client callback to `control` (or the
   * page, `__Page`); `argument` and `context` are JavaScript expressions. Registers the client
   * script and the `WebForm_InitCallback();` startup script, and marks the page as using
   * callbacks ({@link usesCallbacks}).
   *
   * @example
   * this.clientScript.getCallbackEventReference(this, 'arg', 'ReceiveServerData', 'context')
   * // "WebForm_DoCallback('__Page',arg,ReceiveServerData,context,null,false)"
   */
  getCallbackEventReference(
    control: Control | { uniqueID: string },
    argument: string,
    clientCallback: string,
    context: string,
    clientErrorCallback: string | null = null,
    useAsync = false,
  ): string {
    const target = isPage(control) ? '__Page' : control.uniqueID
    if (typeof (control as { raiseCallbackEvent?: unknown }).raiseCallbackEvent !== 'function') {
      throw new Error(`The control '${target}' must have raiseCallbackEvent() and getCallbackResult() to be the target of a callback.`)
    }
    if (this.webFormsScriptUrl) this.registerClientScriptInclude('deltaform.webforms', this.webFormsScriptUrl)
    this.usesCallbacks = true
    this.registerStartupScript('deltaform.initCallback', 'WebForm_InitCallback();', true)
    const js = (expression: string | null) => (expression === null ? 'null' : expression === '' ? '""' : expression)
    return `WebForm_DoCallback('${jsStringEncode(target)}',${js(argument)},${clientCallback},${js(context)},${js(clientErrorCallback)},${useAsync})`
  }

  /**
   * Includes a control's own client script once per page.
   *
   * @example
   * this.host!.clientScript.registerClientScriptResource(gridScript)
   */
  registerClientScriptResource(resource: { name: string; url: string }): void {
    this.registerClientScriptInclude(`resource:${resource.name}`, resource.url)
  }

  /** The `javascript:` URL form of a postback reference, for links. */
  getPostBackClientHyperlink(control: Control, argument = ''): string {
    return 'javascript:' + this.getPostBackEventReference(control, argument)
  }

  registerForEventValidation(uniqueID: string, argument?: string): void {
    if (this.enableEventValidation) this.renderedEvents.register(uniqueID, argument)
    this.recording?.push([uniqueID, argument ?? ''])
  }

  private recording: Array<[string, string]> | null = null

  /**
   * Runs an UpdatePanel's render with its event-validation entries kept in their own segment,
   * so an async postback that does not refresh the panel carries them over unchanged.
   *
   * @example
   * clientScript.inEventValidationSegment(panel.uniqueID, () => panel.renderChildren(inner))
   */
  inEventValidationSegment<T>(name: string, work: () => T): T {
    return this.enableEventValidation ? this.renderedEvents.inSegment(name, work) : work()
  }

  /**
   * Runs `work` (a render) and returns the event-validation entries it registered, so a cached
   * fragment can register them again when it is served from the cache.
   *
   * @example
   * const events = clientScript.recordEventValidation(() => region.renderChildren(writer))
   */
  recordEventValidation(work: () => void): Array<[string, string]> {
    const outer = this.recording
    const recorded: Array<[string, string]> = []
    this.recording = recorded
    try {
      work()
    } finally {
      this.recording = outer
      outer?.push(...recorded)
    }
    return recorded
  }

  /** Refuses a postback target or value the server never rendered (HTTP 400). */
  validateEvent(uniqueID: string, argument?: string): void {
    if (!this.enableEventValidation || !this.postedEvents) return
    if (this.postedEvents.isValid(uniqueID, argument)) return
    const what = argument ? `the value '${truncate(argument)}' for '${uniqueID}'` : `the event target '${uniqueID}'`
    throw new HttpError(
      400,
      `Invalid postback or callback argument: the page never rendered ${what}. ` +
        'Event validation refuses posts naming controls or values the server did not render.',
    )
  }

  registerHiddenField(name: string, value: string): void {
    this.hiddenFields.set(name, value)
  }

  registerClientScriptBlock(key: string, script: string, addScriptTags = false): void {
    if (!this.blocks.has(key)) this.blocks.set(key, { key, script, addScriptTags })
  }

  isClientScriptBlockRegistered(key: string): boolean {
    return this.blocks.has(key)
  }

  registerStartupScript(key: string, script: string, addScriptTags = false): void {
    if (!this.startupScripts.has(key)) this.startupScripts.set(key, { key, script, addScriptTags })
  }

  isStartupScriptRegistered(key: string): boolean {
    return this.startupScripts.has(key)
  }

  registerClientScriptInclude(key: string, url: string): void {
    if (!this.includes.has(key)) this.includes.set(key, url)
  }

  registerOnSubmitStatement(key: string, script: string): void {
    if (!this.submitStatements.has(key)) this.submitStatements.set(key, script)
  }

  /** The form's `onsubmit` attribute, or `undefined` when nothing was registered. */
  get onSubmitAttribute(): string | undefined {
    if (this.submitStatements.size === 0) return undefined
    return `javascript:return WebForm_OnSubmit();`
  }

  /** @internal Hidden fields registered by controls (not the built-in state fields). */
  get registeredHiddenFields(): ReadonlyMap<string, string> {
    return this.hiddenFields
  }

  /** @internal Keys of the script blocks and startup scripts registered so far (the development inspector's check for scripts an async postback drops). */
  get registeredScriptKeys(): { blocks: string[]; startupScripts: string[] } {
    return { blocks: [...this.blocks.keys()], startupScripts: [...this.startupScripts.keys()] }
  }

  /** @internal Writes includes and script blocks (top of the form). */
  renderClientScriptBlocks(writer: HtmlWriter): void {
    this.writtenIncludes.clear()
    this.renderIncludes(writer)
    for (const entry of this.blocks.values()) this.writeScript(writer, entry)
    if (this.submitStatements.size > 0) {
      const body = [...this.submitStatements.values()].join('\n')
      writer.write(`<script${this.nonceAttr}>\nfunction WebForm_OnSubmit() {\n${body}\nreturn true;\n}\n</script>\n`)
    }
  }

  /**
   * @internal Writes startup scripts (bottom of the form), after the includes registered since
   * the top of the form was written (as ASP.NET renders a late WebForms.js at the form's end).
   */
  renderStartupScripts(writer: HtmlWriter): void {
    this.renderIncludes(writer)
    for (const entry of this.startupScripts.values()) this.writeScript(writer, entry)
  }

  get nonceAttr(): string {
    return this.nonce ? ` nonce="${escapeAttr(this.nonce)}"` : ''
  }

  private renderIncludes(writer: HtmlWriter): void {
    for (const [key, url] of this.includes) {
      if (this.writtenIncludes.has(key)) continue
      this.writtenIncludes.add(key)
      writer.write(`<script src="${escapeAttr(url)}"${this.nonceAttr}></script>\n`)
    }
  }

  private writeScript(writer: HtmlWriter, entry: ScriptEntry): void {
    if (entry.addScriptTags) writer.write(`<script${this.nonceAttr}>\n//<![CDATA[\n${entry.script}\n//]]>\n</script>\n`)
    else writer.write(addScriptNonce(entry.script, this.nonceAttr))
  }
}

function isPage(control: unknown): boolean {
  return !!control && (control as { isPage?: boolean }).isPage === true
}

function truncate(value: string): string {
  return value.length > 60 ? value.slice(0, 57) + '...' : value
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
