import { LiteralControl } from '../literal-control.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import { WebControl } from '../web-control.ts'
import type { PostBackDataHandler, PostData } from '../host.ts'
import { ListItem, ListItemCollection } from './list-item.ts'
import { formatValue } from '../../template/format.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

/** A selection set in code before the items exist, applied once they do. */
type PendingSelection = { index: number } | { value: string; fromPost?: true }

/** Own view state of a list: the bag alone, or `[bag, items?, selection?]`. */
type SavedList = [Record<string, unknown> | null, unknown[] | null, number | number[] | null]

/**
 * The base of DropDownList, ListBox, CheckBoxList and RadioButtonList: an item collection,
 * selection, data binding and the `SelectedIndexChanged` event.
 *
 * View state: items from markup cost nothing; items added or changed after Init (for example
 * in `Page_Load` when `!isPostBack`, or by data binding) are saved compactly. The selection
 * comes back with the post; it is kept in view state only when something needs the old value
 * (a `SelectedIndexChanged`/`TextChanged` handler, saved items, a disabled or hidden list).
 *
 * @example
 * <asp:DropDownList ID="Size" runat="server" AutoPostBack="true" OnSelectedIndexChanged="Size_Changed">
 *   <asp:ListItem Value="S">Small</asp:ListItem>
 *   <asp:ListItem Value="L" Selected="true">Large</asp:ListItem>
 * </asp:DropDownList>
 * Size_Changed() { this.Price.text = prices[this.Size.selectedValue] }
 */
export abstract class ListControl extends WebControl implements PostBackDataHandler {
  /** The items, in order. */
  readonly items = new ListItemCollection()
  declare autoPostBack: boolean
  declare causesValidation: boolean
  declare validationGroup: string
  declare appendDataBoundItems: boolean
  declare dataTextField: string
  declare dataValueField: string
  declare dataTextFormatString: string
  /** Rows to bind on `dataBind()`: objects (read with DataTextField/DataValueField) or primitives. */
  dataSource: Iterable<unknown> | null = null
  private pending: PendingSelection | null = null
  private binding = false
  private trackedSelection: number[] | null = null
  private selectionLoaded = false

  /** The index of the first selected item, or -1. */
  get selectedIndex(): number {
    let i = 0
    for (const item of this.items) {
      if (item.selected) return i
      i++
    }
    return -1
  }

  /**
   * Selects one item (clearing the others); -1 clears. Set before the items exist (in markup,
   * or before data binding), the index is remembered and applied when they do.
   */
  set selectedIndex(index: number) {
    if (!Number.isInteger(index) || index < -1) throw new RangeError(`${this.describe()} cannot have SelectedIndex ${index}.`)
    if (index === -1 || index < this.items.length) {
      this.pending = null
      this.select(index === -1 ? [] : [index])
      return
    }
    if (this.canDefer) {
      this.pending = { index }
      return
    }
    throw new RangeError(`${this.describe()} has a SelectedIndex which is invalid because it does not exist in the list of items.`)
  }

  /** The first selected item, or `null`. */
  get selectedItem(): ListItem | null {
    const index = this.selectedIndex
    return index < 0 ? null : (this.items.at(index) ?? null)
  }

  /** The value of the selected item, or `''`. */
  get selectedValue(): string {
    return this.selectedItem?.value ?? ''
  }

  /**
   * Selects the first item with this value; `null` clears the selection. A value not in the
   * items throws, unless the items do not exist yet (markup, before data binding): then it is
   * applied after data binding, which throws if it is still missing.
   */
  set selectedValue(value: string | null) {
    if (value === null) {
      this.pending = null
      this.select([])
      return
    }
    const index = this.items.indexOfValue(value)
    if (index >= 0) {
      this.pending = null
      this.select([index])
      return
    }
    if (this.canDefer) {
      this.pending = { value }
      return
    }
    throw new RangeError(this.invalidValueMessage(value))
  }

  /** Same as `selectedValue` (ASP.NET's ListControl.Text). */
  get text(): string {
    return this.selectedValue
  }

  set text(value: string) {
    this.selectedValue = value
  }

  /**
   * The indices of every selected item.
   *
   * @example
   * const chosen = this.Toppings.getSelectedIndices().map((i) => this.Toppings.items.at(i)!.value)
   */
  getSelectedIndices(): number[] {
    const indices: number[] = []
    let i = 0
    for (const item of this.items) {
      if (item.selected) indices.push(i)
      i++
    }
    return indices
  }

  /** Unselects every item. @example this.Colors.clearSelection() */
  clearSelection(): void {
    for (const item of this.items) item.selected = false
  }

  /** Selects exactly the items at `indices`. */
  protected select(indices: readonly number[]): void {
    let i = 0
    for (const item of this.items) item.selected = indices.includes(i++)
  }

  private get canDefer(): boolean {
    return this.items.length === 0 || this.binding || !this.viewState.isTrackingViewState
  }

  private describe(): string {
    return `'${this.id ?? this.uniqueID}'`
  }

  private invalidValueMessage(value: string): string {
    const shown = value.length > 60 ? value.slice(0, 57) + '...' : value
    return `${this.describe()} has a SelectedValue ('${shown}') which is invalid because it does not exist in the list of items.`
  }

  /** Applies a remembered selection; `strict` throws when it matches no item. */
  private applyPending(strict: boolean): void {
    const pending = this.pending
    if (!pending) return
    const index = 'index' in pending ? (pending.index < this.items.length ? pending.index : -1) : this.items.indexOfValue(pending.value)
    if (index >= 0) {
      this.pending = null
      this.select([index])
    } else if (strict) {
      this.pending = null
      // A posted value the new data no longer holds is dropped, as ASP.NET drops it.
      if ('fromPost' in pending) return
      if ('index' in pending) throw new RangeError(`${this.describe()} has a SelectedIndex which is invalid because it does not exist in the list of items.`)
      throw new RangeError(this.invalidValueMessage(pending.value))
    }
  }

  // ---- markup ---------------------------------------------------------------------------

  /**
   * Takes the `<asp:ListItem>` children of the tag (called by the template compiler).
   *
   * @example
   * list.addParsedSubObject(new ListItem('Red'))
   */
  addParsedSubObject(obj: unknown): void {
    if (obj instanceof ListItem) {
      this.items.add(obj)
      return
    }
    if (typeof obj === 'string' && !obj.trim()) return
    if (obj instanceof LiteralControl && !obj.text.trim()) return
    const what = typeof obj === 'string' ? `the text '${obj.trim().slice(0, 40)}'` : `a ${(obj as object)?.constructor?.name ?? typeof obj}`
    throw new Error(`${this.describe()} (${this.constructor.name}) can only contain <asp:ListItem> elements, not ${what}.`)
  }

  // ---- lifecycle ------------------------------------------------------------------------

  override onInit(): Promise<void> | void {
    this.applyPending(false)
    return super.onInit()
  }

  override trackViewState(): void {
    super.trackViewState()
    this.items.trackViewState()
    this.trackedSelection = this.getSelectedIndices()
  }

  override onPreRender(): Promise<void> | void {
    this.applyPending(false)
    return super.onPreRender()
  }

  // ---- data binding ---------------------------------------------------------------------

  protected override async onDataBinding(): Promise<void> {
    this.binding = true
    try {
      await super.onDataBinding()
      if (this.dataSource != null) this.performDataBinding(this.dataSource)
    } finally {
      this.binding = false
    }
    this.applyPending(true)
  }

  /** Replaces (or, with AppendDataBoundItems, extends) the items with one per data row. */
  protected performDataBinding(data: unknown): void {
    if (typeof data === 'string' || typeof (data as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`The DataSource of ${this.describe()} must be an array or another iterable of rows.`)
    }
    if (!this.appendDataBoundItems) this.items.clear()
    const textField = this.dataTextField
    const valueField = this.dataValueField
    const format = this.dataTextFormatString
    for (const row of data as Iterable<unknown>) {
      const item = new ListItem()
      if (textField || valueField) {
        if (textField) item.text = formatValue(this.readField(row, textField, 'DataTextField'), format || '{0}')
        if (valueField) item.value = formatValue(this.readField(row, valueField, 'DataValueField'), '{0}')
      } else {
        item.text = formatValue(row, format || '{0}')
        item.value = formatValue(row, '{0}')
      }
      this.items.add(item)
    }
  }

  private readField(row: unknown, field: string, property: string): unknown {
    if (row instanceof Map) {
      if (row.has(field)) return row.get(field)
    } else if (row !== null && typeof row === 'object') {
      if (field in row) return (row as Record<string, unknown>)[field]
      const lower = field.toLowerCase()
      for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return (row as Record<string, unknown>)[key]
    }
    throw new Error(`DataBinding: a data item bound to ${this.describe()} has no field named '${field}' (the ${property}).`)
  }

  // ---- view state -----------------------------------------------------------------------

  override saveViewState(): unknown {
    const bag = (super.saveViewState() as Record<string, unknown> | undefined) ?? null
    const items = this.items.isDirty ? this.items.saveState() : null
    let selection: number | number[] | null = null
    if (this.selectionNeedsState(items !== null)) {
      const indices = this.getSelectedIndices()
      if (this.selectionLoaded || !sameIndices(indices, this.trackedSelection)) {
        selection = indices.length === 1 ? indices[0]! : indices.length === 0 ? -1 : indices
      }
    }
    if (items === null && selection === null) return bag ?? undefined
    const saved: SavedList = [bag, items, selection]
    return saved
  }

  /** Whether the old selection must survive the round trip (the post cannot restore it). */
  protected selectionNeedsState(itemsSaved: boolean): boolean {
    return itemsSaved || this.hasHandlers('SelectedIndexChanged') || this.hasHandlers('TextChanged') || !this.isEnabled || !this.visible
  }

  override loadViewState(saved: unknown): void {
    if (!Array.isArray(saved)) {
      super.loadViewState(saved)
      return
    }
    const [bag, items, selection] = saved as SavedList
    if (bag) super.loadViewState(bag)
    if (items) this.items.loadState(items)
    if (selection !== null && selection !== undefined) {
      this.select(typeof selection === 'number' ? (selection < 0 ? [] : [selection]) : selection)
      this.selectionLoaded = true
    }
    this.applyPending(false)
  }

  // ---- postback -------------------------------------------------------------------------

  abstract loadPostData(postDataKey: string, postData: PostData): boolean

  /** Raises `SelectedIndexChanged` (and `TextChanged`), validating first for AutoPostBack with CausesValidation. */
  async raisePostDataChangedEvent(): Promise<void> {
    if (this.autoPostBack && this.causesValidation) await this.host?.validate(this.validationGroup)
    await this.raise('SelectedIndexChanged', {})
    await this.raise('TextChanged', {})
  }

  /**
   * The target of the list's own AutoPostBack script. Nothing more to run here: the change
   * already raised `SelectedIndexChanged`; this only refuses targets that were never rendered.
   */
  raisePostBackEvent(eventArgument: string): void {
    this.host?.clientScript.validateEvent(this.uniqueID, eventArgument)
  }

  /** The AutoPostBack script (`onchange`/`onclick`), or `undefined` without AutoPostBack. */
  protected autoPostBackScript(): string | undefined {
    if (!this.autoPostBack || !this.host) return undefined
    return this.host.clientScript.getPostBackEventReference(this, {
      autoPostBack: true,
      validationGroup: this.causesValidation ? this.validationGroup : undefined,
    })
  }

  /** Records a rendered value for event validation. */
  protected registerValue(value: string): void {
    this.host?.clientScript.registerForEventValidation(this.uniqueID, value)
  }

  /** Writes one `<option>` (select lists), registering an enabled item's value for event validation. */
  protected renderOption(writer: HtmlWriter, item: ListItem, selected: boolean): void {
    const attrs: AttributeMap = { selected, value: item.value }
    if (item.enabled) this.registerValue(item.value)
    else attrs.disabled = true
    if (item.hasAttributes) for (const [k, v] of item.attributes) attrs[k] = v
    writer.beginTag('option', attrs)
    writer.text(item.text)
    writer.endTag('option')
  }

  /** Refuses a posted value the list never rendered (HTTP 400). */
  protected validateValue(value: string): void {
    this.host?.clientScript.validateEvent(this.uniqueID, value)
  }

  /**
   * Applies a posted selection. When the post arrives before the items exist (bound again in
   * `Page_Load` with view state off), the value is kept and applied after data binding.
   */
  protected setPostedValue(value: string): boolean {
    const index = this.items.indexOfValue(value)
    if (index < 0 && this.items.length === 0) {
      this.pending = { value, fromPost: true }
      return false
    }
    if (index === this.selectedIndex) return false
    this.pending = null
    this.select(index < 0 ? [] : [index])
    return true
  }
}

function sameIndices(a: readonly number[], b: readonly number[] | null): boolean {
  if (!b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

defineStateProperties(ListControl, {
  autoPostBack: false,
  causesValidation: false,
  validationGroup: '',
  appendDataBoundItems: false,
  dataTextField: '',
  dataValueField: '',
  dataTextFormatString: '',
})
declareMarkupProperties(ListControl, [
  { name: 'selectedIndex', kind: 'number' },
  { name: 'selectedValue', kind: 'string' },
  { name: 'dataSource', kind: 'string' },
])
