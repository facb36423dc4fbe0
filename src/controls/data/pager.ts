import { declareMarkupProperties } from '../properties.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

/**
 * The pager layouts of ASP.NET's PagerButtons.
 *
 * @example
 * this.Orders.pagerSettings.mode = 'NextPreviousFirstLast'
 */
export type PagerButtons = 'Numeric' | 'NextPrevious' | 'NumericFirstLast' | 'NextPreviousFirstLast'

/**
 * How a GridView or DetailsView pages: the buttons and their texts (plain text, encoded).
 *
 * @example
 * <asp:GridView ID="Orders" runat="server" AllowPaging="true" PagerSettings-Mode="NumericFirstLast" PagerSettings-PageButtonCount="5" />
 */
export class PagerSettings {
  mode: PagerButtons = 'Numeric'
  pageButtonCount = 10
  firstPageText = '<<'
  previousPageText = '<'
  nextPageText = '>'
  lastPageText = '>>'
  visible = true
  position: 'Bottom' | 'Top' | 'TopAndBottom' = 'Bottom'
}

declareMarkupProperties(PagerSettings, [
  { name: 'mode', kind: 'string', values: ['Numeric', 'NextPrevious', 'NumericFirstLast', 'NextPreviousFirstLast'] },
  { name: 'pageButtonCount', kind: 'number' },
  { name: 'firstPageText', kind: 'string' },
  { name: 'previousPageText', kind: 'string' },
  { name: 'nextPageText', kind: 'string' },
  { name: 'lastPageText', kind: 'string' },
  { name: 'visible', kind: 'boolean' },
  { name: 'position', kind: 'string', values: ['Bottom', 'Top', 'TopAndBottom'] },
])

/** One pager entry: a link posting `Page$<argument>`, or the current page as text. */
interface PagerEntry {
  text: string
  argument: string | null
}

/**
 * The entries of a pager, as ASP.NET lays them out: numbers in blocks of PageButtonCount with
 * `...` links to the neighbouring blocks, or First/Previous/Next/Last links.
 *
 * @example
 * pagerEntries(new PagerSettings(), 0, 3) // [{ text: '1', argument: null }, { text: '2', argument: '2' }, …]
 */
export function pagerEntries(settings: PagerSettings, pageIndex: number, pageCount: number): PagerEntry[] {
  const entries: PagerEntry[] = []
  const mode = settings.mode
  if (mode === 'NextPrevious' || mode === 'NextPreviousFirstLast') {
    const withEnds = mode === 'NextPreviousFirstLast'
    if (pageIndex > 0) {
      if (withEnds) entries.push({ text: settings.firstPageText, argument: 'First' })
      entries.push({ text: settings.previousPageText, argument: 'Prev' })
    }
    if (pageIndex < pageCount - 1) {
      entries.push({ text: settings.nextPageText, argument: 'Next' })
      if (withEnds) entries.push({ text: settings.lastPageText, argument: 'Last' })
    }
    return entries
  }
  const count = Math.max(1, settings.pageButtonCount)
  const first = Math.floor(pageIndex / count) * count
  const last = Math.min(first + count, pageCount) - 1
  const withEnds = mode === 'NumericFirstLast'
  if (withEnds && first > 0) entries.push({ text: settings.firstPageText, argument: 'First' })
  if (first > 0) entries.push({ text: '...', argument: String(first) })
  for (let i = first; i <= last; i++) entries.push({ text: String(i + 1), argument: i === pageIndex ? null : String(i + 1) })
  if (last < pageCount - 1) entries.push({ text: '...', argument: String(last + 2) })
  if (withEnds && last < pageCount - 1) entries.push({ text: settings.lastPageText, argument: 'Last' })
  return entries
}

/**
 * Writes a pager row: `<tr class="pager"><td colspan="n"><table><tr><td>…</td></tr></table></td></tr>`
 * with the current page as a `<span>` and the others as command links (`Page$3`).
 *
 * @example
 * renderPagerRow(writer, { class: 'pager' }, 4, entries, (arg) => grid.commandLinkAttributes('Page', arg))
 */
export function renderPagerRow(
  writer: HtmlWriter,
  rowAttributes: AttributeMap,
  columnSpan: number,
  entries: PagerEntry[],
  linkAttributes: (argument: string) => AttributeMap,
): void {
  writer.beginTag('tr', rowAttributes)
  writer.beginTag('td', columnSpan > 1 ? { colspan: columnSpan } : {})
  writer.write('<table><tr>')
  for (const entry of entries) {
    writer.write('<td>')
    if (entry.argument === null) {
      writer.write('<span>')
      writer.text(entry.text)
      writer.write('</span>')
    } else {
      writer.beginTag('a', linkAttributes(entry.argument))
      writer.text(entry.text)
      writer.endTag('a')
    }
    writer.write('</td>')
  }
  writer.write('</tr></table>')
  writer.endTag('td')
  writer.endTag('tr')
}
