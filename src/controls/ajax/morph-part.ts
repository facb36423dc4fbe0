import type { Control } from '../control.ts'
import type { ScriptManager } from './script-manager.ts'

/**
 * References Deltaform's morph part (UpdateStrategy="Morph", FocusPolicy) for a panel that
 * needs it: on a full render a `<script src>` after the core bundle; in an async postback an
 * include record when the panel is re-rendered inside a refreshing parent, loaded before the
 * panels update. The original ASP.NET AJAX scripts have no such part: with them the panel's
 * data attributes are ignored and it updates by innerHTML, as it always did.
 *
 * @example
 * if (this.updateStrategy === 'Morph') registerMorphPart(this, this.scriptManager)
 */
export function registerMorphPart(panel: Control, sm: ScriptManager): void {
  const host = panel.host
  const scripts = host?.clientScripts
  if (!host || scripts?.kind !== 'deltaform' || !scripts.morph) return
  // The core first: the part hooks into its Sys.
  if (!sm.isInAsyncPostBack) host.clientScript.registerClientScriptInclude('deltaform.webforms', scripts.client)
  sm.registerScriptReference(panel, scripts.morph)
}
