// Partial-page history on the server side (ScriptManager EnableHistory): the state of the
// current history point, its text form (signed, or a plain query string), the Navigate event
// and the script that hands the server state to the client's Sys.Application.
import type { Control } from '../control.ts'
import type { ControlHost } from '../host.ts'
import { HttpError } from '../../errors.ts'
import { jsStringEncode } from '../../render/encode.ts'

/**
 * What `OnNavigate` handlers receive: the server state of the history point the browser went
 * to (empty for the page's first entry). Values are strings; the handler converts them.
 *
 * @example
 * ScriptManager1_Navigate(sender: ScriptManager, e: HistoryEventArgs) {
 *   this.showStep(Number(e.state.step ?? '0'))
 * }
 */
export interface HistoryEventArgs {
  readonly state: Readonly<Record<string, string>>
}

/**
 * The plain (EnableSecureHistoryState="false") text of a server state, as ASP.NET writes it:
 * `key=value` pairs joined by `&`, form-URL-encoded (space as `+`).
 *
 * @example
 * formatHistoryState({ step: '2', q: 'a b' }) // 'step=2&q=a+b'
 */
export function formatHistoryState(state: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(state)).toString()
}

/**
 * Reads the plain text form back ({@link formatHistoryState}); the last of repeated keys wins.
 * This text comes from the URL as typed: the Navigate handler must check the values.
 *
 * @example
 * parseHistoryState('step=2&q=a+b') // { step: '2', q: 'a b' }
 */
export function parseHistoryState(text: string): Record<string, string> {
  // fromEntries defines own properties: a `__proto__` key stays a plain key.
  return Object.fromEntries(new URLSearchParams(text))
}

/**
 * The history bookkeeping of one ScriptManager for one request.
 *
 * @example
 * const history = new HistoryPoints()
 * history.set({ step: '2' }) // in an async postback: a new point, sent as a data item
 */
export class HistoryPoints {
  /** The state of the current point (null: the page's first entry, nothing added). */
  state: Record<string, string> | null = null
  /** This postback came from the client navigating (back/forward, a link with a fragment). */
  navigating = false

  /** Merges values into the current state; `null` removes a key (as ASP.NET's SetStateValue). */
  set(values: Readonly<Record<string, string | null>>): void {
    const state = (this.state ??= {})
    for (const [key, value] of Object.entries(values)) {
      if (value === null) delete state[key]
      else Object.defineProperty(state, key, { value, enumerable: true, writable: true, configurable: true })
    }
  }

  /** The text the client keeps after `&&` in the fragment ('' when there is no state). */
  stateString(host: ControlHost | null, secure: boolean): string {
    const state = this.state
    if (!state || Object.keys(state).length === 0) return ''
    return secure ? codecOf(host).encode(state) : formatHistoryState(state)
  }

  /**
   * Reads the posted server state (a signed one is verified first) and makes it current.
   * Tampered text is refused with a 400 naming the fragment.
   */
  load(host: ControlHost | null, text: string, secure: boolean): Record<string, string> {
    const state = !text ? {} : secure ? codecOf(host).decode(text) : parseHistoryState(text)
    this.state = { ...state }
    return state
  }
}

function codecOf(host: ControlHost | null): NonNullable<ControlHost['historyState']> {
  const codec = host?.historyState
  if (!codec) throw new Error('EnableSecureHistoryState needs the app signing key: this page is not run by the Deltaform lifecycle.')
  return codec
}

/**
 * The script a history-enabled page runs at load (the ScriptManager's render, as ASP.NET
 * writes it): the hidden field's ids, the current server state, and history switched on.
 *
 * @example
 * historyStartupScript('ScriptManager1', 'ScriptManager1', '')
 * // 'Sys.Application.setServerId("ScriptManager1", "ScriptManager1");\nSys.Application._enableHistoryInScriptManager();\n'
 */
export function historyStartupScript(clientID: string, uniqueID: string, stateString: string): string {
  let script = `Sys.Application.setServerId("${jsStringEncode(clientID)}", "${jsStringEncode(uniqueID)}");\n`
  if (stateString) script += `Sys.Application.setServerState('${jsStringEncode(stateString)}');\n`
  return script + 'Sys.Application._enableHistoryInScriptManager();\n'
}

/**
 * Refuses a history call the page cannot honour, with ASP.NET's reasons.
 *
 * @example
 * checkCanAddHistoryPoint(sm, sm.enableHistory, sm.isInAsyncPostBack)
 */
export function checkCanAddHistoryPoint(owner: Control, enabled: boolean, inAsyncPostBack: boolean): void {
  if (!enabled) throw new Error(`A history point cannot be added: EnableHistory is false on the ScriptManager '${owner.id}'.`)
  if (!inAsyncPostBack) throw new Error('A history point can only be added during an async postback (check scriptManager.isInAsyncPostBack).')
}

/**
 * The refusal of a postback that targets the ScriptManager while its history is off.
 *
 * @example
 * throw historyDisabled(sm)
 */
export function historyDisabled(owner: Control): HttpError {
  return new HttpError(400, `The postback targets the ScriptManager '${owner.uniqueID}', whose EnableHistory is false: there is no history state to navigate to.`)
}
