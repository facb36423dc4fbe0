// Runs delta scripts the CSP-friendly way: created <script> elements in <head>, never eval.

/**
 * A script to run: its attributes (`src` for includes; `text` for inline code), plus a fallback URL.
 *
 * @example
 * const include: ScriptItem = [{ src: '/a.js' }, '/cdn-fallback/a.js']
 */
export type ScriptItem = [attrs: Record<string, string>, fallback?: string]

// Includes this runtime loaded or is loading, by resolved URL: a second request for one waits
// for the same load instead of adding it again. A failed one is forgotten (tried again next time).
const loads = new Map<string, Promise<boolean>>()

const abs = (url: string) => {
  try {
    return new URL(url, document.baseURI).href
  } catch {
    return url
  }
}

/**
 * Whether a script URL is already in the page (resolved `src` of any `<script>`) or was loaded
 * (or is being loaded) here.
 *
 * @example
 * isLoaded('/__deltaform/client.3f2a1b9c.js') // true
 */
export function isLoaded(src: string): boolean {
  const u = abs(src)
  return loads.has(u) || [...document.querySelectorAll('script[src]')].some((s: any) => abs(s.src) === u)
}

function create(attrs: Record<string, string>): any {
  const s: any = document.createElement('script')
  const holder: any = document.querySelector('script[nonce]')
  const nonce = holder && (holder.nonce || holder.getAttribute('nonce'))
  for (const k in attrs) if (k != 'text') s.setAttribute(k, attrs[k])
  if (nonce) s.nonce = nonce
  if (attrs.text != null) s.text = attrs.text
  return s
}

/**
 * Runs inline code (`attrs.text`) in global scope: a `<script>` with the other attributes (and
 * the page's CSP nonce) appended to `<head>` and removed again once it ran.
 *
 * @example
 * runInline({ text: "Sys.WebForms.PageRequestManager._addArrayElement('a', 1);" })
 */
export function runInline(attrs: Record<string, string>): void {
  const s = create(attrs)
  document.head.appendChild(s)
  s.remove()
}

const load = (attrs: Record<string, string>) =>
  new Promise<boolean>((resolve) => {
    const s = create(attrs)
    s.onload = () => resolve(true)
    // Removed again, so that the page does not count it as present.
    s.onerror = () => (s.remove(), resolve(false))
    document.head.appendChild(s)
  })

// Loads an include (or its fallback) once; resolves with whether it is there.
function include(attrs: Record<string, string>, fallback?: string): Promise<boolean> {
  const u = abs(attrs.src)
  let done = loads.get(u)
  if (!done) {
    if (isLoaded(u)) return Promise.resolve(true)
    done = load(attrs).then((ok) => ok || (!!fallback && load({ src: fallback })))
    loads.set(u, done)
    done.then((ok) => ok || loads.delete(u))
  }
  return done
}

/**
 * Runs scripts strictly in order: includes load one after another (skipped when already
 * present, awaited when already loading; the fallback URL is tried when one fails), inline
 * ones run in between.
 * Resolves with the URL of the first include that failed, if any.
 *
 * @example
 * await runScripts([[{ src: '/a.js' }], [{ text: 'init()' }]])
 */
export async function runScripts(items: ScriptItem[]): Promise<string | undefined> {
  let failed: string | undefined
  for (const [attrs, fallback] of items) {
    if (!attrs.src) runInline(attrs)
    else if (!(await include(attrs, fallback))) failed ||= attrs.src
  }
  return failed
}
