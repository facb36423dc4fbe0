// The browser runtime's size, and where its bytes come from.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { buildClient, clientBuildOptions } from '../../runtime-client/build.ts'
import { atMost, type Figures } from '../lib/figures.ts'

/**
 * Adds the runtime-client's min+gzip size (goal ≤ 6 KiB) and minified size, each module's
 * approximate share of it, and htmx's own size for comparison.
 *
 * @example
 * await measureClientSize(figures)
 */
export async function measureClientSize(figures: Figures): Promise<void> {
  const client = await buildClient()
  figures.add('client', 'runtime-client min+gzip', client.gzipBytes, 'bytes', { goal: atMost(6144, '≤ 6144 (6 KiB)') })
  figures.add('client', 'runtime-client minified', Buffer.byteLength(client.code), 'bytes')

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
