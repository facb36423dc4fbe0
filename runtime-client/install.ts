// Puts the core runtime on `window`: Sys, $get, $create, $find and the WebForms.js postback
// functions. Timer/UpdateProgress and client callbacks come in parts of their own (parts/).
import { watchExpandos } from './dispose.ts'
import { PageRequestManager } from './prm.ts'
import { $create, $find, $get, Application, deserialize, EventArgs } from './sys.ts'
import { defineMissing, webFormsGlobals } from './webforms.ts'

/**
 * Installs the globals once; a second call (or a page that already has `Sys`, e.g. from the
 * Microsoft scripts) changes nothing. Other globals the page already defines (e.g. the original
 * WebForms.js functions) are kept. `Sys.UI` starts empty: the components part fills it.
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
    UI: {},
    WebForms: { PageRequestManager },
    Serialization: { JavaScriptSerializer: { deserialize } },
  }
  // Elements given a control, behaviors or a dispose() get marked, so that disposing a panel
  // only looks at those (dispose.ts).
  watchExpandos(w.Element.prototype)
  defineMissing(w, { $get, $find, $create, ...webFormsGlobals(w) })
}
