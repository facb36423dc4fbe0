import { Control } from './control.ts'
import type { ClientScriptApi, ControlHost, PostBackOptions, PostData, Validator } from './host.ts'
import { HttpError } from '../errors.ts'
import { jsStringEncode } from '../render/encode.ts'

/**
 * A stand-in for the page in unit tests of controls: records what controls register
 * (event validation, postback requests, scripts) and validates events like the real
 * ClientScriptManager, without the lifecycle runner.
 *
 * @example
 * const host = createFakeHost({ isPostBack: true, postData: createPostData({ Colors: 'red' }) })
 */
export interface FakeHost extends ControlHost {
  isPostBack: boolean
  postData: PostData | null
  /** `uniqueID + '\0' + argument` pairs registered while rendering. */
  readonly renderedEvents: Set<string>
  /**
   * What the "previous render" allowed. `validateEvent` checks this set, or
   * {@link FakeHost.renderedEvents} when it is `null` (render, then post to the same host).
   */
  postedEvents: Set<string> | null
  readonly requiresPostBack: Set<Control>
  requiresRaiseEvent: Control | null
  /** The groups passed to `validate()`, in order (`undefined` = all). */
  readonly validatedGroups: Array<string | undefined>
  readonly startupScripts: Map<string, string>
  readonly hiddenFields: Map<string, string>
  /** Awaits the work controls handed to `track()` (late-added controls catching up). */
  settle(): Promise<void>
}

/**
 * Options of {@link createFakeHost}.
 *
 * @example
 * createFakeHost({ isPostBack: true, postData: createPostData({ Name: 'Ann' }) })
 */
export interface FakeHostOptions {
  isPostBack?: boolean
  postData?: PostData | null
  postedEvents?: Set<string> | null
}

/**
 * Creates a {@link FakeHost}.
 *
 * @example
 * const host = createFakeHost()
 * await mount(list, host)
 * list.renderToString()
 * host.renderedEvents.has('Colors\0red') // true
 */
export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  const renderedEvents = new Set<string>()
  const pending: Promise<unknown>[] = []
  const startupScripts = new Map<string, string>()
  const hiddenFields = new Map<string, string>()
  const host: FakeHost = {
    isPostBack: options.isPostBack ?? false,
    postData: options.postData ?? null,
    renderedEvents,
    postedEvents: options.postedEvents ?? null,
    requiresPostBack: new Set<Control>(),
    requiresRaiseEvent: null,
    validatedGroups: [],
    startupScripts,
    hiddenFields,
    validators: [] as Validator[],
    isDevelopment: true,
    isAsyncPostBack: false,
    items: new Map<string, unknown>(),
    clientScripts: { kind: 'deltaform', client: '/client.js', focus: '/focus.js' },
    partialRenderingOff: false,
    requestPath: '/',
    title: '',
    clientScript: undefined as unknown as ClientScriptApi,
    async validate(validationGroup?: string) {
      host.validatedGroups.push(validationGroup)
      for (const v of [...host.validators]) {
        if (validationGroup === undefined || (v.validationGroup ?? '') === validationGroup) await v.validate()
      }
    },
    track(work) {
      if (work) pending.push(work)
    },
    async settle() {
      while (pending.length) await pending.shift()
    },
    registerRequiresPostBack(control) {
      host.requiresPostBack.add(control)
    },
    registerRequiresRaiseEvent(control) {
      host.requiresRaiseEvent = control
    },
    beginFormRender() {},
    endFormRender() {},
  }
  const clientScript: ClientScriptApi = {
    getPostBackEventReference(control: Control, options?: PostBackOptions | string): string {
      const opts: PostBackOptions = typeof options === 'string' ? { argument: options } : (options ?? {})
      const argument = opts.argument ?? ''
      clientScript.registerForEventValidation(control.uniqueID, argument)
      const call = `__doPostBack('${jsStringEncode(control.uniqueID)}','${jsStringEncode(argument)}')`
      return opts.autoPostBack ? `setTimeout('${call.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', 0)` : call
    },
    registerForEventValidation(uniqueID: string, argument?: string) {
      renderedEvents.add(uniqueID + '\u0000' + (argument ?? ''))
    },
    validateEvent(uniqueID: string, argument?: string) {
      const allowed = host.postedEvents ?? renderedEvents
      if (allowed.has(uniqueID + '\u0000' + (argument ?? ''))) return
      throw new HttpError(400, `Invalid postback or callback argument: the page never rendered the value '${argument ?? ''}' for '${uniqueID}'.`)
    },
    registerStartupScript(key: string, script: string) {
      startupScripts.set(key, script)
    },
    registerHiddenField(name: string, value: string) {
      hiddenFields.set(name, value)
    },
    registerClientScriptBlock(key: string, script: string) {
      startupScripts.set(`block:${key}`, script)
    },
    registerClientScriptInclude(key: string, url: string) {
      startupScripts.set(`include:${key}`, url)
    },
    registerOnSubmitStatement(key: string, script: string) {
      startupScripts.set(`submit:${key}`, script)
    },
    getCallbackEventReference(control: Control, argument: string, clientCallback: string, context: string, clientErrorCallback: string | null = null, useAsync = false) {
      return `WebForm_DoCallback('${control.uniqueID}',${argument},${clientCallback},${context},${clientErrorCallback ?? 'null'},${useAsync})`
    },
    registerClientScriptResource(resource: { name: string; url: string }) {
      startupScripts.set(`include:resource:${resource.name}`, resource.url)
    },
    nonceAttr: '',
  }
  ;(host as { clientScript: ClientScriptApi }).clientScript = clientScript
  return host
}

/**
 * Posted form fields for `loadPostData` in tests; a field may repeat (an array).
 *
 * @example
 * const post = createPostData({ Colors: ['red', 'blue'], Name: 'Ann' })
 * post.getAll('Colors') // ['red', 'blue']
 */
export function createPostData(fields: Record<string, string | string[]>): PostData & { keys(): string[] } {
  const map = new Map<string, string[]>()
  for (const [k, v] of Object.entries(fields)) map.set(k, Array.isArray(v) ? v : [v])
  return {
    get: (name) => map.get(name)?.[0],
    getAll: (name) => [...(map.get(name) ?? [])],
    has: (name) => map.has(name),
    keys: () => [...map.keys()],
  }
}

/**
 * The naming container {@link mount} puts controls under (it plays the page).
 *
 * @example
 * const { root } = await mount(list)
 * root.findControl('Colors') === list // true
 */
export class FakeRoot extends Control {
  override get isNamingContainer(): boolean {
    return true
  }
}

/**
 * What {@link mount} returns.
 *
 * @example
 * const { root, host } = await mount([box, validator])
 * const state = root.saveViewStateRecursive()
 */
export interface Mounted {
  root: FakeRoot
  host: FakeHost
}

/**
 * Puts controls under a naming-container root on a fake host and runs Init (tracking
 * starts), as a page does before Load.
 *
 * @example
 * const box = new TextBox(); box.id = 'Name'
 * const { host } = await mount(box)
 * box.renderToString() // '<input id="Name" name="Name" type="text" />'
 */
export async function mount(controls: Control | Control[], host: FakeHost = createFakeHost()): Promise<Mounted> {
  const root = new FakeRoot()
  for (const control of Array.isArray(controls) ? controls : [controls]) root.controls.add(control)
  root.attach(host)
  await root.initRecursive()
  await host.settle()
  return { root, host }
}
