import { declareMarkupProperties } from '../properties.ts'

/**
 * One entry of a list control (`<option>`, a checkbox or radio of a list). `text` and
 * `value` stand in for each other when only one is set, as in ASP.NET.
 *
 * @example
 * <asp:ListItem Value="fr" Selected="true">France</asp:ListItem>
 * this.Country.items.add(new ListItem('Germany', 'de'))
 */
export class ListItem {
  private textField: string | undefined
  private valueField: string | undefined
  private enabledField: boolean
  private attributeMap: Map<string, string> | undefined
  /** Whether the item is selected (checked); changes travel with the post, not in view state. */
  selected = false
  /** @internal The collection told about changes after tracking began. */
  owner: ListItemCollection | null = null

  constructor(text?: string, value?: string, enabled = true) {
    this.textField = text
    this.valueField = value
    this.enabledField = enabled
  }

  /** The text shown; falls back to `value`. */
  get text(): string {
    return this.textField ?? this.valueField ?? ''
  }

  set text(text: string) {
    this.textField = text
    this.owner?.itemChanged()
  }

  /** The value posted; falls back to `text`. */
  get value(): string {
    return this.valueField ?? this.textField ?? ''
  }

  set value(value: string) {
    this.valueField = value
    this.owner?.itemChanged()
  }

  /** A disabled item renders `disabled` and is never accepted from a post. */
  get enabled(): boolean {
    return this.enabledField
  }

  set enabled(enabled: boolean) {
    this.enabledField = enabled
    this.owner?.itemChanged()
  }

  /**
   * Extra HTML attributes of the item (on the `<option>`, or on the `<span>` around a
   * checkbox/radio). Markup attributes a ListItem does not know land here.
   */
  get attributes(): Map<string, string> {
    return (this.attributeMap ??= new Map())
  }

  /** Whether any extra attribute was set (without creating the map). */
  get hasAttributes(): boolean {
    return !!this.attributeMap && this.attributeMap.size > 0
  }

  /** @internal Whether `value` was set explicitly (for compact view state). */
  get hasOwnValue(): boolean {
    return this.valueField !== undefined && this.valueField !== this.textField
  }

  toString(): string {
    return this.text
  }
}
declareMarkupProperties(ListItem, [
  { name: 'text', kind: 'string' },
  { name: 'value', kind: 'string' },
  { name: 'selected', kind: 'boolean' },
  { name: 'enabled', kind: 'boolean' },
])

/** The compact view state of one item: `text`, or `[text, value, disabled?, attributes?]`. */
type SavedItem = string | SavedTuple
type SavedTuple = [text: string, value: string | null, disabled?: 0 | 1, attributes?: Record<string, string>]

/**
 * The items of a list control. Changes made after view-state tracking began (items added in
 * `Page_Load` when `!isPostBack`, data binding) make the owning control save the whole list;
 * items from markup cost nothing.
 *
 * @example
 * this.Sizes.items.add('Small')
 * this.Sizes.items.add(new ListItem('Large', 'L'))
 * this.Sizes.items.findByValue('L')?.text // 'Large'
 */
export class ListItemCollection implements Iterable<ListItem> {
  private readonly list: ListItem[] = []
  private tracking = false
  private dirty = false

  /** The number of items. */
  get length(): number {
    return this.list.length
  }

  /** The item at `index`, or `undefined`. */
  at(index: number): ListItem | undefined {
    return this.list[index]
  }

  /**
   * Appends an item (a string becomes an item with that text and value) and returns it.
   *
   * @example
   * list.items.add('Red').selected = true
   */
  add(item: ListItem | string): ListItem {
    return this.insert(this.list.length, item)
  }

  /** Appends several items. @example list.items.addRange(['S', 'M', 'L']) */
  addRange(items: Iterable<ListItem | string>): void {
    for (const item of items) this.add(item)
  }

  /** Inserts an item at `index` (0…length) and returns it. @example list.items.insert(0, new ListItem('-- choose --', '')) */
  insert(index: number, item: ListItem | string): ListItem {
    if (!Number.isInteger(index) || index < 0 || index > this.list.length) {
      throw new RangeError(`Cannot insert a list item at index ${index}: the list has ${this.list.length} items.`)
    }
    const entry = typeof item === 'string' ? new ListItem(item) : item
    entry.owner = this
    this.list.splice(index, 0, entry)
    this.itemChanged()
    return entry
  }

  /**
   * Removes an item; a string removes the first item whose text and value both equal it.
   *
   * @example
   * list.items.remove('Red')
   */
  remove(item: ListItem | string): void {
    const index = typeof item === 'string' ? this.list.findIndex((i) => i.text === item && i.value === item) : this.list.indexOf(item)
    if (index >= 0) this.removeAt(index)
  }

  /** Removes the item at `index`. @example list.items.removeAt(0) */
  removeAt(index: number): void {
    if (index < 0 || index >= this.list.length) {
      throw new RangeError(`Cannot remove the list item at index ${index}: the list has ${this.list.length} items.`)
    }
    const [removed] = this.list.splice(index, 1)
    if (removed!.owner === this) removed!.owner = null
    this.itemChanged()
  }

  /** Removes every item. @example list.items.clear() */
  clear(): void {
    if (this.list.length === 0) return
    for (const item of this.list) if (item.owner === this) item.owner = null
    this.list.length = 0
    this.itemChanged()
  }

  /** The position of an item, or -1. @example list.items.indexOf(list.selectedItem!) */
  indexOf(item: ListItem): number {
    return this.list.indexOf(item)
  }

  /** The first item with this value, or `null`. @example list.items.findByValue('de') */
  findByValue(value: string): ListItem | null {
    return this.list.find((i) => i.value === value) ?? null
  }

  /** The first item with this text, or `null`. @example list.items.findByText('Germany') */
  findByText(text: string): ListItem | null {
    return this.list.find((i) => i.text === text) ?? null
  }

  /** The index of the first item with this value, or -1. @example list.items.indexOfValue('de') */
  indexOfValue(value: string): number {
    return this.list.findIndex((i) => i.value === value)
  }

  /** A copy of the items as an array. @example list.items.toArray().map((i) => i.value) */
  toArray(): ListItem[] {
    return [...this.list]
  }

  [Symbol.iterator](): Iterator<ListItem> {
    return this.list[Symbol.iterator]()
  }

  // ---- view state (used by ListControl) ---------------------------------------------------

  /** @internal Called by items and mutators: after tracking, the list must be saved. */
  itemChanged(): void {
    if (this.tracking) this.dirty = true
  }

  /** @internal */
  trackViewState(): void {
    this.tracking = true
  }

  /** @internal Whether the list changed after tracking began (or came from view state). */
  get isDirty(): boolean {
    return this.dirty
  }

  /** @internal The whole list, compactly. */
  saveState(): SavedItem[] {
    return this.list.map((item): SavedItem => {
      const disabled = item.enabled ? 0 : 1
      if (!item.hasOwnValue && !disabled && !item.hasAttributes) return item.text
      const saved: SavedTuple = [item.text, item.hasOwnValue ? item.value : null]
      if (disabled || item.hasAttributes) saved.push(disabled)
      if (item.hasAttributes) saved.push(Object.fromEntries(item.attributes))
      return saved
    })
  }

  /** @internal Replaces the items with saved ones; the list stays dirty so it is saved again. */
  loadState(saved: unknown): void {
    if (!Array.isArray(saved)) return
    for (const item of this.list) if (item.owner === this) item.owner = null
    this.list.length = 0
    for (const entry of saved as SavedItem[]) {
      let item: ListItem
      if (typeof entry === 'string') item = new ListItem(entry)
      else {
        const [text, value, disabled, attributes] = entry
        item = new ListItem(text, value ?? undefined, disabled !== 1)
        if (attributes) for (const [k, v] of Object.entries(attributes)) item.attributes.set(k, String(v))
      }
      item.owner = this
      this.list.push(item)
    }
    this.dirty = true
  }
}
