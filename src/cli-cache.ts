import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { emptyFolder } from './cache/compressed-store.ts'
import { staticCacheDir } from './cache/static-files.ts'

const usage = `Usage: deltaform cache flush <pagesDir>

Deletes the precompressed (br/gzip) static files kept in <pagesDir>/.deltaform/static-cache.
A running server notices the missing files and compresses again on demand.`

/**
 * `deltaform cache <action> …`; returns the exit code. `flush <pagesDir>` empties the pages
 * folder's static cache and prints what it removed.
 *
 * @example
 * // deltaform cache flush samples/pages
 * // Removed 4 compressed files (18,204 bytes) from /srv/samples/pages/.deltaform/static-cache.
 */
export async function cacheCommand(args: string[]): Promise<number> {
  const [action, dir, ...extra] = args
  if (action !== 'flush' || !dir || extra.length > 0) {
    console.error(usage)
    return 2
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`${dir} is not a folder.\n\n${usage}`)
    return 2
  }
  const folder = staticCacheDir(join(resolve(dir), '.deltaform'))
  const { files, bytes } = await emptyFolder(folder)
  console.log(
    files === 0
      ? `Nothing to remove: ${folder} holds no compressed files.`
      : `Removed ${files} compressed file${files === 1 ? '' : 's'} (${bytes.toLocaleString('en-US')} bytes) from ${folder}.`,
  )
  return 0
}
