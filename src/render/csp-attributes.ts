// Nonce-CSP mode of the HTML writer: a strict `script-src 'nonce-…'` blocks inline event
// handlers and `javascript:` URLs, so while a page renders in that mode the writer puts the
// handler text in data attributes instead, for the runtime's `csp` part to run (it runs only the
// call forms Deltaform generates, without eval). Per request: an AsyncLocalStorage scope, as
// pages render concurrently.
import { AsyncLocalStorage } from 'node:async_hooks'

const scope = new AsyncLocalStorage<true>()

/** The handler attributes the `csp` part runs (delegated listeners / the form's onsubmit). */
const handlers = new Set(['onclick', 'onchange', 'onkeypress', 'onsubmit'])

/**
 * Runs `work` (a page's lifecycle and render) with CSP-safe handler attributes: every
 * attribute written by {@link renderAttributes} inside it goes through {@link cspSafeAttribute}.
 *
 * @example
 * const result = await renderingCspSafe(() => runLifecycle(page, request, settings))
 */
export function renderingCspSafe<T>(work: () => T): T {
  return scope.run(true, work)
}

/**
 * Whether the current render is CSP-safe (inside {@link renderingCspSafe}).
 *
 * @example
 * if (isRenderingCspSafe()) attrs = cspSafeAttribute('onclick', script)
 */
export function isRenderingCspSafe(): boolean {
  return scope.getStore() === true
}

/**
 * The attributes to write for one attribute in CSP-safe mode: `onclick`/`onchange`/
 * `onkeypress`/`onsubmit` become `data-df-on…` with the same text; a `javascript:` link becomes
 * `href="#"` (still focusable and keyboard-usable) plus `data-df-href` with its script. Anything
 * else is returned as it is. Returns undefined when the attribute is not affected.
 *
 * @example
 * cspSafeAttribute('href', "javascript:__doPostBack('SayHello','')") // [['href', '#'], ['data-df-href', "__doPostBack('SayHello','')"]]
 * cspSafeAttribute('onclick', 'return false;') // [['data-df-onclick', 'return false;']]
 */
export function cspSafeAttribute(name: string, value: string): Array<[string, string]> | undefined {
  const lower = name.toLowerCase()
  if (handlers.has(lower)) return [[`data-df-${lower}`, value]]
  // As browsers read the scheme: leading spaces and control characters, tabs and newlines are ignored.
  if (lower === 'href' && /^javascript:/i.test(value.replace(/[\0-\x20\x7f]/g, ''))) {
    return [['href', '#'], ['data-df-href', value.replace(/^[\0-\x20]*j[\s\S]*?:/i, '')]]
  }
  return undefined
}
