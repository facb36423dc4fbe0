import { ScriptManager } from '../controls/ajax/script-manager.ts'
import type { Control } from '../controls/control.ts'
import type { ClientScriptSet, ControlHost } from '../controls/host.ts'

/** What {@link includeCallbackScript} needs from the page. */
export interface CallbackScriptHost extends Control, ControlHost {
  readonly clientScripts: ClientScriptSet
  readonly clientScript: ControlHost['clientScript'] & { readonly usesCallbacks: boolean }
}

/**
 * Adds Deltaform's client-callbacks part (`/__deltaform/callbacks.<hash>.js`) to a page that
 * asked for a callback reference, after the core bundle: on a full render a `<script src>`
 * (called at the form's start, and again at its end for references made while rendering); in
 * an async postback an include record owned by the page, so a callback reference that first
 * appears in a refreshed panel brings the part along. Nothing with the Microsoft scripts
 * (WebForms.js has the callbacks) or on pages that make no callback reference.
 *
 * @example
 * includeCallbackScript(page) // in beginFormRender, before the includes are written
 */
export function includeCallbackScript(page: CallbackScriptHost): void {
  const scripts = page.clientScripts
  if (!page.clientScript.usesCallbacks || scripts.kind !== 'deltaform' || !scripts.callbacks) return
  const sm = ScriptManager.getCurrent(page)
  if (sm?.isInAsyncPostBack) sm.registerClientScriptInclude(page, 'deltaform.callbacks', scripts.callbacks)
  else page.clientScript.registerClientScriptInclude('deltaform.callbacks', scripts.callbacks)
}
