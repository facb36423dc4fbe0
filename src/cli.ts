import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app/create-app.ts'
import { cacheCommand } from './cli-cache.ts'

const usage = `Usage: deltaform serve <pagesDir> [--port N] [--host H] [--production] [--microsoft-ajax DIR]
       deltaform cache flush <pagesDir>

Serves a folder of .aspx pages (file-system routing: index.aspx answers /).
Reads <pagesDir>/deltaform.config.json when present. Development mode unless
NODE_ENV=production or --production; production needs DELTAFORM_KEY (64+ hex digits).
--microsoft-ajax DIR makes pages load the original MicrosoftAjax.js,
MicrosoftAjaxWebForms.js and WebForms.js (and MicrosoftAjaxTimer.js, for asp:Timer) from
DIR instead of Deltaform's client.
cache flush deletes the precompressed static files in <pagesDir>/.deltaform/static-cache.`

/**
 * The `deltaform` command line. Returns the running server (for tests) or exits.
 *
 * @example
 * // deltaform serve samples/pages --port 3000
 */
export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'cache') {
    process.exitCode = await cacheCommand(rest)
    return
  }
  if (command !== 'serve') {
    console.log(usage)
    process.exitCode = command === '--help' || command === '-h' ? 0 : 2
    return
  }
  let dir: string | undefined
  let port = Number(process.env.PORT) || 3000
  let host = '127.0.0.1'
  let production = process.env.NODE_ENV === 'production'
  let microsoftAjax: string | undefined
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--port') port = Number(rest[++i])
    else if (arg === '--host') host = rest[++i] ?? host
    else if (arg === '--production') production = true
    else if (arg === '--microsoft-ajax') microsoftAjax = rest[++i]
    else if (!arg.startsWith('--') && !dir) dir = arg
    else {
      console.error(`Unknown argument ${arg}\n\n${usage}`)
      process.exitCode = 2
      return
    }
  }
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`${dir ? `${dir} is not a folder.` : 'Name the folder of pages.'}\n\n${usage}`)
    process.exitCode = 2
    return
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port needs a number from 0 to 65535.')
    process.exitCode = 2
    return
  }
  if (production) process.env.NODE_ENV = 'production'
  let app
  try {
    const clientScripts = microsoftAjax
      ? {
          microsoftAjax: join(microsoftAjax, 'MicrosoftAjax.js'),
          microsoftAjaxWebForms: join(microsoftAjax, 'MicrosoftAjaxWebForms.js'),
          webForms: join(microsoftAjax, 'WebForms.js'),
        }
      : undefined
    for (const file of Object.values(clientScripts ?? {})) if (!existsSync(file)) throw new Error(`--microsoft-ajax: ${file} does not exist.`)
    const timer = microsoftAjax && join(microsoftAjax, 'MicrosoftAjaxTimer.js')
    if (clientScripts && timer && existsSync(timer)) Object.assign(clientScripts, { microsoftAjaxTimer: timer })
    app = createApp({ pages: resolve(dir), mode: production ? 'production' : 'development', clientScripts })
  } catch (error) {
    console.error((error as Error).message)
    process.exitCode = 1
    return
  }
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    console.log(`Deltaform (${production ? 'production' : 'development'}) serving ${dir} on http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
