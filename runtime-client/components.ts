// The two script controls the server creates with $create: UpdateProgress and Timer.
// Plain closures (no class hierarchy): `new UpdateProgress(el)` returns the component object.
// A part of its own (`/__deltaform/components.<hash>.js`, entry parts/components.ts), loaded
// after the core by pages that have one of them: it reaches the core through `window.Sys` only,
// never by importing it (that would bundle a second copy).
import { accessors } from './events.ts'
import { panelUniqueID } from './ids.ts'
import type { PageRequestManager } from './prm.ts'

const sys = (): any => (window as any).Sys

type Start = (c: any, props: any, prm: PageRequestManager) => () => void

/**
 * A minimal `Sys.UI.Control` bound to `el` (`el.control`, id = element id) with
 * `get_/set_<name>` properties over `props` (which `start` reads live); `start` runs on
 * `initialize()` and returns what `dispose()` undoes.
 *
 * @example
 * control(el, { interval: 1000 }, (c, props, prm) => () => {}).get_interval() // 1000
 */
export function control(el: any, props: Record<string, unknown>, start: Start): any {
  let stop = () => {}
  const c: any = Object.assign(accessors(props), {
    get_element: () => el,
    get_id: () => el.id,
    initialize: () => (stop = start(c, props, sys().WebForms.PageRequestManager.getInstance())),
    dispose() {
      if (el.control === c) el.control = null
      sys().Application.removeComponent(c)
      stop()
    },
  })
  return (el.control = c)
}

/**
 * `Sys.UI._UpdateProgress`: shows its element `displayAfter` ms into an async postback that
 * concerns the associated panel (or any postback when none is set), hides it on endRequest.
 *
 * @example
 * $create(Sys.UI._UpdateProgress, { associatedUpdatePanelId: 'UpdatePanel1', displayAfter: 500, dynamicLayout: true }, null, null, $get('UpdateProgress1'))
 */
export function UpdateProgress(el: any): any {
  return control(el, { displayAfter: 500, dynamicLayout: true, associatedUpdatePanelId: null }, (_c, v, prm) => {
    let timer: any
    const show = (on: boolean) => {
      const s = el.style
      clearTimeout(timer)
      if (v.dynamicLayout) s.display = on ? 'block' : 'none'
      else s.visibility = on ? 'visible' : 'hidden'
      el.setAttribute('aria-hidden', !on)
    }
    const begin = (_s: unknown, a: any) => {
      const id = v.associatedUpdatePanelId
      const panels: string[] = a.get_updatePanelsToUpdate()
      let on = !id || panels.includes(id) || panels.includes(panelUniqueID(prm, id))
      for (let e = a.get_postBackElement(); !on && e; e = e.parentNode) on = e.id === id
      if (on) timer = setTimeout(() => prm.get_isInAsyncPostBack() && show(true), v.displayAfter)
    }
    const end = () => show(false)
    // As ASP.NET 4.5's client does (Sys.UI.Control sets get_role(), "status"): an ASP.NET server
    // renders the element without them.
    el.setAttribute('role', 'status')
    el.setAttribute('aria-hidden', true)
    prm.add_beginRequest(begin)
    prm.add_endRequest(end)
    return () => {
      clearTimeout(timer)
      prm.remove_beginRequest(begin)
      prm.remove_endRequest(end)
    }
  })
}

/**
 * `Sys.UI._Timer`: ticks every `interval` ms and, while enabled, posts back
 * `__doPostBack(uniqueID, '')`; a tick during an async postback posts after it ends. A
 * `[enabled, interval]` data item for the timer's id (sent by the server) updates it.
 * `_stopTimer()` / `_startTimer()` work as with the original script.
 *
 * @example
 * $create(Sys.UI._Timer, { enabled: true, interval: 1000, uniqueID: 'Timer1' }, null, null, $get('Timer1'))
 */
export function Timer(el: any): any {
  return control(el, { enabled: true, interval: 60000, uniqueID: null }, (c, v, prm) => {
    let timer: any
    let pending = false
    const post = () => {
      pending = false
      if (v.enabled) (window as any).__doPostBack(v.uniqueID, '')
    }
    c._stopTimer = () => clearTimeout(timer)
    // Re-armed on every tick; while disabled a tick does nothing, so enabling again resumes.
    c._startTimer = () => {
      c._stopTimer()
      timer = setTimeout(() => {
        c._startTimer()
        prm.get_isInAsyncPostBack() ? (pending = true) : post()
      }, v.interval)
    }
    const end = (_s: unknown, a: any) => {
      // The server's [enabled, interval] for this timer.
      const state: any = a.get_dataItems()[el.id]
      if (state) {
        v.enabled = state[0]
        if (v.interval !== state[1]) (v.interval = state[1]), c._startTimer()
      }
      if (pending && !prm.get_isInAsyncPostBack()) post()
    }
    prm.add_endRequest(end)
    c._startTimer()
    return () => {
      c._stopTimer()
      prm.remove_endRequest(end)
    }
  })
}

/**
 * Adds `Sys.UI._UpdateProgress` and `Sys.UI._Timer` to the core's `Sys`: what the components
 * part does when it loads.
 *
 * @example
 * installComponents(window) // $create(Sys.UI._Timer, …) works from now on
 */
export function installComponents(w: any): void {
  Object.assign(w.Sys.UI, { _UpdateProgress: UpdateProgress, _Timer: Timer })
}
