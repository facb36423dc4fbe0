// The same user actions on Deltaform's sample pages as a full GET, a full postback, an async
// postback and a client callback, captured once (request and answer) so that the byte figures,
// the load tests and the in-process phase timings all replay exactly the same requests.
import { FormClient } from '../../src/testing/form-client.ts'

/**
 * A request, as sent.
 *
 * @example
 * const r: CapturedRequest = { url: 'http://127.0.0.1:4000/clock.aspx', method: 'GET', headers: {}, body: '' }
 */
export interface CapturedRequest {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body: string
}

/**
 * A request and the answer it got.
 *
 * @example
 * const bytes = Buffer.byteLength(exchange.response.body)
 */
export interface Exchange {
  request: CapturedRequest
  response: { status: number; contentType: string; body: string }
}

/**
 * The four ways of doing one action on a page.
 *
 * @example
 * const { get, full, async: partial, callback } = actions.clock
 */
export interface ActionSet {
  /** What the action is, for the report. */
  action: string
  get: Exchange
  full: Exchange
  async: Exchange
  callback: Exchange
}

/**
 * Both sample pages' actions.
 *
 * @example
 * const actions: SampleActions = await captureActions(fetch, 'http://127.0.0.1:4000')
 */
export interface SampleActions {
  clock: ActionSet
  orders: ActionSet
}

type Fetcher = (request: Request) => Response | Promise<Response>

/** A fetcher that keeps the last exchange it carried. */
function recorder(fetcher: Fetcher) {
  const state: { last?: Exchange } = {}
  const fetch = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => (headers[name] = value))
    const body = request.method === 'POST' ? await request.clone().text() : ''
    const response = await fetcher(request)
    const text = await response.clone().text()
    state.last = {
      request: { url: request.url, method: request.method as 'GET' | 'POST', headers, body },
      response: { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text },
    }
    return response
  }
  return { fetch, take: (): Exchange => state.last! }
}

const formType = 'application/x-www-form-urlencoded; charset=utf-8'

/** Posts what WebForm_DoCallback posts: the form, the callback id and argument, event validation. */
async function callback(client: FormClient, rec: ReturnType<typeof recorder>, origin: string, path: string, target: string, argument: string): Promise<Exchange> {
  const enc = encodeURIComponent
  const pair = (name: string, value: string) => `${enc(name)}=${enc(value)}&`
  let body = client.formEntries().map(([n, v]) => pair(n, v)).join('')
  body += pair('__CALLBACKID', target) + pair('__CALLBACKPARAM', argument)
  const validation = client.field('__EVENTVALIDATION')
  if (validation) body += pair('__EVENTVALIDATION', validation)
  await rec.fetch(new Request(new URL(path, origin), { method: 'POST', headers: { 'content-type': formType }, body: body.slice(0, -1) }))
  return rec.take()
}

function expect(exchange: Exchange, what: string, test: (body: string) => boolean): Exchange {
  if (exchange.response.status !== 200 || !test(exchange.response.body)) {
    throw new Error(`${what} did not answer as expected (status ${exchange.response.status}): ${exchange.response.body.slice(0, 300)}`)
  }
  return exchange
}

/**
 * Captures, on a running Deltaform sample site (`fetcher` + `origin`): clock.aspx's
 * "Get Server Time" click (its callback twin is callback-time.aspx's `GetServerTime('time')`)
 * and orders.aspx's "page 2 of the grid" (full and async on PanelOrders, callback on
 * CallbackOrders). Every answer is checked.
 *
 * @example
 * const app = createApp({ pages: 'samples/pages', key, mode: 'production' })
 * const actions = await captureActions((r) => app.request(r), 'http://localhost')
 */
export async function captureActions(fetcher: Fetcher, origin: string): Promise<SampleActions> {
  const rec = recorder(fetcher)
  const fresh = async (path: string) => {
    const client = new FormClient(rec.fetch, origin)
    await client.get(path)
    return client
  }

  // clock.aspx: click Button1 ("Get Server Time") inside UpdatePanel1.
  let client = await fresh('/clock.aspx')
  const clockGet = expect(rec.take(), 'GET clock.aspx', (b) => b.includes('id="UpdatePanel1"'))
  await client.click('Button1')
  const clockFull = expect(rec.take(), 'clock.aspx full postback', (b) => b.includes('<span id="Asked">1</span>'))
  client = await fresh('/clock.aspx')
  await client.asyncPostBack('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Get Server Time'] })
  const clockAsync = expect(rec.take(), 'clock.aspx async postback', (b) => b.includes('|updatePanel|UpdatePanel1|') && b.includes('<span id="Asked">1</span>'))
  client = await fresh('/callback-time.aspx')
  const clockCallback = expect(await callback(client, rec, origin, '/callback-time.aspx', '__Page', 'time'), 'callback-time.aspx callback', (b) => /^(s|\d+\|)/.test(b) && /\d:\d\d/.test(b))

  // orders.aspx: page 2 of a 50-row grid.
  client = await fresh('/orders.aspx')
  const ordersGet = expect(rec.take(), 'GET orders.aspx', (b) => b.includes('id="PanelOrders"'))
  await client.doPostBack('PanelOrders', 'Page$2')
  const ordersFull = expect(rec.take(), 'orders.aspx full postback', (b) => b.includes('<td>10050</td>') && b.includes('<html'))
  client = await fresh('/orders.aspx')
  await client.asyncPostBack('ScriptManager1', { panels: ['OrdersPanel'], source: 'PanelOrders', eventTarget: 'PanelOrders', eventArgument: 'Page$2' })
  const ordersAsync = expect(rec.take(), 'orders.aspx async postback', (b) => b.includes('|updatePanel|OrdersPanel|') && b.includes('<td>10050</td>'))
  client = await fresh('/orders.aspx')
  const ordersCallback = expect(await callback(client, rec, origin, '/orders.aspx', 'CallbackOrders', '0|A||Page$2'), 'orders.aspx callback', (b) => b.includes('10050') && !b.includes('<html'))

  return {
    clock: { action: '"Get Server Time" click', get: clockGet, full: clockFull, async: clockAsync, callback: clockCallback },
    orders: { action: 'grid page 2', get: ordersGet, full: ordersFull, async: ordersAsync, callback: ordersCallback },
  }
}
