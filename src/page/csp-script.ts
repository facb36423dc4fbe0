import type { ClientScriptSet, ControlHost } from '../controls/host.ts'
import { isRenderingCspSafe } from '../render/csp-attributes.ts'

/**
 * Adds Deltaform's `csp` part (`/__deltaform/csp.<hash>.js`) to a page rendered in nonce-CSP
 * mode, whose handlers are data attributes that the part runs. In development mode its URL ends
 * in `?dev`: the part then names, in console warnings, handlers it cannot run (user code). Pages
 * in other modes reference nothing.
 *
 * @example
 * includeCspScript(page) // in beginFormRender, before the includes are written
 */
export function includeCspScript(page: Pick<ControlHost, 'clientScript' | 'isDevelopment'> & { readonly clientScripts: ClientScriptSet }): void {
  const scripts = page.clientScripts
  if (!isRenderingCspSafe() || scripts.kind !== 'deltaform' || !scripts.csp) return
  page.clientScript.registerClientScriptInclude('deltaform.csp', scripts.csp + (page.isDevelopment ? '?dev' : ''))
}
