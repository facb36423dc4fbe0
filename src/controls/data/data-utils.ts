import { Control, type SavedState } from '../control.ts'
import { LiteralControl } from '../literal-control.ts'
import { evalPath } from '../../template/format.ts'

/**
 * A template of a data control: the compiled `<ItemTemplate>` of markup, or any object that
 * creates controls in a container (ASP.NET's ITemplate).
 *
 * @example
 * repeater.itemTemplate = { instantiateIn: (item) => item.controls.add(new Label()) }
 */
export interface DataTemplate {
  instantiateIn(container: Control): void
}

/**
 * A container of one data item (RepeaterItem, GridViewRow): a naming container, so IDs in a
 * template repeat safely per item, and the `Container` of `<%# %>` expressions in it.
 * Data controls add it to the tree and await {@link DataItemContainer.whenCaughtUp} before
 * data-binding it, so what binding sets is tracked in view state.
 *
 * @example
 * class Card extends DataItemContainer {}
 * const card = new Card(); card.dataItem = { Name: 'Ann' }
 */
export class DataItemContainer extends Control {
  private caughtUp: Promise<void> | null = null

  override get isNamingContainer(): boolean {
    return true
  }

  /** @internal Remembers the catch-up work so the data control can await it. */
  override catchUp(target: Parameters<Control['catchUp']>[0], savedState?: SavedState): Promise<void> {
    const work = super.catchUp(target, savedState)
    this.caughtUp = work
    return work
  }

  /** Resolves once the container reached its parent's lifecycle stage (Init, state, Load). */
  async whenCaughtUp(): Promise<void> {
    if (this.caughtUp) await this.caughtUp
  }
}

/**
 * For data controls whose markup holds only templates and fields: white space between them
 * is dropped, anything else is a clear error naming the control.
 *
 * @example
 * addParsedSubObject(obj: unknown) { refuseContent(obj, "GridView 'Orders'") }
 */
export function refuseContent(obj: unknown, owner: string): void {
  if (typeof obj === 'string' && !obj.trim()) return
  if (obj instanceof LiteralControl && !obj.text.trim()) return
  const what = typeof obj === 'string' ? `the text '${obj.trim().slice(0, 40)}'` : obj instanceof LiteralControl ? `the text '${obj.text.trim().slice(0, 40)}'` : `a ${(obj as object)?.constructor?.name ?? typeof obj}`
  throw new Error(`${owner} cannot contain ${what} directly: put content in its templates (<ItemTemplate>…).`)
}

/**
 * The ID of the n-th generated child of a data control, as ASP.NET names them (`ctl00`…).
 *
 * @example
 * childId(2) // 'ctl02'
 */
export function childId(n: number): string {
  return `ctl${n < 10 ? '0' : ''}${n}`
}

/**
 * Turns a data source into an array of rows: arrays and other iterables; `null` is no rows.
 * Strings and plain objects are refused with a message naming the control.
 *
 * @example
 * toRows(new Set([1, 2]), "Repeater 'R'") // [1, 2]
 */
export function toRows(source: unknown, owner: string): unknown[] {
  if (source === null || source === undefined) return []
  if (Array.isArray(source)) return source
  if (typeof source !== 'string' && typeof (source as Iterable<unknown>)[Symbol.iterator] === 'function') return Array.from(source as Iterable<unknown>)
  throw new TypeError(`The DataSource of ${owner} must be an array or another iterable of rows, not ${describeValue(source)}.`)
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'object'}`
  return `a ${typeof value}`
}

/**
 * Whether a data item has a field (an own or inherited property, any case; a Map key; or a
 * dotted path whose first part exists).
 *
 * @example
 * hasField({ Name: 'Ann' }, 'name') // true
 */
export function hasField(item: unknown, field: string): boolean {
  const first = field.split('.')[0]!
  if (item instanceof Map) return item.has(first)
  if (item === null || typeof item !== 'object') return false
  if (first in item) return true
  const lower = first.toLowerCase()
  return Object.keys(item).some((k) => k.toLowerCase() === lower)
}

/**
 * Reads a field of a data item (case-insensitive, dotted paths, Maps), refusing a field the
 * item does not have with ASP.NET's message, so a typo in `DataField` is found at once.
 *
 * @example
 * readField({ Price: 3 }, 'Price', "GridView 'Orders'") // 3
 */
export function readField(item: unknown, field: string, owner: string): unknown {
  if (item === null || item === undefined) return undefined
  if (!hasField(item, field)) {
    throw new Error(`${owner}: a field or property with the name '${field}' was not found on the selected data source.`)
  }
  return evalPath(item, field)
}

/**
 * The field names of an auto-generated row: own enumerable properties (or Map keys) of the
 * first item whose values are simple (strings, numbers, booleans, bigints, Dates, null).
 *
 * @example
 * autoFieldNames({ Id: 1, Name: 'Ann', tags: ['x'] }) // ['Id', 'Name']
 */
export function autoFieldNames(item: unknown): string[] {
  const entries: Array<[string, unknown]> =
    item instanceof Map ? [...item.entries()].filter(([k]) => typeof k === 'string') : item && typeof item === 'object' ? Object.entries(item) : []
  return entries.filter(([, v]) => v === null || v === undefined || v instanceof Date || ['string', 'number', 'boolean', 'bigint'].includes(typeof v)).map(([k]) => k)
}

/**
 * Sorts rows in memory by a sort expression (`'Name'`, or `'Name DESC, Id'` as ASP.NET's
 * DataView does), stable and without changing the input. Handy in a `Sorting` handler or a
 * SelectMethod over an in-memory list.
 *
 * @example
 * Orders_Sorting(_s, e) { this.Orders.dataSource = sortRows(all, e.sortExpression, e.sortDirection); this.Orders.dataBind() }
 */
export function sortRows<T>(rows: readonly T[], sortExpression: string, sortDirection: 'Ascending' | 'Descending' = 'Ascending'): T[] {
  const keys = sortExpression
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*?)(?:\s+(ASC|DESC))?$/i.exec(part)!
      const descending = (m[2]?.toUpperCase() === 'DESC') !== (sortDirection === 'Descending')
      return { field: m[1]!.trim(), sign: descending ? -1 : 1 }
    })
  if (keys.length === 0) return [...rows]
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      for (const { field, sign } of keys) {
        const c = compareValues(evalPath(a.row, field), evalPath(b.row, field))
        if (c !== 0) return c * sign
      }
      return a.index - b.index
    })
    .map((x) => x.row)
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : 1
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1
  return String(a).localeCompare(String(b))
}
