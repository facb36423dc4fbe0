import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FormClient } from '../testing/form-client.ts'
import { createApp } from './create-app.ts'

const key = 'ef'.repeat(32)

function pagesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'deltaform-app-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

describe('serving a folder of pages', () => {
  const dir = pagesDir({
    'index.aspx': '<%@ Page Title="Home" %><html><head runat="server"></head><body><p>home of <%$ AppSettings:SiteName %></p></body></html>',
    'broken.aspx': '<html>\n<body>\n<asp:Label runat="server" Text="x">\n</body></html>',
    'throws.aspx': '<p><%: this.missing.value %></p>',
    'style.css': 'body{}',
    'secret.aspx.ts': 'export default 1',
    'deltaform.config.json': JSON.stringify({ appSettings: { SiteName: 'Samples' }, limits: { maxBodyBytes: 2000, maxFields: 20 } }),
  })
  const dev = createApp({ pages: dir, key, mode: 'development' })
  const prod = createApp({ pages: dir, key, mode: 'production' })

  it('routes index.aspx to / and renders the title and app settings', async () => {
    const response = await dev.request('/')
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain('<title>Home</title>')
    expect(html).toContain('home of Samples')
  })

  it('sends Server-Timing phases in development, and none in production unless configured', async () => {
    const timing = (await dev.request('/')).headers.get('Server-Timing') ?? ''
    expect(timing).toMatch(/^form;dur=\d+\.\d\d, build;dur=\d+\.\d\d, state;dur=[\d.]+, lifecycle;dur=[\d.]+, save;dur=[\d.]+, render;dur=[\d.]+$/)
    expect((await prod.request('/')).headers.get('Server-Timing')).toBeNull()
    const timed = createApp({ pages: dir, key, mode: 'production', config: { appSettings: { SiteName: 'Samples' }, serverTiming: true } })
    expect((await timed.request('/')).headers.get('Server-Timing')).toContain('render;dur=')
  })

  it('serves the runtime client compressed, with an ETag and 304, cached for a year', async () => {
    const app = createApp({ pages: { '/p.aspx': { markup: '<form runat="server"><asp:ScriptManager runat="server" /></form>' } }, key, mode: 'development' })
    const page = await (await app.request('/p.aspx')).text()
    const url = /src="(\/__deltaform\/client\.[0-9a-f]{8}\.js)"/.exec(page)![1]!
    const script = await app.request(url, { headers: { 'Accept-Encoding': 'gzip, br' } })
    expect(script.headers.get('Content-Encoding')).toBe('br')
    expect(script.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect((await app.request(url, { headers: { 'If-None-Match': script.headers.get('ETag')! } })).status).toBe(304)
  })

  it('serves the other files as static files, but never code-behind or config', async () => {
    expect((await dev.request('/style.css')).status).toBe(200)
    expect((await dev.request('/secret.aspx.ts')).status).toBe(404)
    expect((await dev.request('/deltaform.config.json')).status).toBe(404)
  })

  it('shows the markup file and line of a markup error in development only', async () => {
    const devPage = await (await dev.request('/broken.aspx')).text()
    expect(devPage).toContain('broken.aspx')
    expect(devPage).toMatch(/line 3/)
    expect(devPage).toContain('Unclosed tag')
    const prodResponse = await prod.request('/broken.aspx')
    expect(prodResponse.status).toBe(500)
    expect(await prodResponse.text()).not.toContain('broken.aspx')
  })

  it('points a failing expression at its markup line in development', async () => {
    const response = await dev.request('/throws.aspx')
    expect(response.status).toBe(500)
    expect(await response.text()).toMatch(/throws\.aspx, line 1/)
  })

  it('answers an oversize body with 413 and too many fields with 413, naming the limit', async () => {
    const big = await dev.request('/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '__VIEWSTATE=&x=' + 'a'.repeat(5000) })
    expect(big.status).toBe(413)
    expect(await big.text()).toContain('2000 bytes')
    const many = await dev.request('/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Array.from({ length: 30 }, (_, i) => `f${i}=1`).join('&') })
    expect(many.status).toBe(413)
    expect(await many.text()).toContain('20 fields')
  })

  it('answers a malformed body with 400 and an unknown page with 404', async () => {
    const bad = await dev.request('/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '__VIEWSTATE=%E0%A4%A' })
    expect(bad.status).toBe(400)
    expect((await dev.request('/nothing.aspx')).status).toBe(404)
  })
})

describe('the sample pages', () => {
  const app = createApp({ pages: join(import.meta.dirname, '../../samples/pages'), key, mode: 'development' })

  it('counter.aspx keeps the count in view state and raises TextChanged', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/counter.aspx')
    await client.click('Increment')
    await client.click('Increment')
    expect(client.text('Count')).toBe('2')
    await client.set('Step', '5').click('Decrement')
    expect(client.text('Count')).toBe('-3')
    expect(client.text('StepNote')).toBe('Step changed to 5.')
    await client.click('Increment')
    expect(client.text('Count')).toBe('2')
    expect(client.text('StepNote')).toBe('Step changed to 5.') // label text set in a handler lives in view state
  })

  it('register.aspx shows validator texts and the summary, and Click still runs with isValid false', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/register.aspx')
    await client.set('UserName', 'admin').set('Email', 'not-an-email').set('Password', 'a').set('Confirm', 'b').set('Age', '7').click('Register')
    const summary = client.element('Summary')
    expect(summary.textContent).toContain('That user name is taken.')
    expect(summary.textContent).toContain('The email address is not valid.')
    expect(summary.textContent).toContain('The passwords do not match.')
    expect(summary.textContent).toContain('Age must be a whole number from 18 to 120.')
    expect(client.text('UserNameFree')).toBe('taken')
    expect(client.text('Result')).toBe('')
    expect(client.field('UserName')).toBe('admin') // values survive the postback
  })

  it('register.aspx welcomes a valid registration', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/register.aspx')
    await client.set('UserName', 'ann').set('Email', 'ann@example.com').set('Password', 'pw').set('Confirm', 'pw').set('Age', '30').set('Plan', 'pro').check('Terms').click('Register')
    expect(client.text('Result')).toBe('Welcome, ann! Your Pro account for ann@example.com is ready.')
    expect(client.element('Summary')?.textContent ?? '').not.toContain('required')
  })
})
