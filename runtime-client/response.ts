// Applying an async-postback response, in the order of PROTOCOL.md §2.5.
import { parseDelta, type DeltaRecord } from '../src/protocol/delta.ts'
import { accessors, byId, raise, sysError, throwLater } from './events.ts'
import { setHiddenField } from './fields.ts'
import { pairs, processArrays, type ControlLists } from './ids.ts'
import { keepInput } from './keep-input.ts'
import { idempotencyKey } from './concurrency.ts'
import { announcePanel } from './announce.ts'
import type { Executor } from './net.ts'
import type { PageRequestManager } from './prm.ts'
import { runInline, runScripts, type ScriptItem } from './scripts.ts'
import { Application, deserialize } from './sys.ts'

/**
 * A response sorted by record type (PROTOCOL.md §2.3), plus what was derived from it.
 *
 * @example
 * const d: Delta | undefined = readDelta(prm, executor) // d.updatePanel, d.hiddenField, d.items_…
 */
export interface Delta {
  [type: string]: any
  v4_: boolean
  items_: Record<string, unknown>
  lists_?: ControlLists
  /** ClientIDs of the refreshing panels. */
  refreshClientIDs_?: string[]
  child_?: string[]
}

const PRM = 'Sys.WebForms.PageRequestManager'
// Record types kept for later (as lists, in order); the first five must come together.
const listTypes = 'asyncPostBackControlIDs postBackControlIDs updatePanelIDs panelsToRefreshIDs childUpdatePanelIDs'.split(' ')
const kept = listTypes.concat('updatePanel hiddenField arrayDeclaration scriptBlock scriptStartupBlock expando onSubmit dataItem dataItemJson scriptDispose asyncPostBackTimeout formAction'.split(' '))

/**
 * `Sys.WebForms.PageRequestManagerParserErrorException` with the release-resource message.
 *
 * @example
 * parserError("Unknown token: 'bogus'.")
 */
export const parserError = (details: string): Error =>
  sysError(
    PRM + 'ParserErrorException',
    'The message received from the server could not be parsed. Common causes for this error are when the response is modified by calls to Response.Write(), response filters, HttpModules, or server trace is enabled.\nDetails: ' +
      details,
  )

/**
 * `Sys.WebForms.PageRequestManagerServerErrorException` for an `error` record or a non-200 status.
 *
 * @example
 * serverError(500, 'Object reference not set to an instance of an object.').httpStatusCode // 500
 */
export const serverError = (code: number, message?: string): Error =>
  sysError(PRM + 'ServerErrorException', message || 'An unknown error occurred while processing the request on the server. The status code returned from the server was: ' + code, {
    httpStatusCode: code,
  })

const missingPanel = (id: string) =>
  sysError('Sys.InvalidOperationException', `Could not find UpdatePanel with ID '${id}'. If it is being updated dynamically then it must be inside another UpdatePanel.`)

const loadFailed = (src: string) => sysError('Sys.ScriptLoadFailedException', `The script '${src}' could not be loaded.`)

function removeField(id: string) {
  const f = byId(id)
  if (f) (f.contained_ ? f.parentNode : f).remove()
}

function updatePanel(p: PageRequestManager, panel: any, html: string, restore: () => void) {
  const disposes = p._scriptDisposes
  for (const id in disposes) {
    const el = byId(id)
    if (el && panel.contains(el)) {
      for (const text of disposes[id]) runInline({ text })
      delete disposes[id]
    }
  }
  // All of the panel's components go, kept elements' too: the server's startup scripts create
  // them again. The morph part (update-strategy.ts) may then patch instead of replace.
  Application.disposeElement(panel, true)
  const part = (window as any).Sys.UI.setPanelContent_
  part ? part(panel, html, restore) : ((panel.innerHTML = html), restore())
}

// The script records of one kind of the queue: includes, inline blocks, or both.
function queue(records: DeltaRecord[], includes: boolean, blocks: boolean): ScriptItem[] {
  const out: ScriptItem[] = []
  for (const r of records) {
    const kind = r.id
    if (kind == 'ScriptPath') {
      if (includes) out.push([{ src: r.content }, (r as any).fallback_])
    } else if (kind == 'ScriptContentNoTags' || kind == 'ScriptContentWithTags') {
      const attrs = kind == 'ScriptContentNoTags' ? { text: r.content } : deserialize(r.content)
      if (attrs.src ? includes : blocks) out.push([attrs])
    }
  }
  return out
}

// The elements of the current panels whose UniqueID passes `test`.
const panelsWhere = (p: PageRequestManager, test: (id: string) => unknown): any[] =>
  p._updatePanelClientIDs.filter((_, i) => test(p._updatePanelIDs[i])).map(byId)

/**
 * Raises `pageLoaded` (updated panels, and created panels: all of them on the initial load,
 * re-rendered child panels after an update), then after an update `Sys.Application`'s load.
 *
 * @example
 * pageLoaded(prm) // the initial load, on window load
 */
export function pageLoaded(p: PageRequestManager, d?: Delta): void {
  const created = panelsWhere(p, (id) => !d || (d.child_ || []).includes(id))
  raise(p, 'pageLoaded', accessors({ panelsUpdated: ((d && d.refreshClientIDs_) || []).map(byId), panelsCreated: created, dataItems: d ? d.items_ : {} }))
  if (d) Application.raiseLoad()
}

/**
 * Reads the response text into a {@link Delta}, acting at once on `pageTitle`, `pageRedirect`
 * (no endRequest), `error` and unknown tokens; returns undefined when the postback ended there.
 *
 * @example
 * readDelta(prm, executor)?.updatePanel // [{ type: 'updatePanel', id: 'UpdatePanel1', content: '…' }]
 */
export function readDelta(p: PageRequestManager, ex: Executor): Delta | undefined {
  let records: DeltaRecord[]
  try {
    records = parseDelta(ex.get_responseData())
  } catch (e: any) {
    p.end_(parserError(e.details || e.message), ex)
    return
  }
  const d: Delta = { v4_: false, items_: {} }
  for (const r of records) {
    const t = r.type
    if (kept.includes(t)) (d[t] ||= []).push(r)
    else if (t == '#') d.v4_ = parseFloat(r.content) >= 4
    else if (t == 'fallbackScript') {
      // The fallback URL of the scriptBlock record just before.
      for (const b of (d.scriptBlock || []).slice(-1)) b.fallback_ = r.id
    } else if (t == 'pageTitle') document.title = r.content
    else if (t == 'focus') p._controlIDToFocus = r.content
    else if (t == 'pageRedirect') {
      const url = d.v4_ ? unescape(r.content) : r.content
      // Never navigate to a script URL, whatever the server sent.
      if (!/^[^:/?#]*script:|^data:/i.test(url.replace(/[\0- \x7f-\xa0]/g, ''))) window.location.href = url
      return
    } else {
      p.end_(t == 'error' ? serverError(parseInt(r.id, 10), r.content) : parserError(`Unknown token: '${t}'.`), ex)
      return
    }
  }
  return d
}

/**
 * The executor's completion: timeout / abort / stale / status checks, then the whole update of
 * §2.5 — pageLoading, includes, panels, hidden fields, scripts, pageLoaded, endRequest, focus.
 *
 * @example
 * webRequest(url, body, timeout, (ex) => completeRequest(prm, ex))
 */
export async function completeRequest(p: PageRequestManager, ex: Executor): Promise<void> {
  p._processingRequest = true
  if (ex.get_timedOut()) return p.end_(sysError(PRM + 'TimeoutException', 'The server request timed out.'), ex)
  if (ex.get_aborted()) return p.end_(null, ex)
  if (ex.get_webRequest() !== p._request) return
  if (ex.get_statusCode() !== 200) return p.end_(serverError(ex.get_statusCode()), ex)
  const d = readDelta(p, ex)
  if (!d) return
  const all = (t: string): DeltaRecord[] => d[t] || []
  // The content of the last record of a type, as is / split at commas.
  const last = (t: string) => all(t).map((r) => r.content).pop()
  const split = (t: string) => {
    const c = last(t)
    return c ? c.split(',') : []
  }
  const v4 = d.v4_

  let deleting: any[] = []
  if (listTypes.every((t) => d[t])) {
    const [asyncIDs, postBackIDs, panels, refreshPairs, child] = listTypes.map(split)
    const [refresh, refreshClientIDs] = pairs(refreshPairs, v4)
    const missing = refreshClientIDs.find((id) => !byId(id))
    if (missing) return p.end_(missingPanel(missing), ex, d)
    const lists = processArrays(panels, asyncIDs, postBackIDs, v4)
    // Old panels not refreshed that are gone, or now re-rendered inside a refreshing parent.
    deleting = panelsWhere(p, (id) => !refresh.includes(id) && (!lists._updatePanelIDs.includes(id) || child.includes(id)))
    Object.assign(d, { refreshClientIDs_: refreshClientIDs, child_: child, lists_: lists })
  }
  for (const r of all('dataItem')) d.items_[r.id] = r.content
  for (const r of all('dataItemJson')) d.items_[r.id] = deserialize(r.content)
  raise(p, 'pageLoading', accessors({ panelsUpdating: (d.refreshClientIDs_ || []).map(byId), panelsDeleting: deleting, dataItems: d.items_ }))

  const failed = await runScripts(queue(all('scriptBlock'), true, false))
  // A newer postback started while includes loaded: it already sent the old view state, so
  // this response must not touch the page.
  if (ex.get_webRequest() !== p._request) return

  if (d.lists_) Object.assign(p, d.lists_)
  const timeout = last('asyncPostBackTimeout')
  const action = last('formAction')
  if (timeout != null) p._asyncPostBackTimeout = +timeout * 1000
  if (action != null) p._form.action = action
  for (const r of all('updatePanel')) {
    const panel = byId(r.id)
    if (!panel) return p.end_(missingPanel(r.id), ex, d)
    updatePanel(p, panel, r.content, keepInput(panel))
    announcePanel(panel)
  }
  for (const r of all('scriptDispose')) p._registerDisposeScript(r.id, r.content)
  removeField('__VIEWSTATEENCRYPTED')
  removeField('__VIEWSTATEFIELDCOUNT')
  for (const r of all('hiddenField')) setHiddenField(p._form, r.id, r.content)
  p.idem_ = idempotencyKey()
  if (failed) throwLater(loadFailed(failed))

  const scripts = queue(all('scriptBlock'), false, true)
  const arrays = all('arrayDeclaration').map((r) => `${PRM}._addArrayElement('${r.id}', ${r.content});\r\n`)
  const expandos = all('expando').map((r) => `${r.id} = ${r.content}\r\n`)
  const submits = all('onSubmit').map((r) => r.content + '\r\n')
  for (const text of [arrays.join(''), expandos.join('')]) if (text) scripts.push([{ text }])
  scripts.push(...queue(all('scriptStartupBlock'), true, true))
  if (submits.length) scripts.push([{ text: `${PRM}.getInstance()._onSubmitStatements.push(function() {\r\n${submits.join('')}\r\nreturn true;\r\n});\r\n` }])
  const failedLater = await runScripts(scripts)
  if (failedLater) throwLater(loadFailed(failedLater))

  const w: any = window
  w.__theFormPostData = ''
  w.__theFormPostCollection = []
  if (w.WebForm_InitCallback) w.WebForm_InitCallback()
  const pos = p._scrollPosition
  if (pos && w.scrollTo) w.scrollTo(...pos)
  p._scrollPosition = null
  pageLoaded(p, d)
  p.end_(null, ex, d)
  const focus = p._controlIDToFocus
  p._controlIDToFocus = null
  if (focus && w.WebForm_AutoFocus) w.WebForm_AutoFocus(focus)
}
