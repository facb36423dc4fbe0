import type { Control } from '../control.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import { WebControl } from '../web-control.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'
import { htmlEncode } from '../../render/encode.ts'
import { readField } from './data-utils.ts'
import { declareSubObjects, TableItemStyle } from './table-item-style.ts'

/**
 * Which part of a data control a cell belongs to.
 *
 * @example
 * if (cellType === 'DataCell') cell.on('DataBinding', () => (cell.text = 'x'))
 */
export type DataControlCellType = 'Header' | 'Footer' | 'DataCell'

/**
 * The state of a row when its cells are created (ASP.NET's DataControlRowState flags).
 *
 * @example
 * if (e.row.rowState.edit) (e.row.findControl('Qty') as TextBox).focus()
 */
export interface DataControlRowState {
  alternate: boolean
  selected: boolean
  edit: boolean
  insert: boolean
}

/**
 * A row state with no flag set.
 *
 * @example
 * field.initializeCell(cell, 'Header', normalRowState, -1)
 */
export const normalRowState: Readonly<DataControlRowState> = Object.freeze({ alternate: false, selected: false, edit: false, insert: false })

/**
 * What a field needs from the control that shows it (GridView, DetailsView): whether headers
 * sort, and how a command link posts back.
 *
 * @example
 * link.href = owner.commandLinkAttributes('Select', '0').href // "javascript:__doPostBack('Orders','Select$0')"
 */
export interface DataFieldOwner extends Control {
  readonly allowSorting: boolean
  /** The attributes (`href`, maybe `onclick`) of a link that runs a command of the owner. */
  commandLinkAttributes(commandName: string, commandArgument: string): AttributeMap
  /** How errors name the owner: `GridView 'Orders'`. */
  describe(): string
}

/**
 * The base of GridView columns and DetailsView rows: header and footer text, sorting and
 * styles; subclasses fill data cells (BoundField, TemplateField, ButtonField, CommandField).
 *
 * Fields are set from markup on every request; fields added from code must be added on every
 * request too (in Init or Load), as dynamic controls are.
 *
 * @example
 * class StarsField extends DataControlField {
 *   override initializeCell(cell: DataControlFieldCell, type: DataControlCellType, state: DataControlRowState, rowIndex: number) {
 *     super.initializeCell(cell, type, state, rowIndex)
 *     if (type === 'DataCell') cell.on('DataBinding', () => { cell.text = '★'.repeat(Number(this.fieldValue(cell, 'Stars'))) })
 *   }
 * }
 */
export class DataControlField {
  headerText = ''
  footerText = ''
  /** The expression a sort link in the header posts (`Sort$<expression>`); empty: no link. */
  sortExpression = ''
  visible = true
  showHeader = true
  /** false hides the field in a DetailsView in Insert mode. */
  insertVisible = true
  readonly headerStyle = new TableItemStyle()
  readonly itemStyle = new TableItemStyle()
  readonly footerStyle = new TableItemStyle()
  /** @internal Set by the owning control before it creates cells. */
  owner: DataFieldOwner | null = null

  constructor(init?: Partial<DataControlField>) {
    if (init) Object.assign(this, init)
  }

  /**
   * Fills a new cell (before it joins the page): the header text or sort link, the footer
   * text; data cells are filled by subclasses (often in a `DataBinding` handler of the cell).
   */
  initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, _rowState: DataControlRowState, _rowIndex: number): void {
    if (cellType === 'Header') {
      const owner = this.owner
      if (owner && owner.allowSorting && this.sortExpression) {
        const link = new DataControlLinkButton()
        link.text = this.headerText
        link.commandName = 'Sort'
        link.commandArgument = this.sortExpression
        cell.controls.add(link)
      } else if (this.headerText) cell.text = this.headerText
      else cell.html = '&nbsp;'
    } else if (cellType === 'Footer') {
      if (this.footerText) cell.text = this.footerText
    }
  }

  /**
   * Adds the values the user entered in an edit or insert cell to `values` (keyed by field
   * name). Read-only values are added only when `includeReadOnly`.
   */
  extractValues(_values: Record<string, unknown>, _cell: DataControlFieldCell, _rowState: DataControlRowState, _includeReadOnly: boolean): void {}

  /** The sort expressions this field can post (for validating posted `Sort$…` arguments). */
  get sortExpressions(): string[] {
    return this.sortExpression ? [this.sortExpression] : []
  }

  /** Reads a field of the data item bound to the cell's row, naming the owner on a typo. */
  protected fieldValue(cell: Control, field: string): unknown {
    const item = cell.bindingContainer.dataItem
    return readField(item, field, this.owner?.describe() ?? 'A data control')
  }
}

declareMarkupProperties(DataControlField, [
  { name: 'headerText', kind: 'string' },
  { name: 'footerText', kind: 'string' },
  { name: 'sortExpression', kind: 'string' },
  { name: 'visible', kind: 'boolean' },
  { name: 'showHeader', kind: 'boolean' },
  { name: 'insertVisible', kind: 'boolean' },
])
declareSubObjects(DataControlField, { headerStyle: TableItemStyle, itemStyle: TableItemStyle, footerStyle: TableItemStyle })

/**
 * A table cell of a data control (`<td>`, or `<th scope="col">` in a GridView header). Its
 * `text` is HTML-encoded when rendered; `html` is written as it is (what a BoundField with
 * `HtmlEncode="true"` produced, already encoded). Both are kept in view state when set after
 * the cell joined the page, so cells come back on postbacks without binding again.
 *
 * @example
 * Orders_RowDataBound(_s: Control, e: GridViewRowEventArgs) {
 *   if (e.row.rowType === 'DataRow' && Number(e.row.cells[2]!.text.replace(/[$,]/g, '')) > 100) e.row.cells[2]!.cssClass = 'big'
 * }
 */
export class DataControlFieldCell extends WebControl {
  declare columnSpan: number
  /** `<th>` instead of `<td>`. */
  header = false
  /** The `scope` attribute of a header cell (`col` in a GridView). */
  scope = ''
  /** The field's style for this kind of cell (ItemStyle, HeaderStyle…), rendered after the cell's own class. */
  fieldStyle: TableItemStyle | null = null

  constructor(readonly containingField: DataControlField | null = null) {
    super()
  }

  protected override get tagName(): string {
    return this.header ? 'th' : 'td'
  }

  /** The cell's text (decoded when it was set as HTML). */
  get text(): string {
    const html = this.viewState.get<string | undefined>('Html', undefined)
    return html === undefined ? this.viewState.get('Text', '') : decodeCellHtml(html)
  }

  /** Sets plain text, HTML-encoded when rendered. */
  set text(value: string) {
    this.viewState.remove('Html')
    this.viewState.set('Text', value)
  }

  /** The cell's markup, written as it is: only ever set it to trusted or encoded HTML. */
  get html(): string {
    return this.viewState.get<string | undefined>('Html', undefined) ?? htmlEncode(this.viewState.get('Text', ''))
  }

  set html(value: string) {
    this.viewState.remove('Text')
    this.viewState.set('Html', value)
  }

  protected override addAttributes(attrs: AttributeMap): void {
    if (this.header && this.scope) attrs.scope = this.scope
    if (this.columnSpan > 0) attrs.colspan = this.columnSpan
  }

  protected override attributesToRender(): AttributeMap {
    const attrs = super.attributesToRender()
    this.fieldStyle?.addTo(attrs)
    return attrs
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.controls.length > 0) this.renderChildren(writer)
    else writer.write(this.html)
  }
}
defineStateProperties(DataControlFieldCell, { columnSpan: 0 })

function decodeCellHtml(html: string): string {
  return html === '&nbsp;' ? '' : html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' })[e]!)
}

/**
 * A command link of a data control: renders `<a href="javascript:__doPostBack('Grid','Select$0')">`
 * that posts to the data control itself (its `raisePostBackEvent` handles `Select$0`), as
 * ASP.NET's GridView links without validation do.
 *
 * @example
 * const link = new DataControlLinkButton(); link.text = 'Select'; link.commandName = 'Select'; link.commandArgument = '0'
 */
export class DataControlLinkButton extends WebControl {
  declare text: string
  declare commandName: string
  declare commandArgument: string
  /** false writes `text` as HTML: only for trusted markup. */
  encodeText = true

  protected override get tagName(): string {
    return 'a'
  }

  protected override addAttributes(attrs: AttributeMap): void {
    if (!this.isEnabled) return
    const owner = findOwner(this)
    if (owner) Object.assign(attrs, owner.commandLinkAttributes(this.commandName, String(this.commandArgument)))
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.controls.length > 0) this.renderChildren(writer)
    else if (this.encodeText) writer.text(this.text)
    else writer.write(this.text)
  }
}
defineStateProperties(DataControlLinkButton, { text: '', commandName: '', commandArgument: '' })

function findOwner(control: Control): DataFieldOwner | null {
  for (let c = control.parent; c; c = c.parent) {
    if (typeof (c as unknown as Partial<DataFieldOwner>).commandLinkAttributes === 'function') return c as unknown as DataFieldOwner
  }
  return null
}

/**
 * The key of one record (ASP.NET's DataKey): the values of the `DataKeyNames` fields.
 *
 * @example
 * const id = this.Orders.selectedDataKey?.value      // the first key field
 * const code = this.Orders.dataKeys[2]!.values.Code  // any key field by name
 */
export class DataKey {
  constructor(readonly values: Readonly<Record<string, unknown>>) {}

  /** The value of the first key field. */
  get value(): unknown {
    for (const key in this.values) return this.values[key]
    return undefined
  }
}
