// Throughput of the delta parser (the code the browser runtime runs on every async answer),
// in Node, on realistic 1 MB deltas.
import { encodeDelta, parseDelta, type DeltaRecord } from '../../src/protocol/delta.ts'
import type { Figures } from '../lib/figures.ts'
import { gridRows } from '../lib/rows.ts'

/**
 * A ~1 MB delta shaped like a real answer: the version, four panels of grid rows, the state
 * fields, the control lists, a few data items and scripts.
 *
 * @example
 * const text = panelDelta(1_000_000) // parseDelta(text).length === 19
 */
export function panelDelta(targetBytes: number): string {
  const records: DeltaRecord[] = [{ type: '#', id: '', content: '4' }]
  const rowsPerPanel = Math.max(1, Math.round(targetBytes / 4 / gridRows(1).length))
  for (let p = 1; p <= 4; p++) records.push({ type: 'updatePanel', id: `Panel${p}`, content: `\n<table class="grid">${gridRows(rowsPerPanel, p * 10_000)}</table>\n` })
  records.push(...stateRecords())
  return encodeDelta(records)
}

/**
 * A ~1 MB delta of many small records (data items, expandos, array declarations, script
 * blocks): the parser's worst case per byte.
 *
 * @example
 * const text = smallRecordDelta(1_000_000)
 */
export function smallRecordDelta(targetBytes: number): string {
  const records: DeltaRecord[] = [{ type: '#', id: '', content: '4' }, ...stateRecords()]
  let size = encodeDelta(records).length
  for (let i = 0; size < targetBytes; i++) {
    const r: DeltaRecord =
      i % 4 === 0
        ? { type: 'dataItemJson', id: `Grid_ctl${i}`, content: JSON.stringify({ id: 10_000 + i, customer: `Customer ${i}`, total: i * 1.25 }) }
        : i % 4 === 1
          ? { type: 'expando', id: `document.getElementById('Field${i}')['validate']`, content: '"true"' }
          : i % 4 === 2
            ? { type: 'arrayDeclaration', id: 'Page_Validators', content: `document.getElementById("Validator${i}")` }
            : { type: 'scriptBlock', id: 'ScriptContentNoTags', content: `Sys.Application.add_init(function(){ $create(Sys.UI._Item, {"id":"item${i}"}, null, null, $get("item${i}")); });` }
    records.push(r)
    size += `${r.content.length}|${r.type}|${r.id}|${r.content}|`.length
  }
  return encodeDelta(records)
}

function stateRecords(): DeltaRecord[] {
  return [
    { type: 'hiddenField', id: '__EVENTTARGET', content: '' },
    { type: 'hiddenField', id: '__EVENTARGUMENT', content: '' },
    { type: 'hiddenField', id: '__VIEWSTATE', content: 'A'.repeat(600) },
    { type: 'hiddenField', id: '__VIEWSTATEGENERATOR', content: '684D2921' },
    { type: 'hiddenField', id: '__EVENTVALIDATION', content: 'B'.repeat(400) },
    { type: 'asyncPostBackControlIDs', id: '', content: '' },
    { type: 'postBackControlIDs', id: '', content: '' },
    { type: 'updatePanelIDs', id: '', content: 'tPanel1,Panel1,tPanel2,Panel2,tPanel3,Panel3,tPanel4,Panel4' },
    { type: 'childUpdatePanelIDs', id: '', content: '' },
    { type: 'panelsToRefreshIDs', id: '', content: 'Panel1,Panel1,Panel2,Panel2,Panel3,Panel3,Panel4,Panel4' },
    { type: 'asyncPostBackTimeout', id: '', content: '90' },
    { type: 'formAction', id: '', content: './orders.aspx' },
    { type: 'pageTitle', id: '', content: 'Orders' },
  ]
}

/** MB/s (10^6 UTF-8 bytes) of parseDelta on `text`: each run parses until ≥ 60 ms have passed. */
function parseRuns(text: string, runs: number): number[] {
  const megabytes = Buffer.byteLength(text) / 1e6
  const out: number[] = []
  for (let r = 0; r < runs + 3; r++) {
    let n = 0
    const start = performance.now()
    let elapsed = 0
    do {
      // Read the records so the parse cannot be optimised away.
      if (parseDelta(text).length === 0) throw new Error('empty parse')
      n++
      elapsed = performance.now() - start
    } while (elapsed < 60)
    if (r >= 3) out.push((megabytes * n) / (elapsed / 1000))
  }
  return out
}

/**
 * Adds parseDelta's MB/s on a 1 MB panel delta and on a 1 MB delta of small records
 * (medians of 15 runs, after 3 warm-up runs).
 *
 * @example
 * measureParse(figures)
 */
export function measureParse(figures: Figures): void {
  const big = panelDelta(1_000_000)
  const small = smallRecordDelta(1_000_000)
  figures.addRuns('client', `parseDelta throughput, 1 MB delta of 4 grid panels (${parseDelta(big).length} records)`, parseRuns(big, 15), 'MB/s')
  figures.addRuns('client', `parseDelta throughput, 1 MB delta of small records (${parseDelta(small).length} records)`, parseRuns(small, 15), 'MB/s')
}
