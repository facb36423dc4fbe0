// The htmx peer: the clock and orders sample pages doing the same job with htmx attributes
// on a plain Hono app. Small and honest: state travels in the form (the clock's count) or in
// the URL (page, sort, selection), each click answers the HTML of the region it replaces.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Hono } from 'hono'
import { pageOf, orders, type Order, type SortKey } from './orders-data.ts'

const htmxScript = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8')
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
const time = () => new Date().toLocaleTimeString('en-US')

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => escapes[c]!)

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <link rel="stylesheet" href="/site.css" />
  <title>${esc(title)}</title>
  <script src="/htmx.min.js"></script>
</head>
<body>
${body}
</body>
</html>
`
}

// --- clock: the panel is the Label, the count and its button; Refresh sits outside it. -----

function clockPanel(label: string, asked: number): string {
  return `<p>Server time: <span id="Label1">${esc(label)}</span></p>
    <p>Asked <span id="Asked">${asked}</span> time(s).</p>
    <input type="hidden" name="asked" value="${asked}" />
    <button type="button" hx-post="/clock/time" hx-target="#UpdatePanel1">Get Server Time</button>`
}

function clockPage(): string {
  return layout(
    'Clock',
    `  <form id="form1">
    <h1>Get Server Time</h1>
    <p>Page first rendered at <span id="FirstRendered">${esc(time())}</span>.</p>
    <div id="UpdatePanel1">${clockPanel('not asked yet', 0)}</div>
    <p><button type="button" hx-post="/clock/time" hx-target="#UpdatePanel1">Refresh</button></p>
  </form>`,
  )
}

// --- orders: two grids of 50 rows; the second one selects an order into a details table. --

interface GridState {
  page: number
  sort: SortKey | ''
  descending: boolean
  selected?: number
}

const columns: Array<[SortKey, string]> = [['Id', 'Order'], ['Customer', 'Customer'], ['Total', 'Total']]

function readState(q: (name: string) => string | undefined): GridState {
  const sort = q('sort')
  return {
    page: Number(q('page')) || 1,
    sort: sort === 'Id' || sort === 'Customer' || sort === 'Total' ? sort : '',
    descending: q('dir') === 'desc',
    selected: q('selected') ? Number(q('selected')) : undefined,
  }
}

function link(endpoint: string, target: string, s: GridState, text: string): string {
  const query = new URLSearchParams({ page: String(s.page), sort: s.sort, dir: s.descending ? 'desc' : 'asc' })
  if (s.selected !== undefined) query.set('selected', String(s.selected))
  return `<a href="#" hx-get="${esc(`${endpoint}?${query}`)}" hx-target="#${target}">${esc(text)}</a>`
}

function grid(endpoint: string, target: string, s: GridState, selectable: boolean): string {
  const { rows, page, pages } = pageOf({ ...s, size: 50 })
  const header = columns
    .map(([key, title]) => `<th scope="col">${link(endpoint, target, { ...s, page: 1, sort: key, descending: s.sort === key && !s.descending }, title)}</th>`)
    .join('')
  const body = rows
    .map((o, i) => {
      const select = selectable ? `<td>${link(endpoint, target, { ...s, selected: o.Id }, 'Select')}</td>` : ''
      const cls = selectable && s.selected === o.Id ? ' class="selected"' : ''
      return `<tr${cls}><td>${o.Id}</td><td>${esc(o.Customer)}</td><td>${esc(money.format(o.Total))}</td>${select}</tr>`
    })
    .join('')
  const pager = Array.from({ length: pages }, (_, i) => i + 1)
    .map((n) => `<td>${n === page ? `<span>${n}</span>` : link(endpoint, target, { ...s, page: n }, String(n))}</td>`)
    .join('')
  const span = selectable ? 4 : 3
  return `<table class="grid">${`<tr>${header}${selectable ? '<th scope="col">&nbsp;</th>' : ''}</tr>`}${body}<tr class="pager"><td colspan="${span}"><table><tr>${pager}</tr></table></td></tr></table>`
}

function details(order: Order | undefined): string {
  if (!order) return '<table><tr><td>Select an order above.</td></tr></table>'
  const placed = order.Placed.toISOString().slice(0, 10)
  const row = (h: string, v: string | number) => `<tr><td>${h}</td><td>${esc(v)}</td></tr>`
  return `<table>${row('Order', order.Id)}${row('Customer', order.Customer)}${row('Placed', placed)}${row('Total', money.format(order.Total))}</table>`
}

function ordersPanel(s: GridState): string {
  const order = s.selected === undefined ? undefined : orders.find((o) => o.Id === s.selected)
  return `${grid('/orders/panel', 'OrdersPanel', s, true)}
        <h3>Selected order</h3>
        ${details(order)}`
}

function ordersPage(): string {
  const initial: GridState = { page: 1, sort: '', descending: false }
  return layout(
    'Orders',
    `  <h1>Orders</h1>
  <h2>Paging and sorting by htmx requests</h2>
  <div id="CallbackOrders">${grid('/orders/grid', 'CallbackOrders', initial, false)}</div>
  <h2>Paging, sorting and selection</h2>
  <div id="OrdersPanel">${ordersPanel(initial)}</div>`,
  )
}

/**
 * The htmx peer app: `/clock` and `/orders` pages, their fragment endpoints
 * (`POST /clock/time`, `GET /orders/grid`, `GET /orders/panel`) and `/htmx.min.js`.
 *
 * @example
 * const app = createHtmxApp()
 * const html = await (await app.request('/orders/grid?page=2')).text() // the table of page 2
 */
export function createHtmxApp(): Hono {
  const app = new Hono()
  app.get('/htmx.min.js', (c) => c.body(htmxScript, 200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'public, max-age=31536000, immutable' }))
  app.get('/clock', (c) => c.html(clockPage()))
  app.post('/clock/time', async (c) => {
    const form = await c.req.parseBody()
    const asked = (Number(form.asked) || 0) + 1
    return c.html(clockPanel(time(), asked))
  })
  app.get('/orders', (c) => c.html(ordersPage()))
  app.get('/orders/grid', (c) => c.html(grid('/orders/grid', 'CallbackOrders', readState((n) => c.req.query(n)), false)))
  app.get('/orders/panel', (c) => c.html(ordersPanel(readState((n) => c.req.query(n)))))
  return app
}
