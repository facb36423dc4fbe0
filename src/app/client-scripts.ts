import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Hono } from 'hono'
import type { ClientScriptSet } from '../controls/host.ts'
import { buildClient } from '../../runtime-client/build.ts'
import { findClientResource } from '../controls/client-resource.ts'
import { compressedVariant } from '../cache/memory-asset.ts'

/** The original ASP.NET AJAX scripts, as URLs or as files for the app to serve. */
export interface MicrosoftClientScripts {
  microsoftAjax: string
  microsoftAjaxWebForms: string
  webForms: string
  /** MicrosoftAjaxTimer.js, needed by pages with an asp:Timer. */
  microsoftAjaxTimer?: string
}

interface Asset {
  code: string
}

const prefix = '/__deltaform/'

// Focus.js's job for pages running the original scripts: focus an element or its first
// focusable child (the `focus` delta record calls WebForm_AutoFocus).
const focusScript =
  'function WebForm_AutoFocus(id){var e=document.getElementById(id);if(!e)return;' +
  'var f=e.matches&&e.matches("a[href],button,input,select,textarea,[tabindex]")?e:e.querySelector("a[href],button:not([disabled]),input:not([disabled]):not([type=hidden]),select,textarea,[tabindex]");' +
  'if(f&&f.focus)f.focus()}'

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 8)
}

/**
 * Serves the browser scripts under `/__deltaform/` with content-hash URLs (cached for a
 * year) and tells pages which URLs to reference: Deltaform's own client by default — the core
 * `client.<hash>.js` and its parts `components.<hash>.js` and `callbacks.<hash>.js` — or the
 * original ASP.NET AJAX scripts when the app names them.
 *
 * @example
 * const scripts = mountClientScripts(app, options.clientScripts)
 * page.clientScripts = await scripts.urls()
 */
export function mountClientScripts(app: Hono, microsoft?: MicrosoftClientScripts): { urls(): Promise<ClientScriptSet> } {
  const assets = new Map<string, Asset>()
  const add = (name: string, code: string) => {
    const file = `${name}.${hashOf(code)}.js`
    assets.set(file, { code })
    return prefix + file
  }
  const focus = add('focus', focusScript)
  let ready: Promise<ClientScriptSet>
  if (microsoft) {
    const resolve = (name: string, value: string) => (existsSync(value) ? add(basename(value, '.js'), readFileSync(value, 'utf8')) : value)
    ready = Promise.resolve({
      kind: 'microsoft',
      webForms: resolve('WebForms', microsoft.webForms),
      microsoftAjax: resolve('MicrosoftAjax', microsoft.microsoftAjax),
      microsoftAjaxWebForms: resolve('MicrosoftAjaxWebForms', microsoft.microsoftAjaxWebForms),
      microsoftAjaxTimer: microsoft.microsoftAjaxTimer && resolve('MicrosoftAjaxTimer', microsoft.microsoftAjaxTimer),
      focus,
    })
  } else {
    ready = buildClient().then(({ code, parts }) => {
      const client = add('client', code)
      // The core defines WebForm_AutoFocus itself: the focus record's script is then already loaded.
      // The parts (Timer/UpdateProgress, client callbacks) are referenced only by pages that need them.
      return { kind: 'deltaform', client, focus: client, components: add('components', parts.components.code), callbacks: add('callbacks', parts.callbacks.code), history: add('history', parts.history.code), csp: add('csp', parts.csp.code), panelScripts: add('panel-scripts', parts['panel-scripts'].code), morph: add('morph', parts.morph.code) }
    })
  }
  app.get(`${prefix}:file`, async (c, next) => {
    await ready
    const file = c.req.param('file')
    const asset = assets.get(file) ?? findClientResource(file)
    if (!asset) return next()
    // Through the static cache's in-memory assets: ETag, br/gzip built once, immutable caching.
    const answer = compressedVariant(file, asset.code).respond(
      { 'accept-encoding': c.req.header('accept-encoding'), 'if-none-match': c.req.header('if-none-match') },
      c.req.method,
    )
    return new Response(answer.body as BodyInit | null, { status: answer.status, headers: answer.headers })
  })
  return { urls: () => ready }
}
