// UpdateProgress renders a status region, hidden from assistive technology until shown (the
// role and aria-hidden ASP.NET 4.5's client sets on load, rendered by the server already).
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'

describe('UpdateProgress rendering', () => {
  it('is a role="status" region with aria-hidden="true", display or visibility by DynamicLayout', async () => {
    const app = createApp({
      key: '56'.repeat(32),
      pages: {
        '/p.aspx': {
          markup: `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
            <asp:UpdatePanel ID="UP" runat="server"><ContentTemplate>x</ContentTemplate></asp:UpdatePanel>
            <asp:UpdateProgress ID="A" runat="server" AssociatedUpdatePanelID="UP"><ProgressTemplate>Working</ProgressTemplate></asp:UpdateProgress>
            <asp:UpdateProgress ID="B" runat="server" DynamicLayout="false"><ProgressTemplate>Busy</ProgressTemplate></asp:UpdateProgress></form>`,
        },
      },
    })
    const html = await (await app.request('/p.aspx')).text()
    expect(html).toContain('<div id="A" style="display:none;" role="status" aria-hidden="true">Working</div>')
    expect(html).toContain('<div id="B" style="visibility:hidden;display:block;" role="status" aria-hidden="true">Busy</div>')
  })
})
