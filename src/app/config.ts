import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Settings read from `<pagesDir>/deltaform.config.json`; every key is optional. */
export interface DeltaformConfig {
  /** The signing key, hex (64+ digits). `DELTAFORM_KEY` wins over it. */
  key?: string
  /** Values for `<%$ AppSettings:Name %>`. */
  appSettings?: Record<string, string>
  enableEventValidation?: boolean
  /**
   * Send a `Server-Timing` header with each page answer (form, build, state, lifecycle, save,
   * render in ms). On in development; off in production unless set, since it tells clients
   * how long the server worked.
   */
  serverTiming?: boolean
  limits?: { maxBodyBytes?: number; maxFields?: number; maxFieldBytes?: number; maxViewStateBytes?: number }
}

/**
 * Reads `deltaform.config.json` from a pages folder (an empty config when absent). A file
 * that is not valid JSON stops the server with a message naming it.
 *
 * @example
 * const config = readConfig('samples/pages') // { appSettings: { SiteName: 'Deltaform samples' } }
 */
export function readConfig(pagesDir: string): DeltaformConfig {
  const file = join(pagesDir, 'deltaform.config.json')
  if (!existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DeltaformConfig
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}
