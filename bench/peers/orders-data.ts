// The orders of samples/pages/orders.aspx.ts, made by the same formula, so the htmx peer
// pages the very same rows as the Deltaform sample.

/**
 * One order row.
 *
 * @example
 * const o: Order = { Id: 10000, Customer: 'Ames & Co 1', Placed: new Date(), Total: 0.99 }
 */
export interface Order {
  Id: number
  Customer: string
  Placed: Date
  Total: number
}

/**
 * The 200 made-up orders of the sample.
 *
 * @example
 * orders[1].Customer // 'Ford & Co 2'
 */
export const orders: readonly Order[] = Array.from({ length: 200 }, (_, i) => ({
  Id: 10_000 + i,
  Customer: ['Ames', 'Brown', 'Chan', 'Diaz', 'Evans', 'Ford', 'Garcia', 'Huang'][(i * 5) % 8] + ` & Co ${(i % 17) + 1}`,
  Placed: new Date(Date.UTC(2026, i % 12, (i % 27) + 1)),
  Total: Math.round(((i * 7919) % 100_000) + 99) / 100,
}))

/**
 * The sortable columns.
 *
 * @example
 * const key: SortKey = 'Customer'
 */
export type SortKey = 'Id' | 'Customer' | 'Total'

/**
 * One page of the orders, sorted by `sort` when given (ascending unless `descending`; stable),
 * in stored order otherwise — as the sample's `sortRows` does.
 *
 * @example
 * pageOf({ page: 2, sort: '', descending: false, size: 50 }).rows[0].Id // 10050
 */
export function pageOf(q: { page: number; sort: SortKey | ''; descending: boolean; size: number }): { rows: Order[]; page: number; pages: number } {
  const sorted = q.sort ? sortBy(q.sort, q.descending ? -1 : 1) : orders
  const pages = Math.ceil(sorted.length / q.size)
  const page = Math.min(Math.max(1, q.page || 1), pages)
  return { rows: sorted.slice((page - 1) * q.size, page * q.size), page, pages }
}

function sortBy(key: SortKey, sign: number): Order[] {
  const compare = (a: Order, b: Order): number => {
    const x = a[key]
    const y = b[key]
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0
  }
  return orders.map((row, index) => ({ row, index })).sort((a, b) => compare(a.row, b.row) * sign || a.index - b.index).map((x) => x.row)
}
