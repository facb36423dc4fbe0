import { defineClientResource } from '../client-resource.ts'
import type { Control } from '../control.ts'
import type { CommandEventArgs } from '../button-control.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import { HttpError } from '../../errors.ts'
import { jsStringEncode } from '../../render/encode.ts'
import { HtmlWriter, type AttributeMap } from '../../render/html-writer.ts'
import { BoundField } from './bound-field.ts'
import { CommandField } from './command-field.ts'
import { CompositeDataBoundControl, stateKeys, type SortDirection } from './composite-data-bound-control.ts'
import {
  DataControlField,
  DataControlFieldCell,
  normalRowState,
  type DataControlCellType,
  type DataControlRowState,
  type DataKey,
} from './data-control-field.ts'
import { DataControlRow } from './data-control-row.ts'
import { autoFieldNames, childId } from './data-utils.ts'
import { pagerEntries, renderPagerRow } from './pager.ts'
import { declareSubObjects, TableItemStyle } from './table-item-style.ts'
import { bindNotingInputs, readBoundInputs, type BoundInputs } from './two-way-binding.ts'

const gridScript = defineClientResource('GridView', new URL('./grid-view.client.js', import.meta.url))

/**
 * What a row of a GridView holds (ASP.NET's DataControlRowType).
 *
 * @example
 * if (e.row.rowType === 'DataRow') e.row.cells[0]!.cssClass = 'id'
 */
export type DataControlRowType = 'Header' | 'Footer' | 'DataRow' | 'EmptyDataRow'

/**
 * One row of a GridView: a naming container (IDs in templates repeat safely per row) and the
 * `Container` of `<%# %>` expressions in its cells.
 *
 * @example
 * Orders_RowDataBound(_s: Control, e: GridViewRowEventArgs) {
 *   if (e.row.rowType === 'DataRow' && e.row.rowState.edit) (e.row.findControl('Qty') as TextBox).cssClass = 'editing'
 * }
 */
export class GridViewRow extends DataControlRow {
  constructor(
    /** The index among the rows of the current page (-1 for header, footer, empty row). */
    readonly rowIndex: number,
    /** The index of the data item in all the data (across pages). */
    readonly dataItemIndex: number,
    readonly rowType: DataControlRowType,
    readonly rowState: DataControlRowState,
  ) {
    super()
  }

  /** ASP.NET's spelling, for `<%# Container.RowIndex %>` in migrated markup. */
  get RowIndex(): number {
    return this.rowIndex
  }

  /** ASP.NET's spelling, for `<%# Container.DataItemIndex %>` in migrated markup. */
  get DataItemIndex(): number {
    return this.dataItemIndex
  }

  protected isCommandArgs(e: object): boolean {
    return 'row' in e
  }

  /** RowCommand arguments. */
  protected commandArgs(source: Control, command: CommandEventArgs): GridViewCommandEventArgs {
    return { row: this, commandSource: source, ...command, handled: false }
  }
}

/**
 * Arguments of RowCreated and RowDataBound.
 *
 * @example
 * Orders_RowDataBound(_s: Control, e: GridViewRowEventArgs) { if (e.row.rowType === 'Footer') e.row.cells[2]!.text = total }
 */
export interface GridViewRowEventArgs {
  row: GridViewRow
}

/**
 * Arguments of RowCommand (every command, built-in ones included). Set `handled` to skip the built-in handling.
 *
 * @example
 * Orders_RowCommand(_s: Control, e: GridViewCommandEventArgs) { if (e.commandName === 'Ship') ship(this.Orders.dataKeys[Number(e.commandArgument)]!.value) }
 */
export interface GridViewCommandEventArgs {
  /** The row of a button inside it; `null` for a command posted to the grid (`Select$0`). */
  row: GridViewRow | null
  commandSource: Control
  commandName: string
  commandArgument: string
  handled: boolean
}

/**
 * Arguments of PageIndexChanging.
 *
 * @example
 * Orders_PageIndexChanging(_s: Control, e: GridViewPageEventArgs) { this.Orders.pageIndex = e.newPageIndex; await this.bind() }
 */
export interface GridViewPageEventArgs {
  newPageIndex: number
  cancel: boolean
}

/**
 * Arguments of Sorting.
 *
 * @example
 * Orders_Sorting(_s: Control, e: GridViewSortEventArgs) { this.Orders.dataSource = sortRows(all, e.sortExpression, e.sortDirection); await this.Orders.dataBind() }
 */
export interface GridViewSortEventArgs {
  sortExpression: string
  sortDirection: SortDirection
  cancel: boolean
}

/**
 * Arguments of SelectedIndexChanging.
 *
 * @example
 * Orders_SelectedIndexChanging(_s: Control, e: GridViewSelectEventArgs) { if (locked(e.newSelectedIndex)) e.cancel = true }
 */
export interface GridViewSelectEventArgs {
  newSelectedIndex: number
  cancel: boolean
}

/**
 * Arguments of RowEditing.
 *
 * @example
 * Orders_RowEditing(_s: Control, e: GridViewEditEventArgs) { this.Orders.editIndex = e.newEditIndex; await this.bind() }
 */
export interface GridViewEditEventArgs {
  newEditIndex: number
  cancel: boolean
}

/**
 * Arguments of RowCancelingEdit.
 *
 * @example
 * Orders_RowCancelingEdit(_s: Control, e: GridViewCancelEditEventArgs) { this.Orders.editIndex = -1; await this.bind() }
 */
export interface GridViewCancelEditEventArgs {
  rowIndex: number
  cancel: boolean
}

/**
 * Arguments of RowUpdating: the row's keys and the values entered in its inputs.
 *
 * @example
 * Orders_RowUpdating(_s: Control, e: GridViewUpdateEventArgs) { db.update(e.keys.Id, e.newValues) }
 */
export interface GridViewUpdateEventArgs {
  rowIndex: number
  keys: Record<string, unknown>
  newValues: Record<string, unknown>
  cancel: boolean
}

/**
 * Arguments of RowUpdated (after the UpdateMethod, if any). Set `keepInEditMode` to stay in the edit row.
 *
 * @example
 * Orders_RowUpdated(_s: Control, e: GridViewUpdatedEventArgs) { if (e.exception) { e.exceptionHandled = true; e.keepInEditMode = true } }
 */
export interface GridViewUpdatedEventArgs {
  keys: Record<string, unknown>
  newValues: Record<string, unknown>
  /** What the UpdateMethod returned when it was a number, else -1. */
  affectedRows: number
  exception: unknown
  exceptionHandled: boolean
  keepInEditMode: boolean
}

/**
 * Arguments of RowDeleting.
 *
 * @example
 * Orders_RowDeleting(_s: Control, e: GridViewDeleteEventArgs) { if (!confirmed(e.keys.Id)) e.cancel = true }
 */
export interface GridViewDeleteEventArgs {
  rowIndex: number
  keys: Record<string, unknown>
  cancel: boolean
}

/**
 * Arguments of RowDeleted (after the DeleteMethod, if any).
 *
 * @example
 * Orders_RowDeleted(_s: Control, e: GridViewDeletedEventArgs) { this.Status.text = `${e.affectedRows} deleted` }
 */
export interface GridViewDeletedEventArgs {
  keys: Record<string, unknown>
  affectedRows: number
  exception: unknown
  exceptionHandled: boolean
}

/** The paging and sort state a grid with callbacks carries in the browser: `pageIndex|A or D|sortExpression`. */
interface ClientState {
  pageIndex: number
  sortDirection: SortDirection
  sortExpression: string
}

/**
 * A data table with columns (BoundField, TemplateField, ButtonField, CommandField,
 * HyperLinkField, CheckBoxField, or auto-generated from the data), paging, sorting,
 * selection, editing and deleting, rendered as ASP.NET 4 does.
 *
 * Data comes two ways:
 * - **`dataSource` + `dataBind()`** from code (bind in `Page_Load` when `!isPostBack`, and
 *   again after changes). On a postback without binding, the rows come back from view state,
 *   so commands work. Paging is done in memory; sorting is up to the `Sorting` handler.
 * - **`SelectMethod="GetOrders"`**: a page method
 *   `GetOrders({ startRowIndex, maximumRows, sortExpression, sortDirection })` returning
 *   `{ rows, totalRowCount }` (it paged and sorted) or all rows (paged in memory), maybe async.
 *   The grid calls it whenever it needs data (in PreRender, after paging, sorting, editing),
 *   so view state keeps only the page, sort, selected and edit rows and the data keys.
 *   `UpdateMethod` / `DeleteMethod` name page methods receiving `{ keys, newValues }` / `{ keys }`.
 *
 * Commands post back as `__doPostBack('<UniqueID>', 'Sort$Name' | 'Page$3' | 'Select$0' |
 * 'Edit$0' | 'Update$0' | 'Cancel$0' | 'Delete$0')`, checked by event validation; buttons in
 * rows bubble their Command instead. With `EnableSortingAndPagingCallbacks="true"`, paging and
 * sorting run as client callbacks that re-render only the grid.
 *
 * @example
 * <asp:GridView ID="Orders" runat="server" AutoGenerateColumns="false" DataKeyNames="Id"
 *     AllowPaging="true" PageSize="50" AllowSorting="true" SelectMethod="GetOrders"
 *     OnSelectedIndexChanged="Orders_SelectedIndexChanged">
 *   <Columns>
 *     <asp:BoundField DataField="Id" HeaderText="#" SortExpression="Id" />
 *     <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" SortExpression="Total" />
 *     <asp:CommandField ShowSelectButton="true" />
 *   </Columns>
 * </asp:GridView>
 */
export class GridView extends CompositeDataBoundControl {
  declare autoGenerateColumns: boolean
  declare autoGenerateSelectButton: boolean
  declare autoGenerateEditButton: boolean
  declare autoGenerateDeleteButton: boolean
  declare selectedIndex: number
  declare editIndex: number
  declare pageSize: number
  declare allowSorting: boolean
  declare sortExpression: string
  declare sortDirection: SortDirection
  declare showHeader: boolean
  declare showFooter: boolean
  declare showHeaderWhenEmpty: boolean
  declare enableSortingAndPagingCallbacks: boolean
  /** The declared columns (`<Columns>`); columns added in code must be added on every request. */
  readonly columns: DataControlField[] = []
  readonly headerStyle = new TableItemStyle()
  readonly rowStyle = new TableItemStyle()
  readonly alternatingRowStyle = new TableItemStyle()
  readonly selectedRowStyle = new TableItemStyle()
  readonly editRowStyle = new TableItemStyle()
  readonly footerStyle = new TableItemStyle()
  readonly pagerStyle = new TableItemStyle()
  readonly emptyDataRowStyle = new TableItemStyle()
  private rowList: GridViewRow[] = []
  private headerRowValue: GridViewRow | null = null
  private footerRowValue: GridViewRow | null = null
  private fields: DataControlField[] = []
  /** The paging/sort state came from the browser (callbacks) and the rows are of another page. */
  private rowsAreStale = false

  /** The data rows of the current page. */
  get rows(): readonly GridViewRow[] {
    return this.rowList
  }

  get headerRow(): GridViewRow | null {
    return this.headerRowValue
  }

  get footerRow(): GridViewRow | null {
    return this.footerRowValue
  }

  /** The keys of the rows of the current page, by `DataKeyNames`. */
  get dataKeys(): readonly DataKey[] {
    return this.savedKeys()
  }

  /** The key of the selected row, or `null`. */
  get selectedDataKey(): DataKey | null {
    return this.dataKeys[this.selectedIndex] ?? null
  }

  /** The first key value of the selected row (ASP.NET's SelectedValue), or `undefined`. */
  get selectedValue(): unknown {
    return this.selectedDataKey?.value
  }

  /** The selected row, or `null`. */
  get selectedRow(): GridViewRow | null {
    return this.rowList[this.selectedIndex] ?? null
  }

  /** The number of pages (1 without paging once bound; 0 before). */
  get pageCount(): number {
    return this.viewState.get(stateKeys.pageCount, 0)
  }

  /** The fields shown, in order: auto-generated command field, declared columns, auto-generated columns. */
  get visibleFields(): readonly DataControlField[] {
    return this.fields
  }

  // ---- public commands (ASP.NET 4's SelectRow, SetEditRow, Sort, SetPageIndex…) -------------

  /** Selects a row as a click on its Select button would (SelectedIndexChanging/Changed). */
  async selectRow(rowIndex: number): Promise<void> {
    const e: GridViewSelectEventArgs = { newSelectedIndex: rowIndex, cancel: false }
    await this.raise('SelectedIndexChanging', e)
    if (e.cancel) return
    this.selectedIndex = e.newSelectedIndex
    await this.raise('SelectedIndexChanged', {})
  }

  /** Puts a row in edit mode as its Edit button would (RowEditing); the grid binds again. */
  async setEditRow(rowIndex: number): Promise<void> {
    await this.whileHandling(async () => {
      const e: GridViewEditEventArgs = { newEditIndex: rowIndex, cancel: false }
      await this.raise('RowEditing', e)
      if (e.cancel) return false
      this.editIndex = e.newEditIndex
      this.keepsPostedInput = false
      return true
    }, () => this.signature())
  }

  /** Leaves edit mode as the Cancel button would (RowCancelingEdit). */
  async cancelEdit(rowIndex = this.editIndex): Promise<void> {
    await this.whileHandling(async () => {
      const e: GridViewCancelEditEventArgs = { rowIndex, cancel: false }
      await this.raise('RowCancelingEdit', e)
      if (e.cancel) return false
      this.editIndex = -1
      this.keepsPostedInput = false
      return true
    }, () => this.signature())
  }

  /**
   * Sorts as a header link would: the same expression again toggles the direction. Sorting
   * (cancelable), then Sorted; the grid goes back to the first page and binds again.
   */
  async sort(sortExpression: string, sortDirection?: SortDirection): Promise<void> {
    const direction = sortDirection ?? (sortExpression === this.sortExpression && this.sortDirection === 'Ascending' ? 'Descending' : 'Ascending')
    await this.whileHandling(async () => {
      const e: GridViewSortEventArgs = { sortExpression, sortDirection: direction, cancel: false }
      await this.raise('Sorting', e)
      if (e.cancel) return false
      this.sortExpression = e.sortExpression
      this.sortDirection = e.sortDirection
      if (this.pageIndex !== 0) this.pageIndex = 0
      if (this.editIndex !== -1) this.editIndex = -1
      this.keepsPostedInput = false
      await this.raise('Sorted', {})
      return true
    }, () => this.signature())
  }

  /** Goes to a page (0-based) as a pager link would: PageIndexChanging (cancelable), then PageIndexChanged. */
  async setPageIndex(newPageIndex: number): Promise<void> {
    await this.whileHandling(async () => {
      const e: GridViewPageEventArgs = { newPageIndex, cancel: false }
      await this.raise('PageIndexChanging', e)
      if (e.cancel || e.newPageIndex < 0) return false
      this.pageIndex = e.newPageIndex
      if (this.editIndex !== -1) this.editIndex = -1
      this.keepsPostedInput = false
      await this.raise('PageIndexChanged', {})
      return true
    }, () => this.signature())
  }

  /**
   * Updates a row as its Update button would: validation (when asked), RowUpdating with the keys
   * and the entered values, the UpdateMethod, RowUpdated; then leaves edit mode and binds again.
   */
  async updateRow(rowIndex: number, causesValidation = false, validationGroup = ''): Promise<void> {
    if (causesValidation && !this.groupIsValid(validationGroup)) return
    const row = this.rowList[rowIndex]
    if (!row) return
    await this.whileHandling(async () => {
      const keys = { ...(this.dataKeys[rowIndex]?.values ?? {}) }
      const e: GridViewUpdateEventArgs = { rowIndex, keys, newValues: this.extractRowValues(row, false), cancel: false }
      await this.raise('RowUpdating', e)
      if (e.cancel) return false
      const done: GridViewUpdatedEventArgs = { keys: e.keys, newValues: e.newValues, affectedRows: -1, exception: undefined, exceptionHandled: false, keepInEditMode: false }
      if (this.updateMethod) {
        try {
          const result = await this.callPageMethod('UpdateMethod', this.updateMethod, { keys: e.keys, newValues: e.newValues, rowIndex })
          if (typeof result === 'number') done.affectedRows = result
        } catch (error) {
          done.exception = error
        }
      }
      await this.raise('RowUpdated', done)
      if (done.exception !== undefined && !done.exceptionHandled) throw done.exception
      if (!done.keepInEditMode) {
        this.editIndex = -1
        this.keepsPostedInput = false
      }
      return true
    }, () => `${this.signature()}|updated`)
  }

  /** Deletes a row as its Delete button would: RowDeleting, the DeleteMethod, RowDeleted; then binds again. */
  async deleteRow(rowIndex: number): Promise<void> {
    await this.whileHandling(async () => {
      const keys = { ...(this.dataKeys[rowIndex]?.values ?? {}) }
      const e: GridViewDeleteEventArgs = { rowIndex, keys, cancel: false }
      await this.raise('RowDeleting', e)
      if (e.cancel) return false
      const done: GridViewDeletedEventArgs = { keys: e.keys, affectedRows: -1, exception: undefined, exceptionHandled: false }
      if (this.deleteMethod) {
        try {
          const result = await this.callPageMethod('DeleteMethod', this.deleteMethod, { keys: e.keys, rowIndex })
          if (typeof result === 'number') done.affectedRows = result
        } catch (error) {
          done.exception = error
        }
      }
      await this.raise('RowDeleted', done)
      if (done.exception !== undefined && !done.exceptionHandled) throw done.exception
      return true
    }, () => `${this.signature()}|deleted`)
  }

  // ---- commands ------------------------------------------------------------------------------

  protected async handleCommand(commandName: string, commandArgument: string, source: Control, row: Control | null): Promise<void> {
    const e: GridViewCommandEventArgs = { row: row as GridViewRow | null, commandSource: source, commandName, commandArgument, handled: false }
    await this.raise('RowCommand', e)
    if (e.handled) return
    const name = commandName.toLowerCase()
    if (name === 'page') return this.handlePage(commandArgument)
    if (name === 'sort') return this.handleSort(commandArgument)
    if (!['select', 'edit', 'update', 'cancel', 'delete'].includes(name)) return
    if (this.rowsAreStale) await this.refreshStaleRows()
    const index = this.rowIndexArgument(commandArgument, this.rowList.length, commandName)
    switch (name) {
      case 'select':
        return this.selectRow(index)
      case 'edit':
        return this.setEditRow(index)
      case 'cancel':
        return this.cancelEdit(index)
      case 'delete':
        return this.deleteRow(index)
      default: {
        const validates = source !== this && (source as { causesValidation?: boolean }).causesValidation === true
        return this.updateRow(index, validates, (source as { validationGroup?: string }).validationGroup ?? '')
      }
    }
  }

  private async handlePage(argument: string): Promise<void> {
    const count = this.pageCount
    let target: number
    switch (argument.toLowerCase()) {
      case 'next':
        target = this.pageIndex + 1
        break
      case 'prev':
        target = this.pageIndex - 1
        break
      case 'first':
        target = 0
        break
      case 'last':
        target = count - 1
        break
      default: {
        const n = /^\d{1,9}$/.test(argument) ? Number(argument) : 0
        if (n < 1) throw new HttpError(400, `${this.describe()} has no page '${argument.slice(0, 20)}'.`)
        target = n - 1
      }
    }
    if (target < 0 || (count > 0 && target >= count)) return
    await this.setPageIndex(target)
  }

  private async handleSort(expression: string): Promise<void> {
    if (!this.knownSortExpressions().includes(expression)) {
      throw new HttpError(400, `${this.describe()} has no column sorted by '${expression.slice(0, 40)}'.`)
    }
    await this.sort(expression)
  }

  /** Sort expressions a posted `Sort$…` may name: those of the fields (never free text for a SelectMethod). */
  private knownSortExpressions(): string[] {
    const fields = this.fields.length ? this.fields : this.createFields(this.viewState.get<string[]>(stateKeys.autoFields, []))
    return fields.flatMap((f) => f.sortExpressions)
  }

  override async onBubbleEvent(source: Control, e: unknown): Promise<boolean> {
    if (!(source instanceof GridViewRow) || source.parent !== this || !e || typeof e !== 'object' || !('row' in e)) return false
    const command = e as GridViewCommandEventArgs
    await this.handleCommand(command.commandName, command.commandArgument, command.commandSource, source)
    return true
  }

  /** The values entered in a row's inputs (BoundField TextBoxes, `Bind("Field")` controls). */
  private extractRowValues(row: GridViewRow, includeReadOnly: boolean): Record<string, unknown> {
    const values: Record<string, unknown> = {}
    for (const cell of row.cells) cell.containingField?.extractValues(values, cell, row.rowState, includeReadOnly)
    const inputs = this.viewState.get<BoundInputs>(stateKeys.boundInputs, [])
    if (row.rowIndex === this.editIndex) Object.assign(values, readBoundInputs(row, inputs))
    return values
  }

  private signature(): string {
    return `${this.pageIndex}|${this.sortExpression}|${this.sortDirection}|${this.editIndex}`
  }

  // ---- creating rows -------------------------------------------------------------------------

  private createFields(autoNames: readonly string[]): DataControlField[] {
    const fields: DataControlField[] = []
    if (this.autoGenerateSelectButton || this.autoGenerateEditButton || this.autoGenerateDeleteButton) {
      fields.push(new CommandField({ showSelectButton: this.autoGenerateSelectButton, showEditButton: this.autoGenerateEditButton, showDeleteButton: this.autoGenerateDeleteButton }))
    }
    for (const column of this.columns) if (column.visible) fields.push(column)
    if (this.autoGenerateColumns) {
      const keys = this.dataKeyNames.map((k) => k.toLowerCase())
      for (const name of autoNames) fields.push(new BoundField({ dataField: name, headerText: name, sortExpression: name, readOnly: keys.includes(name.toLowerCase()) }))
    }
    for (const field of fields) field.owner = this
    return fields
  }

  private rowStateOf(rowIndex: number): DataControlRowState {
    return { alternate: rowIndex % 2 === 1, selected: rowIndex === this.selectedIndex, edit: rowIndex === this.editIndex, insert: false }
  }

  private buildRow(n: number, rowIndex: number, dataItemIndex: number, rowType: DataControlRowType, rowState: DataControlRowState): GridViewRow {
    const row = new GridViewRow(rowIndex, dataItemIndex, rowType, rowState)
    row.id = childId(n)
    // With a SelectMethod the grid binds on every request: rows keep no view state at all.
    if (this.usesSelectMethod) row.enableViewState = false
    if (rowType === 'EmptyDataRow') {
      const cell = new DataControlFieldCell()
      if (this.fields.length > 1) cell.columnSpan = this.fields.length
      if (this.emptyDataTemplate) this.emptyDataTemplate.instantiateIn(cell)
      else cell.text = this.emptyDataText
      row.controls.add(cell)
      return row
    }
    const cellType: DataControlCellType = rowType === 'Header' ? 'Header' : rowType === 'Footer' ? 'Footer' : 'DataCell'
    for (const field of this.fields) {
      const cell = new DataControlFieldCell(field)
      if (cellType === 'Header') {
        cell.header = true
        cell.scope = 'col'
      }
      field.initializeCell(cell, cellType, rowState, rowIndex)
      if (cellType === 'Header' && !field.showHeader) cell.html = '&nbsp;'
      cell.fieldStyle = cellType === 'Header' ? field.headerStyle : cellType === 'Footer' ? field.footerStyle : field.itemStyle
      row.controls.add(cell)
    }
    if (rowType === 'Header') row.visible = this.showHeader
    if (rowType === 'Footer') row.visible = this.showFooter
    return row
  }

  /** The rows to create for `count` data rows: header, data rows, footer; or the empty row. */
  private *rowPlan(count: number, firstIndex: number): Generator<[number, number, DataControlRowType]> {
    const hasEmpty = count === 0 && (this.emptyDataTemplate !== null || this.emptyDataText !== '')
    if (count > 0 || this.showHeaderWhenEmpty) yield [-1, -1, 'Header']
    for (let i = 0; i < count; i++) yield [i, firstIndex + i, 'DataRow']
    if (count > 0) yield [-1, -1, 'Footer']
    else if (hasEmpty) yield [-1, -1, 'EmptyDataRow']
  }

  private resetRows(): void {
    this.controls.clear()
    this.rowList = []
    this.headerRowValue = null
    this.footerRowValue = null
  }

  private remember(row: GridViewRow): void {
    if (row.rowType === 'DataRow') this.rowList.push(row)
    else if (row.rowType === 'Header') this.headerRowValue = row
    else if (row.rowType === 'Footer') this.footerRowValue = row
  }

  /**
   * Paging and sorting leave edit mode and bind again; with a SelectMethod the grid binds by
   * itself, so the old page's rows need not be rebuilt first (a canceled PageIndexChanging
   * binds the same page again).
   */
  protected override postedCommandReplacesRows(): boolean {
    if (!this.usesSelectMethod || this.editIndex !== -1) return false
    const command = this.postedCommand()?.[0]
    return command === 'Page' || command === 'Sort'
  }

  /** @internal Rebuilds the rows from view state: counts, auto-generated field names, data keys. */
  protected createChildControls(): void {
    this.resetRows()
    this.fields = this.createFields(this.viewState.get<string[]>(stateKeys.autoFields, []))
    const count = this.viewState.get(stateKeys.rowCount, 0)
    const first = this.allowPaging ? this.pageIndex * this.pageSize : 0
    let n = 1
    for (const [rowIndex, dataItemIndex, rowType] of this.rowPlan(count, first)) {
      const row = this.buildRow(n++, rowIndex, dataItemIndex, rowType, rowType === 'DataRow' ? this.rowStateOf(rowIndex) : normalRowState)
      this.remember(row)
      this.host?.track(this.raise('RowCreated', { row }))
      this.controls.add(row)
    }
  }

  protected async performDataBinding(): Promise<void> {
    const data = await this.selectRows(this.pageSize, this.sortExpression, this.sortDirection)
    this.resetRows()
    this.created = true
    this.rowsAreStale = false
    const autoNames = this.autoGenerateColumns && data.rows.length > 0 ? autoFieldNames(data.rows[0]) : []
    this.fields = this.createFields(autoNames)
    if (data.rows.length > 0 && this.fields.length === 0) {
      throw new Error(`The data source of ${this.describe()} did not have any properties from which to generate columns. Ensure that your data source has content, or declare <Columns>.`)
    }
    const keys: unknown[] = []
    let inputs: BoundInputs = []
    let n = 1
    for (const [rowIndex, dataItemIndex, rowType] of this.rowPlan(data.rows.length, data.firstIndex)) {
      const state = rowType === 'DataRow' ? this.rowStateOf(rowIndex) : normalRowState
      const row = this.buildRow(n++, rowIndex, dataItemIndex, rowType, state)
      this.remember(row)
      const item = rowType === 'DataRow' ? data.rows[rowIndex] : undefined
      if (rowType === 'DataRow') {
        row.dataItem = item
        if (this.dataKeyNames.length) keys.push(this.keyOf(item))
      }
      const e: GridViewRowEventArgs = { row }
      await this.raise('RowCreated', e)
      this.controls.add(row)
      await row.whenCaughtUp()
      if (state.edit) inputs = await bindNotingInputs(row, row)
      else await row.dataBind()
      await this.raise('RowDataBound', e)
      row.dataItem = undefined
    }
    const pageCount = this.allowPaging && this.pageSize > 0 ? Math.ceil(data.totalRowCount / this.pageSize) : data.totalRowCount > 0 || data.rows.length > 0 ? 1 : 0
    this.setState(stateKeys.rowCount, data.rows.length)
    this.setState(stateKeys.pageCount, pageCount)
    this.setState(stateKeys.dataKeys, keys.length ? keys : undefined)
    this.setState(stateKeys.autoFields, autoNames.length ? autoNames : undefined)
    this.setState(stateKeys.boundInputs, inputs.length ? inputs : undefined)
    this.boundSignature = this.signature()
  }

  /** Sets an internal view-state entry, leaving it untouched (not dirty) when unchanged. */
  private setState(key: string, value: unknown): void {
    const current = this.viewState.get<unknown>(key, undefined)
    if (JSON.stringify(current) === JSON.stringify(value)) return
    this.viewState.set(key, value)
  }

  protected get inputContainer(): Control | null {
    return this.rowList[this.editIndex] ?? null
  }

  protected get inputRecord(): string {
    return JSON.stringify(this.dataKeys[this.editIndex]?.values ?? null)
  }

  /** The rows shown are of another page or sort than the browser's (after callbacks): bind first. */
  private async refreshStaleRows(): Promise<void> {
    this.rowsAreStale = false
    if (this.usesSelectMethod || (this.dataSource !== null && this.dataSource !== undefined)) await this.dataBind()
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  override async onLoad(): Promise<void> {
    if (this.enableSortingAndPagingCallbacks) this.loadClientState()
    await super.onLoad()
  }

  override async onPreRender(): Promise<void> {
    await super.onPreRender()
    if (this.enableSortingAndPagingCallbacks && this.host) {
      this.host.clientScript.registerClientScriptResource(gridScript)
      this.host.clientScript.registerHiddenField(this.stateFieldName, this.clientState)
    }
  }

  // ---- callbacks -----------------------------------------------------------------------------

  private get stateFieldName(): string {
    return `${this.uniqueID}$state`
  }

  /** The paging and sort state as the browser keeps it: `pageIndex|A or D|sortExpression (URI-encoded)`. */
  private get clientState(): string {
    return `${this.pageIndex}|${this.sortDirection === 'Descending' ? 'D' : 'A'}|${encodeURIComponent(this.sortExpression)}`
  }

  private parseClientState(parts: string[], field: string): ClientState {
    const [page, direction, expression] = parts
    let sortExpression: string | null = null
    try {
      sortExpression = decodeURIComponent(expression ?? '')
    } catch {
      sortExpression = null
    }
    if (!/^\d{1,9}$/.test(page ?? '') || (direction !== 'A' && direction !== 'D') || sortExpression === null || (sortExpression !== '' && !this.knownSortExpressions().includes(sortExpression))) {
      throw new HttpError(400, `The ${field} of ${this.describe()} is malformed.`)
    }
    return { pageIndex: Number(page), sortDirection: direction === 'D' ? 'Descending' : 'Ascending', sortExpression }
  }

  private applyClientState(state: ClientState): boolean {
    if (state.pageIndex === this.pageIndex && state.sortExpression === this.sortExpression && state.sortDirection === this.sortDirection) return false
    if (this.pageIndex !== state.pageIndex) this.pageIndex = state.pageIndex
    if (this.sortExpression !== state.sortExpression) this.sortExpression = state.sortExpression
    if (this.sortDirection !== state.sortDirection) this.sortDirection = state.sortDirection
    return true
  }

  /** A full postback after callbacks: the hidden field holds the page and sort the browser shows. */
  private loadClientState(): void {
    const posted = this.host?.postData?.get(this.stateFieldName)
    if (posted === undefined || !this.host?.isPostBack) return
    const state = this.parseClientState(posted.split('|'), `hidden field '${this.stateFieldName}'`)
    if (this.applyClientState(state)) {
      this.rowsAreStale = true
      this.requiresDataBinding = true
      this.keepsPostedInput = false
    }
  }

  /**
   * Runs a paging or sorting callback. The argument is the browser's state and the command,
   * `pageIndex|A or D|sortExpression|Page$3` (or `…|Sort$Name`), as the grid's links build it;
   * anything else is refused (400). The events are those of a postback (PageIndexChanging,
   * Sorting…); the grid then binds for the new state.
   */
  async raiseCallbackEvent(eventArgument: string): Promise<void> {
    const parts = eventArgument.split('|')
    if (parts.length < 4) throw new HttpError(400, `The callback argument of ${this.describe()} is malformed.`)
    const state = this.parseClientState(parts.slice(0, 3), 'callback argument')
    const action = parts.slice(3).join('|')
    this.applyClientState(state)
    const at = action.indexOf('$')
    const command = at < 0 ? '' : action.slice(0, at)
    if (command !== 'Page' && command !== 'Sort') throw new HttpError(400, `The callback argument of ${this.describe()} names no paging or sorting command.`)
    await this.handleCommand(command, action.slice(at + 1), this, null)
    if (!this.usesSelectMethod && (this.dataSource === null || this.dataSource === undefined)) {
      throw new Error(`${this.describe()} pages and sorts with callbacks: give it a SelectMethod, or set its dataSource on every request (callbacks included).`)
    }
    await this.dataBind()
  }

  /** The callback's answer: the new browser state, `|`, then the grid's new HTML. */
  getCallbackResult(): string {
    const writer = new HtmlWriter()
    this.renderTable(writer)
    return `${this.clientState}|${writer.toString()}`
  }

  override commandLinkAttributes(commandName: string, commandArgument: string): AttributeMap {
    if (!this.enableSortingAndPagingCallbacks || (commandName !== 'Page' && commandName !== 'Sort')) return super.commandLinkAttributes(commandName, commandArgument)
    const id = jsStringEncode(this.uniqueID)
    const argument = `DeltaformGridView_Arg('${id}','${jsStringEncode(`${commandName}$${commandArgument}`)}')`
    const context = `['${id}','${jsStringEncode(this.clientID + '__div')}']`
    const call = this.host!.clientScript.getCallbackEventReference(this, argument, 'DeltaformGridView_Receive', context, null, false)
    return { href: '#', onclick: `${call};return false;` }
  }

  // ---- rendering -----------------------------------------------------------------------------

  override render(writer: HtmlWriter): void {
    if (this.enableSortingAndPagingCallbacks) writer.beginTag('div', { id: `${this.clientID}__div` })
    else writer.write('<div>')
    this.renderTable(writer)
    writer.write('</div>')
  }

  /** The `<table>` alone (what a callback sends back). Nothing without rows or empty-data content. */
  private renderTable(writer: HtmlWriter): void {
    if (this.controls.length === 0) return
    writer.beginTag('table', this.tableAttributes())
    if (this.caption) {
      writer.write('<caption>')
      writer.text(this.caption)
      writer.write('</caption>')
    }
    const settings = this.pagerSettings
    const pager = this.allowPaging && settings.visible && this.pageCount > 1 && this.rowList.length > 0
    if (pager && settings.position !== 'Bottom') this.renderPager(writer)
    for (const control of this.controls) {
      if (!(control instanceof GridViewRow) || !control.visible) continue
      control.renderRow(writer, this.rowAttributes(control))
    }
    if (pager && settings.position !== 'Top') this.renderPager(writer)
    writer.endTag('table')
  }

  private renderPager(writer: HtmlWriter): void {
    const attrs: AttributeMap = {}
    const style = this.pagerStyle
    if (!style.cssClass) attrs.class = 'pager'
    style.addTo(attrs)
    const span = Math.max(1, this.fields.length)
    renderPagerRow(writer, attrs, span, pagerEntries(this.pagerSettings, this.pageIndex, this.pageCount), (argument) => this.commandLinkAttributes('Page', argument))
  }

  private rowAttributes(row: GridViewRow): AttributeMap {
    const attrs: AttributeMap = {}
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
      default: {
        const alternate = row.rowIndex % 2 === 1
        style = TableItemStyle.resolve([
          row.rowIndex === this.selectedIndex ? this.selectedRowStyle : null,
          row.rowIndex === this.editIndex ? this.editRowStyle : null,
          alternate ? this.alternatingRowStyle : null,
          this.rowStyle,
        ])
      }
    }
    style.addTo(attrs)
    return attrs
  }
}

defineStateProperties(GridView, {
  autoGenerateColumns: true,
  autoGenerateSelectButton: false,
  autoGenerateEditButton: false,
  autoGenerateDeleteButton: false,
  selectedIndex: -1,
  editIndex: -1,
  pageSize: 10,
  allowSorting: false,
  sortExpression: '',
  sortDirection: { enum: ['Ascending', 'Descending'], default: 'Ascending' },
  showHeader: true,
  showFooter: false,
  showHeaderWhenEmpty: false,
  enableSortingAndPagingCallbacks: false,
})
declareMarkupProperties(GridView, [{ name: 'columns', kind: 'collection' }])
declareSubObjects(GridView, {
  headerStyle: TableItemStyle,
  rowStyle: TableItemStyle,
  alternatingRowStyle: TableItemStyle,
  selectedRowStyle: TableItemStyle,
  editRowStyle: TableItemStyle,
  footerStyle: TableItemStyle,
  pagerStyle: TableItemStyle,
  emptyDataRowStyle: TableItemStyle,
})
