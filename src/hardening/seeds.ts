import type { RequestKind } from '../request/classify.ts'
import { FormClient } from '../testing/form-client.ts'
import { fuzzUsers, type FuzzSite, type FuzzUser } from './fuzz-site.ts'

/**
 * A real request body as the browser would post it, captured from a page the site rendered
 * for `user`: the start point every fuzz case mutates.
 *
 * @example
 * const seed: Seed = { name: 'clock: async Button1', route: '/clock.aspx', user: 'alice',
 *   kind: 'asyncPostback', fields: [['ScriptManager1', 'UpdatePanel1|Button1']], headers: {} }
 */
export interface Seed {
  name: string
  route: string
  user: FuzzUser
  kind: Exclude<RequestKind, 'get'>
  /** The posted fields, in order. */
  fields: Array<[string, string]>
  /** Request headers other than Cookie (Content-Type, X-MicrosoftAjax…). */
  headers: Record<string, string>
}

/** One browser action on a freshly loaded page. */
interface Action {
  name: string
  route: string
  kind: Seed['kind']
  act(client: FormClient): Promise<unknown>
}

const async = (sm: string, options: Parameters<FormClient['asyncPostBack']>[1]) => (c: FormClient) => c.asyncPostBack(sm, options)

/** What a visitor does on the sample pages: full postbacks, async postbacks and callbacks. */
const actions: Action[] = [
  { name: 'counter: click Increment', route: '/counter.aspx', kind: 'postback', act: (c) => c.click('Increment') },
  { name: 'counter: step 5, click Decrement', route: '/counter.aspx', kind: 'postback', act: (c) => c.set('Step', '5').click('Decrement') },
  { name: 'clock: async Button1', route: '/clock.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Button1', submitter: ['Button1', 'Get Server Time'] }) },
  { name: 'clock: async trigger Refresh', route: '/clock.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['UpdatePanel1'], source: 'Refresh', submitter: ['Refresh', 'Refresh'] }) },
  { name: 'clock: full Button1', route: '/clock.aspx', kind: 'postback', act: (c) => c.click('Button1') },
  { name: 'session-counter: async Add', route: '/session-counter.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['CounterPanel'], source: 'Add', submitter: ['Add', '+1'] }) },
  { name: 'session-counter: full Add', route: '/session-counter.aspx', kind: 'postback', act: (c) => c.click('Add') },
  { name: 'orders: async sort', route: '/orders.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['OrdersPanel'], source: 'PanelOrders', eventTarget: 'PanelOrders', eventArgument: 'Sort$Customer' }) },
  { name: 'orders: async page 3', route: '/orders.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['OrdersPanel'], source: 'PanelOrders', eventTarget: 'PanelOrders', eventArgument: 'Page$3' }) },
  { name: 'orders: async select', route: '/orders.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['OrdersPanel'], source: 'PanelOrders', eventTarget: 'PanelOrders', eventArgument: 'Select$2' }) },
  { name: 'orders: full page 2', route: '/orders.aspx', kind: 'postback', act: (c) => c.doPostBack('PanelOrders', 'Page$2') },
  { name: 'orders: grid callback', route: '/orders.aspx', kind: 'callback', act: (c) => c.callback('CallbackOrders', `${c.field('CallbackOrders$state') ?? '0|A|'}|Sort$Total`) },
  {
    name: 'register: full Register',
    route: '/register.aspx',
    kind: 'postback',
    act: (c) =>
      c.set('UserName', 'ann').set('Email', 'ann@example.com').set('Password', 'pw').set('Confirm', 'pw').set('Age', '30').set('Plan', 'pro').check('Terms').click('Register'),
  },
  { name: 'panels: async BumpA', route: '/panels.aspx', kind: 'asyncPostback', act: async('ScriptManager1', { panels: ['PanelA'], source: 'BumpA', submitter: ['BumpA', 'A+1'] }) },
  { name: 'callback-hello: callback', route: '/callback-hello.aspx', kind: 'callback', act: (c) => c.callback('__Page', 'Hello, Deltaform') },
  { name: 'callback-time: callback', route: '/callback-time.aspx', kind: 'callback', act: (c) => c.callback('__Page', 'time') },
  { name: 'callback-employees: callback', route: '/callback-employees.aspx', kind: 'callback', act: (c) => c.callback('__Page', 'sales') },
  { name: 'callback-employees: full postback', route: '/callback-employees.aspx', kind: 'postback', act: (c) => c.set('Departments', 'support').doPostBack('', '') },
  { name: 'callback-validator: callback', route: '/callback-validator.aspx', kind: 'callback', act: (c) => c.callback('LiveCheck', '{"field":"UserId","value":"dino"}') },
  { name: 'callback-validator: full Submit', route: '/callback-validator.aspx', kind: 'postback', act: (c) => c.set('UserId', 'ann').set('Email', 'a@b.cd').set('Password', 'Secret123').click('Submit') },
]

/**
 * Gives each user a session (one valid async Add on the session-counter sample), then loads
 * every sample page for each user and captures the request each action sends, without
 * sending it. Returns the seeds in a fixed order.
 *
 * @example
 * const seeds = await captureSeeds(site)
 * seeds.filter((s) => s.kind === 'callback').length // callbacks to mutate
 */
export async function captureSeeds(site: FuzzSite): Promise<Seed[]> {
  const seeds: Seed[] = []
  for (const user of fuzzUsers) {
    const client = new FormClient((request) => site.send(request, user), site.origin)
    await client.get('/session-counter.aspx')
    await client.asyncPostBack('ScriptManager1', { panels: ['CounterPanel'], source: 'Add', submitter: ['Add', '+1'] })
    for (const action of actions) seeds.push(await capture(site, user, action))
  }
  return seeds
}

async function capture(site: FuzzSite, user: FuzzUser, action: Action): Promise<Seed> {
  let captured: Request | undefined
  const client = new FormClient((request) => {
    if (request.method === 'GET') return site.send(request, user)
    captured = request
    return new Response('')
  }, site.origin)
  await client.get(action.route)
  if (client.status !== 200) throw new Error(`Capturing seeds: ${action.route} answered ${client.status}.`)
  await action.act(client)
  if (!captured) throw new Error(`Capturing seeds: "${action.name}" sent nothing.`)
  const headers: Record<string, string> = {}
  captured.headers.forEach((value, name) => {
    if (name !== 'cookie') headers[name] = value
  })
  const fields = [...new URLSearchParams(await captured.text())]
  return { name: action.name, route: action.route, user, kind: action.kind, fields, headers }
}
