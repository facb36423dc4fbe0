import type { Control } from '../control.ts'
import type { ScriptManager } from './script-manager.ts'

/**
 * The startup script that creates a client component for a control, as ASP.NET's script
 * descriptors write it: properties sorted by name, inside `Sys.Application.add_init`.
 *
 * @example
 * componentScript('Sys.UI._Timer', { interval: 1000, enabled: true, uniqueID: 'Timer1' }, timer)
 * // Sys.Application.add_init(function() {\n    $create(Sys.UI._Timer, {"enabled":true,"interval":1000,"uniqueID":"Timer1"}, null, null, $get("Timer1"));\n});
 */
export function componentScript(type: string, properties: Record<string, unknown>, control: Control): string {
  const sorted = Object.fromEntries(Object.keys(properties).sort().map((k) => [k, properties[k]]))
  const json = JSON.stringify(sorted).replace(/</g, '\\u003c')
  return `Sys.Application.add_init(function() {\n    $create(${type}, ${json}, null, null, $get(${JSON.stringify(control.clientID)}));\n});\n`
}

/**
 * Registers the client component of a Timer or UpdateProgress: the `$create` startup script
 * (key `<key>:<UniqueID>`) and, with Deltaform's client, the components part that defines
 * `Sys.UI._Timer` / `Sys.UI._UpdateProgress` — on a full render a `<script src>` after the core
 * bundle, in an async postback an include record loaded before the startup script runs. The
 * Microsoft scripts define these types themselves (MicrosoftAjaxWebForms.js, MicrosoftAjaxTimer.js).
 *
 * @example
 * registerComponent(this, sm, 'Timer', 'Sys.UI._Timer', { enabled: true, interval: 1000, uniqueID: 'Timer1' })
 */
export function registerComponent(control: Control, sm: ScriptManager, key: string, type: string, properties: Record<string, unknown>): void {
  const host = control.host!
  const scripts = host.clientScripts
  if (scripts.kind === 'deltaform' && scripts.components) {
    // The core first: the part adds to its Sys. (The ScriptManager registers the core under
    // the same key; whichever of them runs PreRender first places it.)
    if (!sm.isInAsyncPostBack) host.clientScript.registerClientScriptInclude('deltaform.webforms', scripts.client)
    sm.registerScriptReference(control, scripts.components)
  }
  sm.registerStartupScript(control, `${key}:${control.uniqueID}`, componentScript(type, properties, control), true)
}
