import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveSigningKey } from './keys.ts'

const HEX_A = 'a1'.repeat(32)
const HEX_B = 'b2'.repeat(40)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deltaform-keys-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('resolveSigningKey', () => {
  it('prefers DELTAFORM_KEY over the config key', () => {
    const key = resolveSigningKey({ mode: 'production', env: { DELTAFORM_KEY: HEX_A }, configKey: HEX_B, stateDir: dir })
    expect(key.toString('hex')).toBe(HEX_A)
  })

  it('uses the config key when the environment has none', () => {
    const key = resolveSigningKey({ mode: 'production', env: {}, configKey: HEX_B, stateDir: dir })
    expect(key.toString('hex')).toBe(HEX_B)
    expect(key.length).toBe(40)
  })

  it('throws for bad hex or a short key, without echoing it', () => {
    expect(() => resolveSigningKey({ mode: 'development', env: { DELTAFORM_KEY: 'zz'.repeat(32) }, stateDir: dir })).toThrow(
      /DELTAFORM_KEY must be a hex string/,
    )
    expect(() => resolveSigningKey({ mode: 'development', env: { DELTAFORM_KEY: 'ab'.repeat(31) }, stateDir: dir })).toThrow(
      /DELTAFORM_KEY is too short: it has 62 hex digits, at least 64/,
    )
    expect(() => resolveSigningKey({ mode: 'development', env: {}, configKey: 'abc', stateDir: dir })).toThrow(
      /"key" in deltaform.config.json/,
    )
    try {
      resolveSigningKey({ mode: 'development', env: { DELTAFORM_KEY: 'ab'.repeat(31) }, stateDir: dir })
    } catch (err) {
      expect((err as Error).message).not.toContain('abab')
    }
  })

  it('refuses to start in production without a key', () => {
    expect(() => resolveSigningKey({ mode: 'production', env: {}, stateDir: dir })).toThrow(
      'Deltaform refuses to start in production without a signing key: set DELTAFORM_KEY (64+ hex digits) or "key" in deltaform.config.json.',
    )
  })

  it('generates a development key once and keeps it across calls', () => {
    const stateDir = join(dir, 'pages', '.deltaform')
    const first = resolveSigningKey({ mode: 'development', env: {}, stateDir })
    expect(first.length).toBe(32)
    const file = join(stateDir, 'dev-key')
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'))
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    const second = resolveSigningKey({ mode: 'development', env: {}, stateDir })
    expect(second.equals(first)).toBe(true)
    const other = resolveSigningKey({ mode: 'development', env: {}, stateDir: join(dir, 'elsewhere') })
    expect(other.equals(first)).toBe(false)
  })

  it('reports a corrupt development key file', () => {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'dev-key'), 'nonsense')
    expect(() => resolveSigningKey({ mode: 'development', env: {}, stateDir: dir })).toThrow(/Delete the file/)
  })
})
