// npm run bench: measures Deltaform side by side in one run and writes bench/results.json
// and bench/results.md. Figures are sizes and ratios, never timing assertions.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createApp } from '../src/app/create-app.ts'
import { FormClient } from '../src/testing/form-client.ts'
import { buildClient } from '../runtime-client/build.ts'

interface Figure {
  name: string
  value: number
  unit: string
  goal?: string
  met?: boolean
}

const figures: Figure[] = []
const app = createApp({ pages: join(import.meta.dirname, '../samples/pages'), key: '00'.repeat(32), mode: 'production' })
const fetcher = (r: Request) => app.request(r)

// 1. The client bundle.
const client = await buildClient()
figures.push({ name: 'runtime-client min+gzip', value: client.gzipBytes, unit: 'bytes', goal: '≤ 6144 bytes', met: client.gzipBytes <= 6144 })
figures.push({ name: 'runtime-client minified', value: client.code.length, unit: 'bytes' })

// 2. Bytes of the same click as an async postback and as a full postback.
async function clickBytes(path: string, panel: string, button: string, label: string) {
  const full = new FormClient(fetcher)
  await full.get(path)
  const fullRequest = new URLSearchParams([...full.formEntries(), [button, label]]).toString().length
  await full.click(button)
  const fullResponse = full.html.length
  const partial = new FormClient(fetcher)
  await partial.get(path)
  let asyncRequest = 0
  const counting = new FormClient(async (r) => {
    asyncRequest = (await r.clone().text()).length
    return fetcher(r)
  })
  await counting.get(path)
  const records = await counting.asyncPostBack('ScriptManager1', { panels: [panel], source: button, submitter: [button, label] })
  const asyncResponse = records.reduce((n, r) => n + `${r.content.length}|${r.type}|${r.id}|${r.content}|`.length, 0)
  const name = `${path} ${label}`
  figures.push({ name: `${name}: full postback response`, value: fullResponse, unit: 'bytes' })
  figures.push({ name: `${name}: async postback response`, value: asyncResponse, unit: 'bytes' })
  const ratio = asyncResponse / fullResponse
  figures.push({ name: `${name}: async / full response`, value: Number(ratio.toFixed(3)), unit: 'ratio', goal: '≤ 0.10', met: ratio <= 0.1 })
  figures.push({ name: `${name}: full response gzip`, value: gzipSync(full.html).length, unit: 'bytes' })
  figures.push({ name: `${name}: request body full / async`, value: Number((fullRequest / asyncRequest).toFixed(3)), unit: 'ratio' })
  const viewState = full.field('__VIEWSTATE') ?? ''
  figures.push({ name: `${path} __VIEWSTATE after the click`, value: viewState.length, unit: 'bytes' })
}
await clickBytes('/clock.aspx', 'UpdatePanel1', 'Button1', 'Get Server Time')
await clickBytes('/panels.aspx', 'PanelA', 'BumpA', 'A+1')

// 3. orders.aspx: the same paging action as a callback and as a full postback.
{
  const full = new FormClient(fetcher)
  await full.get('/orders.aspx')
  const initialViewState = full.field('__VIEWSTATE') ?? ''
  const callbackBody = new URLSearchParams([...full.formEntries(), ['__CALLBACKID', 'CallbackOrders'], ['__CALLBACKPARAM', '0|A||Page$2']]).toString()
  const callback = await (await fetcher(new Request('http://localhost/orders.aspx', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: callbackBody }))).text()
  if (!callback.includes('10050')) throw new Error(`the orders callback did not page: ${callback.slice(0, 200)}`)
  await full.doPostBack('PanelOrders', 'Page$2')
  const ratio = callback.length / full.html.length
  figures.push({ name: 'orders.aspx page 2: full postback response', value: full.html.length, unit: 'bytes' })
  figures.push({ name: 'orders.aspx page 2: callback response', value: callback.length, unit: 'bytes' })
  figures.push({ name: 'orders.aspx page 2: callback / full response', value: Number(ratio.toFixed(3)), unit: 'ratio', goal: '≤ 0.02', met: ratio <= 0.02 })
  figures.push({ name: 'orders.aspx __VIEWSTATE (first load)', value: initialViewState.length, unit: 'bytes', goal: '≤ 1024', met: initialViewState.length <= 1024 })
  const afterPaging = full.field('__VIEWSTATE') ?? ''
  figures.push({ name: 'orders.aspx __VIEWSTATE (after paging)', value: afterPaging.length, unit: 'bytes', goal: '≤ 1024', met: afterPaging.length <= 1024 })
}

const results = { date: new Date().toISOString(), node: process.version, figures }
writeFileSync(join(import.meta.dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n')
const rows = figures.map((f) => `| ${f.name} | ${f.value} ${f.unit} | ${f.goal ?? ''} | ${f.met === undefined ? '' : f.met ? 'met' : '**missed**'} |`)
const md = `# Deltaform benchmarks\n\n${results.date}, Node ${results.node}\n\n| figure | value | goal | |\n|---|---|---|---|\n${rows.join('\n')}\n`
writeFileSync(join(import.meta.dirname, 'results.md'), md)
console.log(md)
