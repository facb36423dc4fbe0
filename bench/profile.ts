// Repeats one captured sample action in-process, for a CPU profile of where a request's time
// goes (how the server findings in FINDINGS.md were made):
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts orders async 400
// action: clock | orders; kind: get | full | async | callback; then the request count.
import { join } from 'node:path'
import { createApp } from '../src/app/create-app.ts'
import { captureActions, type ActionSet } from './lib/actions.ts'

const [page = 'orders', kind = 'async', countText = '400'] = process.argv.slice(2)
if ((page !== 'clock' && page !== 'orders') || !['get', 'full', 'async', 'callback'].includes(kind)) {
  console.error('usage: bench/profile.ts clock|orders get|full|async|callback [count]')
  process.exit(2)
}
const app = createApp({ pages: join(import.meta.dirname, '../samples/pages'), key: 'b3'.repeat(32), mode: 'production' })
const actions = await captureActions((r) => app.request(r), 'http://localhost')
const exchange = actions[page][kind as keyof Omit<ActionSet, 'action'>]
const send = async () => {
  const r = exchange.request
  const response = await app.request(new Request(r.url, { method: r.method, headers: r.headers, body: r.method === 'POST' ? r.body : undefined }))
  await response.text()
}
const count = Number(countText) || 400
for (let i = 0; i < count / 4; i++) await send()
const start = performance.now()
for (let i = 0; i < count; i++) await send()
console.log(`${page} ${kind}: ${(((performance.now() - start) / count) * 1000).toFixed(0)} µs per request (app.request, in-process, ${count} requests)`)
