// Grid rows shaped like the ones asp:GridView renders in orders.aspx (a Select link per row).

const customers = ['Ames', 'Brown', 'Chan', 'Diaz', 'Evans', 'Ford', 'Garcia', 'Huang']

/**
 * `count` `<tr>` rows of an orders grid, ids from `firstId`.
 *
 * @example
 * gridRows(1) // '<tr><td>10000</td><td>Ames &amp; Co 1</td><td>$0.99</td><td><a href="javascript:__doPostBack(&#39;PanelOrders&#39;,&#39;Select$0&#39;)">Select</a></td></tr>'
 */
export function gridRows(count: number, firstId = 10_000): string {
  let html = ''
  for (let i = 0; i < count; i++) {
    const customer = `${customers[(i * 5) % 8]} &amp; Co ${(i % 17) + 1}`
    const total = `$${(Math.round(((i * 7919) % 100_000) + 99) / 100).toFixed(2)}`
    html += `<tr><td>${firstId + i}</td><td>${customer}</td><td>${total}</td><td><a href="javascript:__doPostBack(&#39;PanelOrders&#39;,&#39;Select$${i}&#39;)">Select</a></td></tr>`
  }
  return html
}
