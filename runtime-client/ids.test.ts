// _updateControls (PROTOCOL.md §1.1) and the async-or-full DOM walk (§1.3).
import { describe, expect, it } from 'vitest'
import { getPostBackSettings, processArrays } from './ids.ts'
import { PageRequestManager } from './prm.ts'
import { fakeFetch, form, page } from './test-dom.ts'

describe('_updateControls', () => {
  it('reads version4 pairs: t/f prefix, UniqueID, ClientID or AutoID ($ → _); timeout seconds → ms', () => {
    const prm = new PageRequestManager()
    prm._updateControls(['tUP1', 'UP1ClientID', 'fNC1$UP2', ''], ['Btn1', 'Btn1Client', 'NC1$Btn2', ''], ['Full$1', ''], 30, true)
    expect(prm._updatePanelIDs).toEqual(['UP1', 'NC1$UP2'])
    expect(prm._updatePanelClientIDs).toEqual(['UP1ClientID', 'NC1_UP2'])
    expect(prm._updatePanelHasChildrenAsTriggers).toEqual([true, false])
    expect(prm._asyncPostBackControlIDs).toEqual(['Btn1', 'NC1$Btn2'])
    expect(prm._asyncPostBackControlClientIDs).toEqual(['Btn1Client', 'NC1_Btn2'])
    expect(prm._postBackControlIDs).toEqual(['Full$1'])
    expect(prm._postBackControlClientIDs).toEqual(['Full_1'])
    expect(prm._asyncPostBackTimeout).toBe(30000)
  })

  it('reads the 3.5 single-ID format', () => {
    const prm = new PageRequestManager()
    prm._updateControls(['tUP1', 'fNC1$UP2'], ['Btn1'], ['NC1$Full'], '90')
    expect(prm._updatePanelIDs).toEqual(['UP1', 'NC1$UP2'])
    expect(prm._updatePanelClientIDs).toEqual(['UP1', 'NC1_UP2'])
    expect(prm._updatePanelHasChildrenAsTriggers).toEqual([true, false])
    expect(prm._asyncPostBackControlClientIDs).toEqual(['Btn1'])
    expect(prm._postBackControlClientIDs).toEqual(['NC1_Full'])
    expect(prm._asyncPostBackTimeout).toBe(90000)
  })

  it('keeps the timeout when none is given, and _initialize passes the bootstrap arrays as version4', () => {
    page(form('<div id="UpdatePanel1"></div>'))
    const prm = PageRequestManager.getInstance()
    PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1', 'fOuter$Inner', 'Outer_Inner'], ['Refresh', 'Refresh'], ['FullButton', 'FullButton'], 90, '')
    expect(prm._updatePanelIDs).toEqual(['UpdatePanel1', 'Outer$Inner'])
    expect(prm._updatePanelClientIDs).toEqual(['UpdatePanel1', 'Outer_Inner'])
    expect(prm._asyncPostBackTimeout).toBe(90000)
    prm._updateControls([], [], [], null, true)
    expect(prm._asyncPostBackTimeout).toBe(90000)
    expect(() => PageRequestManager._initialize('ScriptManager1', 'form1', [], [], [], 90, '')).toThrow(
      'Sys.InvalidOperationException: The PageRequestManager cannot be initialized more than once.',
    )
  })
})

describe('getPostBackSettings (DOM walk)', () => {
  const setup = () => {
    const { $ } = page(`
      <div id="Outer"><div id="Outer_Inner">
        <input id="InInner" name="InInner" />
        <div id="NoCat"><input id="InNoCat" name="InNoCat" /></div>
        <span id="Async1"><input id="InAsyncInPanel" name="Async1$x" /></span>
      </div><input id="InOuter" name="InOuter" /></div>
      <span id="Async2"><a id="InAsync">x</a></span>
      <span id="Full1"><a id="InFull">x</a></span>
      <div id="Grid1_ctl02"><a id="Grid1_ctl02_Edit">near async</a></div>
      <div id="Pb_ctl03"><a id="Pb_ctl03_Del">near full</a></div>
      <div id="UPx"><span id="Full2"><a id="FullInPanel">x</a></span><div id="Grid1_z"><a id="NearAsyncInPanel">x</a></div></div>
      <a id="Nowhere">x</a>`)
    const lists = processArrays(
      ['tOuter', '', 'tOuter$Inner', '', 'fNoCat', '', 'tUPx', ''],
      ['Async1', '', 'Async2', '', 'Grid1', ''],
      ['Full1', '', 'Pb', '', 'Full2', ''],
      true,
    )
    return { $, lists }
  }

  it('nearest panel wins; ChildrenAsTriggers false → async without panels', () => {
    const { $, lists } = setup()
    expect(getPostBackSettings(lists, $('InInner'), 'InInner')).toEqual({ async: true, panelsToUpdate: ['Outer$Inner'], asyncTarget: 'InInner', sourceElement: $('InInner') })
    expect(getPostBackSettings(lists, $('InOuter'), 'InOuter').panelsToUpdate).toEqual(['Outer'])
    const noCat = getPostBackSettings(lists, $('InNoCat'), 'InNoCat')
    expect(noCat.async).toBe(true)
    expect(noCat.panelsToUpdate).toBeNull()
  })

  it('async control: async with no panels unless a panel encloses it; postback control: full', () => {
    const { $, lists } = setup()
    const a = getPostBackSettings(lists, $('InAsync'), 'Async2')
    expect(a).toEqual({ async: true, panelsToUpdate: null, asyncTarget: 'Async2', sourceElement: $('InAsync') })
    expect(getPostBackSettings(lists, $('InAsyncInPanel'), 'Async1$x').panelsToUpdate).toEqual(['Outer$Inner'])
    expect(getPostBackSettings(lists, $('InFull'), 'Full1').async).toBe(false)
    // A postback control inside a panel wins over the panel (it is met first).
    expect(getPostBackSettings(lists, $('FullInPanel'), 'x').async).toBe(false)
    expect(getPostBackSettings(lists, $('Nowhere'), 'Nowhere')).toMatchObject({ async: false })
  })

  it('near matches: ids starting with <asyncControlClientID>_ or <postBackControlClientID>_', () => {
    const { $, lists } = setup()
    expect(getPostBackSettings(lists, $('Grid1_ctl02_Edit'), 'Grid1$ctl02$Edit')).toMatchObject({ async: true, panelsToUpdate: null, asyncTarget: 'Grid1$ctl02$Edit' })
    expect(getPostBackSettings(lists, $('Pb_ctl03_Del'), 'Pb$ctl03$Del').async).toBe(false)
    // A near async match keeps walking: the enclosing panel decides.
    expect(getPostBackSettings(lists, $('NearAsyncInPanel'), 'n').panelsToUpdate).toEqual(['UPx'])
  })
})

describe('__doPostBack lookup', () => {
  it('exact async UniqueID without element → async; exact postback UniqueID → original __doPostBack with onsubmit restored', () => {
    const sent = fakeFetch()
    page(form(''))
    const w = (globalThis as any).window
    const full: string[] = []
    let onsubmitDuringFull: unknown
    w.__doPostBack = (t: string) => {
      full.push(t)
      onsubmitDuringFull = w.document.getElementById('form1').onsubmit
    }
    const f = w.document.getElementById('form1')
    const onsubmit = () => true
    f.onsubmit = onsubmit
    PageRequestManager._initialize('SM', 'form1', [], ['Ghost$Async', ''], ['Ghost$Full', ''], 90, '')
    expect(f.onsubmit).toBeNull()
    w.__doPostBack('Ghost$Full', '')
    expect(full).toEqual(['Ghost$Full'])
    expect(onsubmitDuringFull).toBe(onsubmit)
    expect(f.onsubmit).toBeNull()
    w.__doPostBack('Ghost$Async', 'a')
    expect(sent[0].body.startsWith('SM=SM%7CGhost%24Async&__EVENTTARGET=Ghost%24Async&__EVENTARGUMENT=a&')).toBe(true)
  })

  it('nearest naming container, then the last active element whose name or href names the target', () => {
    const sent = fakeFetch()
    page(form(`<div id="UP"><table id="Grid"><tr><td><a href="javascript:__doPostBack('Grid$ctl02$Edit','')">edit</a></td></tr></table>
      <select name="Static$List" id="List"></select></div><a id="Out" href="#">x</a>`))
    const w = (globalThis as any).window
    w.__doPostBack = () => {}
    PageRequestManager._initialize('SM', 'form1', ['tUP', ''], [], [], 90, '')
    w.__doPostBack('Grid$ctl02$Edit', '')
    expect(sent[0].body.startsWith('SM=UP%7CGrid%24ctl02%24Edit&')).toBe(true)
    // No element for the target at all: the changed <select> whose name is the target.
    const list = w.document.getElementById('List')
    list.dispatchEvent(new w.Event('change', { bubbles: true }))
    w.__doPostBack('Other$Static$List', '')
    expect(sent).toHaveLength(1) // name differs → full postback
    list.setAttribute('name', 'Other$Static$List')
    list.dispatchEvent(new w.Event('change', { bubbles: true }))
    w.__doPostBack('Other$Static$List', '')
    expect(sent[1].body.startsWith('SM=UP%7COther%24Static%24List&')).toBe(true)
  })
})
