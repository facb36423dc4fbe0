// The fragment format of partial-page history (ASP.NET's `k=v&k2=v2&&<server state>`).
import { describe, expect, it } from 'vitest'
import { accessors, raise } from './events.ts'
import { installHistory, parseEntry, serializeEntry } from './history.ts'
import { PageRequestManager } from './prm.ts'
import { form, page } from './test-dom.ts'

describe('history entries', () => {
  it('reads client pairs (decoded) and the server state after the first && (as is)', () => {
    expect(parseEntry('tab=a%20b&page=2&&AbC-_x&&y')).toEqual({ tab: 'a b', page: '2', __s: 'AbC-_x&&y' })
    expect(parseEntry('&&SIGNED')).toEqual({ __s: 'SIGNED' })
    expect(parseEntry('')).toEqual({})
  })

  it('skips what the page never writes: empty names or values, a trailing &&, a stray %', () => {
    expect(parseEntry('=x&a=&b=%E0%A4%A&c=1&&')).toEqual({ c: '1' })
    expect(Object.getPrototypeOf(parseEntry('__proto__=x'))).toBe(Object.prototype)
    expect(Object.keys(parseEntry('__proto__=x'))).toEqual(['__proto__'])
  })

  it('writes client pairs then the server state, and reads back what it wrote', () => {
    const state = { tab: 'a b&c', __s: 'SIGNED' }
    expect(serializeEntry(state)).toBe('tab=a%20b%26c&&SIGNED')
    expect(serializeEntry({ __s: 'SIGNED' })).toBe('&&SIGNED')
    expect(serializeEntry({ tab: 'x' })).toBe('tab=x')
    expect(parseEntry(serializeEntry(state))).toEqual(state)
  })
})

// A browser window just big enough for the history part: a session history of URL + state
// entries, scroll, events, and a __doPostBack that records its calls.
function fakeWindow() {
  const { document, $ } = page(form('<input type="hidden" name="SM" id="SM" /><div id="UP"><input type="submit" id="Go" name="Go" value="Go" /></div>'))
  const entries: Array<{ url: string; state: any }> = [{ url: 'http://localhost/h.aspx', state: null }]
  let at = 0
  const listeners: Record<string, Array<(e?: any) => void>> = {}
  const posts: Array<[string, string]> = []
  // Sys.Application lives on between tests: let this test's window install the part again.
  delete (globalThis as any).Sys.Application.addHistoryPoint
  // linkedom has no focus: the focused element is kept here.
  let active: any = null
  for (const el of document.querySelectorAll('input')) el.focus = () => (active = el)
  const blur = () => (active = null)
  const w: any = {
    Sys: (globalThis as any).Sys,
    document: {
      get activeElement() { return active },
      get title() { return document.title },
      set title(v: string) { document.title = v },
      addEventListener() {},
    },
    theForm: $('form1'),
    scrollX: 0,
    scrollY: 0,
    scrollTo(x: number, y: number) {
      w.scrollX = x
      w.scrollY = y
    },
    location: { get href() { return entries[at]!.url } },
    history: {
      get state() { return entries[at]!.state },
      replaceState(state: any) { entries[at]!.state = state },
      pushState(state: any, _title: string, url: string) {
        entries.splice(at + 1, entries.length, { url: new URL(url, entries[at]!.url).href, state })
        at++
      },
    },
    addEventListener(name: string, h: () => void) {
      ;(listeners[name] ||= []).push(h)
    },
    __doPostBack: (target: string, argument: string) => posts.push([target, argument]),
  }
  const go = (delta: number) => {
    at += delta
    for (const h of listeners.popstate || []) h()
  }
  return { w, $, document, entries, posts, go, blur, focused: () => active }
}

const endRequest = (dataItems: Record<string, string> = {}) =>
  raise(PageRequestManager.getInstance(), 'endRequest', accessors({ error: null, dataItems, response: { get_aborted: () => false } }))

describe('installHistory', () => {
  it('adds client history points: fragment, title, navigate handlers; refuses them while history is off', () => {
    const { w, document, entries } = fakeWindow()
    installHistory(w)
    const app = w.Sys.Application
    expect(() => app.addHistoryPoint({ tab: 'b' })).toThrow('history is disabled')
    app.set_enableHistory(true)
    const seen: unknown[] = []
    app.add_navigate((_s: unknown, args: any) => seen.push(args.get_state()))
    app.addHistoryPoint({ tab: 'b c' }, 'Tab B')
    expect(entries.map((e) => e.url)).toEqual(['http://localhost/h.aspx', 'http://localhost/h.aspx#tab=b%20c'])
    expect(app.get_stateString()).toBe('tab=b%20c')
    expect(document.title).toBe('Tab B')
    expect(seen).toEqual([{ tab: 'b c' }])
    expect(w.theForm.getAttribute('action')).toBe('./clock.aspx#tab=b%20c')
  })

  it('a server point (data item) becomes a new entry; Back posts its state to the ScriptManager and restores scroll and focus', async () => {
    const { w, $, entries, posts, go, blur, focused } = fakeWindow()
    installHistory(w)
    const app = w.Sys.Application
    app.setServerId('SM', 'SM')
    app._enableHistoryInScriptManager()
    PageRequestManager._initialize('SM', 'form1', ['tUP', 'UP'], ['SM', 'SM'], [], 90, '')
    // Where the user leaves the first entry.
    w.scrollTo(0, 300)
    $('Go').focus()
    endRequest({ SM: 'S1' })
    expect(entries[1]!.url).toBe('http://localhost/h.aspx#&&S1')
    expect($('SM').value).toBe('S1')
    w.scrollTo(0, 900)
    blur()

    go(-1)
    expect(posts).toEqual([['SM', '']])
    expect($('SM').value).toBe('')
    endRequest()
    expect(w.scrollY).toBe(300)
    expect(focused()).toBe($('Go'))

    go(1)
    expect(posts[1]).toEqual(['SM', 'S1'])
  })

  it('a navigation asked for while a postback is in flight is posted when that one ends (the last entry wins)', async () => {
    const { w, posts, go } = fakeWindow()
    installHistory(w)
    const app = w.Sys.Application
    app.setServerId('SM', 'SM')
    app._enableHistoryInScriptManager()
    PageRequestManager._initialize('SM', 'form1', ['tUP', 'UP'], ['SM', 'SM'], [], 90, '')
    endRequest({ SM: 'S1' })
    endRequest({ SM: 'S2' })
    const prm: any = PageRequestManager.getInstance()
    prm._request = {}
    go(-1)
    go(-1)
    expect(posts).toEqual([])
    prm._request = null
    endRequest()
    await new Promise((r) => setTimeout(r))
    expect(posts).toEqual([['SM', '']])
  })
})
