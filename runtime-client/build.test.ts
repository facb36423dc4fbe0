// The browser bundle: builds, stays small, contains no eval, and works once minified.
import { describe, expect, it } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { buildClient } from './build.ts'
import { click, fakeFetch, form, page } from './test-dom.ts'

describe('buildClient', () => {
  it('builds a minified IIFE once per process, hashed, under 8 KiB gzipped', async () => {
    const build = await buildClient()
    console.log(`runtime-client bundle: ${build.code.length} bytes minified, ${build.gzipBytes} bytes gzipped (goal 6144)`)
    expect(build.hash).toMatch(/^[0-9a-f]{8}$/)
    expect(build.code.startsWith('(()=>{')).toBe(true)
    expect(build.gzipBytes).toBeGreaterThan(1000)
    expect(build.gzipBytes).toBeLessThan(8 * 1024)
    expect(build.code).not.toMatch(/\beval\(|new Function|Function\(/)
    expect(await buildClient()).toBe(build)
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
