// The csp part's delegated listeners, on a linkedom page: data-attribute handlers run as the
// inline ones would have, and a handler that is not one of Deltaform's call forms never runs.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installCspHandlers } from './csp-handlers.ts'
import { form, page } from './test-dom.ts'

const g = globalThis as any

function setup(content: string, warn = false) {
  const p = page(form(content), '', false)
  const calls: unknown[][] = []
  g.window.__doPostBack = (...args: unknown[]) => calls.push(['__doPostBack', ...args])
  g.window.WebForm_FireDefaultButton = (event: unknown, id: string) => (calls.push(['WebForm_FireDefaultButton', id]), !event)
  g.window.WebForm_OnSubmit = () => (calls.push(['WebForm_OnSubmit']), true)
  installCspHandlers(p.document, warn)
  const fire = (el: any, type: string) => {
    const e = new g.window.Event(type, { bubbles: true, cancelable: true })
    el.dispatchEvent(e)
    return e
  }
  return { ...p, calls, fire }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('installCspHandlers', () => {
  it('runs a link\'s data-df-href after its handlers and keeps the browser from following "#"', () => {
    const { $, calls, fire } = setup(`<a id="L" href="#" data-df-href="__doPostBack('L','')"><b id="Inner">go</b></a>`)
    const e = fire($('Inner'), 'click')
    expect(calls).toEqual([['__doPostBack', 'L', '']])
    expect(e.defaultPrevented).toBe(true)
  })

  it('an onclick returning false cancels the link; ancestors\' handlers run innermost first', () => {
    const { $, calls, fire } = setup(
      `<div data-df-onclick="__doPostBack('Outer','')"><a id="L" href="#" data-df-onclick="__doPostBack('First','');return false;" data-df-href="__doPostBack('L','')">go</a></div>`,
    )
    const e = fire($('L'), 'click')
    expect(calls).toEqual([['__doPostBack', 'First', ''], ['__doPostBack', 'Outer', '']])
    expect(e.defaultPrevented).toBe(true)
  })

  it('AutoPostBack onchange: the string timer runs as a function timer', () => {
    vi.useFakeTimers()
    const { $, calls, fire } = setup(`<select id="S" name="S" data-df-onchange="setTimeout('__doPostBack(\\'S\\',\\'\\')', 0)"><option>a</option></select>`)
    fire($('S'), 'change')
    expect(calls).toEqual([])
    vi.advanceTimersByTime(0)
    expect(calls).toEqual([['__doPostBack', 'S', '']])
  })

  it('a default button onkeypress gets the event; its false cancels the keypress', () => {
    const { $, calls, fire } = setup(`<div data-df-onkeypress="javascript:return WebForm_FireDefaultButton(event, 'Find')"><input id="Q" name="Q" /></div>`)
    expect(fire($('Q'), 'keypress').defaultPrevented).toBe(true)
    expect(calls).toEqual([['WebForm_FireDefaultButton', 'Find']])
  })

  it("the form's data-df-onsubmit becomes its onsubmit property, which __doPostBack calls", () => {
    const p = page(`<form id="form1" data-df-onsubmit="javascript:return WebForm_OnSubmit();"></form>`, '', false)
    let submits = 0
    g.window.WebForm_OnSubmit = () => (submits++, false)
    installCspHandlers(p.document, false)
    expect(p.$('form1').onsubmit({})).toBe(false)
    expect(submits).toBe(1)
  })

  it("sets the form's onsubmit once: after the PageRequestManager took it over, not again on DOMContentLoaded", () => {
    const p = page(`<form id="form1" data-df-onsubmit="javascript:return WebForm_OnSubmit();"></form>`, '', false)
    let loading = true
    Object.defineProperty(p.document, 'readyState', { get: () => (loading ? 'loading' : 'complete') })
    installCspHandlers(p.document, false)
    const taken = p.$('form1').onsubmit
    expect(typeof taken).toBe('function')
    p.$('form1').onsubmit = null // as _initialize does, keeping it in _onsubmit
    loading = false
    p.document.dispatchEvent(new g.window.Event('DOMContentLoaded'))
    expect(p.$('form1').onsubmit).toBeNull()
  })

  it('user code (not a call form) never runs: the click is cancelled, the link not followed, and a development warning names the element', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { $, calls, fire } = setup(`<a id="Guarded" href="#" data-df-onclick="return confirm('Sure?')" data-df-href="__doPostBack('Guarded','')">x</a>`, true)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toContain('<a id="Guarded">')
    expect(String(warn.mock.calls[0]![0])).toContain("return confirm('Sure?')")
    g.window.confirm = () => {
      throw new Error('must not run')
    }
    const e = fire($('Guarded'), 'click')
    expect(e.defaultPrevented).toBe(true)
    expect(calls).toEqual([])
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('without development warnings stays silent', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { $, fire } = setup(`<button id="B" data-df-onclick="alert(1)">x</button>`)
    fire($('B'), 'click')
    expect(warn).not.toHaveBeenCalled()
  })
})
