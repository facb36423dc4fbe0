// Concurrency policies render as data-concurrency only when not LastWins: a page with the
// defaults renders as in ASP.NET.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { concurrencyAttribute } from './concurrency.ts'

const markup = (panel: string, timer: string, trigger: string) => `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
  <asp:UpdatePanel ID="UP" runat="server" UpdateMode="Conditional" ${panel}><ContentTemplate>
    <asp:Timer ID="Poll" runat="server" Interval="1000" ${timer} />
  </ContentTemplate><Triggers><asp:AsyncPostBackTrigger ControlID="Refresh" ${trigger} /></Triggers></asp:UpdatePanel>
  <asp:Button ID="Refresh" runat="server" Text="Refresh" /></form>`

const app = createApp({
  key: '3c'.repeat(32),
  pages: {
    '/set.aspx': { markup: markup('Concurrency="Queue"', 'Concurrency="Drop"', 'Concurrency="AbortConflicting"') },
    '/default.aspx': { markup: markup('', '', '') },
    '/explicit-default.aspx': { markup: markup('Concurrency="LastWins"', 'Concurrency="LastWins"', 'Concurrency="LastWins"') },
    '/bad.aspx': { markup: markup('Concurrency="Sometimes"', '', '') },
  },
})
const html = async (path: string) => (await app.request(path)).text()

describe('Concurrency', () => {
  it('renders on the panel, the Timer and the trigger control', async () => {
    const page = await html('/set.aspx')
    expect(page).toContain('<div id="UP" data-concurrency="queue">')
    expect(page).toMatch(/<span id="Poll" style="visibility:hidden;display:none;" data-concurrency="drop">/)
    expect(page).toContain('<input id="Refresh" type="submit" name="Refresh" value="Refresh" data-concurrency="abort-conflicting" />')
  })

  it('renders nothing for LastWins, the default', async () => {
    // The markup apart from the form's action and its signed fields.
    const body = async (path: string) => (await html(path)).replace(/action="[^"]*"|value="[^"]*"/g, '')
    expect(await body('/default.aspx')).not.toContain('data-concurrency')
    expect(await body('/explicit-default.aspx')).toBe(await body('/default.aspx'))
  })

  it('refuses a value it does not know, naming it', async () => {
    const response = await app.request('/bad.aspx')
    expect(response.status).toBe(500)
    expect(await response.text()).toMatch(/Sometimes/)
  })

  it('maps each policy to the client attribute', () => {
    expect(concurrencyAttribute('LastWins')).toEqual({})
    expect(concurrencyAttribute('Queue')).toEqual({ 'data-concurrency': 'queue' })
    expect(concurrencyAttribute('Drop')).toEqual({ 'data-concurrency': 'drop' })
    expect(concurrencyAttribute('AbortConflicting')).toEqual({ 'data-concurrency': 'abort-conflicting' })
  })
})
