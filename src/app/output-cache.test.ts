import { afterAll, describe, expect, it } from 'vitest'
import { Page } from '../page/page.ts'
import type { Label } from '../controls/label.ts'
import { FormClient } from '../testing/form-client.ts'
import { createApp, type AppOptions } from './create-app.ts'

const key = 'cd'.repeat(32)
let renders = 0

class Weather extends Page {
  declare Forecast: Label
  static Now() {
    return `<b>live ${Date.now()}-${Math.random()}</b>`
  }
  Page_Load() {
    renders++
    const zip = this.request.url.searchParams.get('zip') ?? '?'
    this.Forecast.text = `forecast for ${zip}, render ${renders}`
    this.response.cacheTags.add(`zip:${zip}`)
  }
}

const weatherMarkup = `<%@ Page Title="Weather" %><%@ OutputCache Duration="60" VaryByParam="zip" Location="ServerAndClient" %>
<html><head runat="server"></head><body><form id="form1" runat="server">
<asp:Label ID="Forecast" runat="server" /> <asp:Substitution runat="server" MethodName="Now" />
<asp:Button ID="Refresh" runat="server" Text="Refresh" />
</form></body></html>`

const apps: Array<{ close(): Promise<void> }> = []
function app(extra: Partial<AppOptions> = {}, pages: AppOptions['pages'] = { '/weather.aspx': { markup: weatherMarkup, codeBehind: Weather } }) {
  const created = createApp({ pages, key, mode: 'development', ...extra })
  apps.push(created)
  return created
}
afterAll(async () => {
  for (const a of apps) await a.close()
})

const get = async (a: ReturnType<typeof app>, path: string, headers: Record<string, string> = {}) => {
  const response = await a.request(path, { headers })
  return { response, html: await response.text(), outcome: response.headers.get('X-Deltaform-Cache') }
}
const forecast = (html: string) => /forecast for [^<]*/.exec(html)?.[0]
const live = (html: string) => /<!--df:sub:Now--><b>(live [^<]*)<\/b><!--\/df:sub-->/.exec(html)?.[1]

describe('output cache', () => {
  it('stores a page per VaryByParam value and refills the Substitution hole on every answer', async () => {
    const a = app()
    const first = await get(a, '/weather.aspx?zip=98052&utm=1')
    const second = await get(a, '/weather.aspx?zip=98052&utm=2')
    const other = await get(a, '/weather.aspx?zip=10001')
    expect([first.outcome, second.outcome, other.outcome]).toEqual(['miss', 'hit', 'miss'])
    expect(forecast(second.html)).toBe(forecast(first.html))
    expect(forecast(other.html)).toMatch(/^forecast for 10001/)
    expect(live(first.html)).toBeTruthy()
    expect(live(second.html)).not.toBe(live(first.html))
    expect(second.response.headers.get('Cache-Control')).toMatch(/^private, max-age=(59|60)$/)
    expect(second.response.headers.get('Vary')).toBeNull()
    expect(a.outputCache.counts).toMatchObject({ hits: 1, renders: 2, stored: 2 })
  })

  it('never answers a postback from the cache', async () => {
    const a = app()
    const client = new FormClient((r) => a.request(r))
    await client.get('/weather.aspx?zip=1')
    const before = renders
    await client.click('Refresh')
    await client.click('Refresh')
    expect(client.status).toBe(200)
    expect(renders).toBe(before + 2)
    expect(a.outputCache.counts.hits).toBe(0)
  })

  it('answers If-None-Match with 304 and no body', async () => {
    const a = app({ pages: { '/fixed.aspx': { markup: '<%@ OutputCache Duration="30" VaryByParam="none" Location="Any" %><p>same</p>' } } })
    const first = await get(a, '/fixed.aspx')
    const etag = first.response.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.response.headers.get('Cache-Control')).toMatch(/^public, max-age=(29|30)$/)
    const again = await a.request('/fixed.aspx', { headers: { 'If-None-Match': `W/${etag}, "other"` } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('ETag')).toBe(etag)
  })

  it('renders once for concurrent misses of one key', async () => {
    const a = app()
    const before = renders
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(a, '/weather.aspx?zip=stampede')))
    expect(renders - before).toBe(1)
    expect(new Set(answers.map((x) => forecast(x.html))).size).toBe(1)
    expect(answers.filter((x) => x.outcome === 'shared')).toHaveLength(9)
  })

  it('clears copies by tag, from the page or the profile, through app.cache.invalidate', async () => {
    const a = app()
    await get(a, '/weather.aspx?zip=1')
    await get(a, '/weather.aspx?zip=2')
    await a.cache.invalidate('zip:1')
    expect((await get(a, '/weather.aspx?zip=1')).outcome).toBe('miss')
    expect((await get(a, '/weather.aspx?zip=2')).outcome).toBe('hit')
  })

  it('does not store an answer that sets a cookie', async () => {
    class Cookie extends Page {
      Page_Load() {
        this.session.set('seen', true)
      }
    }
    const a = app({ pages: { '/c.aspx': { markup: '<%@ OutputCache Duration="30" VaryByParam="none" %><p>hi</p>', codeBehind: Cookie } } })
    const first = await get(a, '/c.aspx')
    expect(first.response.headers.get('Set-Cookie')).toMatch(/^deltaform\.sid=[\w-]{24}; Path=\/; HttpOnly; SameSite=Lax$/)
    expect((await get(a, '/c.aspx')).outcome).toBe('uncached')
  })

  it('applies config profiles for anonymous and signed-in users, safe-for-authenticated and writers', async () => {
    const config = {
      outputCache: {
        anonymousProfile: 'Anon',
        authenticatedProfile: 'Members',
        debugInformation: true,
        profiles: {
          Anon: { duration: 60, cacheability: 'Public' as const, varyByHeader: 'Accept-Language' },
          Members: { duration: 60, cacheability: 'Public' as const, safeForAuthenticatedUse: true, varyByUserRights: true },
        },
      },
    }
    const a = app({
      config,
      authenticate: (c) => {
        const name = c.req.header('x-user')
        return name ? { name, rights: c.req.header('x-rights') ?? 'read', isWriter: name === 'editor' } : undefined
      },
      pages: { '/p.aspx': { markup: '<p>page</p>' } },
    })
    const anon = await get(a, '/p.aspx', { 'Accept-Language': 'en' })
    expect(anon.response.headers.get('Vary')).toBe('Accept-Language')
    expect(anon.response.headers.get('Cache-Control')).toMatch(/^public/)
    expect(anon.html).toMatch(/<!-- deltaform output cache: profile "Anon", Public, stored \S+, expires \S+ -->/)
    expect((await get(a, '/p.aspx', { 'Accept-Language': 'de' })).outcome).toBe('miss')
    expect((await get(a, '/p.aspx', { 'Accept-Language': 'en' })).outcome).toBe('hit')

    const member = await get(a, '/p.aspx', { 'x-user': 'ann', 'x-rights': 'read' })
    expect(member.outcome).toBe('miss')
    expect(member.response.headers.get('Cache-Control')).toMatch(/^private, max-age=/) // never public for signed-in users
    expect((await get(a, '/p.aspx', { 'x-user': 'bob', 'x-rights': 'read' })).outcome).toBe('hit')
    expect((await get(a, '/p.aspx', { 'x-user': 'cy', 'x-rights': 'read,approve' })).outcome).toBe('miss')
    const editor = await get(a, '/p.aspx', { 'x-user': 'editor', 'x-rights': 'read' })
    expect(editor.outcome).toBeNull() // writers get fresh pages unless the profile allows otherwise
  })

  it('drops copies made under a "check for changes" profile when the content changes', async () => {
    const a = app({
      config: { outputCache: { anonymousProfile: 'Site', profiles: { Site: { duration: 300, checkForChanges: true } } } },
      pages: { '/s.aspx': { markup: '<p>site</p>' } },
    })
    await get(a, '/s.aspx')
    expect((await get(a, '/s.aspx')).outcome).toBe('hit')
    expect((await get(a, '/s.aspx')).response.headers.get('Cache-Control')).toBe('no-cache')
    await a.contentChanged()
    expect((await get(a, '/s.aspx')).outcome).toBe('miss')
  })

  it('names a bad OutputCache directive with its file and line', async () => {
    const a = app({ pages: { '/bad.aspx': { markup: '<p>\n<%@ OutputCache Duration="soon" %>', file: 'bad.aspx' } } })
    const response = await a.request('/bad.aspx')
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('OutputCache Duration=&quot;soon&quot; is not a number of seconds.')
  })
})
