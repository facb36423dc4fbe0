// Async postback round trips against a fake fetch: events, concurrency, errors, response application.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { DeltaToken as T, ScriptKind } from '../src/protocol/tokens.ts'
import { PageRequestManager } from './prm.ts'
import { click, fakeFetch, form, page, settle, submit } from './test-dom.ts'

const g = globalThis as any
const lists = (panels = 'tUpdatePanel1,UpdatePanel1', refresh = 'UpdatePanel1,UpdatePanel1') =>
  encodeRecord(T.asyncPostBackControlIDs, '', '') +
  encodeRecord(T.postBackControlIDs, '', '') +
  encodeRecord(T.updatePanelIDs, '', panels) +
  encodeRecord(T.childUpdatePanelIDs, '', '') +
  encodeRecord(T.panelsToRefreshIDs, '', refresh) +
  encodeRecord(T.asyncPostBackTimeout, '', '90')
const delta = (html: string, extra = '') =>
  encodeRecord('#', '', '4') +
  encodeRecord(T.updatePanel, 'UpdatePanel1', html) +
  encodeRecord(T.hiddenField, '__EVENTTARGET', '') +
  encodeRecord(T.hiddenField, '__EVENTARGUMENT', '') +
  encodeRecord(T.hiddenField, '__VIEWSTATE', 'vs1') +
  lists() +
  encodeRecord(T.formAction, '', './clock.aspx?x=1') +
  extra

/** The clock page: a panel with a button, an async trigger outside, a full-postback button. */
function clock() {
  const sent = fakeFetch()
  const p = page(
    form(`<div id="UpdatePanel1"><span id="Label1">0</span><input type="submit" name="Button1" value="Go" id="Button1" /></div>
      <input type="submit" name="Refresh" value="Refresh" id="Refresh" /><input type="submit" name="FullButton" value="Full" id="FullButton" />`),
  )
  g.window.__doPostBack = vi.fn()
  PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], ['Refresh', 'Refresh'], ['FullButton', 'FullButton'], 90, '')
  const prm = PageRequestManager.getInstance()
  const events: string[] = []
  for (const name of ['initializeRequest', 'beginRequest', 'pageLoading', 'pageLoaded', 'endRequest']) {
    ;(prm as any)['add_' + name]((sender: unknown, args: any) => {
      expect(sender).toBe(prm)
      events.push(name + (name == 'endRequest' ? ':' + (args.get_error() ? args.get_error().name : 'ok') : ''))
    })
  }
  return { ...p, sent, prm, events }
}

/** The next endRequest's args. */
const nextEnd = (prm: PageRequestManager) =>
  new Promise<any>((resolve) => {
    const h = (_s: unknown, a: any) => {
      prm.remove_endRequest(h)
      a.set_errorHandled(true)
      resolve(a)
    }
    prm.add_endRequest(h)
  })

afterEach(() => {
  vi.useRealTimers()
})

describe('a successful async postback', () => {
  it('raises initializeRequest → beginRequest → pageLoading → pageLoaded → endRequest and updates panel, fields, lists, action, title', async () => {
    const { $, sent, prm, events } = clock()
    const loads: boolean[] = []
    g.Sys.Application.add_load((_s: unknown, a: any) => loads.push(a.get_isPartialLoad()))
    g.pageLoad = (_s: unknown, a: any) => loads.push(a.get_isPartialLoad())
    g.Sys.Application.initialize()
    await new Promise((r) => setTimeout(r))
    let loading: any, loaded: any
    prm.add_pageLoading((_s: unknown, a: any) => (loading = a))
    prm.add_pageLoaded((_s: unknown, a: any) => (loaded = a))
    click($('Button1'), true)
    expect(events).toEqual(['initializeRequest', 'beginRequest'])
    expect(prm.get_isInAsyncPostBack()).toBe(true)
    await sent[0].reply(delta('<span id="Label1">1 é😀|</span>', encodeRecord(T.pageTitle, '', 'Clock 1')))
    expect(events).toEqual(['initializeRequest', 'beginRequest', 'pageLoading', 'pageLoaded', 'endRequest:ok'])
    expect(loads).toEqual([false, false, true, true])
    expect($('Label1').textContent).toBe('1 é😀|')
    expect($('Button1')).toBeNull()
    expect(loading.get_panelsUpdating()).toEqual([$('UpdatePanel1')])
    expect(loaded.get_panelsUpdated()).toEqual([$('UpdatePanel1')])
    expect(g.document.title).toBe('Clock 1')
    expect($('form1').getAttribute('action')).toBe('./clock.aspx?x=1')
    expect($('__VIEWSTATE').value).toBe('vs1')
    expect(prm._asyncPostBackControlIDs).toEqual([])
    expect(prm.get_isInAsyncPostBack()).toBe(false)
    // §4.8: the callback snapshot was reset and re-taken (WebForm_InitCallback) from the updated form.
    expect(g.__theFormPostData).toBe('__VIEWSTATEGENERATOR=CA0B0334&__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=vs1&')
    expect(g.__theFormPostCollection).toContainEqual({ name: '__VIEWSTATE', value: 'vs1' })
  })

  it('posts the new view state next time (hidden fields replaced, transient ones dropped)', async () => {
    const { $, sent } = clock()
    const f = $('form1')
    f.insertAdjacentHTML('beforeend', '<input type="hidden" name="__VIEWSTATEFIELDCOUNT" id="__VIEWSTATEFIELDCOUNT" value="2" />')
    click($('Refresh'), true)
    await sent[0].reply(delta('<input type="submit" name="Button1" value="Go" id="Button1" />', encodeRecord(T.hiddenField, '__NEW', 'n1')))
    expect($('__VIEWSTATEFIELDCOUNT')).toBeNull()
    const vs = $('__VIEWSTATE')
    expect(vs.parentNode.tagName).toBe('SPAN')
    expect(vs.parentNode.style.cssText).toContain('display:none !important')
    expect(vs.parentNode.parentNode).toBe(f)
    expect(f.querySelectorAll('[name=__VIEWSTATE]')).toHaveLength(1)
    expect($('__NEW').value).toBe('n1')
    const spans = f.querySelectorAll('span[style]').length
    click($('Button1'), true)
    expect(sent[1].body).toBe(
      'ScriptManager1=UpdatePanel1%7CButton1&__VIEWSTATEGENERATOR=CA0B0334&__EVENTVALIDATION=%2FwEdAA...&__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=vs1&__NEW=n1&__ASYNCPOST=true&Button1=Go',
    )
    await sent[1].reply(delta('', encodeRecord(T.hiddenField, '__NEW', 'n2')))
    expect($('__NEW').value).toBe('n2')
    expect(f.querySelectorAll('span[style]').length).toBe(spans) // containers are re-used
  })

  it('makes data items available; dataItemJson understands "\\/Date(ms)\\/"', async () => {
    const { $, sent, prm } = clock()
    const end = nextEnd(prm)
    click($('Refresh'), true)
    await sent[0].reply(delta('', encodeRecord(T.dataItem, 'Label1', 'plain|text') + encodeRecord(T.dataItemJson, 'Grid', '{"when":"\\/Date(0)\\/","n":[1,"\\\\/Date(5)\\\\/"]}')))
    const items = (await end).get_dataItems()
    expect(items.Label1).toBe('plain|text')
    expect(items.Grid.when).toBeInstanceOf(Date)
    expect(items.Grid.when.getTime()).toBe(0)
    expect(items.Grid.n).toEqual([1, '\\/Date(5)\\/'])
  })

  it('runs scripts as <script> elements in <head> with the page nonce, after the DOM update, in order', async () => {
    const { $, sent, prm } = clock()
    const head = g.document.head
    head.insertAdjacentHTML('beforeend', '<script nonce="n0nce">1</script>')
    const ran: Array<{ text: string; nonce: string; panel: string }> = []
    const append = head.appendChild.bind(head)
    head.appendChild = (s: any) => {
      if (!s.src) ran.push({ text: s.text, nonce: s.nonce, panel: $('UpdatePanel1').innerHTML })
      return append(s)
    }
    prm._registerDisposeScript('UpdatePanel1', 'disposeOld()')
    click($('Refresh'), true)
    await sent[0].reply(
      delta(
        '<b>new</b><script>notRun()</script>',
        encodeRecord(T.arrayDeclaration, 'Page_Validators', "document.getElementById('v1')") +
          encodeRecord(T.scriptBlock, ScriptKind.noTags, 'block()') +
          encodeRecord(T.scriptStartupBlock, ScriptKind.withTags, '{"text":"startup()","type":"text/javascript"}') +
          encodeRecord(T.onSubmit, '', 'return check();') +
          encodeRecord(T.expando, "document.getElementById('v1')['display']", '"Dynamic"') +
          encodeRecord(T.scriptDispose, 'UpdatePanel1', 'disposeNew()'),
      ),
    )
    expect(ran.map((r) => r.text)).toEqual([
      'disposeOld()',
      'block()',
      "Sys.WebForms.PageRequestManager._addArrayElement('Page_Validators', document.getElementById('v1'));\r\n",
      "document.getElementById('v1')['display'] = \"Dynamic\"\r\n",
      'startup()',
      'Sys.WebForms.PageRequestManager.getInstance()._onSubmitStatements.push(function() {\r\nreturn check();\r\n\r\nreturn true;\r\n});\r\n',
    ])
    expect(ran.every((r) => r.nonce === 'n0nce')).toBe(true)
    expect(ran[0].panel).toContain('Label1') // dispose scripts run before the panel is replaced
    expect(ran[1].panel).toBe('<b>new</b><script>notRun()</script>')
    expect(head.querySelectorAll('script').length).toBe(1) // inline scripts are removed after running
    expect(prm._scriptDisposes).toEqual({ UpdatePanel1: ['disposeNew()'] })
    const validators = (g.Page_Validators = [0])
    g.Sys.WebForms.PageRequestManager._addArrayElement('Page_Validators', 1, [2])
    expect(g.Page_Validators).toBe(validators)
    expect(validators).toEqual([0, 1, [2]])
  })

  it('loads includes before the DOM update, skipping ones already in the page', async () => {
    const { $, sent } = clock()
    const head = g.document.head
    head.insertAdjacentHTML('beforeend', '<script src="/already.js"></script>')
    const loaded: string[] = []
    const append = head.appendChild.bind(head)
    head.appendChild = (s: any) => {
      const r = append(s)
      if (s.getAttribute('src')) {
        loaded.push(s.getAttribute('src') + ' ' + $('UpdatePanel1').textContent)
        queueMicrotask(() => s.onload())
      }
      return r
    }
    click($('Refresh'), true)
    await sent[0].reply(delta('updated', encodeRecord(T.scriptBlock, ScriptKind.path, '/already.js') + encodeRecord(T.scriptBlock, ScriptKind.path, '/new.js')))
    await settle()
    expect(loaded).toEqual(['/new.js 0']) // loaded while the panel still had its old content
    expect($('UpdatePanel1').textContent).toBe('updated')
  })

  it('focuses the focus record target after endRequest, through WebForm_AutoFocus', async () => {
    const { $, sent, prm } = clock()
    const order: string[] = []
    g.window.WebForm_AutoFocus = (id: string) => order.push('focus ' + id)
    prm.add_endRequest(() => order.push('endRequest'))
    click($('Refresh'), true)
    await sent[0].reply(delta('<div id="Box"><input id="T1" /></div>', encodeRecord(T.focus, '', 'Box')))
    expect(order).toEqual(['endRequest', 'focus Box'])
  })

  it('WebForm_AutoFocus focuses the element, or its first focusable descendant', () => {
    const { $ } = page('<div id="Box"><input type="hidden" /><input id="Off" disabled /><a id="L" href="#">l</a></div><input id="T" />')
    const focused: string[] = []
    for (const id of ['L', 'T']) $(id).focus = () => focused.push(id)
    g.window.WebForm_AutoFocus('Box')
    g.window.WebForm_AutoFocus('T')
    g.window.WebForm_AutoFocus('Missing')
    expect(focused).toEqual(['L', 'T'])
  })
})

describe('interception', () => {
  it('lets full postbacks through: a click outside any panel or on a postback control', () => {
    const { $, sent } = clock()
    click($('FullButton'))
    expect(submit($('form1'))).toBe(true)
    expect(sent).toHaveLength(0)
  })

  it('calls the saved form onsubmit as the manager (false stops everything)', () => {
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UP"><input type="submit" name="B" id="B" value="b" /></div>'))
    let ok = false
    $('form1').onsubmit = () => ok
    PageRequestManager._initialize('SM', 'form1', ['tUP', ''], [], [], 90, '')
    click($('B'))
    expect(submit($('form1'))).toBe(false)
    expect(sent).toHaveLength(0)
    ok = true
    click($('B'))
    expect(submit($('form1'))).toBe(false)
    expect(sent).toHaveLength(1)
  })

  it('initializeRequest can cancel (no request, submit prevented)', () => {
    const { $, sent, prm, events } = clock()
    prm.add_initializeRequest((_s: unknown, a: any) => {
      expect(a.get_postBackElement()).toBe($('Button1'))
      expect(a.get_updatePanelsToUpdate()).toEqual(['UpdatePanel1'])
      expect(a.get_request().get_body()).toContain('__ASYNCPOST=true&Button1=Go')
      a.set_cancel(true)
    })
    click($('Button1'))
    expect(submit($('form1'))).toBe(false)
    expect(sent).toHaveLength(0)
    expect(events).toEqual(['initializeRequest'])
    expect(prm.get_isInAsyncPostBack()).toBe(false)
  })

  it('set_updatePanelsToUpdate rewrites the first body field (ClientIDs become UniqueIDs)', () => {
    const { $, sent, prm } = clock()
    prm._updateControls(['tUpdatePanel1', 'UpdatePanel1', 'fNC$UP2', 'NC_UP2'], ['Refresh', 'Refresh'], [], 90, true)
    let begin: any
    prm.add_initializeRequest((_s: unknown, a: any) => a.set_updatePanelsToUpdate(['UpdatePanel1', 'NC_UP2']))
    prm.add_beginRequest((_s: unknown, a: any) => (begin = a))
    click($('Button1'), true)
    expect(sent[0].body.startsWith('ScriptManager1=UpdatePanel1%2CNC%24UP2%7CButton1&__EVENTTARGET=&')).toBe(true)
    expect(begin.get_updatePanelsToUpdate()).toEqual(['UpdatePanel1', 'NC_UP2'])
    expect(begin.get_request().get_url()).toBe('./clock.aspx')
    expect(begin.get_request().get_httpVerb()).toBe('POST')
    expect(begin.get_request().get_headers()['X-MicrosoftAjax']).toBe('Delta=true')
  })

  it('last one wins: a second post aborts the first (endRequest without error), only its response applies', async () => {
    const { $, sent, prm, events } = clock()
    let abortedEnd: any
    prm.add_endRequest((_s: unknown, a: any) => (abortedEnd ||= a))
    click($('Refresh'), true)
    const first = sent[0]
    click($('Button1'), true)
    expect(events).toEqual(['initializeRequest', 'beginRequest', 'initializeRequest', 'endRequest:ok', 'beginRequest'])
    expect(first.signal.aborted).toBe(true)
    await first.reply(delta('first')) // too late: ignored
    expect(prm.get_isInAsyncPostBack()).toBe(true)
    expect(abortedEnd.get_response().get_aborted()).toBe(true)
    expect(abortedEnd.get_error()).toBeNull()
    await sent[1].reply(delta('second'))
    expect($('UpdatePanel1').textContent).toBe('second')
    expect(events.slice(5)).toEqual(['pageLoading', 'pageLoaded', 'endRequest:ok'])
  })

  it('a stale response (new post started while includes loaded) does not touch the page', async () => {
    const { $, sent, events } = clock()
    const head = g.document.head
    let release = () => {}
    const append = head.appendChild.bind(head)
    head.appendChild = (s: any) => {
      if (s.getAttribute('src')) release = () => s.onload()
      return append(s)
    }
    click($('Refresh'), true)
    await sent[0].reply(delta('first', encodeRecord(T.scriptBlock, ScriptKind.path, '/slow.js')))
    click($('Button1'), true) // response 1 arrived: not abortable, but no longer current
    release()
    await settle()
    expect($('UpdatePanel1').textContent).toBe('0')
    expect($('__VIEWSTATE').value).toBe('/wEPDw...')
    await sent[1].reply(delta('second'))
    expect($('UpdatePanel1').textContent).toBe('second')
    expect(events.filter((e) => e.startsWith('endRequest'))).toEqual(['endRequest:ok'])
  })

  it('beginAsyncPostBack honours Page_ClientValidate when causesValidation', () => {
    const { sent, prm } = clock()
    g.Page_ClientValidate = (group: string) => group === 'ok'
    prm.beginAsyncPostBack(['UpdatePanel1'], 'X', '', true, 'bad')
    expect(sent).toHaveLength(0)
    prm.beginAsyncPostBack(['UpdatePanel1'], 'X', '', true, 'ok')
    expect(sent).toHaveLength(1)
  })

  it('WebForm_DoPostBackWithOptions: clientSubmit goes async, actionUrl makes it a cross-page full postback', () => {
    const { $, sent } = clock()
    const w = g.window
    w.WebForm_DoPostBackWithOptions(new w.WebForm_PostBackOptions('Button1', 'arg', false, '', '', false, true))
    expect(sent[0].body).toContain('__EVENTTARGET=Button1&__EVENTARGUMENT=arg&')
    w.WebForm_DoPostBackWithOptions(new w.WebForm_PostBackOptions('Button1', '', false, '', 'other.aspx', false, true))
    expect(sent).toHaveLength(1)
    expect($('form1').getAttribute('action')).toBe('other.aspx')
    expect(w.__doPostBack).toBeDefined()
  })
})

describe('concurrency policies and double submits', () => {
  const key = (sent: { headers: Record<string, string> }) => sent.headers['Idempotency-Key']
  const tick = () => new Promise((r) => setTimeout(r))

  it('last-wins by default; drop ignores a postback asked for while one is in flight', async () => {
    const { $, sent, prm, events } = clock()
    $('Refresh').setAttribute('data-concurrency', 'drop')
    click($('Button1'), true)
    click($('Refresh'), true)
    expect(sent.length).toBe(1)
    expect(events).toEqual(['initializeRequest', 'beginRequest'])
    expect(sent[0].signal.aborted).toBe(false)
    await sent[0].reply(delta('first<input type="submit" name="Button1" value="Go" id="Button1" />'))
    expect($('UpdatePanel1').textContent).toBe('first')
    click($('Button1'), true) // not busy now: sent
    expect(sent.length).toBe(2)
    expect(prm.get_isInAsyncPostBack()).toBe(true)
  })

  it('queue sends the waiting postback after the current one ends, with the state the answer left', async () => {
    const { $, sent, events } = clock()
    $('Refresh').setAttribute('data-concurrency', 'queue')
    click($('Button1'), true)
    click($('Refresh'), true)
    expect(sent.length).toBe(1)
    await sent[0].reply(delta('first'))
    await tick()
    expect(sent.length).toBe(2)
    expect(sent[0].signal.aborted).toBe(false)
    expect(sent[1].body).toMatch(/^ScriptManager1=ScriptManager1%7CRefresh&/)
    expect(sent[1].body).toContain('&__VIEWSTATE=vs1&')
    expect(sent[1].body).toMatch(/&__ASYNCPOST=true&Refresh=Refresh$/)
    expect(events.filter((e) => e == 'beginRequest').length).toBe(2)
  })

  it('abort-conflicting: a postback for the same panel aborts, one for another waits its turn', async () => {
    const { $, sent } = clock()
    $('form1').setAttribute('data-concurrency', 'abort-conflicting')
    $('UpdatePanel1').insertAdjacentHTML('beforeend', '<input type="submit" name="Button2" value="Two" id="Button2" />')
    click($('Button1'), true)
    click($('Refresh'), true) // another target: waits
    expect(sent.length).toBe(1)
    click($('Button2'), true) // the same panel: aborts the first
    expect(sent.length).toBe(2)
    expect(sent[0].signal.aborted).toBe(true)
    expect(sent[1].body).toMatch(/%7CButton2&/)
    await sent[1].reply(delta('second'))
    await tick()
    expect(sent.length).toBe(3)
    expect(sent[2].body).toMatch(/%7CRefresh&/)
  })

  it('a second click on the control whose postback is in flight is ignored (aria-disabled meanwhile) unless allowed', async () => {
    const { $, sent } = clock()
    const button = '<input type="submit" name="Button1" value="Go" id="Button1" />'
    click($('Button1'), true)
    expect($('Button1').getAttribute('aria-disabled')).toBe('true')
    const first = $('Button1')
    click($('Button1'), true)
    expect(sent.length).toBe(1)
    $('UpdatePanel1').setAttribute('data-double-submit', 'allow')
    await sent[0].reply(delta(button))
    expect(first.hasAttribute('aria-disabled')).toBe(false)
    click($('Button1'), true)
    click($('Button1'), true) // allowed: last wins
    expect(sent.length).toBe(3)
    expect(sent[1].signal.aborted).toBe(true)
  })

  it('a postback replaced while its answer loads its scripts leaves no aria-disabled behind', async () => {
    const { $, sent } = clock()
    const head = g.document.head
    const append = head.appendChild.bind(head)
    head.appendChild = (s: any) => append(s) // no onload: the answer stays in its scripts
    click($('Refresh'), true)
    expect($('Refresh').getAttribute('aria-disabled')).toBe('true')
    await sent[0].reply(delta('first', encodeRecord(T.scriptBlock, ScriptKind.path, '/never-loads.js')))
    click($('Button1'), true) // not abortable any more: its answer is being applied
    expect($('Refresh').hasAttribute('aria-disabled')).toBe(false)
    expect($('Button1').getAttribute('aria-disabled')).toBe('true')
  })

  it("a field's second change (AutoPostBack) is no double submit: last wins, nothing stays marked", async () => {
    const { $, sent } = clock()
    $('UpdatePanel1').insertAdjacentHTML('beforeend', '<select id="Pick" name="Pick"><option>a</option><option>b</option></select>')
    g.window.__doPostBack('Pick', '')
    g.window.__doPostBack('Pick', '')
    expect(sent.length).toBe(2)
    expect(sent[0].signal.aborted).toBe(true)
    expect($('Pick').hasAttribute('aria-disabled')).toBe(false)
  })

  it('every postback from one state of the page carries the same idempotency key; an answer brings a new one', async () => {
    const { $, sent } = clock()
    click($('Refresh'), true)
    click($('Button1'), true)
    const [a, b] = [key(sent[0]), key(sent[1])]
    expect(a).toMatch(/^[0-9a-f]{24}$/)
    expect(b).toBe(a)
    expect(sent[1].body).not.toContain('IDEMPOTENCY') // the async body stays the protocol's
    await sent[1].reply(delta('done<input type="submit" name="Button1" value="Go" id="Button1" />'))
    click($('Button1'), true)
    expect(key(sent[2])).toMatch(/^[0-9a-f]{24}$/)
    expect(key(sent[2])).not.toBe(a)
    // A full postback posts it in a hidden field.
    click($('FullButton'), true)
    expect($('__IDEMPOTENCYKEY').type).toBe('hidden')
    expect($('__IDEMPOTENCYKEY').value).toBe(key(sent[2]))
  })
})

describe('page plumbing', () => {
  it('raises the initial pageLoaded on window load with every panel as created', () => {
    const { $, prm } = clock()
    let args: any
    prm.add_pageLoaded((_s: unknown, a: any) => (args = a))
    g.window.dispatchEvent(new g.window.Event('load'))
    expect(args.get_panelsCreated()).toEqual([$('UpdatePanel1')])
    expect(args.get_panelsUpdated()).toEqual([])
    expect(args.get_dataItems()).toEqual({})
  })

  it('default button: Enter clicks it; a submit without that click still posts the button', () => {
    const { $, sent } = clock()
    const key = (target: any) => ({ keyCode: 13, target, stopPropagation: vi.fn() })
    const e = key($('Label1'))
    // The click() of a browser submits the form; this one submits without raising click first.
    $('Button1').click = () => submit($('form1'))
    expect(g.window.WebForm_FireDefaultButton(e, 'Button1')).toBe(false)
    expect(e.stopPropagation).toHaveBeenCalled()
    expect(sent[0].body.startsWith('ScriptManager1=UpdatePanel1%7CButton1&')).toBe(true)
    expect(sent[0].body.endsWith('&Button1=Go')).toBe(true)
    expect(g.window.WebForm_FireDefaultButton({ keyCode: 13, target: g.document.createElement('textarea') }, 'Button1')).toBe(true)
    expect(g.window.WebForm_FireDefaultButton({ keyCode: 65, target: $('Label1') }, 'Button1')).toBe(true)
  })

  it('drops client callbacks during an async postback and cancels pending ones; dispose restores the originals', async () => {
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UP"><input type="submit" name="B" id="B" value="b" /></div><iframe id="__CALLBACKFRAME1"></iframe>'))
    const w = g.window
    const callbacks: string[] = []
    const original = (w.WebForm_DoCallback = (t: string) => callbacks.push(t))
    const doPostBack = w.__doPostBack
    w.__pendingCallbacks = [null, { async: false }, { async: true }]
    w.__synchronousCallBackIndex = 1
    PageRequestManager._initialize('SM', 'form1', ['tUP', ''], [], [], 90, '')
    w.WebForm_DoCallback('before')
    click($('B'), true)
    expect(w.__pendingCallbacks).toEqual([null, null, null])
    expect(w.__synchronousCallBackIndex).toBe(-1)
    expect($('__CALLBACKFRAME1')).toBeNull()
    w.WebForm_DoCallback('during')
    await sent[0].reply(encodeRecord('#', '', '4'))
    w.WebForm_DoCallback('after')
    expect(callbacks).toEqual(['before', 'after'])
    PageRequestManager.getInstance().dispose()
    expect(w.WebForm_DoCallback).toBe(original)
    expect(w.__doPostBack).toBe(doPostBack)
    click($('B'))
    expect(submit($('form1'))).toBe(true) // no longer intercepted
  })
})

describe('failures', () => {
  it('error record → endRequest with PageRequestManagerServerErrorException; errorHandled suppresses the throw', async () => {
    const { $, sent, prm, events } = clock()
    const end = nextEnd(prm)
    click($('Refresh'), true)
    await sent[0].reply(encodeRecord(T.error, '500', 'Object reference not set to an instance of an object.'))
    const e = (await end).get_error()
    expect(e.name).toBe('Sys.WebForms.PageRequestManagerServerErrorException')
    expect(e.message).toBe('Sys.WebForms.PageRequestManagerServerErrorException: Object reference not set to an instance of an object.')
    expect(e.httpStatusCode).toBe(500)
    expect(events).toEqual(['initializeRequest', 'beginRequest', 'endRequest:Sys.WebForms.PageRequestManagerServerErrorException'])
    expect(prm.get_isInAsyncPostBack()).toBe(false)
  })

  it('an unhandled error is thrown asynchronously', async () => {
    vi.useFakeTimers()
    const { $, sent } = clock()
    click($('Refresh'), true)
    await sent[0].reply('', 404)
    expect(() => vi.runOnlyPendingTimers()).toThrow(
      'Sys.WebForms.PageRequestManagerServerErrorException: An unknown error occurred while processing the request on the server. The status code returned from the server was: 404',
    )
  })

  it('an unhandled error is also announced through an assertive live region', async () => {
    vi.useFakeTimers()
    const { $, sent } = clock()
    click($('Refresh'), true)
    await sent[0].reply('', 500)
    expect(() => vi.runOnlyPendingTimers()).toThrow('status code returned from the server was: 500')
    const region = (globalThis as any).document.querySelector('.df-announce[aria-live="assertive"]')!
    expect(region.getAttribute('role')).toBe('alert')
    expect(region.textContent).toContain('The status code returned from the server was: 500')
  })

  it('parse errors and unknown tokens → PageRequestManagerParserErrorException with the details', async () => {
    const { $, sent, prm } = clock()
    let end = nextEnd(prm)
    click($('Refresh'), true)
    await sent[0].reply('1|#||4|xx|updatePanel|UP|<p>|')
    let e = (await end).get_error()
    expect(e.name).toBe('Sys.WebForms.PageRequestManagerParserErrorException')
    expect(e.message).toBe(
      "Sys.WebForms.PageRequestManagerParserErrorException: The message received from the server could not be parsed. Common causes for this error are when the response is modified by calls to Response.Write(), response filters, HttpModules, or server trace is enabled.\nDetails: Error parsing near '1|#||4|xx|updatePanel|UP|<p'.",
    )
    end = nextEnd(prm)
    click($('Refresh'), true)
    await sent[1].reply(encodeRecord('#', '', '4') + encodeRecord('bogus', '', ''))
    e = (await end).get_error()
    expect(e.message.endsWith("\nDetails: Unknown token: 'bogus'.")).toBe(true)
  })

  it('a refreshing panel missing from the page → the documented InvalidOperationException', async () => {
    const { $, sent, prm } = clock()
    const end = nextEnd(prm)
    click($('Refresh'), true)
    await sent[0].reply(encodeRecord('#', '', '4') + lists('tGone,', 'Gone,'))
    const e = (await end).get_error()
    expect(e.name).toBe('Sys.InvalidOperationException')
    expect(e.message).toBe("Sys.InvalidOperationException: Could not find UpdatePanel with ID 'Gone'. If it is being updated dynamically then it must be inside another UpdatePanel.")
  })

  it('pageRedirect: unescaped when the version is 4, navigation, no endRequest', async () => {
    const { $, sent, prm, events } = clock()
    click($('Refresh'), true)
    await sent[0].reply(encodeRecord('#', '', '4') + encodeRecord(T.pageRedirect, '', '%2fLogin.aspx%3fReturnUrl%3d%252fDefault.aspx'))
    expect(g.location.href).toBe('/Login.aspx?ReturnUrl=%2fDefault.aspx')
    expect(events).toEqual(['initializeRequest', 'beginRequest'])
    expect(prm.get_isInAsyncPostBack()).toBe(true)
  })

  it('timeout → PageRequestManagerTimeoutException, and the late response is ignored', async () => {
    const { $, sent, prm } = clock()
    prm._asyncPostBackTimeout = 20
    const end = nextEnd(prm)
    click($('Refresh'), true)
    const e = (await end).get_error()
    expect(e.name).toBe('Sys.WebForms.PageRequestManagerTimeoutException')
    expect(e.message).toBe('Sys.WebForms.PageRequestManagerTimeoutException: The server request timed out.')
    expect(sent[0].signal.aborted).toBe(true)
  })
})
