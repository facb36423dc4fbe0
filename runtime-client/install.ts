// Puts the runtime on `window`: Sys, $get, $create, $find, the WebForms.js functions and client callbacks.
import { installCallbacks } from './callbacks.ts'
import { Timer, UpdateProgress } from './components.ts'
import { PageRequestManager } from './prm.ts'
import { $create, $find, $get, Application, deserialize, EventArgs } from './sys.ts'
import { installWebForms } from './webforms.ts'

/**
 * Installs the globals once; a second call (or a page that already has `Sys`, e.g. from the
 * Microsoft scripts) changes nothing.
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
  Object.assign(w, { $get, $find, $create })
  installWebForms(w)
  // Before the server's _initialize: the PageRequestManager wraps WebForm_DoCallback then (§4.8).
  installCallbacks(w)
}
