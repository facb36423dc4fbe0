import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the signing key may come from. `stateDir` is the folder for local state
 * (`<pagesDir>/.deltaform`); the development key is kept there.
 *
 * @example
 * const opts: KeyOptions = { mode: 'development', stateDir: 'samples/pages/.deltaform' }
 */
export interface KeyOptions {
  mode: 'development' | 'production'
  /** Hex, from `"key"` in deltaform.config.json. */
  configKey?: string
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv
  stateDir: string
}

const MIN_KEY_BYTES = 32
const DEV_KEY_FILE = 'dev-key'

function parseHexKey(text: string, source: string): Buffer {
  const hex = text.trim()
  // Never echo the key itself into an error message.
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
    throw new Error(`${source} must be a hex string (0-9, a-f) with an even number of digits.`)
  }
  if (hex.length < MIN_KEY_BYTES * 2) {
    throw new Error(
      `${source} is too short: it has ${hex.length} hex digits, at least ${MIN_KEY_BYTES * 2} (${MIN_KEY_BYTES} bytes) are needed.`,
    )
  }
  return Buffer.from(hex, 'hex')
}

/**
 * Finds the key that signs view state and event validation: `DELTAFORM_KEY` (hex, 64+
 * digits), else the config's `key`, else — in development only — a random key kept in
 * `<stateDir>/dev-key` so state posted before a restart still verifies after it.
 * Production without a key throws.
 *
 * @example
 * const key = resolveSigningKey({ mode: 'production', configKey: config.key, stateDir })
 */
export function resolveSigningKey(opts: KeyOptions): Buffer {
  const env = opts.env ?? process.env
  const fromEnv = env.DELTAFORM_KEY
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseHexKey(fromEnv, 'DELTAFORM_KEY')
  if (opts.configKey !== undefined && opts.configKey.trim() !== '') {
    return parseHexKey(opts.configKey, '"key" in deltaform.config.json')
  }
  if (opts.mode === 'production') {
    throw new Error(
      'Deltaform refuses to start in production without a signing key: set DELTAFORM_KEY (64+ hex digits) or "key" in deltaform.config.json.',
    )
  }
  return developmentKey(opts.stateDir)
}

function readDevKey(file: string): Buffer | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    return parseHexKey(text, `The development key file ${file}`)
  } catch (err) {
    throw new Error(`${(err as Error).message} Delete the file to have a new key generated.`)
  }
}

function developmentKey(stateDir: string): Buffer {
  const file = join(stateDir, DEV_KEY_FILE)
  const existing = readDevKey(file)
  if (existing) return existing
  mkdirSync(stateDir, { recursive: true })
  // Keep the key (and anything else in the folder) out of version control.
  try {
    writeFileSync(join(stateDir, '.gitignore'), '*\n', { flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const key = randomBytes(MIN_KEY_BYTES)
  // Written aside and linked into place, so a concurrent reader never sees a half-written
  // file, and a process that loses the race adopts the winner's key.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temp, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
  try {
    try {
      linkSync(temp, file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err
      // File systems without hard links: a plain exclusive create.
      writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return readDevKey(file)!
  } finally {
    unlinkSync(temp)
  }
  return key
}
