import { ScriptManager } from '../../controls/ajax/script-manager.ts'
import { UpdatePanel } from '../../controls/ajax/update-panel.ts'
import type { Control } from '../../controls/control.ts'
import type { Page } from '../../page/page.ts'
import type { ControlStateSize, InspectedRecord, InspectorWarning } from './request-log.ts'
import { decodeDelta, droppedScripts, panelWarnings, viewStateOverBudget } from './warnings.ts'
import { viewStateByControl } from './view-state-sizes.ts'

/**
 * What the inspector learns from a page that ran, for one request record.
 *
 * @example
 * const { viewStateBytes, warnings }: PageDescription = describePage(page, body, options)
 */
export interface PageDescription {
  panelsRefreshed: string[]
  delta?: InspectedRecord[]
  viewStateBytes?: number
  viewStateByControl: ControlStateSize[]
  warnings: InspectorWarning[]
}

/**
 * Reads what a finished page did: the delta it answered (decoded), its view state per control,
 * and the footguns of an async postback. Runs after the page unloaded — the control tree is
 * still there, but the ScriptManager left `page.items`, so it is found by walking the tree.
 *
 * @example
 * describePage(page, result.body, { asyncPostBack: true, viewStateBudgetBytes: 8192 })
 */
export function describePage(page: Page, body: string, options: { asyncPostBack: boolean; callback: boolean; viewStateBudgetBytes: number }): PageDescription {
  const warnings: InspectorWarning[] = []
  const out: PageDescription = { panelsRefreshed: [], viewStateByControl: [], warnings }
  if (!options.callback && page.formState.viewState) {
    out.viewStateBytes = page.formState.viewState.length
    out.viewStateByControl = viewStateByControl(page, page.formState.controlState)
    const over = viewStateOverBudget(out.viewStateBytes, options.viewStateBudgetBytes, out.viewStateByControl)
    if (over) warnings.push(over)
  }
  if (!options.asyncPostBack) return out
  const delta = describeDelta(body)
  out.delta = delta.delta
  out.panelsRefreshed = delta.panelsRefreshed
  warnings.push(...delta.warnings)
  const { scriptManager, panels } = findAjaxControls(page)
  if (!scriptManager) return out
  warnings.push(
    ...panelWarnings({
      requested: scriptManager.requestedPanelIDs,
      known: panels.map((p) => p.uniqueID),
      source: scriptManager.asyncPostBackSourceElementID,
      sourceKnown: isKnownSource(page, scriptManager.asyncPostBackSourceElementID),
      refreshing: [...scriptManager.refreshing].map(([panel, html]) => ({ uniqueID: panel.uniqueID, visible: panel.visible, rendered: html !== null })),
    }),
  )
  const throughScriptManager = new Set<string>()
  for (const r of scriptManager.registrations) if ('key' in r) throughScriptManager.add(r.key)
  // The ScriptManager mirrors array declarations and expandos on the page under these keys.
  const registered = page.clientScript.registeredScriptKeys
  const mirrored = (key: string) => key.startsWith('array:') || key.startsWith('expando:')
  warnings.push(...droppedScripts({ blocks: registered.blocks.filter((k) => !mirrored(k)), startupScripts: registered.startupScripts.filter((k) => !mirrored(k)) }, throughScriptManager))
  return out
}

/**
 * The decoded delta of an async postback's answer and the panels it refreshes; an answer
 * that does not parse gives a warning instead.
 *
 * @example
 * describeDelta('1|#||4|3|updatePanel|UpdatePanel1|<p>|').panelsRefreshed // ['UpdatePanel1']
 */
export function describeDelta(body: string): { delta?: InspectedRecord[]; panelsRefreshed: string[]; warnings: InspectorWarning[] } {
  const { records, warning } = decodeDelta(body)
  return {
    delta: records,
    panelsRefreshed: (records ?? []).filter((r) => r.type === 'updatePanel').map((r) => r.id),
    warnings: warning ? [warning] : [],
  }
}

/** `__Page` (a postback on behalf of the page) and an empty source are not controls to look up. */
function isKnownSource(page: Page, source: string): boolean {
  return !source || source.toLowerCase() === '__page' || page.findControl(source) !== null
}

function findAjaxControls(page: Page): { scriptManager: ScriptManager | null; panels: UpdatePanel[] } {
  let scriptManager: ScriptManager | null = null
  const panels: UpdatePanel[] = []
  const stack: Control[] = [page]
  while (stack.length) {
    const c = stack.pop()!
    if (c instanceof ScriptManager) scriptManager ??= c
    else if (c instanceof UpdatePanel) panels.push(c)
    for (let i = c.controls.length - 1; i >= 0; i--) stack.push(c.controls.at(i)!)
  }
  return { scriptManager, panels }
}
