// Partial-page history (ScriptManager EnableHistory), the `history` part: Sys.Application's
// addHistoryPoint / navigate API over the URL fragment in ASP.NET's format
// (`#k=v&k2=v2&&<server state>`), async postbacks to the ScriptManager on back/forward, and
// the scroll position and focused element of each history entry put back on return.
// Everything here hooks public events (PageRequestManager begin/endRequest, window
// popstate/hashchange): the core needs no change.
import { accessors, addEvents, byId, raise, sysError } from './events.ts'

/** The server part of an entry, under the key ASP.NET's client uses for it. */
const SERVER = '__s'

/**
 * Reads a fragment (without `#`) into a string dictionary: the text after the first `&&` is
 * the server state (key `__s`, left as is), the rest `name=value` pairs, values URI-decoded.
 * Malformed pairs are skipped, never thrown on: the fragment is whatever the user typed.
 *
 * @example
 * parseEntry('tab=a%20b&&SIGNED') // { __s: 'SIGNED', tab: 'a b' }
 */
export function parseEntry(entry: string): Record<string, string> {
  const out: Record<string, string> = {}
  const cut = entry.indexOf('&&')
  if (cut >= 0 && cut + 2 < entry.length) {
    out[SERVER] = entry.slice(cut + 2)
    entry = entry.slice(0, cut)
  }
  for (const pair of entry.split('&')) {
    const eq = pair.indexOf('=')
    if (eq > 0 && eq + 1 < pair.length) {
      try {
        Object.defineProperty(out, pair.slice(0, eq), { value: decodeURIComponent(pair.slice(eq + 1)), enumerable: true, writable: true, configurable: true })
      } catch {
        // A stray `%`: not a pair this page wrote.
      }
    }
  }
  return out
}

/**
 * Writes a string dictionary as a fragment: `name=value` pairs (values URI-encoded) joined by
 * `&`, then `&&` and the server state when there is one.
 *
 * @example
 * serializeEntry({ tab: 'a b', __s: 'SIGNED' }) // 'tab=a%20b&&SIGNED'
 */
export function serializeEntry(state: Record<string, string>): string {
  const pairs: string[] = []
  for (const k in state) if (k != SERVER) pairs.push(k + '=' + encodeURIComponent(state[k]!))
  return pairs.join('&') + (state[SERVER] ? '&&' + state[SERVER] : '')
}

/**
 * Adds the history API to `w.Sys.Application` (once): `addHistoryPoint(state, title)`,
 * `add_navigate` / `remove_navigate`, `get_stateString()`, `get_enableHistory()` /
 * `set_enableHistory()`, and the calls a history-enabled ScriptManager renders
 * (`setServerId`, `setServerState`, `_enableHistoryInScriptManager`).
 *
 * @example
 * installHistory(window)
 * Sys.Application.add_navigate((sender, args) => show(args.get_state().tab))
 */
export function installHistory(w: any): void {
  const sys = w.Sys
  const app = sys.Application
  if (app.addHistoryPoint) return
  const doc = w.document
  const loc = w.location
  const hist = w.history
  let enabled = false
  let started = false
  let clientId = ''
  let uniqueId = ''
  let state: Record<string, string> = {}
  // The server state the page's content shows, and the one a navigation postback in flight asks for.
  let shown = ''
  let posted: string | null = null
  // The entry the page shows, its id in history.state, and the scroll/focus of each entry.
  let current = ''
  let here = ''
  const spots: Record<string, [number, number, string]> = {}
  // The entry whose scroll and focus come back when the navigation's postback ends.
  let restoreTo: string | null = null
  let titleBefore: string | null = null

  const stateString = () => {
    // From href, not location.hash: some browsers decode the hash they return.
    const h = loc.href
    const i = h.indexOf('#')
    return i < 0 ? '' : h.slice(i + 1)
  }
  const idOf = () => {
    let id = hist.state && hist.state.deltaformEntry
    if (!id) {
      id = Math.random().toString(36).slice(2)
      hist.replaceState({ ...hist.state, deltaformEntry: id }, '')
    }
    return id
  }
  const setField = (value: string) => {
    const field = byId(clientId)
    if (field) field.value = value
  }
  // A full postback must come back to the same entry: the form posts to the URL with its fragment.
  const setAction = () => {
    const f = w.theForm
    if (f) f.setAttribute('action', (f.getAttribute('action') || '').split('#')[0] + (current ? '#' + current : ''))
  }
  const remember = () => {
    if (enabled && restoreTo == null) {
      const a = doc.activeElement
      spots[here] = [w.scrollX, w.scrollY, (a && a.id) || '']
    }
  }
  const restore = (id: string) => {
    const spot = spots[id] || (hist.state && hist.state.deltaformSpot)
    if (!spot || id != here) return
    const el = spot[2] && byId(spot[2])
    if (el && el.focus) el.focus({ preventScroll: true })
    w.scrollTo(spot[0], spot[1])
  }
  const raiseNavigate = () => {
    const copy: Record<string, string> = { ...state }
    delete copy[SERVER]
    raise(app, 'navigate', accessors({ state: copy }))
  }
  // A new entry for `entry`; the one left keeps its scroll/focus in history.state (for after a reload).
  const push = (entry: string, title?: string | null) => {
    if (entry == current) return
    remember()
    hist.replaceState({ ...hist.state, deltaformSpot: spots[here] }, '')
    here = Math.random().toString(36).slice(2)
    hist.pushState({ deltaformEntry: here }, '', '#' + entry)
    current = stateString()
    setAction()
    if (title != null) doc.title = title
  }
  const prm = () => sys.WebForms && sys.WebForms.PageRequestManager.getInstance()
  // Asks the server for the current entry's state (OnNavigate). Never while another postback is
  // in flight: endRequest asks again then, so quick Back, Back, Back ends on the last entry.
  const post = () => {
    const server = state[SERVER] || ''
    restoreTo = here
    const p = prm()
    if (p && p.get_isInAsyncPostBack()) return
    setField((posted = server))
    w.__doPostBack(uniqueId, server)
  }
  // Shows the entry the browser went to: the server restores its part by an async postback to
  // the ScriptManager; a client-only change raises navigate at once.
  const go = () => {
    state = parseEntry(current)
    if (uniqueId && (state[SERVER] || '') != shown) post()
    else {
      raiseNavigate()
      restore(here)
    }
  }
  const onChange = () => {
    const entry = stateString()
    if (!enabled || entry == current) return
    // Scrolling is manual while history is on: the position now is still the left entry's.
    remember()
    here = idOf()
    current = entry
    setAction()
    go()
  }
  const start = () => {
    if (started) return
    started = true
    here = idOf()
    if ('scrollRestoration' in hist) hist.scrollRestoration = 'manual'
    for (const name of ['popstate', 'hashchange']) w.addEventListener(name, onChange)
    w.addEventListener('scroll', remember, { passive: true })
    doc.addEventListener('focusin', remember)
    w.addEventListener('pagehide', () => {
      remember()
      hist.replaceState({ ...hist.state, deltaformSpot: spots[here] }, '')
    })
    const p = prm()
    if (p) {
      p.add_beginRequest(() => (titleBefore = doc.title))
      p.add_endRequest((_sender: unknown, args: any) => {
        const item = args.get_dataItems()[clientId]
        const target = byId('__EVENTTARGET')
        if (target && target.value == uniqueId) target.value = ''
        const to = restoreTo
        const before = titleBefore
        const asked = posted
        const ex = args.get_response()
        restoreTo = titleBefore = posted = null
        // A failed navigation (a refused state) is not asked for again; one waiting behind
        // another failed postback is.
        if (args.get_error()) {
          if (asked == null && to != null) setTimeout(post)
          return
        }
        if (asked != null && !(ex && ex.get_aborted())) shown = asked
        if (uniqueId && (state[SERVER] || '') != shown && item === undefined) {
          // The user went on while a postback was in flight, or it was replaced: ask for where the browser is now.
          if (to != null) setTimeout(post)
        } else if (item !== undefined) {
          // A new point from the server. The answer already set the new title: the entry left
          // keeps the old one, the new entry gets the new one.
          app.setServerState(item)
          const title = doc.title
          if (before != null) doc.title = before
          push(serializeEntry(state))
          doc.title = title
          raiseNavigate()
        } else if (to != null) {
          raiseNavigate()
          restore(to)
        }
      })
    }
    // A link or reload with a fragment: restore that entry once the page has loaded.
    const first = () => {
      app.remove_load(first)
      onChange()
    }
    app.add_load(first)
  }

  addEvents(app, 'navigate')
  sys.HistoryEventArgs = function (s: Record<string, string>) {
    return accessors({ state: s })
  }
  Object.assign(app, {
    get_stateString: stateString,
    get_enableHistory: () => enabled,
    set_enableHistory(value: boolean) {
      enabled = !!value
      if (enabled) start()
    },
    addHistoryPoint(values: Record<string, string | null>, title?: string | null) {
      if (!enabled) throw sysError('Sys.InvalidOperationException', 'A history point cannot be added while history is disabled (set EnableHistory on the ScriptManager).')
      for (const k in values) {
        const v = values[k]
        if (v == null) delete state[k]
        else state[k] = v
      }
      push(serializeEntry(state), title)
      raiseNavigate()
    },
    setServerId(client: string, unique: string) {
      clientId = client
      uniqueId = unique
    },
    setServerState(value: string) {
      state[SERVER] = shown = value
      setField(value)
    },
    _enableHistoryInScriptManager() {
      app.set_enableHistory(true)
    },
  })
}
