import { parseDelta } from '../protocol/delta.ts'
import type { RequestKind } from '../request/classify.ts'

/**
 * What became of a fuzz case: the server did it (`accepted`), answered with a redirect,
 * refused it with a reason, or broke a property (`violation`: 5xx, no answer in time, a
 * refusal that names nothing, a changed session…).
 *
 * @example
 * if (verdict.outcome === 'violation') console.log(verdict.problems)
 */
export type Outcome = 'accepted' | 'redirect' | 'refused' | 'violation'

/**
 * The judgement of one answer. `status` is the HTTP status (0: no answer in time); for an
 * async postback refused inside a 200 delta, `reason` comes from its `error` record.
 *
 * @example
 * const verdict: Verdict = { status: 400, outcome: 'refused', reason: 'The __VIEWSTATE field is malformed.', problems: [] }
 */
export interface Verdict {
  status: number
  outcome: Outcome
  reason: string
  problems: string[]
}

/**
 * An answer as the judge needs it.
 *
 * @example
 * const answer: Answer = { status: 200, contentType: 'text/plain', body: 'sOK', location: null }
 */
export interface Answer {
  status: number
  contentType: string
  body: string
  location: string | null
}

/**
 * Words a refusal names its problem with: the framework field, the part of the request or
 * the rule. A message without any of these (or a posted field name) does not tell the user
 * what was wrong.
 *
 * @example
 * problemWords.includes('__VIEWSTATE') // true
 */
export const problemWords = [
  '__VIEWSTATE', '__EVENTVALIDATION', '__EVENTTARGET', '__EVENTARGUMENT', '__CALLBACKID', '__CALLBACKPARAM',
  'form field', 'request body', 'Content-Type', 'event target', 'postback', 'callback', 'method', 'URL path',
  'No page or file', 'limit', 'fields', 'superseded',
]

const stackTrace = /\n\s+at\s|\bat [\w.<>]+ \(|\.ts:\d+|node:internal|file:\/\/|\bError:\s/

/**
 * The sentence a user reads, with the quoted names and values it mentions cut out and
 * numbers as N, so refusals can be counted by reason.
 *
 * @example
 * reasonOf("The form field \"Step\" is larger than the limit of 1048576 bytes.")
 * // 'The form field "…" is larger than the limit of N bytes.'
 */
export function reasonOf(message: string): string {
  const cut = '\u0001'
  const general = message
    // A quote followed by a space, punctuation or the end closes a quoted part…
    .replace(/'[^]*?'(?=[\s.,;:!?)\]}]|$)/g, `'${cut}'`)
    .replace(/"[^]*?"(?=[\s.,;:!?)\]}]|$)/g, `"${cut}"`)
    // …unless the value held such a quote itself: drop its remains up to the real closing one.
    .replace(/[^\x20-\x7e\u0001]/g, '')
    .replace(/(['"])\u0001\1[^\sA-Za-z\u0001]*(?:\s[^\sA-Za-z\u0001]*)*?\1(?=[\s.,;:!?)\]}]|$)/g, `$1${cut}$1`)
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .replaceAll(cut, '…')
    .trim()
  return general.length > 140 ? general.slice(0, 139) + '…' : general
}

function decodeEntities(html: string): string {
  return html.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!)
}

/** What is wrong with a refusal's message, or `null` when it names its problem. */
function messageProblem(message: string, names: string[]): string | null {
  if (message.trim() === '') return 'the refusal has an empty message'
  if (stackTrace.test(message)) return `the refusal shows a stack trace: ${message.slice(0, 200)}`
  if (problemWords.some((word) => message.includes(word))) return null
  if (names.some((name) => name.length >= 3 && message.includes(`'${name}'`))) return null
  return `the refusal names no field, control or reason: ${message.slice(0, 200)}`
}

function refused(status: number, message: string, names: string[]): Verdict {
  const problem = messageProblem(message, names)
  return { status, outcome: problem ? 'violation' : 'refused', reason: reasonOf(message), problems: problem ? [problem] : [] }
}

const violation = (status: number, problem: string): Verdict => ({ status, outcome: 'violation', reason: problem, problems: [problem] })

/**
 * Judges the answer to a fuzz case by the hardening property: 200, 3xx, or 4xx whose message
 * names the problem — never 5xx, never silence (`answer` null), and for async postbacks and
 * callbacks a well-formed answer whose error (if any) is a client's mistake. `names` are the
 * posted field names and the controls the post names (event target, callback target); a
 * message quoting one of them names its problem.
 *
 * @example
 * judge('postback', { status: 400, contentType: 'text/html', body: html, location: null }, ['__VIEWSTATE'])
 */
export function judge(kind: RequestKind | 'unreadable', answer: Answer | null, names: string[]): Verdict {
  if (!answer) return violation(0, 'no answer in time')
  const { status, body } = answer
  if (status >= 500) return violation(status, `answered ${status}: ${reasonOf(pageMessage(body) ?? body.slice(0, 120))}`)
  if (status >= 400) {
    const message = pageMessage(body)
    if (message === null) return violation(status, `answered ${status} without an error page`)
    return refused(status, message, names)
  }
  if (status >= 300) return answer.location ? { status, outcome: 'redirect', reason: 'redirect', problems: [] } : violation(status, `answered ${status} without a Location`)
  if (status !== 200) return violation(status, `answered ${status}`)
  const plain = answer.contentType.startsWith('text/plain')
  if (kind === 'asyncPostback' && plain) return judgeDelta(body, names)
  if (kind === 'callback' && plain) {
    if (body.startsWith('e')) return refused(200, decodeEntities(body.slice(1)), names)
    if (body.startsWith('s') || /^\d+\|/.test(body)) return { status, outcome: 'accepted', reason: 'callback answered', problems: [] }
    return violation(status, `a callback answer that is neither s…, e… nor n|…: ${body.slice(0, 60)}`)
  }
  if (!answer.contentType.startsWith('text/html')) return violation(status, `a ${kind} answered with ${answer.contentType}`)
  return { status, outcome: 'accepted', reason: kind === 'get' ? 'page rendered (not a postback)' : `${kind} done`, problems: [] }
}

function pageMessage(html: string): string | null {
  const match = /<p class="message">([\s\S]*?)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

function judgeDelta(body: string, names: string[]): Verdict {
  let records
  try {
    records = parseDelta(body)
  } catch (error) {
    return violation(200, `the async postback answer is not a delta: ${(error as Error).message.slice(0, 80)}`)
  }
  const error = records.find((r) => r.type === 'error')
  if (error) {
    const code = Number(error.id)
    if (!(code >= 400 && code < 500)) return violation(200, `the async postback answered error ${error.id}: ${reasonOf(error.content)}`)
    return refused(200, error.content, names)
  }
  if (records.some((r) => r.type === 'pageRedirect')) return { status: 200, outcome: 'redirect', reason: 'pageRedirect', problems: [] }
  return { status: 200, outcome: 'accepted', reason: 'asyncPostback done', problems: [] }
}
