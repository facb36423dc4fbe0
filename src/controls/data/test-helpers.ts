import { createApp } from '../../app/create-app.ts'
import type { DeltaformConfig } from '../../app/config.ts'
import type { PageDefinition } from '../../app/page-loader.ts'
import { decodeViewState } from '../../state/view-state.ts'
import { FormClient } from '../../testing/form-client.ts'
import { dataControls } from './index.ts'

/**
 * The signing key of the data-control tests.
 *
 * @example
 * createApp({ pages, key: testKey })
 */
export const testKey = 'ab'.repeat(32)

/**
 * A FormClient on an app serving one page with the data controls registered.
 *
 * @example
 * const client = pageClient('/grid.aspx', { markup, codeBehind: Grid })
 */
export function pageClient(path: string, definition: PageDefinition, options: { mode?: 'development' | 'production'; config?: DeltaformConfig } = {}): FormClient {
  const app = createApp({ pages: { [path]: definition }, key: testKey, mode: options.mode ?? 'development', config: options.config, controls: { asp: dataControls } })
  const client = new FormClient((r) => app.request(r))
  fetchers.set(client, (r) => app.request(r))
  return client
}

const fetchers = new WeakMap<FormClient, (request: Request) => Response | Promise<Response>>()

/**
 * Sends a client callback from the page the client shows, as `WebForm_DoCallback` posts it
 * (the form's fields plus `__CALLBACKID` and `__CALLBACKPARAM`), and returns the raw answer.
 *
 * @example
 * const answer = await callback(client, 'Orders', '0|A||Page$2') // '…|1|A||<table…'
 */
export async function callback(client: FormClient, target: string, argument: string): Promise<string> {
  const fetcher = fetchers.get(client)
  if (!fetcher) throw new Error('The client was not made by pageClient().')
  const body = new URLSearchParams([...client.formEntries(), ['__CALLBACKID', target], ['__CALLBACKPARAM', argument]])
  const action = new URL(client.element('form1')?.getAttribute('action') ?? client.url, client.url)
  const response = await fetcher(new Request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: body.toString() }))
  return response.text()
}

/**
 * The result of a callback answer without its framing (`s…`, or `<n>|<event validation>…`);
 * an error answer (`e…`) throws.
 *
 * @example
 * callbackResult('0|hello') // 'hello'
 */
export function callbackResult(answer: string): string {
  if (answer.startsWith('e')) throw new Error(`The callback failed: ${answer.slice(1)}`)
  if (answer.startsWith('s')) return answer.slice(1)
  const bar = answer.indexOf('|')
  const length = Number(answer.slice(0, bar))
  return answer.slice(bar + 1 + length)
}

/**
 * The `__doPostBack(target, argument)` of the first link inside `scope` (an element id) whose
 * text is `text`, as `[target, argument]`.
 *
 * @example
 * const [target, arg] = postBackOf(client, 'Orders', 'Select')
 */
export function postBackOf(client: FormClient, scope: string, text: string, nth = 0): [string, string] {
  const root = client.element(scope)
  if (!root) throw new Error(`No element '${scope}'.`)
  const links = [...root.querySelectorAll('a')].filter((a: any) => a.textContent === text)
  const link = links[nth]
  if (!link) throw new Error(`No link '${text}' (#${nth}) in '${scope}'.`)
  const m = /__doPostBack\('([^']*)','([^']*)'\)/.exec(link.getAttribute('href') ?? '')
  if (!m) throw new Error(`The link '${text}' does not post back: ${link.getAttribute('href')}`)
  return [m[1]!, m[2]!]
}

/**
 * Clicks a postback link by its text, as the browser runs its `__doPostBack`.
 *
 * @example
 * await clickLink(client, 'Orders', 'Edit', 1)
 */
export async function clickLink(client: FormClient, scope: string, text: string, nth = 0): Promise<FormClient> {
  const [target, argument] = postBackOf(client, scope, text, nth)
  return client.doPostBack(target, argument)
}

/**
 * The texts of the cells of a table, row by row (`th` and `td`), skipping nested pager tables.
 *
 * @example
 * tableText(client, 'Orders') // [['Id', 'Name'], ['1', 'Tea']]
 */
export function tableText(client: FormClient, id: string): string[][] {
  const table = client.element(id)
  if (!table) throw new Error(`No table '${id}'.`)
  return [...table.querySelectorAll(':scope > tr, :scope > tbody > tr')]
    .filter((tr: any) => tr.getAttribute('class') !== 'pager')
    .map((tr: any) => [...tr.children].map((cell: any) => cell.textContent.replace(/\u00a0/g, ' ').trim()))
}

/**
 * Decodes the page's `__VIEWSTATE` (for asserting what it keeps).
 *
 * @example
 * JSON.stringify(viewStateOf(client, '/grid.aspx'))
 */
export function viewStateOf(client: FormClient, path: string): unknown {
  return decodeViewState(client.field('__VIEWSTATE') ?? '', { key: Buffer.from(testKey, 'hex') }, { pageId: path })
}
