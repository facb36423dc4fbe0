// The browser bundle: builds, stays small, contains no eval, and works once minified.
import { describe, expect, it, vi } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { buildClient, clientPartNames } from './build.ts'
import { click, fakeFetch, form, page } from './test-dom.ts'

describe('buildClient', () => {
  it('builds a minified IIFE core and parts once per process, hashed; the core under 9 KiB gzipped', async () => {
    const build = await buildClient()
    const sizes = clientPartNames.map((name) => `${name} ${build.parts[name].gzipBytes}`).join(', ')
    console.log(`runtime-client core: ${build.code.length} bytes minified, ${build.gzipBytes} bytes gzipped (goal 6144); parts gzipped: ${sizes}`)
    for (const bundle of [build, ...Object.values(build.parts)]) {
      expect(bundle.hash).toMatch(/^[0-9a-f]{8}$/)
      expect(bundle.code.startsWith('(()=>{')).toBe(true)
      expect(bundle.code).not.toMatch(/\beval\(|new Function|Function\(/)
    }
    expect(build.gzipBytes).toBeGreaterThan(1000)
    // A guard against accidental growth, not the goal (bench/ reports that): the core holds the
    // PageRequestManager, delta handling, kept typing/focus and announcements.
    expect(build.gzipBytes).toBeLessThan(9 * 1024)
    expect(await buildClient()).toBe(build)
  })

  it('keeps Timer/UpdateProgress and client callbacks out of the core, and the core out of the parts', async () => {
    const { code, parts } = await buildClient()
    expect(code).not.toMatch(/_Timer|_UpdateProgress|__CALLBACKID|__CALLBACKPARAM/)
    expect(parts.components.code).toMatch(/_Timer/)
    expect(parts.callbacks.code).toMatch(/WebForm_DoCallback/)
    for (const part of Object.values(parts)) expect(part.code).not.toMatch(/PageRequestManagerParserErrorException|_updateControls/)
  })

  it('the minified bundle installs the globals (once) and runs an async postback', async () => {
    const { code } = await buildClient()
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UpdatePanel1"><input type="submit" name="Button1" value="Go" id="Button1" /></div>'), '', false)
    const g = globalThis as any
    new Function(code)() // test harness only: the bundle itself never evaluates code
    const sys = g.Sys
    new Function(code)()
    expect(g.Sys).toBe(sys)
    sys.WebForms.PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    const prm = sys.WebForms.PageRequestManager.getInstance()
    const events: string[] = []
    prm.add_beginRequest(() => events.push('begin'))
    prm.add_endRequest((_s: unknown, a: any) => events.push('end ' + a.get_error() + ' ' + a.get_dataItems().x))
    click($('Button1'), true)
    expect(sent[0].body).toBe('ScriptManager1=UpdatePanel1%7CButton1&__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=%2FwEPDw...&__VIEWSTATEGENERATOR=CA0B0334&__EVENTVALIDATION=%2FwEdAA...&__ASYNCPOST=true&Button1=Go')
    await sent[0].reply(
      encodeRecord('#', '', '4') +
        encodeRecord('updatePanel', 'UpdatePanel1', '<b id="Done">done</b>') +
        encodeRecord('hiddenField', '__VIEWSTATE', 'vs2') +
        encodeRecord('dataItem', 'x', 'y'),
    )
    expect($('Done').textContent).toBe('done')
    expect($('__VIEWSTATE').value).toBe('vs2')
    expect(events).toEqual(['begin', 'end null y'])
    expect(() => sys.WebForms.PageRequestManager._initialize('ScriptManager1', 'form1', [], [], [], 90, '')).toThrow('cannot be initialized more than once')
  })
})

describe('the minified parts with the minified core', () => {
  it('components: $create(Sys.UI._Timer) ticks, and the Timer is disposed with its panel', async () => {
    vi.useFakeTimers()
    try {
      const { code, parts } = await buildClient()
      const sent = fakeFetch()
      const { $ } = page(form('<div id="UpdatePanel1"><span id="Timer1"></span><input type="submit" name="B" value="b" id="B" /></div>'), '', false)
      const g = globalThis as any
      new Function(code)()
      expect(g.Sys.UI._Timer).toBeUndefined()
      new Function(parts.components.code)()
      g.Sys.WebForms.PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
      const timer = g.$create(g.Sys.UI._Timer, { enabled: true, interval: 100, uniqueID: 'Timer1' }, null, null, $('Timer1'))
      expect($('Timer1').control).toBe(timer)
      vi.advanceTimersByTime(100)
      expect(sent[0].body.startsWith('SM=UpdatePanel1%7CTimer1&__EVENTTARGET=Timer1&')).toBe(true)
      await sent[0].reply(encodeRecord('#', '', '4') + encodeRecord('updatePanel', 'UpdatePanel1', '<i id="Done"></i>'))
      expect($('Done')).not.toBeNull()
      expect(g.$find('Timer1')).toBeNull()
      vi.advanceTimersByTime(1000)
      expect(sent).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('callbacks: a __EVENTVALIDATION field the part created is the one the core replaces later (shared internal names)', async () => {
    const { code, parts } = await buildClient()
    const sent = fakeFetch()
    const { $, document } = page('<form id="form1" action="/a.aspx"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="v" /><div id="UpdatePanel1"><input type="submit" name="B" value="b" id="B" /></div></form>', '', false)
    const g = globalThis as any
    new Function(code)()
    new Function(parts.callbacks.code)()
    g.Sys.WebForms.PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    g.WebForm_DoCallback('__Page', 'x', null, null, null, true)
    await sent[0].reply('3|ev1ok')
    expect($('__EVENTVALIDATION').value).toBe('ev1')
    click($('B'), true)
    await sent[1].reply(encodeRecord('#', '', '4') + encodeRecord('hiddenField', '__EVENTVALIDATION', 'ev2'))
    expect($('__EVENTVALIDATION').value).toBe('ev2')
    expect(document.querySelectorAll('span > input[type=hidden]').length).toBe(1)
  })
})
