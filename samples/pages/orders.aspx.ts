import { Page, sortRows, type DetailsView, type GridView, type SelectArguments } from 'deltaform'

interface Order {
  Id: number
  Customer: string
  Placed: Date
  Total: number
}

/** 200 made-up orders: the sample's database. */
const orders: Order[] = Array.from({ length: 200 }, (_, i) => ({
  Id: 10_000 + i,
  Customer: ['Ames', 'Brown', 'Chan', 'Diaz', 'Evans', 'Ford', 'Garcia', 'Huang'][(i * 5) % 8] + ` & Co ${(i % 17) + 1}`,
  Placed: new Date(Date.UTC(2026, i % 12, (i % 27) + 1)),
  Total: Math.round(((i * 7919) % 100_000) + 99) / 100,
}))

export default class Orders extends Page {
  declare PanelOrders: GridView
  declare OrderDetails: DetailsView

  /** Both grids page and sort here: view state keeps only keys and indexes, never the rows. */
  GetOrders(args: SelectArguments) {
    const sorted = sortRows(orders, args.sortExpression, args.sortDirection)
    return { rows: sorted.slice(args.startRowIndex, args.startRowIndex + args.maximumRows), totalRowCount: sorted.length }
  }

  GetSelectedOrder() {
    const id = this.PanelOrders.selectedValue
    return orders.find((o) => o.Id === id) ?? null
  }

  PanelOrders_SelectedIndexChanged() {
    this.OrderDetails.dataBind()
  }
}
