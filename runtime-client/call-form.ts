// The call forms Deltaform writes into handler attributes (`__doPostBack('a','')`,
// `WebForm_DoPostBackWithOptions(new WebForm_PostBackOptions(…))`, `setTimeout('…', 0)`,
// `WebForm_DoCallback(…);return false;`, `if (typeof(Page_ClientValidate) == 'function') …`),
// read by a strict parser of literal arguments and turned into a function — so that a page
// under a nonce CSP (no 'unsafe-inline', no 'unsafe-eval') still runs them. Anything else is
// refused: this never evaluates code.

/**
 * A parsed handler: runs the statements with `this` = the element and `event` = the event;
 * returns what a `return` statement returned (false cancels the event, as inline handlers do).
 *
 * @example
 * const run: CallForm = parseCallForm("__doPostBack('SayHello','')")!
 * run(link, clickEvent)
 */
export type CallForm = (self: any, event: any) => unknown

// The functions a handler may call: Deltaform's postback, callback and validation entry points
// and the argument/context helpers its controls write. Named functions elsewhere may only be
// passed (callbacks of WebForm_DoCallback), never called.
const callable = /^(__doPostBack|WebForm_(DoPostBackWithOptions|FireDefaultButton|DoCallback|OnSubmit)|Page_ClientValidate|DeltaformGridView_Arg|DeltaformCallbackValidator\.(argument|context))$/

// Keywords in a name's place, and names that reach code evaluation or prototypes, even as values.
const forbidden = /^(return|if|new|typeof|eval|Function|constructor|prototype|__proto__|setTimeout|setInterval)$/

type Get = (self: any, event: any) => any
type Stmt = (self: any, event: any) => { r: unknown } | void

const w = (): any => window

// Reads a global (`a.b.c`), the element (`this.value`) or the event, by property names only.
function path(names: string[]): Get {
  return (self, event) => {
    let at: any = names[0] == 'this' ? self : names[0] == 'event' ? event : w()[names[0]]
    for (let i = 1; i < names.length && at != null; i++) at = at[names[i]]
    return at
  }
}

function call(names: string[], args: Get[]): Get {
  return (self, event) => {
    const owner = names.length > 1 ? path(names.slice(0, -1))(self, event) : w()
    const fn = owner && owner[names[names.length - 1]]
    if (typeof fn != 'function') throw new TypeError(names.join('.') + ' is not a function')
    return fn.apply(owner, args.map((a) => a(self, event)))
  }
}

/**
 * Parses handler text into a {@link CallForm}, or returns undefined when the text is anything
 * but the forms Deltaform generates (arbitrary code cannot run under a strict CSP).
 *
 * @example
 * parseCallForm("javascript:return WebForm_FireDefaultButton(event, 'Save')") // a function
 * parseCallForm("alert(document.cookie)") // undefined
 */
export function parseCallForm(text: string): CallForm | undefined {
  // Tokens: strings, numbers, names, `===`/`==`, punctuation; anything else fails the parse.
  const tokens: string[] = []
  const re = /\s*(?:('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*)|(===?|[(),;.[\]]))/y
  const src = text.replace(/^\s*javascript:/i, '')
  let at = 0
  for (let m; (re.lastIndex = at), (m = re.exec(src)); at = re.lastIndex) tokens.push(m[0].trim())
  if (src.slice(at).trim()) return
  let i = 0
  const peek = () => tokens[i]
  const take = (t?: string) => {
    if (t != null && tokens[i] != t) throw 0
    if (i >= tokens.length) throw 0
    return tokens[i++]
  }
  const name = () => {
    const t = take()
    if (!/^[A-Za-z_$]/.test(t) || forbidden.test(t)) throw 0
    return t
  }
  const names = () => {
    const out = [name()]
    while (peek() == '.') take(), out.push(name())
    if (out[0] == 'window') out.shift()
    if (!out.length) throw 0
    return out
  }
  const list = (end: string) => {
    const out: Get[] = []
    if (peek() != end) for (out.push(value()); peek() == ','; ) take(), out.push(value())
    take(end)
    return out
  }
  function value(): Get {
    const t = peek()
    if (/^['"]/.test(t)) {
      take()
      const v = unquote(t)
      return () => v
    }
    if (/^-?\d/.test(t)) {
      take()
      return () => +t
    }
    if (t == '[') {
      take()
      const items = list(']')
      return (s, e) => items.map((a) => a(s, e))
    }
    if (t == 'true' || t == 'false' || t == 'null') {
      take()
      const v = t == 'null' ? null : t == 'true'
      return () => v
    }
    if (t == 'new') {
      take()
      take('WebForm_PostBackOptions')
      take('(')
      const args = list(')')
      return (s, e) => {
        const Options = w().WebForm_PostBackOptions
        return new Options(...args.map((a) => a(s, e)))
      }
    }
    const ref = names()
    if (peek() == '(') {
      take()
      if (!callable.test(ref.join('.'))) throw 0
      return call(ref, list(')'))
    }
    if (ref[0] == 'this' || ref[0] == 'event') {
      if (ref.length > (ref[0] == 'this' ? 2 : 1)) throw 0
      return path(ref)
    }
    // A global passed as an argument is a callback: a page's own function, never data (no page
    // state leaks out) and never a browser built-in (open, fetch, postMessage…).
    const get = path(ref)
    return (s, e) => {
      const v = get(s, e)
      return typeof v == 'function' && !/\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(v)) ? v : null
    }
  }
  // `typeof(X) == 'function'`, or a value taken as true/false.
  function condition(): Get {
    if (peek() == 'typeof') {
      take()
      const open = peek() == '('
      if (open) take()
      const subject = path(names())
      if (open) take(')')
      if (!/^==/.test(take())) throw 0
      const kind = value()
      return (s, e) => typeof subject(s, e) == kind(s, e)
    }
    // `if(window.X)`: whether a global (a script's object) is there.
    const ref = names()
    const get = path(ref)
    return (s, e) => get(s, e) != null
  }
  function statement(): Stmt {
    const t = peek()
    if (t == 'return') {
      take()
      const v = value()
      return (s, e) => ({ r: v(s, e) })
    }
    if (t == 'if') {
      take()
      take('(')
      const test = condition()
      take(')')
      const then = statement()
      return (s, e) => (test(s, e) ? then(s, e) : undefined)
    }
    if (t == 'setTimeout') {
      // AutoPostBack's string timer: its text is parsed like the handler, then run by a function timer.
      take()
      take('(')
      const body = /^['"]/.test(peek()) && parseCallForm(unquote(take()))
      take(',')
      const delay = +take()
      take(')')
      if (!body || isNaN(delay)) throw 0
      return (s, e) => void w().setTimeout(() => body(s, e), delay)
    }
    const v = value()
    return (s, e) => void v(s, e)
  }
  try {
    const body: Stmt[] = []
    while (i < tokens.length) {
      if (peek() == ';') take()
      else {
        body.push(statement())
        if (i < tokens.length) take(';')
      }
    }
    return (s, e) => {
      for (const st of body) {
        const out = st(s, e)
        if (out) return out.r
      }
    }
  } catch {
    return
  }
}

// A JavaScript string literal's value, for the escapes Deltaform's encoders write.
function unquote(t: string): string {
  return t.slice(1, -1).replace(/\\(u[\da-fA-F]{4}|x[\da-fA-F]{2}|.)/g, (_, c: string) =>
    c.length > 1 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c == '0' ? '\0' : c,
  )
}
