// Plain JavaScript: the `deltaform` command imports it before any TypeScript can load.
import { register } from 'node:module'
import { register as registerCommonJs } from 'tsx/cjs/api'
import { register as registerEsm } from 'tsx/esm/api'

const done = Symbol.for('deltaform.typescriptLoader')

/**
 * Lets Node import TypeScript as it is: tsx's loaders, plus a hook that always loads
 * `.aspx.ts` code-behind as an ES module (even in a package without "type": "module"), so
 * it shares the one `deltaform` module instance with the server. Safe to call twice.
 *
 * @example
 * registerTypeScriptLoader()
 * const { default: Page } = await import('./pages/index.aspx.ts')
 */
export function registerTypeScriptLoader() {
  if (globalThis[done]) return
  globalThis[done] = true
  registerEsm()
  registerCommonJs()
  register('./code-behind-format.js', import.meta.url)
}
