// Bundles the browser runtime once per process (esbuild JS API).
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type BuildOptions } from 'esbuild'

/**
 * The built browser runtime: minified IIFE code, its content hash and gzip size.
 *
 * @example
 * const { code, hash, gzipBytes }: ClientBuild = await buildClient()
 */
export interface ClientBuild {
  code: string
  /** First 8 hex digits of the code's sha256, for `/__deltaform/client.<hash>.js`. */
  hash: string
  gzipBytes: number
}

/**
 * The esbuild options of the browser bundle (also used by bench/ to see where its bytes go).
 *
 * @example
 * const { metafile } = await build({ ...clientBuildOptions, metafile: true })
 */
export const clientBuildOptions = {
  entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
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

let cached: Promise<ClientBuild> | undefined

async function bundle(): Promise<ClientBuild> {
  const result = await build(clientBuildOptions)
  const code = result.outputFiles[0].text
  return {
    code,
    hash: createHash('sha256').update(code).digest('hex').slice(0, 8),
    gzipBytes: gzipSync(code, { level: 9 }).length,
  }
}

/**
 * Builds the browser runtime (the first call per process; later calls share the result).
 *
 * @example
 * const { code, hash } = await buildClient()
 * app.get(`/__deltaform/client.${hash}.js`, (c) => c.body(code, 200, { 'Content-Type': 'text/javascript' }))
 */
export function buildClient(): Promise<ClientBuild> {
  return (cached ||= bundle().catch((e) => {
    cached = undefined
    throw e
  }))
}
