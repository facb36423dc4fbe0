import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

/** A user's project: its own package.json ("type": "commonjs", npm's default) and node_modules/deltaform. */
function userProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deltaform-user-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-site', type: 'commonjs' }))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(root, join(dir, 'node_modules', 'deltaform'), 'dir')
  mkdirSync(join(dir, 'pages'))
  writeFileSync(join(dir, 'pages', 'index.aspx'), '<form id="f" runat="server"><asp:Label ID="Out" runat="server" /></form>')
  writeFileSync(
    join(dir, 'pages', 'index.aspx.ts'),
    "import { Page, type Label } from 'deltaform'\nexport default class Home extends Page {\n  declare Out: Label\n  Page_Load() { this.Out.text = 'code-behind ran' }\n}\n",
  )
  return dir
}

describe('deltaform serve', () => {
  const children: ReturnType<typeof spawn>[] = []
  afterAll(() => children.forEach((c) => c.kill()))

  it('serves a user project whose code-behind imports deltaform from node_modules', async () => {
    const dir = userProject()
    const port = 3200 + Math.floor(Math.random() * 500)
    const child = spawn(process.execPath, [join(root, 'bin/deltaform.js'), 'serve', 'pages', '--port', String(port)], { cwd: dir, env: { ...process.env, VITEST: '' } })
    children.push(child)
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 15000)
      child.stdout.on('data', () => {
        if (output.includes('serving')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    const html = await (await fetch(`http://127.0.0.1:${port}/`)).text()
    expect(html).toContain('<span id="Out">code-behind ran</span>')
  })

  it('refuses to start in production without a signing key', async () => {
    const dir = userProject()
    const child = spawn(process.execPath, [join(root, 'bin/deltaform.js'), 'serve', 'pages', '--production'], { cwd: dir, env: { ...process.env, VITEST: '', DELTAFORM_KEY: '' } })
    let output = ''
    child.stderr.on('data', (d) => (output += d))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(output).toContain('refuses to start in production without a signing key')
  })
})
