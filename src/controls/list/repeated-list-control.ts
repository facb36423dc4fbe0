import { defineStateProperties } from '../properties.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'
import { ListControl } from './list-control.ts'
import type { ListItem } from './list-item.ts'

/**
 * How a CheckBoxList or RadioButtonList lays out its items.
 *
 * @example
 * <asp:CheckBoxList ID="Days" runat="server" RepeatLayout="UnorderedList" />
 */
export type RepeatLayout = 'Table' | 'Flow' | 'UnorderedList' | 'OrderedList'
/**
 * Whether items run down columns (`Vertical`) or along rows (`Horizontal`).
 *
 * @example
 * <asp:RadioButtonList ID="Size" runat="server" RepeatDirection="Horizontal" RepeatColumns="3" />
 */
export type RepeatDirection = 'Vertical' | 'Horizontal'
/**
 * Which side of its input an item's label goes.
 *
 * @example
 * this.Days.textAlign = 'Left' // <label>Monday</label><input …>
 */
export type TextAlign = 'Left' | 'Right'

/**
 * The base of CheckBoxList and RadioButtonList: one input + label per item, laid out as a
 * table (default), a flow of `<br />`-separated spans, or a `<ul>`/`<ol>` list.
 *
 * @example
 * <asp:RadioButtonList ID="Size" runat="server" RepeatLayout="Flow" RepeatDirection="Horizontal">
 *   <asp:ListItem>S</asp:ListItem><asp:ListItem>M</asp:ListItem>
 * </asp:RadioButtonList>
 */
export abstract class RepeatedListControl extends ListControl {
  declare repeatLayout: RepeatLayout
  declare repeatDirection: RepeatDirection
  /** Items per row (Horizontal) or number of columns (Vertical); 0 = one column / one row. */
  declare repeatColumns: number
  declare textAlign: TextAlign
  declare cellPadding: number
  declare cellSpacing: number

  /** The input type of each item (`checkbox`, `radio`). */
  protected abstract get inputType(): string
  /** The `name` an item's input posts under. */
  protected abstract inputName(index: number): string
  /** Whether an item's input renders checked. */
  protected abstract isChecked(item: ListItem, index: number): boolean
  /** Registers an enabled item for event validation. */
  protected abstract registerItem(item: ListItem, index: number): void

  override render(writer: HtmlWriter): void {
    const count = this.items.length
    if (count === 0) return
    const attrs = this.attributesToRender()
    const layout = this.repeatLayout
    const script = this.autoPostBackScript()
    const item = (index: number) => this.renderItem(writer, this.items.at(index)!, index, script)
    if (layout === 'UnorderedList' || layout === 'OrderedList') {
      const tag = layout === 'UnorderedList' ? 'ul' : 'ol'
      writer.beginTag(tag, attrs)
      for (let i = 0; i < count; i++) {
        writer.beginTag('li')
        item(i)
        writer.endTag('li')
      }
      writer.endTag(tag)
      return
    }
    const rows = layoutGrid(count, this.repeatColumns, this.repeatDirection)
    if (layout === 'Flow') {
      writer.beginTag('span', attrs)
      rows.forEach((row, r) => {
        if (r > 0) writer.write('<br />')
        for (const index of row) if (index >= 0) item(index)
      })
      writer.endTag('span')
      return
    }
    if (this.cellPadding >= 0) attrs.cellpadding = this.cellPadding
    if (this.cellSpacing >= 0) attrs.cellspacing = this.cellSpacing
    writer.beginTag('table', attrs)
    for (const row of rows) {
      writer.write('<tr>')
      for (const index of row) {
        writer.write('<td>')
        if (index >= 0) item(index)
        writer.write('</td>')
      }
      writer.write('</tr>')
    }
    writer.endTag('table')
  }

  /** Writes one item: its input and label, in a `<span>` when disabled or carrying attributes. */
  protected renderItem(writer: HtmlWriter, item: ListItem, index: number, script: string | undefined): void {
    const enabled = this.isEnabled && item.enabled
    const wrap = !enabled || item.hasAttributes
    if (wrap) {
      const span: AttributeMap = {}
      if (item.hasAttributes) for (const [k, v] of item.attributes) span[k] = v
      if (!enabled) span.class = span.class ? `${span.class} aspNetDisabled` : 'aspNetDisabled'
      writer.beginTag('span', span)
    }
    const inputId = `${this.clientID}_${index}`
    const label = () => {
      if (!item.text) return
      writer.beginTag('label', { for: inputId })
      writer.text(item.text)
      writer.endTag('label')
    }
    if (this.textAlign === 'Left') label()
    writer.selfClosingTag('input', {
      id: inputId,
      type: this.inputType,
      name: this.inputName(index),
      value: item.value,
      checked: this.isChecked(item, index),
      disabled: !enabled,
      onclick: enabled ? script : undefined,
    })
    if (this.textAlign !== 'Left') label()
    if (wrap) writer.endTag('span')
    if (enabled) this.registerItem(item, index)
  }
}

/**
 * The item indices of each row (`-1` = an empty cell), following ASP.NET's RepeatInfo:
 * Vertical fills columns top to bottom, the first columns taking the extra items.
 *
 * @example
 * layoutGrid(5, 2, 'Vertical')   // [[0, 3], [1, 4], [2, -1]]
 * layoutGrid(5, 2, 'Horizontal') // [[0, 1], [2, 3], [4, -1]]
 */
export function layoutGrid(count: number, repeatColumns: number, direction: RepeatDirection): number[][] {
  const columns = repeatColumns > 0 ? Math.min(repeatColumns, count) : direction === 'Vertical' ? 1 : count
  const rowCount = Math.ceil(count / columns)
  const rows: number[][] = []
  if (direction === 'Horizontal') {
    for (let r = 0; r < rowCount; r++) {
      const row: number[] = []
      for (let c = 0; c < columns; c++) row.push(r * columns + c < count ? r * columns + c : -1)
      rows.push(row)
    }
    return rows
  }
  const leftOver = count % columns
  const starts: number[] = []
  const lengths: number[] = []
  let start = 0
  for (let c = 0; c < columns; c++) {
    const length = leftOver === 0 || c < leftOver ? rowCount : rowCount - 1
    starts.push(start)
    lengths.push(length)
    start += length
  }
  for (let r = 0; r < rowCount; r++) {
    const row: number[] = []
    for (let c = 0; c < columns; c++) row.push(r < lengths[c]! ? starts[c]! + r : -1)
    rows.push(row)
  }
  return rows
}

defineStateProperties(RepeatedListControl, {
  repeatLayout: { enum: ['Table', 'Flow', 'UnorderedList', 'OrderedList'], default: 'Table' },
  repeatDirection: { enum: ['Vertical', 'Horizontal'], default: 'Vertical' },
  repeatColumns: 0,
  textAlign: { enum: ['Left', 'Right'], default: 'Right' },
  cellPadding: -1,
  cellSpacing: -1,
})
