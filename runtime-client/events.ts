// Small shared helpers for the ASP.NET AJAX object model: events, event-args, errors, lookups.
// Properties ending in `_` are internal; the bundle build shortens them (esbuild mangleProps).

/**
 * An ASP.NET AJAX event handler: called with `(sender, args)`.
 *
 * @example
 * const onEnd: Handler = (sender, args) => args.get_error()
 */
export type Handler = (sender: any, args: any) => void

const lists = (o: any): Record<string, Handler[]> => o.ev_ || (o.ev_ = {})

/**
 * Adds `add_<name>` / `remove_<name>` methods to `target` for each space-separated name.
 *
 * @example
 * addEvents(Application, 'init load unload') // Application.add_load(h), Application.remove_load(h)
 */
export function addEvents(target: any, names: string): void {
  for (const n of names.split(' ')) {
    target['add_' + n] = function (this: any, h: Handler) {
      const l = lists(this)
      l[n] = (l[n] || []).concat(h)
    }
    target['remove_' + n] = function (this: any, h: Handler) {
      const l = lists(this)
      l[n] = (l[n] || []).filter((x) => x !== h)
    }
  }
}

/**
 * Calls every handler of event `name` on `sender` with `(sender, args)`; handlers added or
 * removed meanwhile do not change this round.
 *
 * @example
 * raise(prm, 'endRequest', args)
 */
export function raise(sender: any, name: string, args: any): void {
  // Lists are replaced, never mutated: handlers added or removed meanwhile wait for the next round.
  for (const h of lists(sender)[name] || []) h(sender, args)
}

/**
 * Builds an ASP.NET AJAX style object over `values`: `get_<key>()` and `set_<key>(v)` per key,
 * reading and writing `values` live (so the caller sees what handlers set).
 *
 * @example
 * const values = { dataItems: {}, errorHandled: false }
 * accessors(values).set_errorHandled(true) // values.errorHandled === true
 */
export function accessors(values: Record<string, unknown>): any {
  const o: any = {}
  for (const k in values) {
    o['get_' + k] = () => values[k]
    o['set_' + k] = (v: unknown) => (values[k] = v)
  }
  return o
}

/**
 * An `Error` as ASP.NET AJAX creates them: `name` set, message prefixed with the name.
 *
 * @example
 * sysError('Sys.InvalidOperationException', 'Nope.').message // 'Sys.InvalidOperationException: Nope.'
 */
export function sysError(name: string, message: string, extra?: object): Error {
  const e = new Error(name + ': ' + message)
  e.name = name
  return Object.assign(e, extra)
}

/**
 * Throws `error` outside the current call stack (as an uncaught error), like the original
 * scripts do for unhandled async-postback errors — never an `alert`.
 *
 * @example
 * throwLater(sysError('Sys.ScriptLoadFailedException', "The script 'a.js' could not be loaded."))
 */
export function throwLater(error: unknown): void {
  setTimeout(() => {
    throw error
  })
}

/**
 * `document.getElementById`, short.
 *
 * @example
 * byId('UpdatePanel1')
 */
export const byId = (id: string): any => document.getElementById(id)
