// ScriptManager ExecutePanelScripts="true": the <script> elements of the UpdatePanels an async
// postback refreshed run once, after the update (innerHTML alone never runs them).
import { runScripts, type ScriptItem } from './scripts.ts'

const ran = 'data-df-ran'

/**
 * Runs the not-yet-run inline scripts inside `panels`, in document order, as created `<script>`
 * elements (which get the page's nonce). On a page with a CSP nonce only scripts carrying
 * `trusted` run — the nonce of the answer that brought the markup, which the server writes on
 * the page's own (template) scripts — never ones that came in with data. Each is marked, so that
 * markup restored later (back/forward) does not run it again.
 *
 * @example
 * runPanelScripts(document, args.get_panelsUpdated(), true, 'answerN0nce')
 */
export function runPanelScripts(doc: any, panels: any[], pageHasNonce: boolean, trusted?: string): Promise<string | undefined> {
  const items: ScriptItem[] = []
  for (const s of doc.querySelectorAll('script:not([' + ran + '])')) {
    if (!panels.some((p) => p && p.contains(s))) continue
    // Includes go through ScriptManager.registerClientScriptInclude, which loads each once.
    if (s.hasAttribute('src') || (s.type && !/^(text|application)\/(x-)?(java|ecma)script$/i.test(s.type))) continue
    if (pageHasNonce && (!trusted || (s.nonce || s.getAttribute('nonce')) !== trusted)) continue
    s.setAttribute(ran, '')
    items.push([{ text: s.text }])
  }
  return runScripts(items)
}

/**
 * Runs panel scripts after every async update of the page's PageRequestManager. `pageHasNonce`:
 * the page runs under a nonce CSP (its own script element has a nonce); the update's answer
 * then names, in its Content-Security-Policy header, the nonce its trusted scripts carry.
 *
 * @example
 * installPanelScripts(window, !!document.currentScript.nonce)
 */
export function installPanelScripts(w: any, pageHasNonce: boolean): void {
  const doc = w.document
  if (doc.dfPanelScripts_) return
  doc.dfPanelScripts_ = true
  w.Sys.Application.add_init(() => {
    const prm = w.Sys.WebForms.PageRequestManager.getInstance()
    if (!prm) return
    prm.add_pageLoaded((_: unknown, args: any) => {
      const request = prm._request
      const answer = request && request.get_executor()
      const csp = answer && answer.getResponseHeader ? answer.getResponseHeader('Content-Security-Policy') : ''
      const nonce = /'nonce-([^']+)'/.exec(csp)
      runPanelScripts(doc, args.get_panelsUpdated(), pageHasNonce, nonce ? nonce[1] : undefined)
    })
  })
}
