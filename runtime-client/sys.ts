// Just enough of the MicrosoftAjax.js core: Sys.Application, $get, $create, $find and the
// JSON deserializer. Components are plain objects; there is no type system (registerClass).
import { disposeInside, own, resetDisposals } from './dispose.ts'
import { accessors, addEvents, raise } from './events.ts'

/** `Sys.EventArgs` — only `Sys.EventArgs.Empty` is used by pages. @example Sys.EventArgs.Empty */
export const EventArgs = { Empty: {} }

let comps: Record<string, any> = {}
let created: any[] = []
let started = false
let inited = false
let loaded = false

/**
 * `Sys.Application`: init handlers run once when the document is parsed, then `load` fires
 * (again after every async update, with `get_isPartialLoad()` true) and calls `window.pageLoad`.
 *
 * @example
 * Sys.Application.add_load((sender, args) => console.log(args.get_isPartialLoad()))
 */
export const Application: any = {}
addEvents(Application, 'init load unload')
const addInit = Application.add_init

Object.assign(Application, {
  get_isInitialized: () => inited,
  add_init(h: (s: any, a: any) => void) {
    if (inited) h(Application, EventArgs.Empty)
    else addInit.call(Application, h)
  },
  initialize() {
    if (started) return
    started = true
    const go = () => {
      inited = true
      raise(Application, 'init', EventArgs.Empty)
      Application.raiseLoad()
    }
    if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', go)
    else setTimeout(go)
  },
  raiseLoad() {
    const args = accessors({ components: created, isPartialLoad: loaded })
    loaded = true
    created = []
    raise(Application, 'load', args)
    const w: any = window
    if (w.pageLoad) w.pageLoad(Application, args)
  },
  // No batching here (the update calls neither); kept for scripts that do.
  beginCreateComponents() {},
  endCreateComponents() {},
  addComponent(c: any) {
    comps[c.get_id()] = c
  },
  removeComponent(c: any) {
    delete comps[c.get_id()]
  },
  getComponents: () => Object.values(comps),
  findComponent: $find,
  // Looks only at the elements known to hold something to dispose (dispose.ts), never at
  // every descendant: replacing a panel of plain markup costs nothing here.
  disposeElement(element: any, childNodesOnly?: boolean) {
    if (element.nodeType != 1) return
    const gone = disposeInside(element, childNodesOnly)
    if (gone.size) for (const id in comps) if (gone.has(comps[id])) delete comps[id]
  },
})

/**
 * `$get(id, parent?)`: the element with that id.
 *
 * @example
 * $get('UpdatePanel1')
 */
export function $get(id: string, parent?: any): any {
  return parent && !parent.getElementById ? parent.querySelector('[id="' + id + '"]') : (parent || document).getElementById(id)
}

/**
 * `$find(id, parent?)` (also `Sys.Application.findComponent`): a component registered by
 * `$create` (or `Sys.Application.addComponent`), or looked up in `parent`.
 *
 * @example
 * $find('Timer1').set_enabled(false)
 */
export function $find(id: string, parent?: any): any {
  return (parent ? (parent.findComponent ? parent.findComponent(id) : parent[id]) : comps[id]) || null
}

const assign = (c: any, k: string, v: unknown) => (typeof c['set_' + k] == 'function' ? c['set_' + k](v) : (c[k] = v))

/**
 * `$create(type, properties, events, references, element)`: `new type(element)`, properties
 * through `set_<name>` setters when present (else fields), events through `add_<name>`,
 * registration by id, then `initialize()`.
 *
 * @example
 * $create(Sys.UI._Timer, { enabled: true, interval: 1000, uniqueID: 'Timer1' }, null, null, $get('Timer1'))
 */
export function $create(type: any, properties?: any, events?: any, references?: any, element?: any): any {
  const c = new type(element)
  for (const k in properties) assign(c, k, properties[k])
  for (const k in events) if (c['add_' + k]) c['add_' + k](events[k])
  for (const k in references) assign(c, k, $find(references[k]))
  const id = c.get_id ? c.get_id() : (properties && properties.id) || (element && element.id)
  if (id) comps[id] = c
  if (element) own(element, c)
  created.push(c)
  if (c.initialize) c.initialize()
  return c
}

const dateText = /(^|[^\\])"\\\/Date\((-?\d+)(?:[a-zA-Z]|[+-]\d{4})?\)\\\/"/g

/**
 * `Sys.Serialization.JavaScriptSerializer.deserialize(text)`: JSON, plus the Microsoft date form
 * `"\/Date(ms)\/"` (escaped slashes, as .NET writes it) becoming a `Date`. Never evaluates code.
 *
 * @example
 * deserialize('{"at":"\\/Date(0)\\/"}').at.getTime() // 0
 */
export function deserialize(text: string): any {
  return JSON.parse(text.replace(dateText, '$1"\\u0000$2"'), (_k, v) =>
    typeof v == 'string' && /^\0-?\d+$/.test(v) ? new Date(+v.slice(1)) : v,
  )
}

/**
 * Test support: forgets every component and the application's init/load state.
 *
 * @example
 * resetApplication()
 */
export function resetApplication(): void {
  comps = {}
  resetDisposals()
  created = []
  started = inited = loaded = false
  Application.ev_ = {}
}
