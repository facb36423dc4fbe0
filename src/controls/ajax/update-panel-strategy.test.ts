// UpdatePanel UpdateStrategy and FocusPolicy on the server: data attributes only when not the
// default, and the morph part referenced only by pages that need it.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { FormClient } from '../../testing/form-client.ts'

const key = '34'.repeat(32)

function appWith(panelAttrs: string, inner = '') {
  return createApp({
    key,
    pages: {
      '/p.aspx': {
        markup: `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
          <asp:UpdatePanel ID="Outer" runat="server"><ContentTemplate>
            <asp:Button ID="Go" runat="server" Text="Go" />
            <asp:UpdatePanel ID="UP" runat="server" ${panelAttrs}><ContentTemplate>x${inner}</ContentTemplate></asp:UpdatePanel>
          </ContentTemplate></asp:UpdatePanel></form>`,
      },
    },
  })
}

async function open(panelAttrs: string) {
  const app = appWith(panelAttrs)
  const client = new FormClient((r) => app.request(r))
  await client.get('/p.aspx')
  return client
}

const morphScript = /<script src="\/__deltaform\/morph\.[0-9a-f]{8}\.js"><\/script>/

describe('UpdatePanel UpdateStrategy and FocusPolicy', () => {
  it('renders the panel as ASP.NET does, without the morph part, by default', async () => {
    const client = await open('')
    expect(client.html).toContain('<div id="UP">')
    expect(client.html).not.toMatch(/data-update-strategy|data-focus-policy|\/__deltaform\/morph\./)
  })

  it('Morph: a data attribute and the morph part after the core', async () => {
    const client = await open('UpdateStrategy="Morph"')
    expect(client.html).toContain('<div id="UP" data-update-strategy="morph">')
    expect(client.html).toMatch(morphScript)
    expect(client.html.indexOf('/__deltaform/client.')).toBeLessThan(client.html.search(morphScript))
  })

  it('FocusPolicy FirstInvalid and Heading (case-insensitive markup) also load the part', async () => {
    const invalid = await open('FocusPolicy="FirstInvalid"')
    expect(invalid.html).toContain('<div id="UP" data-focus-policy="first-invalid">')
    expect(invalid.html).toMatch(morphScript)
    const heading = await open('focuspolicy="heading" UpdateStrategy="Morph"')
    expect(heading.html).toContain('<div id="UP" data-update-strategy="morph" data-focus-policy="heading">')
  })

  it('an async postback re-rendering the Morph panel inside its parent includes the part, once', async () => {
    const client = await open('UpdateStrategy="Morph"')
    const records = await client.asyncPostBack('SM', { panels: ['Outer'], source: 'Go', submitter: ['Go', 'Go'] })
    const includes = records.filter((r) => r.type === 'scriptBlock' && r.id === 'ScriptPath' && /\/morph\./.test(r.content))
    expect(includes).toHaveLength(1)
    expect(records.find((r) => r.type === 'updatePanel')!.content).toContain('<div id="UP" data-update-strategy="morph">')
  })

  it('refuses an unknown value with a message naming it', async () => {
    const app = appWith('UpdateStrategy="Patch"')
    const response = await app.request('/p.aspx')
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(await response.text()).toMatch(/Patch/)
  })
})
