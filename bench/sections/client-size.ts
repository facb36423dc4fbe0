// The browser runtime's size (the core and its optional parts), and where the core's bytes come from.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { buildClient, clientBuildOptions, clientPartNames, type ClientPartName } from '../../runtime-client/build.ts'
import { atMost, type Figures } from '../lib/figures.ts'

const partUse: Record<ClientPartName, string> = {
  components: 'loaded by pages with an asp:Timer or asp:UpdateProgress',
  callbacks: 'loaded by pages that make a client-callback reference',
  history: 'loaded by pages whose ScriptManager has EnableHistory="true"',
  csp: 'loaded by pages in nonce-CSP mode (runs their handlers, rendered as data attributes)',
  'panel-scripts': 'loaded by pages whose ScriptManager has ExecutePanelScripts="true"',
  morph: 'loaded by pages with an UpdatePanel whose UpdateStrategy is Morph or FocusPolicy is not Keep',
}

/**
 * Adds the runtime-client core's min+gzip size (goal ≤ 6 KiB) and minified size, each optional
 * part's min+gzip size (loaded after the core only by pages that need it) and the core with
 * all parts, each core module's approximate share, and htmx's own size for comparison.
 *
 * @example
 * await measureClientSize(figures)
 */
export async function measureClientSize(figures: Figures): Promise<void> {
  const client = await buildClient()
  figures.add('client', 'runtime-client min+gzip', client.gzipBytes, 'bytes', {
    goal: atMost(6144, '≤ 6144 (6 KiB)'),
    note: 'the core every ScriptManager page loads; parts come on top where needed',
  })
  figures.add('client', 'runtime-client minified', Buffer.byteLength(client.code), 'bytes')
  let all = client.gzipBytes
  for (const name of clientPartNames) {
    const part = client.parts[name]
    all += part.gzipBytes
    figures.add('client', `runtime-client part ${name} min+gzip`, part.gzipBytes, 'bytes', { note: `${Buffer.byteLength(part.code)} bytes minified; ${partUse[name]}` })
  }
  figures.add('client', 'runtime-client core + all parts min+gzip', all, 'bytes', { note: 'a page with a Timer or UpdateProgress and a callback reference' })

  // Module shares from esbuild's metafile: the same build, with the metafile on.
  const analysis = await build({ ...clientBuildOptions, metafile: true })
  const output = Object.values(analysis.metafile!.outputs)[0]!
  const total = Object.values(output.inputs).reduce((n, i) => n + i.bytesInOutput, 0)
  const root = fileURLToPath(new URL('../../', import.meta.url))
  const shares = Object.entries(output.inputs)
    .map(([path, i]) => ({ module: relative(root, path.startsWith('/') ? path : `${root}/${path}`), bytes: i.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
  for (const s of shares) {
    figures.add('client', `runtime-client share: ${s.module}`, Math.round((s.bytes / total) * client.gzipBytes), 'bytes (gzip, pro rata)', {
      note: `${s.bytes} of ${total} minified bytes`,
    })
  }
  const htmx = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'))
  figures.add('client', 'htmx.org htmx.min.js min+gzip (peer, for comparison)', gzipSync(htmx, { level: 9 }).length, 'bytes')
}
