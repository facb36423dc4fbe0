// The Sys core: Application, $create/$find, disposeElement, the serializer, UpdateProgress, Timer.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { PageRequestManager } from './prm.ts'
import { deserialize } from './sys.ts'
import { click, fakeFetch, form, page, settle } from './test-dom.ts'

const g = globalThis as any
afterEach(() => vi.useRealTimers())

describe('Sys.Application', () => {
  it('runs init handlers once, then load + pageLoad (isPartialLoad false); add_init after that runs at once', async () => {
    page('')
    const app = g.Sys.Application
    const log: string[] = []
    app.add_init(() => log.push('init'))
    app.add_load((_s: unknown, a: any) => log.push('load ' + a.get_isPartialLoad()))
    g.pageLoad = (_s: unknown, a: any) => log.push('pageLoad ' + a.get_isPartialLoad())
    app.initialize()
    app.initialize()
    expect(log).toEqual([]) // next tick (document already parsed)
    await new Promise((r) => setTimeout(r))
    expect(log).toEqual(['init', 'load false', 'pageLoad false'])
    app.add_init(() => log.push('late init'))
    expect(log.at(-1)).toBe('late init')
    app.raiseLoad()
    expect(log.slice(-2)).toEqual(['load true', 'pageLoad true'])
  })

  it('$create: new type(element), set_ setters or fields, events, registration, initialize; $find; disposeElement', () => {
    const { $ } = page('<div id="P"><span id="C1"></span><b id="B"></b></div><i id="Keep"></i>')
    const log: string[] = []
    function Comp(this: any, el: any) {
      this.el = el
      this.set_size = (v: number) => log.push('size ' + v)
      this.add_changed = (h: unknown) => log.push('changed ' + typeof h)
      this.initialize = () => log.push('init ' + el.id)
      this.dispose = () => log.push('dispose ' + el.id)
    }
    const c = g.$create(Comp, { size: 3, color: 'red' }, { changed: () => {} }, null, $('C1'))
    expect(c.color).toBe('red')
    expect(g.$find('C1')).toBe(c)
    g.$create(Comp, {}, null, null, $('Keep'))
    $('B').control = { dispose: () => log.push('control B') }
    $('B')._behaviors = [{ dispose: () => log.push('behavior B') }]
    g.Sys.Application.disposeElement($('P'), true)
    expect(log).toEqual(['size 3', 'changed function', 'init C1', 'init Keep', 'control B', 'behavior B', 'dispose C1'])
    expect(g.$find('C1')).toBeNull()
    expect(g.$find('Keep')).not.toBeNull()
    expect(g.$get('B', $('P'))).toBe($('B'))
  })
})

describe('JavaScriptSerializer.deserialize', () => {
  it('parses JSON and the Microsoft date form (escaped slashes only), without eval', () => {
    const v = deserialize('{"a":"\\/Date(1500000000000)\\/","b":"\\/Date(-5+0100)\\/","c":"/Date(1)/","d":"x\\"\\/Date(2)\\/\\"","e":["\\/Date(0)\\/"]}')
    expect(v.a).toEqual(new Date(1500000000000))
    expect(v.b).toEqual(new Date(-5))
    expect(v.c).toBe('/Date(1)/')
    expect(v.d).toBe('x"/Date(2)/"')
    expect(v.e[0]).toEqual(new Date(0))
    expect(deserialize('"\\/Date(7)\\/"')).toEqual(new Date(7))
    expect(() => deserialize('alert(1)')).toThrow()
  })
})

const answer = (panelHtml: string, extra = '') =>
  encodeRecord('#', '', '4') +
  encodeRecord('updatePanel', 'UpdatePanel1', panelHtml) +
  encodeRecord('asyncPostBackControlIDs', '', 'Timer1,') +
  encodeRecord('postBackControlIDs', '', '') +
  encodeRecord('updatePanelIDs', '', 'tUpdatePanel1,UpdatePanel1') +
  encodeRecord('childUpdatePanelIDs', '', '') +
  encodeRecord('panelsToRefreshIDs', '', 'UpdatePanel1,UpdatePanel1') +
  extra

function progressPage(props: string) {
  const sent = fakeFetch()
  const p = page(
    form(`<div id="UpdatePanel1"><input type="submit" name="B" id="B" value="b" /></div><div id="Other"><input type="submit" name="B2" id="B2" value="b" /></div>
      <div id="UpdateProgress1" style="display:none;" role="status" aria-hidden="true">Working…</div>`),
  )
  PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1', 'tOther', 'Other'], [], [], 90, '')
  g.$create(g.Sys.UI._UpdateProgress, JSON.parse(props), null, null, p.$('UpdateProgress1'))
  return { ...p, sent, el: p.$('UpdateProgress1') }
}

describe('Sys.UI._UpdateProgress', () => {
  it('shows after displayAfter for its panel, toggling aria-hidden, and hides on endRequest', async () => {
    vi.useFakeTimers()
    const { $, sent, el } = progressPage('{"associatedUpdatePanelId":"UpdatePanel1","displayAfter":500,"dynamicLayout":true}')
    click($('B'), true)
    vi.advanceTimersByTime(499)
    expect(el.style.display).toBe('none')
    vi.advanceTimersByTime(1)
    expect(el.style.display).toBe('block')
    expect(el.getAttribute('aria-hidden')).toBe('false')
    await sent[0].reply(answer('<input type="submit" name="B" id="B" value="b" />'))
    expect(el.style.display).toBe('none')
    expect(el.getAttribute('aria-hidden')).toBe('true')
  })

  it('stays hidden for other panels; DynamicLayout=false uses visibility; no panel → any postback', async () => {
    vi.useFakeTimers()
    let { $, sent, el } = progressPage('{"associatedUpdatePanelId":"UpdatePanel1","displayAfter":10,"dynamicLayout":false}')
    click($('B2'), true)
    vi.advanceTimersByTime(50)
    expect(el.getAttribute('aria-hidden')).toBe('true')
    await sent[0].reply(answer('<input type="submit" name="B" id="B" value="b" />'))
    click($('B'), true)
    vi.advanceTimersByTime(10)
    expect(el.style.visibility).toBe('visible')
    ;({ $, sent, el } = progressPage('{"associatedUpdatePanelId":null,"displayAfter":0,"dynamicLayout":true}'))
    click($('B2'), true)
    vi.advanceTimersByTime(0)
    expect(el.style.display).toBe('block')
    // Response before displayAfter: never shown.
    ;({ $, sent, el } = progressPage('{"associatedUpdatePanelId":null,"displayAfter":100,"dynamicLayout":true}'))
    click($('B2'), true)
    await sent[0].reply(answer(''))
    vi.advanceTimersByTime(200)
    expect(el.style.display).toBe('none')
  })
})

describe('Sys.UI._Timer', () => {
  it('ticks every interval with __doPostBack(uniqueID) and posts a tick that came during a postback after it ends', async () => {
    vi.useFakeTimers()
    const sent = fakeFetch()
    const { $ } = page(form('<span id="Timer1" style="visibility:hidden;display:none;"></span><div id="UpdatePanel1"></div>'))
    PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], ['Timer1', ''], [], 90, '')
    const timer = g.$create(g.Sys.UI._Timer, { enabled: true, interval: 1000, uniqueID: 'Timer1' }, null, null, $('Timer1'))
    expect(timer.get_interval()).toBe(1000)
    vi.advanceTimersByTime(1000)
    expect(sent).toHaveLength(1)
    expect(sent[0].body.startsWith('SM=SM%7CTimer1&__EVENTTARGET=Timer1&')).toBe(true)
    vi.advanceTimersByTime(1000) // a postback is in flight: the tick waits
    expect(sent).toHaveLength(1)
    await sent[0].reply(answer(''))
    expect(sent).toHaveLength(2)
    await sent[1].reply(answer(''))
    vi.advanceTimersByTime(1000)
    expect(sent).toHaveLength(3)
  })

  it('is disposed when its element is replaced with the panel', async () => {
    vi.useFakeTimers()
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UpdatePanel1"><span id="Timer1"></span><input type="submit" name="B" id="B" value="b" /></div>'))
    PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    g.$create(g.Sys.UI._Timer, { enabled: true, interval: 1000, uniqueID: 'Timer1' }, null, null, $('Timer1'))
    click($('B'), true)
    await sent[0].reply(answer('<span id="Timer1"></span>'))
    expect(g.$find('Timer1')).toBeNull()
    expect($('Timer1').control).toBeUndefined()
    vi.advanceTimersByTime(5000)
    expect(sent).toHaveLength(1)
  })

  it('follows set_enabled and the server data item [enabled, interval]', async () => {
    vi.useFakeTimers()
    const sent = fakeFetch()
    const { $ } = page(form('<span id="Timer1"></span><div id="UpdatePanel1"></div>'))
    PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], ['Timer1', ''], [], 90, '')
    const timer = g.$create(g.Sys.UI._Timer, { enabled: false, interval: 100, uniqueID: 'Timer1' }, null, null, $('Timer1'))
    vi.advanceTimersByTime(500)
    expect(sent).toHaveLength(0)
    timer.set_enabled(true)
    vi.advanceTimersByTime(100)
    expect(sent).toHaveLength(1)
    await sent[0].reply(answer('', encodeRecord('dataItemJson', 'Timer1', '[true,1000]')))
    expect(timer.get_interval()).toBe(1000)
    vi.advanceTimersByTime(999)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent).toHaveLength(2)
    await sent[1].reply(answer('', encodeRecord('dataItemJson', 'Timer1', '[false,1000]')))
    vi.advanceTimersByTime(5000)
    expect(sent).toHaveLength(2)
    await settle()
  })
})
