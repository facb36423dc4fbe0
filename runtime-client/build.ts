// Bundles the browser runtime once per process (esbuild JS API): the core, and the optional
// parts pages load after it only when they need them.
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type BuildOptions } from 'esbuild'

/**
 * One built script: minified IIFE code, its content hash and gzip size.
 *
 * @example
 * const { code, hash, gzipBytes }: ClientBundle = (await buildClient()).parts.callbacks
 */
export interface ClientBundle {
  code: string
  /** First 8 hex digits of the code's sha256, for `/__deltaform/<name>.<hash>.js`. */
  hash: string
  gzipBytes: number
}

/**
 * The optional parts of the runtime, each a script of its own loaded after the core:
 * `components` (Sys.UI._Timer, Sys.UI._UpdateProgress) and `callbacks` (WebForm_DoCallback & co).
 * `morph`: UpdatePanel UpdateStrategy="Morph" and FocusPolicy.
 * `history`: partial-page history (ScriptManager EnableHistory, Sys.Application.addHistoryPoint).
 * `csp`: runs the handlers a nonce-CSP page renders as data attributes; `panel-scripts`: runs
 * the inline scripts of refreshed panels (ScriptManager ExecutePanelScripts="true").
 *
 * @example
 * const name: ClientPartName = 'callbacks'
 */
export type ClientPartName = 'components' | 'callbacks' | 'morph' | 'csp' | 'panel-scripts' | 'history'

/**
 * The part names, in the order their sizes are reported.
 *
 * @example
 * for (const name of clientPartNames) console.log(name, (await buildClient()).parts[name].gzipBytes)
 */
export const clientPartNames: readonly ClientPartName[] = ['components', 'callbacks', 'morph', 'csp', 'panel-scripts', 'history']

/**
 * The built browser runtime: the core bundle (its code, hash and gzip size) and its parts.
 *
 * @example
 * const { code, hash, gzipBytes, parts }: ClientBuild = await buildClient()
 */
export interface ClientBuild extends ClientBundle {
  parts: Record<ClientPartName, ClientBundle>
}

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * The esbuild options of the core bundle (also used by bench/ to see where its bytes go). A
 * part is built with the same options and its own entry ({@link clientPartOptions}).
 *
 * @example
 * const { metafile } = await build({ ...clientBuildOptions, metafile: true })
 */
export const clientBuildOptions = {
  entryPoints: [entry('./index.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  legalComments: 'none',
  write: false,
  // Internal members end in `_` (never touched by page code): shorten them. So are the
  // PageRequestManager's private fields that page scripts leave alone; the ones they do use
  // (_form, _request, _postBackSettings, the panel and async-control lists,
  // _onSubmitStatements) and the public API (_initialize, _updateControls, …) keep their names.
  mangleProps: /_$|^_(postBackControl(Client)?IDs|updatePanelHasChildrenAsTriggers|scriptManagerID|masterPageUniqueID|onsubmit|scriptDisposes|processingRequest|additionalInput|activeElement|controlIDToFocus|scrollPosition|asyncPostBackTimeout)$/,
  // Plain assignments for class fields (no defineProperty helper in the bundle).
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  logLevel: 'silent',
} satisfies BuildOptions

/**
 * The esbuild options of a part: the core's, with the part's entry (`parts/<name>.ts`). Pass
 * the core build's `mangleCache` so that an internal member the core and the part share (a
 * hidden field's marker) gets the same short name in both.
 *
 * @example
 * const { metafile } = await build({ ...clientPartOptions('callbacks'), metafile: true })
 */
export function clientPartOptions(name: ClientPartName, mangleCache: Record<string, string | false> = {}) {
  return { ...clientBuildOptions, entryPoints: [entry(`./parts/${name}.ts`)], mangleCache } satisfies BuildOptions
}

const bundleOf = (code: string): ClientBundle => ({
  code,
  hash: createHash('sha256').update(code).digest('hex').slice(0, 8),
  gzipBytes: gzipSync(code, { level: 9 }).length,
})

let cached: Promise<ClientBuild> | undefined

async function bundle(): Promise<ClientBuild> {
  const core = await build({ ...clientBuildOptions, mangleCache: {} })
  const parts = {} as ClientBuild['parts']
  for (const name of clientPartNames) {
    const part = await build(clientPartOptions(name, core.mangleCache))
    parts[name] = bundleOf(part.outputFiles[0].text)
  }
  return { ...bundleOf(core.outputFiles[0].text), parts }
}

/**
 * Builds the browser runtime, core and parts (the first call per process; later calls share
 * the result).
 *
 * @example
 * const { code, hash, parts } = await buildClient()
 * app.get(`/__deltaform/client.${hash}.js`, (c) => c.body(code, 200, { 'Content-Type': 'text/javascript' }))
 * app.get(`/__deltaform/callbacks.${parts.callbacks.hash}.js`, (c) => c.body(parts.callbacks.code, 200, { 'Content-Type': 'text/javascript' }))
 */
export function buildClient(): Promise<ClientBuild> {
  return (cached ||= bundle().catch((e) => {
    cached = undefined
    throw e
  }))
}
