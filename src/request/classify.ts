import type { FormCollection } from './form.ts'

/**
 * What a request asks of a page: a first visit (`get`, also any POST that is not a postback),
 * a full `postback`, an UpdatePanel `asyncPostback`, or a client `callback`.
 *
 * @example
 * const kind: RequestKind = classifyRequest('POST', headers, form)
 */
export type RequestKind = 'get' | 'postback' | 'asyncPostback' | 'callback'

/**
 * Post fields that belong to the page framework, not to any control; the post-data pass
 * skips them when looking for controls by UniqueID.
 *
 * @example
 * systemPostFields.has('__EVENTTARGET') // true
 */
export const systemPostFields: ReadonlySet<string> = new Set([
  '__EVENTTARGET',
  '__EVENTARGUMENT',
  '__VIEWSTATE',
  '__VIEWSTATEENCRYPTED',
  '__VIEWSTATEGENERATOR',
  '__VIEWSTATEFIELDCOUNT',
  '__PREVIOUSPAGE',
  '__CALLBACKID',
  '__CALLBACKPARAM',
  '__LASTFOCUS',
  '__EVENTVALIDATION',
  '__SCROLLPOSITIONX',
  '__SCROLLPOSITIONY',
  '__ASYNCPOST',
  // Deltaform's client: the full postback's idempotency key (src/app/duplicate-postbacks.ts).
  '__IDEMPOTENCYKEY',
])

/**
 * Whether a post field is a framework field: one of `systemPostFields`, or any name starting
 * with `__VIEWSTATE` (split view state arrives as `__VIEWSTATE1`, `__VIEWSTATE2`, …).
 *
 * @example
 * form.keys().filter((key) => !isSystemPostField(key))
 */
export function isSystemPostField(name: string): boolean {
  return systemPostFields.has(name) || name.startsWith('__VIEWSTATE')
}

const ASYNC_HEADER = 'x-microsoftajax'
const ASYNC_HEADER_VALUE = 'Delta=true'

/** A postback carries view state or an event target (PROTOCOL.md §1.5, RS:Page.cs DeterminePostBackMode). */
function isPostBackForm(form: FormCollection): boolean {
  return form.has('__VIEWSTATE') || form.has('__VIEWSTATEFIELDCOUNT') || form.has('__EVENTTARGET')
}

/**
 * The async marker: an `X-MicrosoftAjax` value (header lines are joined by `,`; each item
 * trimmed) exactly `Delta=true`, as the original server compares it; else the `__ASYNCPOST`
 * field, which the client adds for proxies that strip custom headers, trimmed equal to `true`.
 */
function hasAsyncMarker(headers: Headers, form: FormCollection): boolean {
  const header = headers.get(ASYNC_HEADER)
  if (header !== null && header.split(',').some((item) => item.trim() === ASYNC_HEADER_VALUE)) return true
  return form.get('__ASYNCPOST')?.trim() === 'true'
}

/**
 * Decides how a request is processed (PROTOCOL.md §1.5 and §5.3). Only a POST can be a
 * postback; a postback naming `__CALLBACKID` is a callback (the lifecycle stops after Load);
 * otherwise one with the async marker is an async postback. `form` is `null` when the body
 * was not read (GET, HEAD).
 *
 * @example
 * classifyRequest('POST', new Headers({ 'X-MicrosoftAjax': 'Delta=true' }),
 *   new FormCollection([['__VIEWSTATE', ''], ['__EVENTTARGET', 'Button1']])) // 'asyncPostback'
 */
export function classifyRequest(method: string, headers: Headers, form: FormCollection | null): RequestKind {
  if (method.toUpperCase() !== 'POST' || form === null || !isPostBackForm(form)) return 'get'
  if (form.has('__CALLBACKID')) return 'callback'
  return hasAsyncMarker(headers, form) ? 'asyncPostback' : 'postback'
}
