import cluster from 'node:cluster'
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { readConfig } from './app/config.ts'
import type { MicrosoftClientScripts } from './app/client-scripts.ts'
import { createApp } from './app/create-app.ts'
import { cacheCommand } from './cli-cache.ts'
import { parseInstances, runCluster } from './cli-cluster.ts'
import { stopOnSignals } from './cli-shutdown.ts'
import { resolveSigningKey } from './state/keys.ts'

const usage = `Usage: deltaform serve <pagesDir> [--port N] [--host H] [--production] [--instances N|auto] [--microsoft-ajax DIR]
       deltaform cache flush <pagesDir>

Serves a folder of .aspx pages (file-system routing: index.aspx answers /).
Reads <pagesDir>/deltaform.config.json when present. Development mode unless
NODE_ENV=production or --production; production needs DELTAFORM_KEY (64+ hex digits).
--microsoft-ajax DIR makes pages load the original MicrosoftAjax.js,
MicrosoftAjaxWebForms.js and WebForms.js (and MicrosoftAjaxTimer.js, for asp:Timer) from
DIR instead of Deltaform's client.
--instances N runs N worker processes on the one port (auto or 0: one per CPU); give them
REDIS_URL so they share the output cache, object cache and sessions.
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
  let instances: number | undefined = 1
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--port') port = Number(rest[++i])
    else if (arg === '--host') host = rest[++i] ?? host
    else if (arg === '--production') production = true
    else if (arg === '--microsoft-ajax') microsoftAjax = rest[++i]
    else if (arg === '--instances') instances = parseInstances(rest[++i])
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
  if (instances === undefined) {
    console.error('--instances needs a whole number of worker processes, or auto (0 = auto: one per CPU).')
    process.exitCode = 2
    return
  }
  if (production) process.env.NODE_ENV = 'production'
  let clientScripts: MicrosoftClientScripts | undefined
  try {
    clientScripts = microsoftAjax ? microsoftClientScripts(microsoftAjax) : undefined
  } catch (error) {
    console.error((error as Error).message)
    process.exitCode = 1
    return
  }
  const startLine = (port: number) =>
    `Deltaform (${production ? 'production' : 'development'}) serving ${dir} on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
  if (instances > 1 && cluster.isPrimary) {
    let keyHex: string
    try {
      // Once, here: the workers get it from DELTAFORM_KEY and never race to create the development key.
      keyHex = resolveSigningKey({
        mode: production ? 'production' : 'development',
        configKey: readConfig(dir).key,
        stateDir: join(resolve(dir), '.deltaform'),
      }).toString('hex')
    } catch (error) {
      console.error((error as Error).message)
      process.exitCode = 1
      return
    }
    if (!process.env.REDIS_URL) {
      console.warn(
        `deltaform: ${instances} instances without REDIS_URL: the output cache, object cache and sessions are per process. ` +
          'Sessions are not shared (a user whose next request lands on another worker starts a new session) and each worker ' +
          'caches pages on its own. Set REDIS_URL=redis://host:6379 to share them.',
      )
    }
    runCluster({ instances, keyHex, startLine })
    return
  }
  let app
  try {
    app = createApp({ pages: resolve(dir), mode: production ? 'production' : 'development', clientScripts })
  } catch (error) {
    console.error((error as Error).message)
    process.exitCode = 1
    // A worker's channel to the primary would keep it alive: leave, so the primary sees it.
    if (cluster.isWorker) process.exit(1)
    return
  }
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    // A worker of --instances stays quiet: the primary prints one line for all of them.
    if (cluster.isPrimary) console.log(startLine(info.port))
  })
  stopOnSignals(server, app)
}

/** The original ASP.NET AJAX scripts in `dir`; throws naming a missing one. */
function microsoftClientScripts(dir: string): MicrosoftClientScripts {
  const scripts: MicrosoftClientScripts = {
    microsoftAjax: join(dir, 'MicrosoftAjax.js'),
    microsoftAjaxWebForms: join(dir, 'MicrosoftAjaxWebForms.js'),
    webForms: join(dir, 'WebForms.js'),
  }
  for (const file of Object.values(scripts)) if (!existsSync(file)) throw new Error(`--microsoft-ajax: ${file} does not exist.`)
  const timer = join(dir, 'MicrosoftAjaxTimer.js')
  if (existsSync(timer)) scripts.microsoftAjaxTimer = timer
  return scripts
}
