import type { Control } from '../controls/control.ts'
import type { ScriptManager, ScriptRegistration } from '../controls/ajax/script-manager.ts'
import { expandoTarget, expandoValue } from '../controls/ajax/script-manager.ts'
import { UpdatePanel } from '../controls/ajax/update-panel.ts'
import { HtmlForm } from '../controls/html/html-form.ts'
import { HtmlHead } from '../controls/html/html-head.ts'
import { htmlDecode } from '../render/encode.ts'
import { HtmlWriter } from '../render/html-writer.ts'
import { encodeDelta, type DeltaRecord } from '../protocol/delta.ts'
import { encodeRedirectLocation } from '../protocol/redirect.ts'
import { DeltaToken, ScriptKind, deltaVersion } from '../protocol/tokens.ts'
import type { Page } from './page.ts'
import { includeCallbackScript } from '../callbacks/callback-script.ts'

/**
 * Chooses the panels that refresh (PROTOCOL.md §3.2): explicit `update()`, UpdateMode
 * Always, a fired trigger, or asked for by the client; a panel inside a refreshing panel is
 * re-rendered by its parent and listed as a child instead.
 *
 * @example
 * chooseRefreshingPanels(sm); [...sm.refreshing.keys()] // the panels to send
 */
export function chooseRefreshingPanels(sm: ScriptManager): void {
  for (const panel of sm.panels) {
    let refresh = panel.requiresUpdate || sm.requestedPanelIDs.includes(panel.uniqueID)
    for (let p = panel.parent; p; p = p.parent) {
      if (p instanceof UpdatePanel && (sm.refreshing.has(p) || sm.childPanels.includes(p))) {
        refresh = false
        sm.childPanels.push(panel)
        break
      }
    }
    panel.setAsyncPostBackMode(refresh)
    if (refresh) sm.refreshing.set(panel, null)
  }
}

/**
 * Renders an async postback as the v4 delta (PROTOCOL.md §2.4): the refreshing panels'
 * content, the new state fields, the control lists, and the scripts of active owners. Only
 * the refreshing panels render; event validation carries the entries of the rest over.
 *
 * @example
 * const body = renderDelta(page, page.scriptManager!)
 */
export function renderDelta(page: Page, sm: ScriptManager): string {
  chooseRefreshingPanels(sm)
  // Only the refreshing panels render. The rest of the page stays as the browser shows it, so
  // its event-validation entries are carried over from the post instead of rendered again.
  for (const panel of sm.refreshing.keys()) panel.renderControl(new HtmlWriter())
  includeCallbackScript(page)
  if (page.clientScript.postedEvents) page.clientScript.renderedEvents.carryFrom(page.clientScript.postedEvents)
  const records: DeltaRecord[] = [record(DeltaToken.version, '', deltaVersion)]
  for (const [panel, html] of sm.refreshing) {
    if (panel.visible && html !== null) records.push(record(DeltaToken.updatePanel, panel.clientID, html))
  }
  const hidden = (name: string, value: string) => records.push(record(DeltaToken.hiddenField, name, value))
  hidden('__EVENTTARGET', '')
  hidden('__EVENTARGUMENT', '')
  hidden('__VIEWSTATE', page.formState.viewState)
  hidden('__VIEWSTATEGENERATOR', page.formState.generator)
  const eventValidation = page.formState.encodeEventValidation()
  if (eventValidation) hidden('__EVENTVALIDATION', eventValidation)

  const visibleRefreshing = [...sm.refreshing.keys()].filter((p) => p.visible)
  records.push(
    record(DeltaToken.asyncPostBackControlIDs, '', sm.controlList('async').join(',')),
    record(DeltaToken.postBackControlIDs, '', sm.controlList('full').join(',')),
    record(DeltaToken.updatePanelIDs, '', sm.panelList().join(',')),
    record(DeltaToken.childUpdatePanelIDs, '', sm.childPanels.filter((p) => p.visible).map((p) => p.uniqueID).join(',')),
    record(DeltaToken.panelsToRefreshIDs, '', visibleRefreshing.flatMap((p) => [p.uniqueID, p.effectiveClientIDMode === 'AutoID' ? '' : p.clientID]).join(',')),
    record(DeltaToken.asyncPostBackTimeout, '', String(Math.trunc(sm.asyncPostBackTimeout))),
  )
  const form = find(page, HtmlForm)
  if (form) records.push(record(DeltaToken.formAction, '', form.action))
  if (find(page, HtmlHead) && page.title) records.push(record(DeltaToken.pageTitle, '', page.title))
  for (const item of sm.dataItems) {
    records.push(record(item.isJson ? DeltaToken.dataItemJson : DeltaToken.dataItem, item.control.clientID, item.data))
  }
  records.push(...scriptRecords(page, sm))
  if (sm.focusClientID) {
    records.push(record(DeltaToken.scriptBlock, ScriptKind.path, page.clientScripts.focus))
    records.push(record(DeltaToken.focus, '', sm.focusClientID))
  }
  return encodeDelta(records)
}

/**
 * The answer to a redirect during an async postback: `#` then `pageRedirect`.
 *
 * @example
 * renderRedirectDelta('/login.aspx') // '1|#||4|13|pageRedirect||%2flogin.aspx|'
 */
export function renderRedirectDelta(location: string): string {
  return encodeDelta([record(DeltaToken.version, '', deltaVersion), record(DeltaToken.pageRedirect, '', encodeRedirectLocation(location))])
}

/**
 * The answer to a failed async postback: one `error` record (status code as its id).
 *
 * @example
 * renderErrorDelta(500, 'Boom') // '4|error|500|Boom|'
 */
export function renderErrorDelta(status: number, message: string): string {
  return encodeDelta([record(DeltaToken.error, String(status), message)])
}

function record(type: string, id: string, content: string): DeltaRecord {
  return { type, id, content }
}

function find<T>(root: Control, type: abstract new (...args: any[]) => T): T | null {
  const stack = [...root.controls]
  while (stack.length) {
    const c = stack.shift()!
    if (c instanceof type) return c
    if (!(c instanceof UpdatePanel)) stack.push(...c.controls)
  }
  return null
}

/** The scripts registered through the ScriptManager whose owner is active, in delta order. */
function scriptRecords(page: Page, sm: ScriptManager): DeltaRecord[] {
  const active = (r: ScriptRegistration, pageAllowed: boolean) => (r.owner === page ? pageAllowed : refreshingPanelOf(r.owner, sm) !== null)
  const out: DeltaRecord[] = []
  const of = <K extends ScriptRegistration['kind']>(kind: K) => sm.registrations.filter((r): r is Extract<ScriptRegistration, { kind: K }> => r.kind === kind)
  for (const r of of('array')) if (active(r, true)) out.push(record(DeltaToken.arrayDeclaration, r.name, r.value))
  const included = new Set<string>()
  for (const r of sm.registrations) {
    if (!active(r, true)) continue
    if (r.kind === 'include') {
      // Several controls may need one script (two Timers): one record per URL.
      if (!included.has(r.url)) out.push(record(DeltaToken.scriptBlock, ScriptKind.path, r.url))
      included.add(r.url)
    } else if (r.kind === 'block') out.push(scriptRecord(DeltaToken.scriptBlock, r.script, r.addScriptTags))
  }
  for (const r of of('startup')) if (active(r, true)) out.push(scriptRecord(DeltaToken.scriptStartupBlock, r.script, r.addScriptTags))
  for (const r of of('submit')) if (active(r, true)) out.push(record(DeltaToken.onSubmit, '', r.script))
  for (const r of of('expando')) if (active(r, false)) out.push(record(DeltaToken.expando, expandoTarget(r.controlId, r.attribute), expandoValue(r.value, r.encode)))
  for (const r of of('hidden')) if (active(r, true)) out.push(record(DeltaToken.hiddenField, r.name, r.value))
  for (const r of of('dispose')) {
    const panel = nearestPanel(r.owner)
    if (panel && refreshingPanelOf(r.owner, sm)) out.push(record(DeltaToken.scriptDispose, panel.clientID, r.script))
  }
  return out
}

function nearestPanel(control: Control): UpdatePanel | null {
  for (let p = control.parent; p; p = p.parent) if (p instanceof UpdatePanel) return p
  return null
}

function refreshingPanelOf(control: Control, sm: ScriptManager): UpdatePanel | null {
  for (let p = control.parent; p; p = p.parent) if (p instanceof UpdatePanel && sm.refreshing.has(p)) return p
  return null
}

/** A script record: the text itself (NoTags), or the `<script>` element as a JSON object (WithTags). */
function scriptRecord(type: string, script: string, addScriptTags: boolean): DeltaRecord {
  if (addScriptTags) return record(type, ScriptKind.noTags, script)
  const m = /^\s*<script\b([^>]*?)(\/?)>([\s\S]*?)(?:<\/script\s*>)?\s*$/i.exec(script)
  if (!m) return record(type, ScriptKind.noTags, script)
  const element: Record<string, string> = {}
  if (!m[2]) element.text = m[3] ?? ''
  for (const a of m[1]!.matchAll(/([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    element[a[1]!.toLowerCase()] = htmlDecode(a[2] ?? a[3] ?? a[4] ?? '')
  }
  return record(type, ScriptKind.withTags, JSON.stringify(element))
}
