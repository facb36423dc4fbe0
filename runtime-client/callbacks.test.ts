// Client callbacks against a fake fetch: the body byte for byte, the response forms, the slot
// rules, the snapshot switch, and how they live with async postbacks (PROTOCOL.md §5, §4.8).
import { describe, expect, it, vi } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { buildClient } from './build.ts'
import { installCallbacks } from './callbacks.ts'
import { install } from './install.ts'
import { PageRequestManager } from './prm.ts'
import { click, fakeFetch, form, page, settle } from './test-dom.ts'

const g = globalThis as any
const CT = { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }
const hidden = '__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=%2FwEPDw...&__VIEWSTATEGENERATOR=CA0B0334&'

/** A callback page: the standard form (with __EVENTVALIDATION) around `content`, runtime installed. */
function callbackPage(content = '<input type="text" name="TextBox1" id="TextBox1" value="old" />', action?: string) {
  const sent = fakeFetch()
  const p = page(form(content, action))
  return { ...p, sent, w: g.window }
}

/** An eventCallback / errorCallback pair recording what they receive. */
function recorder() {
  const log: string[] = []
  return {
    log,
    ok: (result: string, ctx: unknown) => log.push(`ok ${result} ${ctx}`),
    err: (message: string, ctx: unknown) => log.push(`err ${message} ${ctx}`),
  }
}

describe('WebForm_DoCallback request', () => {
  it('posts the snapshot, __CALLBACKID, __CALLBACKPARAM and the current __EVENTVALIDATION to the action without its fragment', () => {
    const { w, sent } = callbackPage(
      `<input type="text" name="TextBox1" id="TextBox1" value="a b&amp;c" />
       <input type="checkbox" name="cb1" value="on" checked /><input type="checkbox" name="cb2" value="on" />
       <input type="radio" name="r" value="r1" /><input type="radio" name="r" value="r2" checked />
       <select name="List1" multiple><option value="1">1</option><option value="2" selected>2</option><option value="3" selected>3</option></select>
       <textarea name="ta">x y</textarea>
       <input type="submit" name="Button1" value="Go" /><input type="file" name="up" />`,
      './clock.aspx?q=1#top',
    )
    w.WebForm_DoCallback('__Page', 'arg é', null, null, null, true)
    expect(sent).toHaveLength(1)
    // The select posts its value (the first selected option) once per selected option: WebForms.js's quirk.
    expect(sent[0].body).toBe(
      hidden + 'TextBox1=a%20b%26c&cb1=on&r=r2&List1=2&List1=2&ta=x%20y&__CALLBACKID=__Page&__CALLBACKPARAM=arg%20%C3%A9&__EVENTVALIDATION=%2FwEdAA...',
    )
    expect(sent[0].url).toBe('./clock.aspx?q=1')
    expect(sent[0].method).toBe('POST')
    expect(sent[0].headers).toEqual(CT)
  })

  it('encodes the target, sends a null argument as "null", and adds no __EVENTVALIDATION when the form has none', () => {
    const sent = fakeFetch()
    const { $ } = page('<form id="form1" action="/a.aspx"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="v" /></form>')
    g.window.WebForm_DoCallback('ctl00$Grid1', null, null, null, null, false)
    expect(sent[0].body).toBe('__VIEWSTATE=v&__CALLBACKID=ctl00%24Grid1&__CALLBACKPARAM=null')
    expect($('__EVENTVALIDATION')).toBeNull()
    // Left out by id only: a field with that name but no id is posted twice, as with WebForms.js.
    $('form1').insertAdjacentHTML('beforeend', '<input type="hidden" name="__EVENTVALIDATION" value="x" />')
    g.window.WebForm_DoCallback('T', '', null, null, null, true)
    expect(sent[1].body).toBe('__VIEWSTATE=v&__EVENTVALIDATION=x&__CALLBACKID=T&__CALLBACKPARAM=&__EVENTVALIDATION=x')
  })

  it('takes the form at call time by default; the page-load snapshot with { snapshot: "load" } or __deltaformCallbackSnapshot', () => {
    const { w, $, sent } = callbackPage()
    w.WebForm_InitCallback() // the server's startup script
    expect(w.__theFormPostData).toBe(hidden + 'TextBox1=old&')
    expect(w.__theFormPostCollection).toContainEqual({ name: 'TextBox1', value: 'old' })
    expect(w.__theFormPostCollection.map((f: any) => f.name)).not.toContain('__EVENTVALIDATION')
    $('TextBox1').value = 'new'
    $('__EVENTVALIDATION').value = 'ev2'
    const tail = '__CALLBACKID=T&__CALLBACKPARAM=a&__EVENTVALIDATION=ev2'
    w.WebForm_DoCallback('T', 'a', null, null, null, true)
    w.WebForm_DoCallback('T', 'a', null, null, null, true, { snapshot: 'load' })
    w.__deltaformCallbackSnapshot = 'load'
    w.WebForm_DoCallback('T', 'a', null, null, null, true)
    w.WebForm_DoCallback('T', 'a', null, null, null, true, { snapshot: 'call' })
    expect(sent.map((s) => s.body)).toEqual([
      hidden + 'TextBox1=new&' + tail,
      hidden + 'TextBox1=old&' + tail,
      hidden + 'TextBox1=old&' + tail,
      hidden + 'TextBox1=new&' + tail,
    ])
  })
})

describe('WebForm_DoCallback response', () => {
  it('s<result> → eventCallback(result, context); e<message> → errorCallback(message, context)', async () => {
    const { w, sent } = callbackPage()
    const r = recorder()
    w.WebForm_DoCallback('T', '1', r.ok, 'c1', r.err, true)
    w.WebForm_DoCallback('T', '2', r.ok, 'c2', r.err, true)
    w.WebForm_DoCallback('T', '3', r.ok, 'c3', null, true)
    expect(w.__pendingCallbacks).toHaveLength(3)
    await sent[1].reply('eThere was an error in the callback.', 500)
    await sent[0].reply('sHello|world')
    await sent[2].reply('eno error callback')
    expect(r.log).toEqual(['err There was an error in the callback. c2', 'ok Hello|world c1'])
    expect(w.__pendingCallbacks).toEqual([null, null, null])
  })

  it('<length>|<EV><result>: a non-empty EV updates the field (created when missing), then eventCallback(result)', async () => {
    const { w, $, sent } = callbackPage()
    const r = recorder()
    w.WebForm_DoCallback('T', 'a', r.ok, 'x', r.err, true)
    await sent[0].reply('5|EV123res|ult')
    expect($('__EVENTVALIDATION').value).toBe('EV123')
    w.WebForm_DoCallback('T', 'a', r.ok, 'y', r.err, true)
    expect(sent[1].body.endsWith('&__EVENTVALIDATION=EV123')).toBe(true)
    await sent[1].reply('0|12|3')
    expect($('__EVENTVALIDATION').value).toBe('EV123')
    expect(r.log).toEqual(['ok res|ult x', 'ok 12|3 y'])

    const sent2 = fakeFetch()
    page('<form id="form1" action="/a.aspx"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="v" /></form>')
    g.window.WebForm_DoCallback('T', 'a', r.ok, 'z', r.err, true)
    await sent2[0].reply('2|evok')
    const field = g.document.getElementById('__EVENTVALIDATION')
    expect([field.name, field.value, field.type, field.closest('form').id]).toEqual(['__EVENTVALIDATION', 'ev', 'hidden', 'form1'])
    g.window.WebForm_DoCallback('T', 'a', null, null, null, true)
    expect(sent2[1].body).toBe('__VIEWSTATE=v&__CALLBACKID=T&__CALLBACKPARAM=a&__EVENTVALIDATION=ev')
    expect(r.log.pop()).toBe('ok ok z')
  })

  it('anything else (an HTML error page, no |, a failed request) frees the slot and calls nothing', async () => {
    const { w, $, sent } = callbackPage()
    const r = recorder()
    w.WebForm_DoCallback('T', 'a', r.ok, 'x', r.err, false)
    w.WebForm_DoCallback('T', 'a', r.ok, 'x', r.err, true)
    await sent[0].reply('<!DOCTYPE html><html><head><title>Runtime Error</title></head><body>Server Error in | Application.</body></html>', 500)
    await sent[1].reply('')
    expect(r.log).toEqual([])
    expect(w.__pendingCallbacks).toEqual([null, null])
    expect(w.__synchronousCallBackIndex).toBe(-1)
    expect($('__EVENTVALIDATION').value).toBe('/wEdAA...')
    g.fetch = () => Promise.reject(new TypeError('Failed to fetch'))
    w.WebForm_DoCallback('T', 'a', r.ok, 'x', r.err, true)
    expect(w.__pendingCallbacks[0]).not.toBeNull()
    await settle()
    expect(w.__pendingCallbacks).toEqual([null, null])
    expect(r.log).toEqual([])
  })

  it('a second synchronous callback drops the first one’s result; asynchronous ones keep their slots', async () => {
    const { w, sent } = callbackPage()
    const r = recorder()
    w.WebForm_DoCallback('T', 'a', r.ok, 'sync1', r.err, false)
    w.WebForm_DoCallback('T', 'b', r.ok, 'async', r.err, true)
    expect(w.__synchronousCallBackIndex).toBe(0)
    w.WebForm_DoCallback('T', 'c', r.ok, 'sync2', r.err, false)
    expect(w.__pendingCallbacks.map((c: any) => c && c.context)).toEqual([null, 'async', 'sync2'])
    expect(w.__synchronousCallBackIndex).toBe(2)
    await sent[0].reply('s1')
    await sent[2].reply('s3')
    expect(w.__synchronousCallBackIndex).toBe(-1)
    await sent[1].reply('s2')
    expect(r.log).toEqual(['ok 3 sync2', 'ok 2 async'])
    // Slots are re-used from the first free one.
    w.WebForm_DoCallback('T', 'd', r.ok, 'next', r.err, true)
    expect(w.__pendingCallbacks[0]).toEqual({ eventCallback: r.ok, context: 'next', errorCallback: r.err, async: true })
  })

  it('a callback may start another one from inside its eventCallback', async () => {
    const { w, sent } = callbackPage()
    const log: string[] = []
    w.WebForm_DoCallback('T', 'a', (res: string) => {
      log.push(res)
      w.WebForm_DoCallback('T', 'b', (res2: string) => log.push(res2), null, null, false)
    }, null, null, false)
    await sent[0].reply('sfirst')
    expect(w.__pendingCallbacks[0].context).toBeNull()
    expect(w.__synchronousCallBackIndex).toBe(0)
    await sent[1].reply('ssecond')
    expect(log).toEqual(['first', 'second'])
  })
})

describe('callbacks and async postbacks (§4.8)', () => {
  it('drops callbacks during an async postback, cancels pending ones, and posts the updated view state afterwards', async () => {
    const { w, $, sent } = callbackPage('<div id="UpdatePanel1"><input type="submit" name="Button1" value="Go" id="Button1" /></div>')
    const r = recorder()
    w.WebForm_InitCallback()
    PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    const prm = PageRequestManager.getInstance()
    w.WebForm_DoCallback('T', 'pending', r.ok, 'p', r.err, false)
    click($('Button1'), true)
    expect(prm.get_isInAsyncPostBack()).toBe(true)
    expect(w.__pendingCallbacks).toEqual([null])
    expect(w.__synchronousCallBackIndex).toBe(-1)
    w.WebForm_DoCallback('T', 'during', r.ok, 'd', r.err, true)
    expect(sent).toHaveLength(2) // the pending callback and the async post; nothing for "during"
    await sent[0].reply('sstale')
    await sent[1].reply(encodeRecord('#', '', '4') + encodeRecord('hiddenField', '__VIEWSTATE', 'vs2') + encodeRecord('hiddenField', '__EVENTVALIDATION', 'ev2'))
    expect(prm.get_isInAsyncPostBack()).toBe(false)
    w.WebForm_DoCallback('T', 'after', r.ok, 'a', r.err, true, { snapshot: 'load' })
    expect(sent[2].body).toBe('__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATEGENERATOR=CA0B0334&__VIEWSTATE=vs2&__CALLBACKID=T&__CALLBACKPARAM=after&__EVENTVALIDATION=ev2')
    await sent[2].reply('sfresh')
    expect(r.log).toEqual(['ok fresh a'])
  })
})

describe('installation', () => {
  it('the core leaves the callback globals to the callbacks part, which defines only those the page has not (the original WebForms.js may be loaded)', () => {
    page(form(''), '', false)
    const w = g.window
    install()
    expect(w.WebForm_DoCallback).toBeUndefined()
    expect(w.WebForm_InitCallback).toBeUndefined()
    expect(w.__pendingCallbacks).toBeUndefined()
    const original = (w.WebForm_DoCallback = vi.fn())
    w.__synchronousCallBackIndex = 0
    w.__theFormPostData = 'kept&'
    installCallbacks(w)
    expect(w.WebForm_DoCallback).toBe(original)
    expect(w.__synchronousCallBackIndex).toBe(0)
    expect(w.__theFormPostData).toBe('kept&')
    expect(w.__pendingCallbacks).toEqual([])
    expect(w.__theFormPostCollection).toEqual([])
    expect(typeof w.WebForm_InitCallback).toBe('function')
  })

  it('the minified callbacks part, loaded after the minified core, installs WebForm_DoCallback before the PageRequestManager wraps it', async () => {
    const { code, parts } = await buildClient()
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UpdatePanel1"><input type="submit" name="Button1" value="Go" id="Button1" /></div>'), '', false)
    new Function(code)() // test harness only: the bundles themselves never evaluate code
    new Function(parts.callbacks.code)()
    const w = g.window
    const log: string[] = []
    w.WebForm_InitCallback()
    w.Sys.WebForms.PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    w.WebForm_DoCallback('__Page', 'x', (res: string, ctx: string) => log.push(res + ctx), '!', null, true)
    expect(sent[0].body).toBe(hidden + '__CALLBACKID=__Page&__CALLBACKPARAM=x&__EVENTVALIDATION=%2FwEdAA...')
    expect(sent[0].headers).toEqual(CT)
    await sent[0].reply('3|evXresult')
    expect(log).toEqual(['result!'])
    expect($('__EVENTVALIDATION').value).toBe('evX')
    click($('Button1'), true)
    w.WebForm_DoCallback('__Page', 'dropped', null, null, null, true)
    expect(sent).toHaveLength(2)
  })

  it('a callbacks part that arrives after _initialize (with an async postback) still drops calls during async postbacks and is cancelled by them', async () => {
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UpdatePanel1"><input type="submit" name="Button1" value="Go" id="Button1" /></div>'), '', false)
    const w = g.window
    install()
    PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    installCallbacks(w)
    const r = recorder()
    w.WebForm_DoCallback('T', 'pending', r.ok, 'p', r.err, true)
    click($('Button1'), true)
    expect(w.__pendingCallbacks).toEqual([null])
    w.WebForm_DoCallback('T', 'dropped', r.ok, 'd', r.err, true)
    expect(sent.map((x) => x.body.includes('__CALLBACKPARAM=dropped'))).toEqual([false, false])
    await sent[0].reply('sstale')
    expect(r.log).toEqual([])
  })
})
