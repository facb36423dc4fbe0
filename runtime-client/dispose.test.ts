// Disposing a replaced panel: what is inside goes (once, last first), what is outside stays, and
// a panel of plain markup is never walked (PROTOCOL.md §4.6).
import { describe, expect, it, vi } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { PageRequestManager } from './prm.ts'
import { click, fakeFetch, form, page } from './test-dom.ts'

const g = globalThis as any

const answer = (panelHtml: string) =>
  encodeRecord('#', '', '4') +
  encodeRecord('updatePanel', 'UpdatePanel1', panelHtml) +
  encodeRecord('asyncPostBackControlIDs', '', '') +
  encodeRecord('postBackControlIDs', '', '') +
  encodeRecord('updatePanelIDs', '', 'tUpdatePanel1,UpdatePanel1') +
  encodeRecord('childUpdatePanelIDs', '', '') +
  encodeRecord('panelsToRefreshIDs', '', 'UpdatePanel1,UpdatePanel1')

const button = '<input type="submit" name="B" id="B" value="b" />'

/** A page with UpdatePanel1 (holding `inside`) and `outside` after it, initialized. */
function panelPage(inside: string, outside = '') {
  const sent = fakeFetch()
  const p = page(form(`<div id="UpdatePanel1">${inside}${button}</div>${outside}`))
  PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
  return { ...p, sent, panel: p.$('UpdatePanel1') }
}

/** A component type for $create that logs its disposal under its element's id. */
function logging(log: string[]) {
  return function Comp(this: any, el: any) {
    this.get_id = () => el.id
    this.dispose = () => log.push('dispose ' + el.id)
  }
}

describe('disposing a replaced panel', () => {
  it('disposes the components inside it, innermost and last first, each once, and unregisters them; those outside stay', async () => {
    const { $, sent } = panelPage('<div id="Outer"><span id="Inner"></span></div><b id="Last"></b>', '<i id="Keep"></i>')
    const log: string[] = []
    const Comp = logging(log)
    const outer = g.$create(Comp, {}, null, null, $('Outer'))
    g.$create(Comp, {}, null, null, $('Inner'))
    g.$create(Comp, {}, null, null, $('Keep'))
    // Page code's own expandos: a control (also $create'd, so listed twice), behaviors, an element dispose().
    $('Outer').control = outer
    $('Last')._behaviors = [{ dispose: () => log.push('behavior 1 Last') }, { dispose: () => log.push('behavior 2 Last') }]
    $('Last').dispose = () => log.push('element Last')
    $('Inner')._components = [{ dispose: () => log.push('component Inner') }]
    click($('B'), true)
    await sent[0].reply(answer('<span id="Fresh"></span>' + button))
    expect(log).toEqual(['element Last', 'behavior 2 Last', 'behavior 1 Last', 'component Inner', 'dispose Inner', 'dispose Outer'])
    expect(g.Sys.Application.getComponents().map((c: any) => c.get_id())).toEqual(['Keep'])
    expect(g.$find('Outer')).toBeNull()
    expect(g.$find('Keep')).not.toBeNull()

    // Gone with the panel: a second replacement disposes nothing again.
    click($('B'), true)
    await sent[1].reply(answer(''))
    expect(log).toHaveLength(6)
  })

  it('disposes the Timer of a replaced panel (its control expando) once, and leaves the UpdateProgress outside alone', async () => {
    const { $, sent } = panelPage('<span id="Timer1"></span>', '<div id="Progress1" style="display:none;"></div>')
    const timer = g.$create(g.Sys.UI._Timer, { enabled: false, interval: 1000, uniqueID: 'Timer1' }, null, null, $('Timer1'))
    const progress = g.$create(g.Sys.UI._UpdateProgress, { displayAfter: 0 }, null, null, $('Progress1'))
    const stop = vi.spyOn(timer, 'dispose')
    const keep = vi.spyOn(progress, 'dispose')
    click($('B'), true)
    await sent[0].reply(answer(''))
    expect(stop).toHaveBeenCalledTimes(1)
    expect(keep).not.toHaveBeenCalled()
    expect($('Progress1').control).toBe(progress)
    expect(g.$find('Progress1')).toBe(progress)
  })

  it('does not walk a panel of plain markup: no querySelectorAll, no getElementsByTagName, no descendant looked at', async () => {
    const { $, sent, panel } = panelPage('<table>' + '<tr><td>1</td><td><a href="#">x</a></td></tr>'.repeat(50) + '</table>')
    const walks = [vi.spyOn(panel, 'querySelectorAll'), vi.spyOn(panel, 'getElementsByTagName'), vi.spyOn(panel, 'contains')]
    const cell = panel.querySelector('td')
    const proto = Object.getPrototypeOf(cell)
    const looked = vi.fn()
    // Reading a cell's dispose/control would go through these (the runtime's own accessors are on Element.prototype).
    Object.defineProperty(proto, 'control', { configurable: true, get: looked })
    Object.defineProperty(proto, 'dispose', { configurable: true, get: looked })
    walks.forEach((w) => w.mockClear())
    click($('B'), true)
    await sent[0].reply(answer('<p id="New">new</p>'))
    delete proto.control
    delete proto.dispose
    expect($('New')).not.toBeNull()
    for (const w of walks) expect(w).not.toHaveBeenCalled()
    expect(looked).not.toHaveBeenCalled()
  })

  it('looks only at the elements holding something: one contains() per component elsewhere on the page', async () => {
    const { $, sent, panel } = panelPage('<p>plain</p>', '<i id="Keep"></i><b id="Other"></b>')
    const log: string[] = []
    g.$create(logging(log), {}, null, null, $('Keep'))
    $('Other').control = { dispose: () => log.push('Other') }
    const contains = vi.spyOn(panel, 'contains')
    click($('B'), true)
    await sent[0].reply(answer(''))
    expect(contains).toHaveBeenCalledTimes(2)
    expect(log).toEqual([])
    g.Sys.Application.disposeElement($('Other'), false)
    expect(log).toEqual(['Other'])
  })

  it('keeps plain-assignment semantics for the watched expandos', () => {
    const { $ } = panelPage('<span id="S"></span>')
    const el = $('S')
    expect(el.control).toBeUndefined()
    expect(Object.keys(el)).not.toContain('control')
    const c = { dispose() {} }
    el.control = c
    el.control = null
    el.control = c
    expect(el.control).toBe(c)
    expect(Object.getOwnPropertyDescriptor(el, 'control')).toMatchObject({ value: c, writable: true, enumerable: true })
    expect($('B').control).toBeUndefined()
  })

  it('still runs the panel’s scriptDispose records before replacing it', async () => {
    const { $, sent } = panelPage('<span id="W"></span>')
    const log: string[] = []
    // linkedom does not run scripts: record the inline ones the runtime adds to <head>.
    const head = g.document.head
    const append = head.appendChild.bind(head)
    head.appendChild = (s: any) => (log.push('script ' + s.text), append(s))
    PageRequestManager.getInstance()._registerDisposeScript('UpdatePanel1', 'disposeW()')
    $('W').control = { dispose: () => log.push('control') }
    click($('B'), true)
    await sent[0].reply(answer(''))
    expect(log).toEqual(['script disposeW()', 'control'])
  })
})
