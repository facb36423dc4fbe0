import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../app/create-app.ts'
import { Page } from '../page/page.ts'
import { createTestPage } from '../testing/test-page.ts'
import { FormClient } from '../testing/form-client.ts'
import type { Label } from './label.ts'

let built = 0
let clicks = 0

class News extends Page {
  declare Outside: Label
  Stamp_Load(sender: Label) {
    built++
    sender.text = `built ${built}`
  }
  More_Click() {
    clicks++
  }
  Bump_Click() {
    this.Outside.text = `outside ${Date.now()}`
  }
}

const markup = `<html><body><form id="form1" runat="server">
<asp:ScriptManager ID="ScriptManager1" runat="server" />
<asp:UpdatePanel ID="Panel" runat="server"><ContentTemplate>
  <asp:Label ID="Outside" runat="server" Text="outside" />
  <asp:CachedRegion ID="Headlines" runat="server" Duration="60" VaryByParam="region" Tags="news">
    <asp:Label ID="Stamp" runat="server" OnLoad="Stamp_Load" />
    <asp:LinkButton ID="More" runat="server" Text="More" OnClick="More_Click" />
  </asp:CachedRegion>
  <asp:Button ID="Bump" runat="server" Text="Bump" OnClick="Bump_Click" />
</ContentTemplate></asp:UpdatePanel>
</form></body></html>`

const app = createApp({ pages: { '/news.aspx': { markup, codeBehind: News } }, key: 'ab'.repeat(32), mode: 'development' })
afterAll(() => app.close())
const stamp = (html: string) => /<span id="Stamp">([^<]*)<\/span>/.exec(html)?.[1]

describe('CachedRegion', () => {
  it('renders its children once per VaryByParam value and serves the stored HTML after that', async () => {
    const start = built
    const a = await (await app.request('/news.aspx?region=eu')).text()
    const b = await (await app.request('/news.aspx?region=eu')).text()
    const c = await (await app.request('/news.aspx?region=us')).text()
    expect(built - start).toBe(2)
    expect(stamp(b)).toBe(stamp(a))
    expect(stamp(c)).not.toBe(stamp(a))
  })

  it('is served from the cache inside a refreshing UpdatePanel, and its links stay valid targets', async () => {
    const page = await createTestPage(app, '/news.aspx?region=asia')
    const first = page.text('Stamp')
    const before = built
    await page.click('Bump')
    expect(page.lastRequest).toBe('async')
    expect(page.refreshedPanels).toEqual(['Panel'])
    expect(page.text('Stamp')).toBe(first)
    expect(built).toBe(before)
    // A postback to a control in the region runs it afresh, so the handler runs.
    const clicked = clicks
    await page.doPostBack('More')
    expect(page.error).toBeNull()
    expect(clicks).toBe(clicked + 1)
  })

  it('is cleared by its tag', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/news.aspx?region=africa')
    const first = client.text('Stamp')
    await app.cache.invalidate('news')
    await client.get('/news.aspx?region=africa')
    expect(client.text('Stamp')).not.toBe(first)
  })
})
