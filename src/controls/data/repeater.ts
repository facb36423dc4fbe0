import { Control, type SavedState } from '../control.ts'
import type { CommandEventArgs } from '../button-control.ts'
import { declareMarkupProperties } from '../properties.ts'
import { childId, DataItemContainer, refuseContent, toRows, type DataTemplate } from './data-utils.ts'

/**
 * What a RepeaterItem holds, in ASP.NET's ListItemType spelling.
 *
 * @example
 * if (e.item.itemType === 'AlternatingItem') (e.item.findControl('Row') as Panel).cssClass = 'alt'
 */
export type RepeaterItemType = 'Header' | 'Footer' | 'Item' | 'AlternatingItem' | 'Separator'

/**
 * One instance of a Repeater template: a naming container (IDs inside repeat safely) and
 * the `Container` of `<%# %>` expressions in it.
 *
 * @example
 * Products_ItemDataBound(_s: Control, e: RepeaterItemEventArgs) {
 *   if (e.item.itemType === 'Item') (e.item.findControl('Price') as Label).cssClass = 'price'
 * }
 */
export class RepeaterItem extends DataItemContainer {
  constructor(
    /** The index of the data item (-1 for header and footer; a separator has the index of the item before it). */
    readonly itemIndex: number,
    readonly itemType: RepeaterItemType,
  ) {
    super()
  }

  /** ASP.NET's spelling, for `<%# Container.ItemIndex %>` in migrated markup. */
  get ItemIndex(): number {
    return this.itemIndex
  }

  /** ASP.NET's spelling, for `<%# Container.DataItem %>` in migrated markup. */
  get DataItem(): unknown {
    return this.dataItem
  }

  /** Wraps a Command bubbling from a button inside into ItemCommand arguments. */
  override async onBubbleEvent(source: Control, e: unknown): Promise<boolean> {
    if (!isCommand(e)) return false
    const args: RepeaterCommandEventArgs = { item: this, commandSource: source, commandName: e.commandName, commandArgument: e.commandArgument }
    await this.raiseBubbleEvent(this, args)
    return true
  }
}

/**
 * Arguments of ItemCreated and ItemDataBound.
 *
 * @example
 * Products_ItemCreated(_s: Control, e: RepeaterItemEventArgs) { e.item.findControl('Buy')?.on('Click', () => this.count++) }
 */
export interface RepeaterItemEventArgs {
  item: RepeaterItem
}

/**
 * Arguments of ItemCommand: the Command of a button inside an item, with the item.
 *
 * @example
 * Products_ItemCommand(_s: Control, e: RepeaterCommandEventArgs) { if (e.commandName === 'Buy') cart.add(e.commandArgument) }
 */
export interface RepeaterCommandEventArgs extends CommandEventArgs {
  item: RepeaterItem
  commandSource: Control
}

function isCommand(e: unknown): e is CommandEventArgs {
  return !!e && typeof e === 'object' && typeof (e as CommandEventArgs).commandName === 'string' && !('item' in e)
}

/** View-state key of the number of data items, which is all a Repeater keeps itself. */
const ITEM_COUNT = 'ItemCount'

/**
 * Repeats its ItemTemplate (and AlternatingItemTemplate) once per data row, with optional
 * Header, Separator and Footer templates; renders nothing of its own.
 *
 * `dataBind()` creates the items from `dataSource` and binds them (`<%# Eval("Name") %>`).
 * On a postback without binding again, the items come back from view state (only their count
 * is kept by the Repeater; the controls inside keep their own state), so buttons inside raise
 * `ItemCommand`.
 *
 * Events: `ItemCreated` and `ItemDataBound` (`{ item }`), `ItemCommand`
 * (`{ item, commandSource, commandName, commandArgument }`).
 *
 * @example
 * <asp:Repeater ID="Products" runat="server" OnItemCommand="Products_ItemCommand">
 *   <HeaderTemplate><ul></HeaderTemplate>
 *   <ItemTemplate><li><%#: Eval("Name") %> <asp:Button runat="server" Text="Buy" CommandName="Buy" CommandArgument='<%# Eval("Id") %>' /></li></ItemTemplate>
 *   <FooterTemplate></ul></FooterTemplate>
 * </asp:Repeater>
 * Page_Load() { if (!this.isPostBack) { this.Products.dataSource = products; await this.Products.dataBind() } }
 * Products_ItemCommand(_s: Control, e: RepeaterCommandEventArgs) { cart.add(e.commandArgument) }
 */
export class Repeater extends Control {
  headerTemplate: DataTemplate | null = null
  itemTemplate: DataTemplate | null = null
  alternatingItemTemplate: DataTemplate | null = null
  separatorTemplate: DataTemplate | null = null
  footerTemplate: DataTemplate | null = null
  /** The rows `dataBind()` creates items for: an array or another iterable. */
  dataSource: unknown = null
  private itemList: RepeaterItem[] = []
  private created = false

  override get isNamingContainer(): boolean {
    return true
  }

  /** @internal Markup inside the tag holds only templates: white space between them is dropped. */
  addParsedSubObject(obj: unknown): void {
    refuseContent(obj, this.describe())
  }

  /** The data items (Item and AlternatingItem; not header, footer or separators), in order. */
  get items(): readonly RepeaterItem[] {
    return this.itemList
  }

  /**
   * Creates one item per row of `dataSource` (replacing earlier items) and data-binds them:
   * ItemCreated, then each item's `<%# %>` expressions, then ItemDataBound.
   */
  override async dataBind(): Promise<void> {
    await this.onDataBinding()
    const rows = toRows(this.dataSource, this.describe())
    this.controls.clear()
    this.itemList = []
    this.created = true
    let n = 0
    const add = async (index: number, type: RepeaterItemType, template: DataTemplate | null, row: unknown, bind: boolean) => {
      const item = this.buildItem(n++, index, type, template)
      if (bind) item.dataItem = row
      const e: RepeaterItemEventArgs = { item }
      await this.raise('ItemCreated', e)
      this.controls.add(item)
      await item.whenCaughtUp()
      await item.dataBind()
      await this.raise('ItemDataBound', e)
      item.dataItem = undefined
    }
    if (this.headerTemplate) await add(-1, 'Header', this.headerTemplate, undefined, false)
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && this.separatorTemplate) await add(i - 1, 'Separator', this.separatorTemplate, undefined, false)
      await add(i, ...this.itemKind(i), rows[i], true)
    }
    if (this.footerTemplate) await add(-1, 'Footer', this.footerTemplate, undefined, false)
    this.viewState.set(ITEM_COUNT, rows.length)
  }

  /** @internal Recreates the items from the saved count before their own state is applied. */
  override loadViewStateRecursive(saved: SavedState): void {
    super.loadViewStateRecursive(saved)
    if (this.created || !this.enableViewState) return
    const count = this.viewState.get<number>(ITEM_COUNT, -1)
    if (count < 0) return
    this.created = true
    let n = 0
    const add = (index: number, type: RepeaterItemType, template: DataTemplate | null) => {
      const item = this.buildItem(n++, index, type, template)
      // ItemCreated runs before the item joins the tree, as on a bind; async handlers are awaited by the page.
      this.host?.track(this.raise('ItemCreated', { item }))
      this.controls.add(item)
    }
    if (this.headerTemplate) add(-1, 'Header', this.headerTemplate)
    for (let i = 0; i < count; i++) {
      if (i > 0 && this.separatorTemplate) add(i - 1, 'Separator', this.separatorTemplate)
      add(i, ...this.itemKind(i))
    }
    if (this.footerTemplate) add(-1, 'Footer', this.footerTemplate)
  }

  override async onBubbleEvent(source: Control, e: unknown): Promise<boolean> {
    if (!(source instanceof RepeaterItem) || source.parent !== this || !e || typeof e !== 'object' || !('item' in e)) return false
    await this.raise('ItemCommand', e as RepeaterCommandEventArgs)
    return true
  }

  private itemKind(i: number): [RepeaterItemType, DataTemplate | null] {
    return i % 2 === 1 && this.alternatingItemTemplate ? ['AlternatingItem', this.alternatingItemTemplate] : ['Item', this.itemTemplate]
  }

  private buildItem(n: number, index: number, type: RepeaterItemType, template: DataTemplate | null): RepeaterItem {
    const item = new RepeaterItem(index, type)
    // Explicit IDs: the same names whether items are bound or rebuilt from view state,
    // however often the Repeater is bound again in one request.
    item.id = childId(n)
    template?.instantiateIn(item)
    if (type === 'Item' || type === 'AlternatingItem') this.itemList.push(item)
    return item
  }

  private describe(): string {
    return `Repeater '${this.id ?? this.uniqueID}'`
  }
}

declareMarkupProperties(Repeater, [
  { name: 'headerTemplate', kind: 'template' },
  { name: 'itemTemplate', kind: 'template' },
  { name: 'alternatingItemTemplate', kind: 'template' },
  { name: 'separatorTemplate', kind: 'template' },
  { name: 'footerTemplate', kind: 'template' },
  { name: 'dataSource', kind: 'string' },
])
