import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { cacheCommand } from './cli-cache.ts'

const root = join(import.meta.dirname, '..')

function run(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [join(root, 'bin/deltaform.js'), ...args], { cwd, env: { ...process.env, VITEST: '' } })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })))
}

describe('deltaform cache flush', () => {
  it('empties <pagesDir>/.deltaform/static-cache and says what it removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deltaform-flush-'))
    const cache = join(dir, 'pages', '.deltaform', 'static-cache')
    mkdirSync(cache, { recursive: true })
    writeFileSync(join(dir, 'pages', '.deltaform', 'dev-key'), 'ab'.repeat(32))
    writeFileSync(join(cache, '0123456789abcdef.br'), 'x'.repeat(1200))
    writeFileSync(join(cache, '0123456789abcdef.gz'), 'x'.repeat(34))

    const first = await run(['cache', 'flush', 'pages'], dir)
    expect(first.code).toBe(0)
    expect(first.out).toContain(`Removed 2 compressed files (1,234 bytes) from ${cache}`)
    expect(readdirSync(cache)).toEqual([])
    expect(readdirSync(join(dir, 'pages', '.deltaform'))).toEqual(['dev-key', 'static-cache'])

    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    expect(await cacheCommand(['flush', join(dir, 'pages')])).toBe(0)
    expect(log.mock.calls[0]?.[0]).toContain('Nothing to remove')
    log.mockRestore()
  })

  it('explains its usage when the folder or action is missing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await cacheCommand(['flush', join(tmpdir(), 'deltaform-no-such-folder')])).toBe(2)
    expect(error.mock.calls[0]?.[0]).toContain('deltaform-no-such-folder is not a folder')
    expect(await cacheCommand(['purge', '.'])).toBe(2)
    expect(error.mock.calls[1]?.[0]).toContain('Usage: deltaform cache flush <pagesDir>')
    error.mockRestore()
  })
})
