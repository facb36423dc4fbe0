// The strict call-form parser: the handler texts Deltaform's controls write run against the
// real globals; anything else is refused (it would need eval).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseCallForm } from './call-form.ts'

const g = globalThis as any

/** Fake globals recording their calls, as window. */
function globals() {
  const calls: unknown[][] = []
  const record = (name: string, result?: unknown) => (...args: unknown[]) => (calls.push([name, ...args]), result)
  function WebForm_PostBackOptions(this: any, ...args: unknown[]) {
    this.args = args
  }
  g.window = {
    __doPostBack: record('__doPostBack'),
    WebForm_DoPostBackWithOptions: record('WebForm_DoPostBackWithOptions'),
    WebForm_PostBackOptions,
    WebForm_FireDefaultButton: record('WebForm_FireDefaultButton', false),
    WebForm_DoCallback: record('WebForm_DoCallback'),
    WebForm_OnSubmit: record('WebForm_OnSubmit', true),
    Page_ClientValidate: record('Page_ClientValidate', true),
    DeltaformGridView_Arg: (id: string, arg: string) => `${id}:${arg}`,
    DeltaformGridView_Receive() {},
    DeltaformCallbackValidator: { argument: (a: string, b: string, v: string) => `${a}/${b}/${v}`, context: (id: string) => `ctx ${id}`, receive() {}, error() {} },
    setTimeout: (fn: () => void, ms: number) => (calls.push(['setTimeout', ms]), fn()),
    alert: record('alert'),
  }
  return { calls, w: g.window }
}

afterEach(() => {
  delete g.window
})

describe('parseCallForm accepts what Deltaform generates', () => {
  it('a LinkButton / grid link: __doPostBack with JS-escaped strings, with or without javascript:', () => {
    const { calls } = globals()
    parseCallForm("javascript:__doPostBack('Grid$ctl02','Select$0')")!(null, null)
    parseCallForm("__doPostBack('a\\'b\\\\c\\u0041\\x42\\n','')")!(null, null)
    expect(calls).toEqual([
      ['__doPostBack', 'Grid$ctl02', 'Select$0'],
      ['__doPostBack', "a'b\\cAB\n", ''],
    ])
  })

  it('WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions(…)) with strings and booleans', () => {
    const { calls, w } = globals()
    parseCallForm('WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions("Cross", "", true, "g1", "other.aspx", false, true))')!(null, null)
    expect(calls).toHaveLength(1)
    expect(calls[0]![1]).toBeInstanceOf(w.WebForm_PostBackOptions)
    expect((calls[0]![1] as any).args).toEqual(['Cross', '', true, 'g1', 'other.aspx', false, true])
  })

  it("AutoPostBack's string timer: the inner text is parsed too and runs from a function timer", () => {
    const { calls } = globals()
    parseCallForm("setTimeout('__doPostBack(\\'Name\\',\\'\\')', 0)")!(null, null)
    expect(calls).toEqual([['setTimeout', 0], ['__doPostBack', 'Name', '']])
  })

  it('return: the value of the call, with `event` and `this` passed through', () => {
    const { calls } = globals()
    const ev = { type: 'keypress' }
    const el = { value: 'v' }
    expect(parseCallForm("javascript:return WebForm_FireDefaultButton(event, 'Find')")!(el, ev)).toBe(false)
    expect(parseCallForm('javascript:return WebForm_OnSubmit();')!(el, ev)).toBe(true)
    expect(calls).toEqual([['WebForm_FireDefaultButton', ev, 'Find'], ['WebForm_OnSubmit']])
  })

  it('a callback grid link: named functions as callbacks, an array context, then return false', () => {
    const { calls, w } = globals()
    const run = parseCallForm("WebForm_DoCallback('Orders',DeltaformGridView_Arg('Orders','Sort$Id'),DeltaformGridView_Receive,['Orders','Orders__div'],null,false);return false;")!
    expect(run(null, null)).toBe(false)
    expect(calls).toEqual([['WebForm_DoCallback', 'Orders', 'Orders:Sort$Id', w.DeltaformGridView_Receive, ['Orders', 'Orders__div'], null, false]])
  })

  it("a callback validator's onchange: an if (window.X) guard, methods of a global object, this.value", () => {
    const { calls, w } = globals()
    const text =
      "if(window.DeltaformCallbackValidator)WebForm_DoCallback('LiveCheck',DeltaformCallbackValidator.argument('UserId','UserId',this.value),DeltaformCallbackValidator.receive,DeltaformCallbackValidator.context('UserId'),DeltaformCallbackValidator.error,true);"
    parseCallForm(text)!({ value: 'ann' }, null)
    const v = w.DeltaformCallbackValidator
    expect(calls).toEqual([['WebForm_DoCallback', 'LiveCheck', 'UserId/UserId/ann', v.receive, 'ctx UserId', v.error, true]])
    delete w.DeltaformCallbackValidator
    parseCallForm(text)!({ value: 'ann' }, null)
    expect(calls).toHaveLength(1)
  })

  it("ASP.NET's typeof(Page_ClientValidate) == 'function' guard", () => {
    const { calls, w } = globals()
    const run = parseCallForm("if (typeof(Page_ClientValidate) == 'function') Page_ClientValidate(''); __doPostBack('B','')")!
    run(null, null)
    delete w.Page_ClientValidate
    run(null, null)
    expect(calls).toEqual([['Page_ClientValidate', ''], ['__doPostBack', 'B', ''], ['__doPostBack', 'B', '']])
  })

  it('numbers, empty statements and spacing', () => {
    const { calls } = globals()
    parseCallForm(" ; __doPostBack( 'a' , -1.5 ) ;; ")!(null, null)
    expect(calls).toEqual([['__doPostBack', 'a', -1.5]])
  })
})

describe('parseCallForm refuses everything else', () => {
  it.each([
    "alert('x')",
    'return confirm("Sure?")',
    "CallServer(this.value, 'employees')",
    "eval('__doPostBack(1)')",
    "__doPostBack('a','b') + alert(1)",
    "__doPostBack('a','b'); alert(1)",
    "WebForm_DoCallback('a', x, window.eval, null, null, false)",
    "WebForm_DoCallback('a', x, this.constructor, null, null, false)",
    "__doPostBack('a',String.fromCharCode(65))",
    "setTimeout('alert(1)', 0)",
    "setTimeout(alert, 0)",
    "new Function('x')",
    "__doPostBack('unterminated",
    "__doPostBack`a`",
    "__doPostBack('a','b')()",
    "window['__doPostBack']('a','b')",
    'x = 1',
    "if (1) { __doPostBack('a','') }",
    "WebForm_DoCallback('a', window, null, null, null, false)",
    "if (window) __doPostBack('a','')",
  ])('%s', (text) => {
    const { calls } = globals()
    expect(parseCallForm(text)).toBeUndefined()
    expect(calls).toEqual([])
  })
})

describe('what an accepted call can reach', () => {
  it('a global passed as an argument is a function or null, never data of the page', () => {
    const { calls, w } = globals()
    w.secret = 'token'
    w.Named = () => 1
    parseCallForm("WebForm_DoCallback('a', secret, Named, this.value, event, false)")!({ value: 'v' }, 'ev')
    expect(calls).toEqual([['WebForm_DoCallback', 'a', null, w.Named, 'v', 'ev', false]])
    expect(parseCallForm("__doPostBack(this.form.action,'')")).toBeUndefined()
    expect(parseCallForm("__doPostBack(event.target,'')")).toBeUndefined()
  })

  it('a browser built-in is never passed as a callback (it would be called with the answer)', () => {
    const { calls, w } = globals()
    w.open = Math.max // any native function
    w.Named = () => 1
    parseCallForm('WebForm_DoCallback(\'a\', \'x\', open, null, Named, false)')!({}, null)
    expect(calls).toEqual([['WebForm_DoCallback', 'a', 'x', null, null, w.Named, false]])
  })
})

describe('a refused call cannot run by other means', () => {
  it('parses once, never touches Function or eval', () => {
    globals()
    const spy = vi.spyOn(globalThis as unknown as { Function: (...args: string[]) => unknown }, 'Function')
    parseCallForm("__doPostBack('a','')")
    parseCallForm("alert('a')")
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
})
