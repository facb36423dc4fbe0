// Bytes on the wire for the same action done four ways, and view state per sample page.
import { readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { parseDelta } from '../../src/protocol/delta.ts'
import { FormClient } from '../../src/testing/form-client.ts'
import { atMost, type Figures } from '../lib/figures.ts'
import type { ActionSet, SampleActions } from '../lib/actions.ts'
import { round } from '../lib/stats.ts'

type Fetcher = (request: Request) => Response | Promise<Response>

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8')
const gzip = (text: string) => gzipSync(text, { level: 6 }).length

/**
 * The htmx peer's answers to the same actions, for side-by-side bytes.
 *
 * @example
 * const peer: PeerBytes = { page: '/clock', click: { method: 'POST', path: '/clock/time', body: 'asked=0' } }
 */
export interface PeerBytes {
  page: string
  click: { method: 'GET' | 'POST'; path: string; body?: string }
}

/**
 * Adds the byte figures of one page's action: full GET, full postback, async postback and
 * callback (answers and requests), the async / full and callback / full ratios with their
 * goals, gzip sizes, a breakdown of the async delta, and the htmx peer's bytes.
 *
 * @example
 * await measureActionBytes(figures, 'clock.aspx', actions.clock, htmx.request.bind(htmx), { page: '/clock', click: { method: 'POST', path: '/clock/time', body: 'asked=0' } })
 */
export async function measureActionBytes(figures: Figures, page: string, set: ActionSet, peer: Fetcher, peerBytes: PeerBytes): Promise<void> {
  const p = `${page} ${set.action}`
  const answer = (name: string, body: string) => figures.add('bytes', `${p}: ${name} answer`, utf8(body), 'bytes')
  const full = utf8(set.full.response.body)
  figures.add('bytes', `${page}: full GET answer`, utf8(set.get.response.body), 'bytes')
  answer('full postback', set.full.response.body)
  answer('async postback', set.async.response.body)
  answer('callback', set.callback.response.body)
  for (const [name, ex] of [['full postback', set.full], ['async postback', set.async], ['callback', set.callback]] as const) {
    figures.add('bytes', `${p}: ${name} request body`, utf8(ex.request.body), 'bytes')
  }
  const asyncRatio = utf8(set.async.response.body) / full
  const callbackRatio = utf8(set.callback.response.body) / full
  figures.add('bytes', `${p}: async / full postback answer`, round(asyncRatio, 3), 'ratio', { goal: atMost(0.1, '≤ 0.10') })
  figures.add('bytes', `${p}: callback / full postback answer`, round(callbackRatio, 3), 'ratio', {
    goal: atMost(0.02, '≤ 0.02'),
    note: page === 'clock.aspx' ? 'clock.aspx has no callback: its twin callback-time.aspx answers the same question' : undefined,
  })
  figures.add('bytes', `${p}: async / full postback answer, both gzip`, round(gzip(set.async.response.body) / gzip(set.full.response.body), 3), 'ratio')

  // Where the async delta's bytes go: the panels' HTML, the state fields, everything else.
  const records = parseDelta(set.async.response.body)
  const encoded = (r: { type: string; id: string; content: string }) => utf8(`${r.content.length}|${r.type}|${r.id}|${r.content}|`)
  const sum = (test: (r: { type: string; id: string }) => boolean) => records.filter(test).reduce((n, r) => n + encoded(r), 0)
  const panels = sum((r) => r.type === 'updatePanel')
  const state = sum((r) => r.type === 'hiddenField' && (r.id === '__VIEWSTATE' || r.id === '__EVENTVALIDATION'))
  figures.add('bytes', `${p}: async delta, panel records`, panels, 'bytes')
  figures.add('bytes', `${p}: async delta, __VIEWSTATE + __EVENTVALIDATION records`, state, 'bytes')
  figures.add('bytes', `${p}: async delta, other records (${records.length} records in all)`, utf8(set.async.response.body) - panels - state, 'bytes')

  // The htmx peer doing the same job.
  const pageAnswer = await (await peer(new Request(`http://peer${peerBytes.page}`))).text()
  const c = peerBytes.click
  const clickAnswer = await (
    await peer(new Request(`http://peer${c.path}`, { method: c.method, body: c.body, headers: c.body ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined }))
  ).text()
  figures.add('bytes', `${page} htmx peer: full GET answer`, utf8(pageAnswer), 'bytes')
  figures.add('bytes', `${page} htmx peer: ${set.action} answer`, utf8(clickAnswer), 'bytes')
}

/**
 * `__VIEWSTATE` of every sample page on its first load (bytes; it is ASCII), with the
 * ≤ 1 KB goal on orders.aspx, plus orders.aspx's after paging.
 *
 * @example
 * await measureViewState(figures, app.request.bind(app), 'samples/pages', actions)
 */
export async function measureViewState(figures: Figures, fetcher: Fetcher, pagesDir: string, actions: SampleActions): Promise<void> {
  const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.aspx')).sort()
  for (const file of pages) {
    const client = new FormClient(fetcher)
    await client.get(`/${file}`)
    const viewState = client.field('__VIEWSTATE')
    const name = `${file} __VIEWSTATE, first load`
    if (client.status !== 200) figures.absent('bytes', name, 'bytes', `GET answered ${client.status}`)
    else figures.add('bytes', name, viewState?.length ?? 0, 'bytes', file === 'orders.aspx' ? { goal: atMost(1024, '≤ 1024') } : {})
  }
  const afterPaging = /name="__VIEWSTATE" id="__VIEWSTATE" value="([^"]*)"/.exec(actions.orders.full.response.body)?.[1] ?? ''
  figures.add('bytes', 'orders.aspx __VIEWSTATE, after paging (full postback)', afterPaging.length, 'bytes', { goal: atMost(1024, '≤ 1024') })
  const asyncState = parseDelta(actions.orders.async.response.body).find((r) => r.type === 'hiddenField' && r.id === '__VIEWSTATE')
  figures.add('bytes', 'orders.aspx __VIEWSTATE, after paging (async postback)', asyncState?.content.length ?? 0, 'bytes', { goal: atMost(1024, '≤ 1024') })
}
