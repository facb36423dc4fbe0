// Puts the runtime on `window`: Sys, $get, $create, $find, the WebForms.js functions and client callbacks.
import { callbackGlobals } from './callbacks.ts'
import { Timer, UpdateProgress } from './components.ts'
import { PageRequestManager } from './prm.ts'
import { $create, $find, $get, Application, deserialize, EventArgs } from './sys.ts'
import { defineMissing, webFormsGlobals } from './webforms.ts'

/**
 * Installs the globals once; a second call (or a page that already has `Sys`, e.g. from the
 * Microsoft scripts) changes nothing. Other globals the page already defines (e.g. the original
 * WebForms.js functions) are kept.
 *
 * @example
 * install() // window.Sys.WebForms.PageRequestManager is ready for the server's _initialize call
 */
export function install(): void {
  const w: any = window
  if (w.Sys) return
  w.Sys = {
    Application,
    EventArgs,
    UI: { _UpdateProgress: UpdateProgress, _Timer: Timer },
    WebForms: { PageRequestManager },
    Serialization: { JavaScriptSerializer: { deserialize } },
  }
  // WebForm_DoCallback among them: before the server's _initialize, which wraps it (§4.8).
  defineMissing(w, { $get, $find, $create, ...webFormsGlobals(w), ...callbackGlobals(w) })
}
