import type { CommandEventArgs } from '../button-control.ts'
import type { Control } from '../control.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import { HttpError } from '../../errors.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'
import { BoundField } from './bound-field.ts'
import { CommandField } from './command-field.ts'
import { CompositeDataBoundControl, stateKeys } from './composite-data-bound-control.ts'
import { DataControlField, DataControlFieldCell, type DataControlRowState, type DataKey } from './data-control-field.ts'
import { DataControlRow } from './data-control-row.ts'
import { autoFieldNames, childId } from './data-utils.ts'
import { pagerEntries, renderPagerRow } from './pager.ts'
import { declareSubObjects, TableItemStyle } from './table-item-style.ts'
import { bindNotingInputs, readBoundInputs, type BoundInputs } from './two-way-binding.ts'

/**
 * The modes of a DetailsView.
 *
 * @example
 * if (this.Details.currentMode === 'Edit') this.Save.visible = false
 */
export type DetailsViewMode = 'ReadOnly' | 'Edit' | 'Insert'

/**
 * What a row of a DetailsView holds.
 *
 * @example
 * for (const row of this.Details.rows) if (row.rowType === 'CommandRow') row.visible = canEdit
 */
export type DetailsViewRowType = 'Header' | 'Footer' | 'DataRow' | 'CommandRow' | 'EmptyDataRow'

/**
 * One row of a DetailsView: a field's header cell and value cell (or the command row). A naming
 * container, so `<%# %>` in its templates sees the record as `Container.dataItem`;
 * `detailsView.findControl('Name')` still finds controls inside rows.
 *
 * @example
 * const row = this.Details.rows[1]!
 * row.cells[1]!.cssClass = 'important'
 */
export class DetailsViewRow extends DataControlRow {
  constructor(
    readonly rowIndex: number,
    readonly rowType: DetailsViewRowType,
    readonly rowState: DataControlRowState,
    /** The field this row shows (`null` for header, footer, empty row and the generated command row). */
    readonly field: DataControlField | null,
  ) {
    super()
  }

  protected isCommandArgs(e: object): boolean {
    return 'commandSource' in e
  }

  /** ItemCommand arguments. */
  protected commandArgs(source: Control, command: CommandEventArgs): DetailsViewCommandEventArgs {
    return { commandSource: source, ...command, handled: false }
  }
}

/**
 * Arguments of ItemCommand (every command). Set `handled` to skip the built-in handling.
 *
 * @example
 * Details_ItemCommand(_s: Control, e: DetailsViewCommandEventArgs) { if (e.commandName === 'Print') print(this.Details.selectedValue) }
 */
export interface DetailsViewCommandEventArgs {
  commandSource: Control
  commandName: string
  commandArgument: string
  handled: boolean
}

/**
 * Arguments of ModeChanging.
 *
 * @example
 * Details_ModeChanging(_s: Control, e: DetailsViewModeEventArgs) { if (e.newMode === 'Edit' && !this.canEdit) e.cancel = true }
 */
export interface DetailsViewModeEventArgs {
  newMode: DetailsViewMode
  /** True when Cancel leaves Edit or Insert mode. */
  cancelingEdit: boolean
  cancel: boolean
}

/**
 * Arguments of ItemUpdating.
 *
 * @example
 * Details_ItemUpdating(_s: Control, e: DetailsViewUpdateEventArgs) { db.update(e.keys.Id, e.newValues) }
 */
export interface DetailsViewUpdateEventArgs {
  keys: Record<string, unknown>
  newValues: Record<string, unknown>
  cancel: boolean
}

/**
 * Arguments of ItemUpdated. Set `keepInEditMode` to stay in Edit mode.
 *
 * @example
 * Details_ItemUpdated(_s: Control, e: DetailsViewUpdatedEventArgs) { if (e.exception) { e.exceptionHandled = true; e.keepInEditMode = true } }
 */
export interface DetailsViewUpdatedEventArgs {
  keys: Record<string, unknown>
  newValues: Record<string, unknown>
  affectedRows: number
  exception: unknown
  exceptionHandled: boolean
  keepInEditMode: boolean
}

/**
 * Arguments of ItemInserting.
 *
 * @example
 * Details_ItemInserting(_s: Control, e: DetailsViewInsertEventArgs) { db.insert(e.values) }
 */
export interface DetailsViewInsertEventArgs {
  values: Record<string, unknown>
  cancel: boolean
}

/**
 * Arguments of ItemInserted. Set `keepInInsertMode` to stay in Insert mode.
 *
 * @example
 * Details_ItemInserted(_s: Control, e: DetailsViewInsertedEventArgs) { this.Status.text = `${e.affectedRows} added` }
 */
export interface DetailsViewInsertedEventArgs {
  values: Record<string, unknown>
  affectedRows: number
  exception: unknown
  exceptionHandled: boolean
  keepInInsertMode: boolean
}

/**
 * Arguments of ItemDeleting.
 *
 * @example
 * Details_ItemDeleting(_s: Control, e: DetailsViewDeleteEventArgs) { db.remove(e.keys.Id) }
 */
export interface DetailsViewDeleteEventArgs {
  keys: Record<string, unknown>
  cancel: boolean
}

/**
 * Arguments of ItemDeleted.
 *
 * @example
 * Details_ItemDeleted(_s: Control, e: DetailsViewDeletedEventArgs) { if (e.exception) this.Status.text = 'Could not delete.' }
 */
export interface DetailsViewDeletedEventArgs {
  keys: Record<string, unknown>
  affectedRows: number
  exception: unknown
  exceptionHandled: boolean
}

/**
 * Arguments of PageIndexChanging.
 *
 * @example
 * Details_PageIndexChanging(_s: Control, e: DetailsViewPageEventArgs) { if (this.Details.currentMode === 'Edit') e.cancel = true }
 */
export interface DetailsViewPageEventArgs {
  newPageIndex: number
  cancel: boolean
}

/**
 * One record as a two-column table (field name, value), with ReadOnly, Edit and Insert modes,
 * as ASP.NET's DetailsView renders it.
 *
 * Data: `dataSource` + `dataBind()` (the first item, or the item of `pageIndex` with
 * `AllowPaging`), or `SelectMethod="GetOrder"` returning the record (or rows, or
 * `{ rows, totalRowCount }`), called in PreRender on every request. `UpdateMethod`,
 * `InsertMethod` and `DeleteMethod` name page methods receiving `{ keys, newValues }`,
 * `{ values }` and `{ keys }`. Fields: `<Fields>` (BoundField, TemplateField, CommandField…)
 * and, with `AutoGenerateRows` (default), one BoundField per property of the record.
 *
 * Events: ItemCommand, ItemCreated, DataBound, ModeChanging/ModeChanged,
 * ItemUpdating/ItemUpdated, ItemInserting/ItemInserted, ItemDeleting/ItemDeleted,
 * PageIndexChanging/PageIndexChanged.
 *
 * @example
 * <asp:DetailsView ID="Details" runat="server" DataKeyNames="Id" SelectMethod="GetSelectedOrder"
 *     AutoGenerateEditButton="true" UpdateMethod="UpdateOrder" EmptyDataText="Select an order." />
 * GetSelectedOrder() { return orders.find((o) => o.Id === this.Orders.selectedValue) ?? null }
 */
export class DetailsView extends CompositeDataBoundControl {
  declare autoGenerateRows: boolean
  declare autoGenerateEditButton: boolean
  declare autoGenerateInsertButton: boolean
  declare autoGenerateDeleteButton: boolean
  declare defaultMode: DetailsViewMode
  declare headerText: string
  declare footerText: string
  /** The declared rows (`<Fields>`); fields added in code must be added on every request. */
  readonly fields: DataControlField[] = []
  readonly headerStyle = new TableItemStyle()
  readonly footerStyle = new TableItemStyle()
  readonly rowStyle = new TableItemStyle()
  readonly alternatingRowStyle = new TableItemStyle()
  readonly editRowStyle = new TableItemStyle()
  readonly insertRowStyle = new TableItemStyle()
  readonly fieldHeaderStyle = new TableItemStyle()
  readonly commandRowStyle = new TableItemStyle()
  readonly pagerStyle = new TableItemStyle()
  readonly emptyDataRowStyle = new TableItemStyle()
  private rowList: DetailsViewRow[] = []

  /** DetailsView never sorts. */
  get allowSorting(): boolean {
    return false
  }

  /** The mode shown: `DefaultMode` until a command (Edit, New, Cancel, Update…) changes it. */
  get currentMode(): DetailsViewMode {
    return this.viewState.get<DetailsViewMode>('CurrentMode', this.defaultMode)
  }

  /**
   * Switches the mode without events (ASP.NET's ChangeMode); binds again before rendering.
   *
   * @example
   * this.Details.changeMode('Insert')
   */
  changeMode(mode: DetailsViewMode): void {
    if (this.setMode(mode)) this.requiresDataBinding = true
  }

  private setMode(mode: DetailsViewMode): boolean {
    if (mode === this.currentMode) return false
    this.viewState.set('CurrentMode', mode)
    this.keepsPostedInput = false
    return true
  }

  private signature(): string {
    return `${this.pageIndex}|${this.currentMode}`
  }

  /** The field rows (and the command row), not header, footer or pager. */
  get rows(): readonly DetailsViewRow[] {
    return this.rowList
  }

  /** The key of the record shown, by `DataKeyNames`, or `null`. */
  get dataKey(): DataKey | null {
    return this.savedKeys()[0] ?? null
  }

  /** The first key value of the record shown. */
  get selectedValue(): unknown {
    return this.dataKey?.value
  }

  /** The number of records (pages) once bound. */
  get pageCount(): number {
    return this.viewState.get(stateKeys.pageCount, 0)
  }

  /** Finds a control by ID in the whole DetailsView (its rows included), as ASP.NET does. */
  override findControl(id: string): Control | null {
    const found = super.findControl(id)
    if (found || id.includes('$')) return found
    for (const row of this.rowList) {
      const inRow = row.findControl(id)
      if (inRow) return inRow
    }
    return null
  }

  // ---- commands ------------------------------------------------------------------------------

  protected async handleCommand(commandName: string, commandArgument: string, source: Control, _row: Control | null): Promise<void> {
    const e: DetailsViewCommandEventArgs = { commandSource: source, commandName, commandArgument, handled: false }
    await this.raise('ItemCommand', e)
    if (e.handled) return
    const validates = source !== this && (source as { causesValidation?: boolean }).causesValidation === true
    const group = (source as { validationGroup?: string }).validationGroup ?? ''
    switch (commandName.toLowerCase()) {
      case 'edit':
        return this.modeCommand('Edit', false)
      case 'new':
        return this.modeCommand('Insert', false)
      case 'cancel':
        return this.modeCommand(this.defaultMode, true)
      case 'update':
        return this.updateItem(validates, group)
      case 'insert':
        return this.insertItem(validates, group)
      case 'delete':
        return this.deleteItem()
      case 'page':
        return this.pageCommand(commandArgument)
    }
  }

  private async modeCommand(newMode: DetailsViewMode, cancelingEdit: boolean): Promise<void> {
    await this.whileHandling(async () => {
      const e: DetailsViewModeEventArgs = { newMode, cancelingEdit, cancel: false }
      await this.raise('ModeChanging', e)
      if (e.cancel) return false
      this.setMode(e.newMode)
      await this.raise('ModeChanged', {})
      return true
    }, () => this.signature())
  }

  /** Updates the record as the Update button would: ItemUpdating, the UpdateMethod, ItemUpdated. */
  async updateItem(causesValidation = false, validationGroup = ''): Promise<void> {
    if (causesValidation && !this.groupIsValid(validationGroup)) return
    await this.whileHandling(async () => {
      const keys = { ...(this.dataKey?.values ?? {}) }
      const e: DetailsViewUpdateEventArgs = { keys, newValues: this.extractValues(false), cancel: false }
      await this.raise('ItemUpdating', e)
      if (e.cancel) return false
      const done: DetailsViewUpdatedEventArgs = { keys: e.keys, newValues: e.newValues, affectedRows: -1, exception: undefined, exceptionHandled: false, keepInEditMode: false }
      await this.runMethod('UpdateMethod', this.updateMethod, { keys: e.keys, newValues: e.newValues }, done)
      await this.raise('ItemUpdated', done)
      if (done.exception !== undefined && !done.exceptionHandled) throw done.exception
      if (!done.keepInEditMode) this.setMode(this.defaultMode)
      return true
    }, () => this.signature())
  }

  /** Inserts a record as the Insert button would: ItemInserting, the InsertMethod, ItemInserted. */
  async insertItem(causesValidation = false, validationGroup = ''): Promise<void> {
    if (causesValidation && !this.groupIsValid(validationGroup)) return
    await this.whileHandling(async () => {
      const e: DetailsViewInsertEventArgs = { values: this.extractValues(true), cancel: false }
      await this.raise('ItemInserting', e)
      if (e.cancel) return false
      const done: DetailsViewInsertedEventArgs = { values: e.values, affectedRows: -1, exception: undefined, exceptionHandled: false, keepInInsertMode: false }
      await this.runMethod('InsertMethod', this.insertMethod, { values: e.values }, done)
      await this.raise('ItemInserted', done)
      if (done.exception !== undefined && !done.exceptionHandled) throw done.exception
      if (!done.keepInInsertMode) this.setMode(this.defaultMode)
      return true
    }, () => this.signature())
  }

  /** Deletes the record as the Delete button would: ItemDeleting, the DeleteMethod, ItemDeleted. */
  async deleteItem(): Promise<void> {
    await this.whileHandling(async () => {
      const keys = { ...(this.dataKey?.values ?? {}) }
      const e: DetailsViewDeleteEventArgs = { keys, cancel: false }
      await this.raise('ItemDeleting', e)
      if (e.cancel) return false
      const done: DetailsViewDeletedEventArgs = { keys: e.keys, affectedRows: -1, exception: undefined, exceptionHandled: false }
      await this.runMethod('DeleteMethod', this.deleteMethod, { keys: e.keys }, done)
      await this.raise('ItemDeleted', done)
      if (done.exception !== undefined && !done.exceptionHandled) throw done.exception
      return true
    }, () => this.signature())
  }

  private async runMethod(property: string, name: string, argument: unknown, done: { affectedRows: number; exception: unknown }): Promise<void> {
    if (!name) return
    try {
      const result = await this.callPageMethod(property, name, argument)
      if (typeof result === 'number') done.affectedRows = result
    } catch (error) {
      done.exception = error
    }
  }

  private async pageCommand(argument: string): Promise<void> {
    const count = this.pageCount
    const lower = argument.toLowerCase()
    const target =
      lower === 'next' ? this.pageIndex + 1 : lower === 'prev' ? this.pageIndex - 1 : lower === 'first' ? 0 : lower === 'last' ? count - 1 : /^\d{1,9}$/.test(argument) ? Number(argument) - 1 : -2
    if (target === -2) throw new HttpError(400, `${this.describe()} has no page '${argument.slice(0, 20)}'.`)
    if (target < 0 || (count > 0 && target >= count)) return
    await this.whileHandling(async () => {
      const e: DetailsViewPageEventArgs = { newPageIndex: target, cancel: false }
      await this.raise('PageIndexChanging', e)
      if (e.cancel || e.newPageIndex < 0) return false
      this.pageIndex = e.newPageIndex
      if (this.currentMode === 'Edit') this.setMode(this.defaultMode)
      this.keepsPostedInput = false
      await this.raise('PageIndexChanged', {})
      return true
    }, () => this.signature())
  }

  override async onBubbleEvent(source: Control, e: unknown): Promise<boolean> {
    if (!(source instanceof DetailsViewRow) || source.parent !== this || !e || typeof e !== 'object' || !('commandSource' in e)) return false
    const command = e as DetailsViewCommandEventArgs
    await this.handleCommand(command.commandName, command.commandArgument, command.commandSource, source)
    return true
  }

  /** The values entered in Edit or Insert mode (BoundField TextBoxes, `Bind("Field")` inputs). */
  private extractValues(includeReadOnly: boolean): Record<string, unknown> {
    const values: Record<string, unknown> = {}
    for (const row of this.rowList) {
      const cell = row.cells.at(-1)
      if (row.field && cell) row.field.extractValues(values, cell, row.rowState, includeReadOnly)
    }
    Object.assign(values, readBoundInputs(this, this.viewState.get<BoundInputs>(stateKeys.boundInputs, [])))
    return values
  }

  // ---- rows ----------------------------------------------------------------------------------

  protected override singleOrRows(result: unknown): unknown[] {
    if (result === null || result === undefined) return []
    // A SelectMethod of a DetailsView may return the record itself.
    if (typeof result === 'object' && typeof (result as Iterable<unknown>)[Symbol.iterator] !== 'function') return [result]
    return super.singleOrRows(result)
  }

  private createFields(autoNames: readonly string[]): { fields: DataControlField[]; commands: CommandField | null } {
    const fields: DataControlField[] = this.fields.filter((f) => f.visible)
    if (this.autoGenerateRows) {
      const keys = this.dataKeyNames.map((k) => k.toLowerCase())
      for (const name of autoNames) fields.push(new BoundField({ dataField: name, headerText: name, readOnly: keys.includes(name.toLowerCase()), insertVisible: !keys.includes(name.toLowerCase()) }))
    }
    let commands: CommandField | null = null
    if (this.autoGenerateEditButton || this.autoGenerateInsertButton || this.autoGenerateDeleteButton) {
      commands = new CommandField({ showEditButton: this.autoGenerateEditButton, showInsertButton: this.autoGenerateInsertButton, showDeleteButton: this.autoGenerateDeleteButton })
    }
    for (const field of [...fields, commands]) if (field) field.owner = this
    return { fields, commands }
  }

  /** Creates the rows (not yet in the tree) for the current mode; `hasRecord` false gives the empty row. */
  private buildRows(autoNames: readonly string[], hasRecord: boolean): DetailsViewRow[] {
    const mode = this.currentMode
    const rows: DetailsViewRow[] = []
    let n = 1
    const make = (rowIndex: number, type: DetailsViewRowType, state: DataControlRowState, field: DataControlField | null) => {
      const row = new DetailsViewRow(rowIndex, type, state, field)
      row.id = childId(n++)
      if (this.usesSelectMethod) row.enableViewState = false
      rows.push(row)
      return row
    }
    const { fields, commands } = this.createFields(autoNames)
    if (!hasRecord && mode !== 'Insert') {
      if (!this.emptyDataTemplate && !this.emptyDataText) return rows
      const row = make(-1, 'EmptyDataRow', { alternate: false, selected: false, edit: false, insert: false }, null)
      const cell = new DataControlFieldCell()
      if (this.emptyDataTemplate) this.emptyDataTemplate.instantiateIn(cell)
      else cell.text = this.emptyDataText
      row.controls.add(cell)
      return rows
    }
    if (this.headerText) make(-1, 'Header', { alternate: false, selected: false, edit: false, insert: false }, null).controls.add(textCell(this.headerText, 2))
    let index = 0
    for (const field of fields) {
      if (mode === 'Insert' && !field.insertVisible) continue
      const state: DataControlRowState = { alternate: index % 2 === 1, selected: false, edit: mode === 'Edit', insert: mode === 'Insert' }
      const row = make(index, 'DataRow', state, field)
      const header = new DataControlFieldCell(field)
      field.initializeCell(header, 'Header', state, index)
      if (!field.showHeader) header.html = '&nbsp;'
      header.fieldStyle = TableItemStyle.resolve([field.headerStyle, this.fieldHeaderStyle])
      const value = new DataControlFieldCell(field)
      field.initializeCell(value, 'DataCell', state, index)
      value.fieldStyle = field.itemStyle
      row.controls.add(header)
      row.controls.add(value)
      index++
    }
    if (commands) {
      const state: DataControlRowState = { alternate: index % 2 === 1, selected: false, edit: mode === 'Edit', insert: mode === 'Insert' }
      const row = make(index, 'CommandRow', state, commands)
      const cell = new DataControlFieldCell(commands)
      cell.columnSpan = 2
      commands.initializeCell(cell, 'DataCell', state, index)
      row.controls.add(cell)
    }
    if (this.footerText) make(-1, 'Footer', { alternate: false, selected: false, edit: false, insert: false }, null).controls.add(textCell(this.footerText, 2))
    return rows
  }

  /** @internal Rebuilds the rows from view state (mode, auto-generated names, whether a record was shown). */
  protected createChildControls(): void {
    this.controls.clear()
    this.rowList = []
    const rows = this.buildRows(this.viewState.get<string[]>(stateKeys.autoFields, []), this.viewState.get(stateKeys.rowCount, 0) > 0)
    for (const row of rows) {
      if (row.rowType === 'DataRow' || row.rowType === 'CommandRow') this.rowList.push(row)
      this.host?.track(this.raise('ItemCreated', { row }))
      this.controls.add(row)
    }
  }

  protected async performDataBinding(): Promise<void> {
    const data = await this.selectRows(1, '', 'Ascending')
    const item = data.rows[0]
    const hasRecord = data.rows.length > 0
    this.controls.clear()
    this.rowList = []
    this.created = true
    const autoNames = this.autoGenerateRows && hasRecord ? autoFieldNames(item) : this.currentMode === 'Insert' ? this.viewState.get<string[]>(stateKeys.autoFields, []) : []
    const rows = this.buildRows(autoNames, hasRecord)
    const inputs: BoundInputs = []
    const editing = this.currentMode !== 'ReadOnly'
    this.dataItem = this.currentMode === 'Insert' ? undefined : item
    for (const row of rows) {
      if (row.rowType === 'DataRow' || row.rowType === 'CommandRow') this.rowList.push(row)
      row.dataItem = this.dataItem
      await this.raise('ItemCreated', { row })
      this.controls.add(row)
      await row.whenCaughtUp()
      if (editing && row.rowType === 'DataRow') inputs.push(...(await bindNotingInputs(row, this, this.currentMode === 'Insert')))
      else await row.dataBind()
      row.dataItem = undefined
    }
    const total = data.totalRowCount
    this.setState(stateKeys.rowCount, hasRecord ? 1 : 0)
    this.setState(stateKeys.pageCount, this.allowPaging ? total : hasRecord ? 1 : 0)
    this.setState(stateKeys.dataKeys, hasRecord && this.dataKeyNames.length ? [this.keyOf(item)] : undefined)
    this.setState(stateKeys.autoFields, autoNames.length ? autoNames : undefined)
    this.setState(stateKeys.boundInputs, inputs.length ? inputs : undefined)
    this.boundSignature = this.signature()
  }

  private setState(key: string, value: unknown): void {
    if (JSON.stringify(this.viewState.get<unknown>(key, undefined)) === JSON.stringify(value)) return
    this.viewState.set(key, value)
  }

  protected get inputContainer(): Control | null {
    return this.currentMode === 'ReadOnly' || this.rowList.length === 0 ? null : this
  }

  protected get inputRecord(): string {
    return `${this.currentMode}|${JSON.stringify(this.dataKey?.values ?? null)}`
  }

  // ---- rendering -----------------------------------------------------------------------------

  override render(writer: HtmlWriter): void {
    writer.write('<div>')
    if (this.controls.length > 0) {
      writer.beginTag('table', this.tableAttributes())
      if (this.caption) {
        writer.write('<caption>')
        writer.text(this.caption)
        writer.write('</caption>')
      }
      const pager = this.allowPaging && this.pagerSettings.visible && this.pageCount > 1 && this.currentMode !== 'Insert' && this.rowList.length > 0
      if (pager && this.pagerSettings.position !== 'Bottom') this.renderPager(writer)
      for (const control of this.controls) {
        if (control instanceof DetailsViewRow && control.visible) control.renderRow(writer, this.rowAttributes(control))
      }
      if (pager && this.pagerSettings.position !== 'Top') this.renderPager(writer)
      writer.endTag('table')
    }
    writer.write('</div>')
  }

  private renderPager(writer: HtmlWriter): void {
    const attrs: AttributeMap = {}
    if (!this.pagerStyle.cssClass) attrs.class = 'pager'
    this.pagerStyle.addTo(attrs)
    renderPagerRow(writer, attrs, 2, pagerEntries(this.pagerSettings, this.pageIndex, this.pageCount), (argument) => this.commandLinkAttributes('Page', argument))
  }

  private rowAttributes(row: DetailsViewRow): AttributeMap {
    const attrs: AttributeMap = {}
    const mode = this.currentMode
    let style: TableItemStyle
    switch (row.rowType) {
      case 'Header':
        style = this.headerStyle
        break
      case 'Footer':
        style = this.footerStyle
        break
      case 'EmptyDataRow':
        style = this.emptyDataRowStyle
        break
      default:
        style = TableItemStyle.resolve([
          row.rowType === 'CommandRow' ? this.commandRowStyle : null,
          mode === 'Edit' ? this.editRowStyle : mode === 'Insert' ? this.insertRowStyle : null,
          row.rowState.alternate ? this.alternatingRowStyle : null,
          this.rowStyle,
        ])
    }
    style.addTo(attrs)
    return attrs
  }
}

function textCell(text: string, columnSpan: number): DataControlFieldCell {
  const cell = new DataControlFieldCell()
  cell.text = text
  cell.columnSpan = columnSpan
  return cell
}

defineStateProperties(DetailsView, {
  autoGenerateRows: true,
  autoGenerateEditButton: false,
  autoGenerateInsertButton: false,
  autoGenerateDeleteButton: false,
  defaultMode: { enum: ['ReadOnly', 'Edit', 'Insert'], default: 'ReadOnly' },
  headerText: '',
  footerText: '',
})
declareMarkupProperties(DetailsView, [{ name: 'fields', kind: 'collection' }])
declareSubObjects(DetailsView, {
  headerStyle: TableItemStyle,
  footerStyle: TableItemStyle,
  rowStyle: TableItemStyle,
  alternatingRowStyle: TableItemStyle,
  editRowStyle: TableItemStyle,
  insertRowStyle: TableItemStyle,
  fieldHeaderStyle: TableItemStyle,
  commandRowStyle: TableItemStyle,
  pagerStyle: TableItemStyle,
  emptyDataRowStyle: TableItemStyle,
})
