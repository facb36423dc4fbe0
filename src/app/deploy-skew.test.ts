import { afterAll, describe, expect, it } from 'vitest'
import { FormClient } from '../testing/form-client.ts'
import { createApp } from './create-app.ts'

// A page rendered by one build and posted back to the next (a deploy between the two, or an
// edited page in development) reloads instead of applying old state to a changed page.
const key = '4d'.repeat(32)
const markup = (label: string) =>
  `<form id="form1" runat="server"><asp:ScriptManager ID="ScriptManager1" runat="server" />
  <asp:UpdatePanel ID="Panel" runat="server"><ContentTemplate><asp:Button ID="Go" runat="server" Text="${label}" /></ContentTemplate></asp:UpdatePanel></form>`
const before = createApp({ key, mode: 'production', pages: { '/p.aspx': { markup: markup('Go') } } })
const after = createApp({ key, mode: 'production', pages: { '/p.aspx': { markup: markup('Go now') } } })
afterAll(async () => {
  await before.close()
  await after.close()
})

async function renderedByOldBuild() {
  let target = before
  const client = new FormClient((r) => target.request(r))
  await client.get('/p.aspx?x=1')
  target = after
  return client
}

describe('deploy skew', () => {
  it('redirects a full postback made by the old build to the page itself', async () => {
    const client = await renderedByOldBuild()
    await client.click('Go')
    expect(client.status).toBe(302)
    expect(client.location).toBe('/p.aspx?x=1')
  })

  it('answers an async postback made by the old build with a pageRedirect record', async () => {
    const client = await renderedByOldBuild()
    const records = await client.asyncPostBack('ScriptManager1', { panels: ['Panel'], source: 'Go', submitter: ['Go', 'Go'] })
    expect(records.map((r) => r.type)).toEqual(['#', 'pageRedirect'])
    expect(decodeURIComponent(records[1]!.content)).toBe('/p.aspx?x=1')
  })

  it('answers a callback made by the old build with an error naming the field, so the client can reload', async () => {
    const client = await renderedByOldBuild()
    const answer = await client.callback('__Page', 'x')
    expect(answer).toBe('eThe __VIEWSTATEGENERATOR field names another build of this page: it was updated on the server since it was loaded; reload the page.')
  })

  it('still posts back normally within one build', async () => {
    const client = new FormClient((r) => after.request(r))
    await client.get('/p.aspx')
    await client.click('Go')
    expect(client.status).toBe(200)
  })
})
