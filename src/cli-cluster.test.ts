import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseInstances } from './cli-cluster.ts'

const root = join(import.meta.dirname, '..')

/** One request on a new connection (no keep-alive), so the primary hands each to the next worker. */
function send(port: number, method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    // A connection handed to a worker at the moment it is killed is lost: give up on it.
    req.setTimeout(3000, () => req.destroy(new Error('no answer within 3 s')))
    req.end(body)
  })
}

const pidOf = (html: string) => Number(/<p id="pid">(\d+)<\/p>/.exec(html)?.[1])
const field = (html: string, name: string) => new RegExp(`name="${name}" id="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (test()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return test()
}

describe('deltaform serve --instances', () => {
  const children: ChildProcess[] = []
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')))

  it('reads the worker count: a number, or auto / 0 for one per CPU', () => {
    expect(parseInstances('3')).toBe(3)
    expect(parseInstances('auto')).toBeGreaterThanOrEqual(1)
    expect(parseInstances('0')).toBe(parseInstances('auto'))
    expect(parseInstances('two')).toBeUndefined()
    expect(parseInstances(undefined)).toBeUndefined()
    expect(parseInstances('-1')).toBeUndefined()
  })

  it('serves one port from two workers with one signing key, restarts a dead worker, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deltaform-cluster-'))
    mkdirSync(join(dir, 'pages'))
    // The development key is created by the primary; the workers must not race to make two.
    writeFileSync(join(dir, 'pages', 'pid.aspx'), '<p id="pid"><%= process.pid %></p>\n<form id="f" runat="server"><asp:Button ID="Go" runat="server" Text="Go" /></form>\n')
    const port = 3700 + Math.floor(Math.random() * 500)
    const env: NodeJS.ProcessEnv = { ...process.env, VITEST: '', DELTAFORM_KEY: '', NODE_ENV: '' }
    delete env.REDIS_URL
    const child = spawn(process.execPath, [join(root, 'bin/deltaform.js'), 'serve', 'pages', '--port', String(port), '--instances', '2'], { cwd: dir, env })
    children.push(child)
    let output = ''
    child.stdout!.on('data', (d) => (output += d))
    child.stderr!.on('data', (d) => (output += d))
    if (!(await until(() => output.includes('serving'), 20_000))) throw new Error(`server did not start: ${output}`)
    expect(output).toContain('with 2 instances')
    expect(output).toMatch(/without REDIS_URL: the output cache, object cache and sessions are per process/)

    const pids = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const { status, text } = await send(port, 'GET', '/pid.aspx')
      expect(status).toBe(200)
      pids.add(pidOf(text))
    }
    expect(pids.size).toBe(2)
    expect(pids.has(child.pid!)).toBe(false)

    // Postbacks verify whichever worker rendered the form: every worker has the same key.
    const page = (await send(port, 'GET', '/pid.aspx')).text
    const form = new URLSearchParams({ __VIEWSTATE: field(page, '__VIEWSTATE'), __EVENTVALIDATION: field(page, '__EVENTVALIDATION'), Go: 'Go' }).toString()
    const answeredBy = new Set<number>()
    for (let i = 0; i < 6; i++) {
      const { status, text } = await send(port, 'POST', '/pid.aspx', form)
      expect(status, text.slice(0, 300)).toBe(200)
      answeredBy.add(pidOf(text))
    }
    expect(answeredBy.size).toBe(2)

    // A worker that dies is replaced.
    const [victim] = pids
    process.kill(victim!, 'SIGKILL')
    expect(await until(() => output.includes(`worker ${victim} exited unexpectedly`), 5000)).toBe(true)
    const after = new Set<number>()
    for (const end = Date.now() + 10_000; Date.now() < end && after.size < 2; ) {
      const answer = await send(port, 'GET', '/pid.aspx').catch(() => undefined)
      if (answer?.status === 200 && pidOf(answer.text) !== victim) after.add(pidOf(answer.text))
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(after.size).toBe(2)
    expect(after.has(victim!)).toBe(false)

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGTERM')
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 8000))])
    expect(code).toBe(0)
    const workers = [...after]
    expect(await until(() => workers.every((pid) => !alive(pid)), 3000)).toBe(true)
  }, 60_000)
})
