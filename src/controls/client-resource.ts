import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** A browser script a control ships beside its code, served once per app with a hashed URL. */
export interface ClientResource {
  name: string
  /** The file, read once. */
  readonly code: string
  /** `/__deltaform/<name>.<hash>.js`, stable while the file is unchanged. */
  readonly url: string
}

const resources = new Map<string, ClientResource>()

/**
 * Declares a control's own client script (ASP.NET's embedded script resource). Register it on a
 * page with `clientScript.registerClientScriptResource(resource)`: it is included once per page,
 * and the app serves it under `/__deltaform/` with a long cache lifetime.
 *
 * @example
 * const gridScript = defineClientResource('GridView', new URL('./grid-view.client.js', import.meta.url))
 * this.host!.clientScript.registerClientScriptResource(gridScript)
 */
export function defineClientResource(name: string, file: URL | string): ClientResource {
  const existing = resources.get(name)
  if (existing) return existing
  let cache: { code: string; url: string } | null = null
  const load = () => {
    if (!cache) {
      const code = readFileSync(typeof file === 'string' ? file : fileURLToPath(file), 'utf8')
      cache = { code, url: `/__deltaform/${name}.${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js` }
    }
    return cache
  }
  const resource: ClientResource = {
    name,
    get code() {
      return load().code
    },
    get url() {
      return load().url
    },
  }
  resources.set(name, resource)
  return resource
}

/**
 * The declared resource served at this file name (`GridView.1a2b3c4d.js`), if any.
 *
 * @example
 * findClientResource('GridView.1a2b3c4d.js')?.code
 */
export function findClientResource(fileName: string): ClientResource | undefined {
  const name = fileName.slice(0, fileName.indexOf('.'))
  const resource = resources.get(name)
  return resource && resource.url.endsWith('/' + fileName) ? resource : undefined
}
