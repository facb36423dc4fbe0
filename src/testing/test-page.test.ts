import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp, Page } from 'deltaform'
import { CallbackError, createTestPage } from 'deltaform/testing'

const samples = join(import.meta.dirname, '../../samples/pages')
const sample = (file: string) => join(samples, file)

describe('createTestPage on an UpdatePanel page', () => {
  it('posts a click inside a panel asynchronously and applies the delta', async () => {
    const page = await createTestPage(sample('clock.aspx'))
    expect(page.partialRendering).toBe(true)
    const viewState = page.field('__VIEWSTATE')
    await page.click('Button1')
    expect(page.lastRequest).toBe('async')
    expect(page.refreshedPanels).toEqual(['UpdatePanel1'])
    expect(page.records.map((r) => r.type)).toContain('updatePanel')
    expect(page.text('Asked')).toBe('1')
    expect(page.text('Label1')).toMatch(/\d{1,2}:\d{2}:\d{2}/)
    expect(page.field('__VIEWSTATE')).not.toBe(viewState)
    expect(page.viewStateBytes).toBe(page.field('__VIEWSTATE')!.length)
    expect(page.html).toContain('<span id="Asked">1</span>')
  })

  it('posts an AsyncPostBackTrigger outside the panel asynchronously too', async () => {
    const page = await createTestPage(samples, '/clock.aspx')
    await page.click('Refresh')
    await page.click('Refresh')
    expect(page.lastRequest).toBe('async')
    expect(page.refreshedPanels).toEqual(['UpdatePanel1'])
    expect(page.text('Asked')).toBe('2')
  })

  it('follows triggers, PostBackTriggers, nesting and update() on panels.aspx', async () => {
    const page = await createTestPage(sample('panels.aspx'))
    await page.click('BumpBoth')
    expect(page.refreshedPanels.sort()).toEqual(['PanelA', 'PanelAlways', 'PanelB'])
    await page.click('TouchB')
    expect(page.refreshedPanels.sort()).toEqual(['PanelA', 'PanelAlways', 'PanelB'])
    await page.click('BumpInner')
    expect(page.refreshedPanels.sort()).toEqual(['Inner', 'PanelAlways'])
    expect(page.records.find((r) => r.type === 'dataItemJson')?.content).toBe('{"postbacks":3}')
    await page.click('FullA')
    expect(page.lastRequest).toBe('full')
    expect(page.records).toEqual([])
    expect(page.text('CountA')).toBe('2')
    expect(page.text('Postbacks')).toBe('4')
  })

  it('reports errors, focus and follows a redirect', async () => {
    const page = await createTestPage(sample('errors.aspx'))
    await page.click('Throw')
    expect(page.error).toEqual({ status: 500, message: 'Sorry, that failed: The order service did not answer.' })
    await page.change('Name', 'Ada')
    await page.click('Focus')
    expect(page.error).toBeNull()
    expect(page.focus).toBe('Name')
    expect(page.text('Status')).toBe('The name box has the focus.')
    expect(page.element('Name').getAttribute('value')).toBe('Ada')
    await page.click('Redirect')
    expect(page.records.map((r) => r.type)).toContain('pageRedirect')
    expect(page.url).toMatch(/\/counter\.aspx$/)
    expect(page.title).toBe('Counter')
    expect(page.partialRendering).toBe(false)
  })

  it('pages a GridView in a panel with doPostBack', async () => {
    const page = await createTestPage(sample('orders.aspx'))
    await page.doPostBack('PanelOrders', 'Page$2')
    expect(page.lastRequest).toBe('async')
    expect(page.refreshedPanels).toEqual(['OrdersPanel'])
    expect(page.element('PanelOrders').querySelector('tr:nth-child(2) td').textContent).toBe('10050')
  })

  it('posts full postbacks when partial rendering is switched off', async () => {
    const page = await createTestPage(samples, '/clock.aspx?__deltaform_partial=0')
    expect(page.partialRendering).toBe(false)
    await page.click('Button1')
    expect(page.lastRequest).toBe('full')
    expect(page.text('Asked')).toBe('1')
  })
})

describe('createTestPage on pages without a ScriptManager', () => {
  it('clicks buttons and changes fields with full postbacks', async () => {
    const page = await createTestPage(sample('counter.aspx'))
    await page.click('Increment')
    expect(page.lastRequest).toBe('full')
    expect(page.text('Count')).toBe('1')
    await page.change('Step', '5')
    expect(page.lastRequest).toBe('full') // not AutoPostBack: nothing posted yet
    await page.click('Increment')
    expect(page.text('Count')).toBe('6')
    expect(page.text('StepNote')).toBe('Step changed to 5.')
  })

  it('clicks a LinkButton', async () => {
    const page = await createTestPage(sample('postback-linkbutton.aspx'))
    await page.click('SayHello')
    await page.click('SayHello')
    expect(page.text('Clicks')).toBe('2')
  })

  it('fills a form with lists and checkboxes', async () => {
    const page = await createTestPage(sample('register.aspx'))
    await page.change('UserName', 'ada')
    await page.change('Email', 'ada@example.com')
    await page.change('Password', 'secret')
    await page.change('Confirm', 'secret')
    await page.change('Age', '36')
    await page.change('Plan', 'team')
    await page.change('Terms', true)
    await page.click('Register')
    expect(page.text('Result')).toBe('Welcome, ada! Your Team account for ada@example.com is ready.')
  })

  it('makes client callbacks and reports their errors', async () => {
    const page = await createTestPage(sample('callback-employees.aspx'))
    expect(await page.callback('__Page', 'engineering')).toBe('Dino Diaz,Eve Evans')
    expect(page.text('Loads')).toBe('1')
    const time = await createTestPage(sample('callback-time.aspx'))
    expect(await time.callback('__Page', 'time')).toMatch(/\d{1,2}:\d{2}:\d{2}/)
    await expect(time.callback('__Page', 'fail')).rejects.toThrow(CallbackError)
  })
})

describe('createTestPage with an app', () => {
  const app = createApp({
    key: '34'.repeat(32),
    mode: 'development',
    pages: {
      '/pick.aspx': {
        markup: `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
          <asp:UpdatePanel ID="P" runat="server"><ContentTemplate>
            <asp:DropDownList ID="Color" runat="server" AutoPostBack="true">
              <asp:ListItem>red</asp:ListItem><asp:ListItem>blue</asp:ListItem>
            </asp:DropDownList>
            <asp:CheckBox ID="Loud" runat="server" AutoPostBack="true" />
            <asp:Label ID="Out" runat="server" Text="-" />
          </ContentTemplate></asp:UpdatePanel></form>`,
        codeBehind: class extends Page {
          Page_Load() {
            const self = this as any
            self.Out.text = `${self.Color.selectedValue}${self.Loud.checked ? '!' : ''}`
          }
        },
      },
    },
  })

  it('posts AutoPostBack lists and checkboxes inside a panel asynchronously', async () => {
    const page = await createTestPage(app, '/pick.aspx')
    expect(page.text('Out')).toBe('red')
    await page.change('Color', 'blue')
    expect(page.lastRequest).toBe('async')
    expect(page.refreshedPanels).toEqual(['P'])
    expect(page.text('Out')).toBe('blue')
    await page.click('Loud')
    expect(page.text('Out')).toBe('blue!')
    expect(page.requests).toBe(3)
    expect(page.responseBytes).toBeGreaterThan(0)
  })

  it('names a missing control', async () => {
    const page = await createTestPage(app, '/pick.aspx')
    await expect(page.click('Nope')).rejects.toThrow('No element with id "Nope" on http://localhost/pick.aspx.')
    await expect(page.click('Out')).rejects.toThrow('"Out" (<span>) is not a button or link that posts back.')
  })
})
