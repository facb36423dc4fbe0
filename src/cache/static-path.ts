import { isAbsolute, join, relative } from 'node:path'

/**
 * Where a URL path points inside a static folder: the file on disk and the normalized URL
 * path (decoded, `/`-separated) that path patterns are tested against.
 *
 * @example
 * const target: StaticPath = { file: '/srv/pages/img/logo.png', urlPath: '/img/logo.png' }
 */
export interface StaticPath {
  file: string
  urlPath: string
}

/**
 * Maps a URL path (still percent-encoded) to a file under `root`, or null when it must not be
 * served: bad percent-encoding, NUL or backslash, any segment starting with a dot (`..`,
 * `.deltaform`, `.env`), or a result outside `root`. Refusing every dot segment, not only
 * `..`, keeps state folders and dot-files private without a list of names to maintain.
 *
 * @example
 * resolveStaticPath('/srv/pages', '/img/logo%20big.png') // { file: '/srv/pages/img/logo big.png', urlPath: '/img/logo big.png' }
 * resolveStaticPath('/srv/pages', '/%2e%2e/etc/passwd')   // null
 */
export function resolveStaticPath(root: string, path: string): StaticPath | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.length === 0 || segments.some((segment) => segment.startsWith('.'))) return null
  const file = join(root, ...segments)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return { file, urlPath: `/${segments.join('/')}` }
}
