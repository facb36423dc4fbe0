// What the morph part adds to the core's panel update (response.ts): how the new content goes
// in (UpdateStrategy) and where focus goes after (FocusPolicy). The core looks for this hook on
// `Sys.UI` and, without it, sets innerHTML as the original ASP.NET AJAX client does.
import { applyFocusPolicy } from './focus-policy.ts'
import { morph } from './morph.ts'

/**
 * Puts `html` into `panel` — patched in place with `data-update-strategy="morph"`, else by
 * innerHTML — then runs `restore` (keep-input.ts: the user's edits, focus and scroll) and the
 * panel's focus policy, which so wins over the kept focus.
 *
 * @example
 * setPanelContent($get('UpdatePanel1'), '<input id="Name" value="new">', keepInput(panel))
 */
export function setPanelContent(panel: Element, html: string, restore: () => void): void {
  if (panel.getAttribute('data-update-strategy') === 'morph') morph(panel, html)
  else panel.innerHTML = html
  restore()
  applyFocusPolicy(panel)
}

/**
 * Hands the core the hook: what the morph part does when it loads. It reaches the core through
 * `window.Sys` only (importing it would bundle a second copy).
 *
 * @example
 * installMorph(window) // the next panel update honours data-update-strategy and data-focus-policy
 */
export function installMorph(w: any): void {
  w.Sys.UI.setPanelContent_ = setPanelContent
}
