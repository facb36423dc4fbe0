import { describe, expect, it } from 'vitest'
import { resolveStaticPath } from './static-path.ts'

describe('resolveStaticPath', () => {
  const root = '/srv/pages'

  it('maps a URL path to a file under the root, decoding it', () => {
    expect(resolveStaticPath(root, '/img/logo%20big.png')).toEqual({ file: '/srv/pages/img/logo big.png', urlPath: '/img/logo big.png' })
    expect(resolveStaticPath(root, '//css///site.css')).toEqual({ file: '/srv/pages/css/site.css', urlPath: '/css/site.css' })
  })

  it.each([
    '/../x',
    '/a/../../x',
    '/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/.deltaform/dev-key',
    '/.deltaform/static-cache/0123456789abcdef.br',
    '/.env',
    '/img/.hidden.png',
    '/./site.css',
    '/a%5c..%5cx',
    '/a%00.css',
    '/%E0%A4%A',
    '/',
    '',
  ])('refuses %j', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull()
  })
})
