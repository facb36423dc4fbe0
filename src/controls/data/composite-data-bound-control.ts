import type { Control, SavedState } from '../control.ts'
import { isPostBackDataHandler, type PostBackEventHandler } from '../host.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import { WebControl } from '../web-control.ts'
import { HttpError } from '../../errors.ts'
import type { AttributeMap } from '../../render/html-writer.ts'
import { DataKey, type DataFieldOwner } from './data-control-field.ts'
import { readField, refuseContent, toRows, type DataTemplate } from './data-utils.ts'
import { PagerSettings } from './pager.ts'
import { declareSubObjects } from './table-item-style.ts'

/**
 * The direction of a sort, in ASP.NET's spelling.
 *
 * @example
 * if (this.Orders.sortDirection === 'Descending') rows.reverse()
 */
export type SortDirection = 'Ascending' | 'Descending'

/**
 * What a `SelectMethod` receives: the window of rows to return and the sort to apply.
 * `maximumRows` is `Infinity` when paging is off.
 *
 * @example
 * GetOrders({ startRowIndex, maximumRows, sortExpression, sortDirection }: SelectArguments) {
 *   const rows = sortRows(orders, sortExpression, sortDirection)
 *   return { rows: rows.slice(startRowIndex, startRowIndex + maximumRows), totalRowCount: rows.length }
 * }
 */
export interface SelectArguments {
  startRowIndex: number
  maximumRows: number
  sortExpression: string
  sortDirection: SortDirection
}

/**
 * What a `SelectMethod` returns (or resolves to): one page of rows with the total count (the
 * method paged and sorted), or all rows (the control pages them in memory).
 *
 * @example
 * GetOrders(): SelectResult { return db.orders() }
 */
export type SelectResult = Iterable<unknown> | { rows: Iterable<unknown>; totalRowCount: number } | null | undefined

/**
 * Rows ready to show: the current page, where it starts, and how many rows there are in all.
 *
 * @example
 * const { rows, totalRowCount } = await this.selectRows(50, 'Total', 'Descending')
 */
export interface SelectedRows {
  rows: unknown[]
  firstIndex: number
  totalRowCount: number
}

/**
 * View-state keys of what a data control keeps to rebuild its rows without data.
 *
 * @example
 * this.viewState.get(stateKeys.rowCount, 0) // rows shown on the last render
 */
export const stateKeys = {
  rowCount: '_rc',
  dataKeys: '_dk',
  autoFields: '_af',
  pageCount: '_pc',
  boundInputs: '_bi',
} as const

/**
 * The shared base of GridView and DetailsView (ASP.NET's CompositeDataBoundControl): a data
 * source or a `SelectMethod` of the page, data keys, rows rebuilt from view state on postbacks,
 * postback commands (`Page$2`, `Edit$0`…) checked by event validation, and binding again in
 * PreRender when a command changed what is shown.
 *
 * @example
 * class Cards extends CompositeDataBoundControl {
 *   get allowSorting() { return false }
 *   protected createChildControls() { this.addCards(this.viewState.get('Count', 0)) }
 *   protected async performDataBinding() { const { rows } = await this.selectRows(10, '', 'Ascending'); await this.bindCards(rows) }
 *   protected async handleCommand(name: string, arg: string) { if (name === 'Page') this.pageIndex = Number(arg) - 1 }
 *   protected get inputContainer() { return null }
 *   protected get inputRecord() { return '' }
 * }
 */
export abstract class CompositeDataBoundControl extends WebControl implements DataFieldOwner, PostBackEventHandler {
  declare dataKeyNames: string[]
  declare selectMethod: string
  declare updateMethod: string
  declare deleteMethod: string
  declare insertMethod: string
  declare allowPaging: boolean
  declare pageIndex: number
  declare emptyDataText: string
  declare caption: string
  declare gridLines: 'Both' | 'Horizontal' | 'Vertical' | 'None'
  declare cellPadding: number
  declare cellSpacing: number
  /** The rows `dataBind()` shows: an array or another iterable. Not used with SelectMethod. */
  dataSource: unknown = null
  /** Shown (in one row) when there is no data. */
  emptyDataTemplate: DataTemplate | null = null
  readonly pagerSettings = new PagerSettings()
  /** @internal Whether the rows exist in this request (bound, or rebuilt from view state). */
  protected created = false
  /** @internal Bound in this request. */
  protected bound = false
  /** @internal A command changed what is shown: bind again before rendering. */
  protected requiresDataBinding = false
  private bindCount = 0
  private keyCache: { saved: unknown; keys: DataKey[] } | null = null

  abstract get allowSorting(): boolean

  override get isNamingContainer(): boolean {
    return true
  }

  /** @internal Markup inside the tag holds only templates, fields and styles. */
  addParsedSubObject(obj: unknown): void {
    refuseContent(obj, this.describe())
  }

  /** How errors name the control: `GridView 'Orders'`. */
  describe(): string {
    return `${this.constructor.name} '${this.id ?? this.uniqueID}'`
  }

  /** Whether the page gives the data (`SelectMethod`): then view state keeps no row content. */
  get usesSelectMethod(): boolean {
    return !!this.selectMethod
  }

  /**
   * Binds the control: reads the data (the SelectMethod of the page, or `dataSource`) and
   * creates the rows, replacing earlier ones.
   */
  override async dataBind(): Promise<void> {
    await this.onDataBinding()
    this.bindCount++
    this.bound = true
    this.requiresDataBinding = false
    await this.performDataBinding()
    await this.raise('DataBound', {})
  }

  /** Reads the data and creates the rows (GridView, DetailsView). */
  protected abstract performDataBinding(): Promise<void>

  /** Rebuilds the rows from view state (no data), synchronously, during LoadViewState. */
  protected abstract createChildControls(): void

  /** Runs a command (`Page`, `Sort`, `Select`, `Edit`, …) posted back or bubbled up. */
  protected abstract handleCommand(commandName: string, commandArgument: string, source: Control, row: Control | null): Promise<void>

  // ---- postback --------------------------------------------------------------------------

  /**
   * The attributes of a command link: `href="javascript:__doPostBack('Orders','Select$0')"`.
   * The reference registers the argument for event validation.
   */
  commandLinkAttributes(commandName: string, commandArgument: string): AttributeMap {
    return { href: 'javascript:' + this.host!.clientScript.getPostBackEventReference(this, `${commandName}$${commandArgument}`) }
  }

  /**
   * Handles `__doPostBack('<UniqueID>', '<Command>$<argument>')`: event validation first
   * (an argument the page never rendered is refused with 400), then the command.
   */
  async raisePostBackEvent(eventArgument: string): Promise<void> {
    this.host!.clientScript.validateEvent(this.uniqueID, eventArgument)
    const at = eventArgument.indexOf('$')
    if (at < 0) return
    await this.handleCommand(eventArgument.slice(0, at), eventArgument.slice(at + 1), this, null)
  }

  /** Parses a row (or record) index argument, refusing one outside `0…count-1` with 400. */
  protected rowIndexArgument(argument: string, count: number, command: string): number {
    const index = /^\d{1,9}$/.test(argument) ? Number(argument) : -1
    if (index < 0 || index >= count) {
      throw new HttpError(400, `${this.describe()} has no row '${argument.slice(0, 20)}' for the command ${command}.`)
    }
    return index
  }

  /** Whether the validators of a group passed (true when the page has none). */
  protected groupIsValid(validationGroup: string): boolean {
    return (this.host?.validators ?? []).every((v) => (v.validationGroup ?? '') !== validationGroup || v.isValid)
  }

  // ---- data ---------------------------------------------------------------------------------

  /** @internal Calls a method of the page named by a property (`SelectMethod="GetOrders"`). */
  protected async callPageMethod(property: string, name: string, argument: unknown): Promise<unknown> {
    const page = this.host as unknown as Record<string, unknown> | null
    const method = page?.[name]
    if (typeof method !== 'function') {
      throw new Error(`${this.describe()}: ${property}="${name}" names no method of the page class. Add ${name}(…) to the code-behind.`)
    }
    return await (method as (arg: unknown) => unknown).call(page, argument)
  }

  override onInit(): Promise<void> | void {
    // Name a missing page method at once, not only when data is first needed.
    const page = this.host as unknown as Record<string, unknown> | null
    for (const [property, name] of [['SelectMethod', this.selectMethod], ['UpdateMethod', this.updateMethod], ['DeleteMethod', this.deleteMethod], ['InsertMethod', this.insertMethod]] as const) {
      if (name && page && typeof page[name] !== 'function') {
        throw new Error(`${this.describe()}: ${property}="${name}" names no method of the page class. Add ${name}(…) to the code-behind.`)
      }
    }
    return super.onInit()
  }

  /**
   * Reads rows: from the SelectMethod (which may page and sort itself by returning
   * `{ rows, totalRowCount }`) or from `dataSource`, paged in memory. Moves `pageIndex` back to
   * the last page when the data shrank.
   */
  protected async selectRows(pageSize: number, sortExpression: string, sortDirection: SortDirection): Promise<SelectedRows> {
    const paging = this.allowPaging && pageSize > 0
    for (let attempt = 0; ; attempt++) {
      const start = paging ? this.pageIndex * pageSize : 0
      let all: unknown[]
      if (this.selectMethod) {
        const args: SelectArguments = { startRowIndex: start, maximumRows: paging ? pageSize : Infinity, sortExpression, sortDirection }
        const result = (await this.callPageMethod('SelectMethod', this.selectMethod, args)) as SelectResult
        if (result && typeof result === 'object' && 'rows' in result && typeof (result as { totalRowCount?: unknown }).totalRowCount === 'number') {
          const total = (result as { totalRowCount: number }).totalRowCount
          const rows = toRows(result.rows, this.describe())
          const pages = paging ? Math.ceil(total / pageSize) : 1
          if (paging && pages > 0 && this.pageIndex >= pages && attempt === 0) {
            this.pageIndex = pages - 1
            continue
          }
          return { rows: paging ? rows.slice(0, pageSize) : rows, firstIndex: start, totalRowCount: total }
        }
        all = this.singleOrRows(result)
      } else all = toRows(this.dataSource, this.describe())
      const pages = paging ? Math.ceil(all.length / pageSize) : 1
      if (paging && pages > 0 && this.pageIndex >= pages) this.pageIndex = pages - 1
      const first = paging ? this.pageIndex * pageSize : 0
      return { rows: paging ? all.slice(first, first + pageSize) : all, firstIndex: first, totalRowCount: all.length }
    }
  }

  /** How a SelectMethod result that is not `{ rows, totalRowCount }` becomes rows. */
  protected singleOrRows(result: unknown): unknown[] {
    return toRows(result, this.describe())
  }

  // ---- data keys --------------------------------------------------------------------------

  /** The key values of a data item, by `DataKeyNames`, in view-state form. */
  protected keyOf(item: unknown): unknown {
    const names = this.dataKeyNames
    const values = names.map((name) => readField(item, name, this.describe()))
    return names.length === 1 ? values[0] : values
  }

  /** The data keys of the rows, from view state. */
  protected savedKeys(): DataKey[] {
    const saved = this.viewState.get<unknown[]>(stateKeys.dataKeys, [])
    if (this.keyCache?.saved === saved) return this.keyCache.keys
    const names = this.dataKeyNames
    const keys = saved.map((value) => {
      const values: Record<string, unknown> = {}
      const list = names.length === 1 ? [value] : Array.isArray(value) ? value : [value]
      names.forEach((name, i) => (values[name] = list[i]))
      return new DataKey(values)
    })
    this.keyCache = { saved, keys }
    return keys
  }

  // ---- state and lifecycle ----------------------------------------------------------------

  /** @internal Rebuilds the rows from view state before their own state is applied. */
  override loadViewStateRecursive(saved: SavedState): void {
    if (!Array.isArray(saved)) return
    const [own, children] = saved
    super.loadViewStateRecursive([own])
    // The rows (and their state) are rebuilt only when this request may need them.
    if (this.postedCommandReplacesRows()) return
    if (children) super.loadViewStateRecursive([null, children])
    if (!this.created && this.enableViewState && this.viewState.has(stateKeys.rowCount)) {
      this.created = true
      this.createChildControls()
    }
  }

  /**
   * Whether the posted event is a command of this control that shows other rows (a pager or a
   * sort link) and the control will bind again by itself: then the rows of the last render are
   * not rebuilt from view state — nothing of them can be read or raise an event in this request.
   * The default is false (rows are always rebuilt, as in ASP.NET).
   */
  protected postedCommandReplacesRows(): boolean {
    return false
  }

  /** The command posted to this control (`Page$2` → `['Page', '2']`), if `__EVENTTARGET` names it. */
  protected postedCommand(): [string, string] | null {
    const post = this.host?.postData
    if (!post || post.get('__EVENTTARGET') !== this.uniqueID) return null
    const argument = post.get('__EVENTARGUMENT') ?? ''
    const at = argument.indexOf('$')
    return at < 0 ? null : [argument.slice(0, at), argument.slice(at + 1)]
  }

  /**
   * @internal Notes that a command changed what is shown (page, sort, edit row, data): the
   * control binds again in PreRender unless a handler already bound it in the new state.
   */
  protected async whileHandling(run: () => Promise<boolean>, signature: () => string): Promise<void> {
    const before = this.bindCount
    const changed = await run()
    if (!changed) return
    if (this.bindCount !== before && this.boundSignature === signature()) return
    this.requiresDataBinding = true
  }

  /** @internal The state the rows were last bound in (page, sort, edit row). */
  protected boundSignature = ''

  /**
   * @internal Binds in PreRender when needed: always with a SelectMethod (no rows are kept in
   * view state), or after a command changed the page, sort or edit row.
   */
  protected async ensureDataBound(): Promise<void> {
    if (this.usesSelectMethod) {
      if (!this.bound || this.requiresDataBinding) await this.bindKeepingInput()
      return
    }
    if (!this.requiresDataBinding) return
    if (this.dataSource === null || this.dataSource === undefined) {
      throw new Error(
        `${this.describe()} must be bound again after a command changed what it shows: set dataSource and call dataBind() in the event handler (or on every request), or give it a SelectMethod.`,
      )
    }
    await this.bindKeepingInput()
  }

  /** The container whose inputs keep what the user typed when the control binds again. */
  protected abstract get inputContainer(): Control | null

  /** The record shown in the input container (its data key), to tell whether it is still the same. */
  protected abstract get inputRecord(): string

  /**
   * Binds again, then gives the edit row's inputs back what was posted if it is the same row of
   * the same record (a postback of another control while editing must not lose typed text).
   */
  private async bindKeepingInput(): Promise<void> {
    const before = this.inputContainer
    const beforeId = before?.uniqueID
    const beforeRecord = this.inputRecord
    await this.dataBind()
    const host = this.host
    const after = this.inputContainer
    const post = host?.postData
    if (!host?.isPostBack || !post || !before || !after || after.uniqueID !== beforeId || this.inputRecord !== beforeRecord || !this.keepsPostedInput) return
    const visit = (c: Control) => {
      for (const child of c.controls) {
        if (isPostBackDataHandler(child) && post.has(child.uniqueID)) child.loadPostData(child.uniqueID, post)
        visit(child)
      }
    }
    visit(after)
  }

  /** @internal False once a command replaced the edit row (Edit, Cancel, Update, paging…). */
  protected keepsPostedInput = true

  override async onPreRender(): Promise<void> {
    await this.ensureDataBound()
    await super.onPreRender()
  }

  /** The `<table>` attributes in ASP.NET's order: class, cellspacing, cellpadding, rules, border, id, style. */
  protected tableAttributes(): AttributeMap {
    const base = this.attributesToRender()
    const attrs: AttributeMap = {}
    if (base.class) attrs.class = base.class
    attrs.cellspacing = this.cellSpacing
    if (this.cellPadding >= 0) attrs.cellpadding = this.cellPadding
    const rules = { Both: 'all', Horizontal: 'rows', Vertical: 'cols', None: '' }[this.gridLines]
    if (rules) {
      attrs.rules = rules
      attrs.border = 1
    }
    for (const [name, value] of Object.entries(base)) if (name !== 'class' && name !== 'style') attrs[name] = value
    attrs.style = (typeof base.style === 'string' ? base.style : '') + 'border-collapse:collapse;'
    return attrs
  }
}

defineStateProperties(CompositeDataBoundControl, {
  dataKeyNames: [],
  selectMethod: '',
  updateMethod: '',
  deleteMethod: '',
  insertMethod: '',
  allowPaging: false,
  pageIndex: 0,
  emptyDataText: '',
  caption: '',
  gridLines: { enum: ['Both', 'Horizontal', 'Vertical', 'None'], default: 'Both' },
  cellPadding: -1,
  cellSpacing: 0,
})
declareMarkupProperties(CompositeDataBoundControl, [
  { name: 'emptyDataTemplate', kind: 'template' },
  { name: 'dataSource', kind: 'string' },
])
declareSubObjects(CompositeDataBoundControl, { pagerSettings: PagerSettings })
