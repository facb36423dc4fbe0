// A Sys.Net.WebRequest look-alike (and its executor) over fetch + AbortController.
import { accessors } from './events.ts'

/**
 * The executor: what `endRequest`'s `get_response()` returns.
 *
 * @example
 * prm.add_endRequest((s, args) => args.get_response().get_statusCode())
 */
export interface Executor {
  get_webRequest(): WebRequest
  get_statusCode(): number
  get_responseData(): string
  get_aborted(): boolean
  get_timedOut(): boolean
  abort(): void
  /** A header of the answer ('' when absent or not yet answered). */
  getResponseHeader(name: string): string
}

/**
 * The request: what `initializeRequest`'s `get_request()` returns.
 *
 * @example
 * prm.add_initializeRequest((s, args) => { args.get_request().get_headers()['X-Trace'] = '1' })
 */
export interface WebRequest {
  get_url(): string
  set_url(url: string): void
  get_body(): string
  set_body(body: string): void
  get_headers(): Record<string, string>
  get_httpVerb(): string
  get_timeout(): number | null
  set_timeout(ms: number | null): void
  get_executor(): Executor
  invoke(): void
}

/**
 * `fetch` POST of a urlencoded UTF-8 form body (the `Content-Type` of both WebForms.js callbacks
 * and async postbacks), plus `headers`.
 *
 * @example
 * post('./page.aspx', '__CALLBACKID=__Page&__CALLBACKPARAM=x').then((r) => r.text())
 */
export const post = (url: string, body: string, headers?: Record<string, string>, signal?: AbortSignal): Promise<Response> =>
  fetch(url, { method: 'POST', body, signal, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers } })

/**
 * An async-postback POST. `onCompleted` runs exactly once: on response, network failure
 * (status 0), timeout (`get_timedOut()`) or abort (`get_aborted()`, synchronously from `abort()`).
 *
 * @example
 * const req = webRequest('./clock.aspx', body, 90000, (ex) => console.log(ex.get_statusCode()))
 * req.invoke()
 */
export function webRequest(url: string, body: string, timeout: number | null, onCompleted: (executor: Executor) => void): WebRequest {
  let done = false
  let timer: any
  const ctl = new AbortController()
  // accessors() reads and writes these live; every key must exist before it is called.
  const state: any = { statusCode: 0, responseData: '', aborted: false, timedOut: false, webRequest: 0 }
  const data: any = { url, body, timeout, httpVerb: 'POST', executor: 0, headers: { 'X-MicrosoftAjax': 'Delta=true', 'Cache-Control': 'no-cache' } }
  const finish = () => {
    if (!done) {
      done = true
      clearTimeout(timer)
      onCompleted(executor)
    }
  }
  // Abort or timeout: flag it, cancel the fetch, complete now (the fetch's rejection is ignored).
  const stop = (flag: string) => {
    if (!done) {
      state[flag] = true
      ctl.abort()
      finish()
    }
  }
  // getResponseHeader as Sys.Net.XMLHttpExecutor has it (the panel-scripts part reads the answer's CSP nonce).
  const executor: Executor = Object.assign(accessors(state), { abort: () => stop('aborted'), getResponseHeader: (name: string) => (state.headers_ && state.headers_.get(name)) || '' })
  const request: WebRequest = (state.webRequest = Object.assign(accessors(data), {
    invoke() {
      if (data.timeout) timer = setTimeout(() => stop('timedOut'), data.timeout)
      post(data.url, data.body, { 'X-Requested-With': 'XMLHttpRequest', ...data.headers }, ctl.signal)
        .then(async (r) => {
          const text = await r.text()
          Object.assign(state, { statusCode: r.status, responseData: text, headers_: r.headers })
        })
        .then(finish, finish)
    },
  }))
  data.executor = executor
  return request
}
