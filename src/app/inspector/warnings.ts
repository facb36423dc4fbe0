import { DeltaParseError, parseDelta } from '../../protocol/delta.ts'
import type { ControlStateSize, InspectedRecord, InspectorWarning } from './request-log.ts'

/** How much of each delta record's content the inspector keeps. */
const previewChars = 240

/**
 * Decodes an async postback's answer with the protocol's own parser — the one that reads
 * deltas exactly as the PageRequestManager does. An answer the client could not parse (a
 * stray write, an HTML error page, a wrong length) gives the warning instead of records:
 * in the browser it would end in "Sys.WebForms.PageRequestManagerParserErrorException".
 *
 * @example
 * decodeDelta('1|#||4|') // { records: [{ type: '#', id: '', length: 1, preview: '4' }] }
 * decodeDelta('<html>…').warning?.code // 'delta-unparsable'
 */
export function decodeDelta(body: string): { records?: InspectedRecord[]; warning?: InspectorWarning } {
  try {
    const records = parseDelta(body).map((r) => ({ type: r.type, id: r.id, length: r.content.length, preview: r.content.slice(0, previewChars) }))
    return { records }
  } catch (error) {
    if (!(error instanceof DeltaParseError)) throw error
    return {
      warning: {
        code: 'delta-unparsable',
        message: `The async postback's answer is not a valid delta at offset ${error.offset} (${error.details}): the client would fail with a parser error. Something wrote into the answer besides the delta, or an error page was sent instead of an error record.`,
      },
    }
  }
}

/**
 * Warns when `__VIEWSTATE` is over the budget, naming the three biggest controls.
 *
 * @example
 * viewStateOverBudget(12000, 8192, [{ control: 'GridView1', type: 'GridView', bytes: 9000 }])
 * // { code: 'view-state-budget', message: '__VIEWSTATE is 12000 bytes, over the budget of 8192. Biggest: GridView1 (GridView, 9000 B). …' }
 */
export function viewStateOverBudget(bytes: number, budget: number, byControl: ControlStateSize[]): InspectorWarning | undefined {
  if (bytes <= budget) return undefined
  const biggest = byControl
    .slice(0, 3)
    .map((c) => `${c.control} (${c.type}, ${c.bytes} B)`)
    .join(', ')
  return {
    code: 'view-state-budget',
    message:
      `__VIEWSTATE is ${bytes} bytes, over the budget of ${budget}.` +
      (biggest ? ` Biggest: ${biggest}.` : '') +
      ' Set EnableViewState="false" on controls that are rebound on every request, or keep large data in the session or cache.',
  }
}

/**
 * What an async postback named and what the server had, for {@link panelWarnings}.
 *
 * @example
 * panelWarnings({ requested: ['UP9'], known: ['UP1'], source: 'Go', sourceKnown: true, refreshing: [] }) // panel-unknown
 */
export interface PanelFacts {
  /** UniqueIDs of the panels the client asked to refresh (the ScriptManager's `panels|source` field). */
  requested: string[]
  /** UniqueIDs of every UpdatePanel in the page's control tree. */
  known: string[]
  /** The UniqueID of the element that started the postback ('' when none was named). */
  source: string
  /** Whether the source names a control of the page. */
  sourceKnown: boolean
  /** The panels chosen to refresh: whether each is visible and rendered its content. */
  refreshing: { uniqueID: string; visible: boolean; rendered: boolean }[]
}

/**
 * Warns about panel ids that do not line up between the client and the server: a panel the
 * client asked for that the server does not have, a source element that is no control of
 * the page (no trigger can fire for it), and a panel chosen to refresh that sent no content.
 *
 * @example
 * panelWarnings({ requested: ['Gone'], known: ['UpdatePanel1'], source: 'Button1', sourceKnown: true, refreshing: [] })[0].code // 'panel-unknown'
 */
export function panelWarnings(facts: PanelFacts): InspectorWarning[] {
  const out: InspectorWarning[] = []
  for (const id of facts.requested) {
    if (!facts.known.includes(id)) {
      out.push({ code: 'panel-unknown', message: `The client asked to refresh UpdatePanel '${id}', which the server's page does not have: the client and the page disagree about panel ids (a panel added or renamed, or a stale page).` })
    }
  }
  if (facts.source && !facts.sourceKnown) {
    out.push({ code: 'trigger-unknown', message: `The async postback was started by '${facts.source}', which is no control of the page on the server: no trigger or child control fired for it.` })
  }
  for (const panel of facts.refreshing) {
    if (!panel.visible) out.push({ code: 'panel-not-rendered', message: `UpdatePanel '${panel.uniqueID}' was to refresh but is not visible: the delta carries no content for it and the browser keeps the old one.` })
    else if (!panel.rendered) out.push({ code: 'panel-not-rendered', message: `UpdatePanel '${panel.uniqueID}' was to refresh but did not render (is an ancestor hidden?): the delta carries no content for it.` })
  }
  return out
}

/**
 * Warns about scripts registered on the page's `clientScript` during an async postback:
 * only scripts registered through the ScriptManager travel in a delta, so these never reach
 * the browser (ASP.NET drops them too). Deltaform's own keys (`deltaform.…`) are skipped.
 *
 * @example
 * droppedScripts({ blocks: [], startupScripts: ['hello'] }, new Set())[0].message
 * // "The startup script 'hello' was registered with clientScript.registerStartupScript during an async postback …"
 */
export function droppedScripts(page: { blocks: string[]; startupScripts: string[] }, throughScriptManager: Set<string>): InspectorWarning[] {
  const out: InspectorWarning[] = []
  const check = (keys: string[], what: string, method: string) => {
    for (const key of keys) {
      if (throughScriptManager.has(key) || key.startsWith('deltaform.')) continue
      out.push({
        code: 'script-dropped',
        message: `The ${what} '${key}' was registered with clientScript.${method} during an async postback: it is not sent (ASP.NET drops it too). Use scriptManager.${method}(control, key, script, addScriptTags) with a control inside a refreshing panel, or the page.`,
      })
    }
  }
  check(page.blocks, 'script block', 'registerClientScriptBlock')
  check(page.startupScripts, 'startup script', 'registerStartupScript')
  return out
}
