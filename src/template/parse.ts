import { MarkupError } from '../errors.ts'
import type {
  Directive,
  ExpressionNode,
  MarkupDocument,
  Node,
  ServerAttribute,
  ServerElement,
} from './ast.ts'
import { isHtmlElementName, isVoidElement } from './html-names.ts'
import { LineIndex } from './positions.ts'

export interface ParseOptions {
  /**
   * Overrides the default rule for an un-prefixed, runat-less child tag of a server control
   * (property element when the name is not an HTML element name). Return `undefined` to keep
   * the default. Lets the compiler, which knows the controls, settle names such as `<Header>`.
   *
   * @example
   * parseMarkup(src, file, { isPropertyElement: (parent, tag) => parent.lower === 'accordionpane' || undefined })
   */
  isPropertyElement?: (parent: ServerElement, tagName: string) => boolean | undefined
}

/**
 * Parses Web Forms markup into a `MarkupDocument`. Throws `MarkupError` (file, 1-based line and
 * column) for markup ASP.NET would refuse and for code blocks, which Deltaform refuses.
 *
 * @example
 * const doc = parseMarkup('<%@ Page Title="Home" %>\n<asp:Label id="L" runat="server" />', 'pages/index.aspx')
 * doc.directives[0].attributes.title // 'Home'
 */
export function parseMarkup(source: string, file: string, options: ParseOptions = {}): MarkupDocument {
  return new MarkupParser(source, file, options).parse()
}

const LT = 60 // <
const GT = 62 // >
const SLASH = 47
const PERCENT = 37
const EQ = 61
const DQ = 34
const SQ = 39
const DASH = 45
const COLON = 58

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === COLON || c === DASH || c === 46
}

function isAttrNameEnd(c: number): boolean {
  return isWs(c) || c === EQ || c === GT || c === SLASH || c === LT
}

/** An open server element, or the document itself (`el` null). */
interface Frame {
  el: ServerElement | null
  /** The tag name as written, with prefix, for messages. */
  name: string
  children: Node[]
  /** Literal tags with this element's name opened inside it and not closed yet (ASP.NET does the same count). */
  sameNameDepth: number
  /** Literal `<svg>` / `<math>` open inside this element: their children are never property elements. */
  foreignDepth: number
}

interface Cut {
  from: number
  to: number
  expr: ExpressionNode | null
}

interface ScannedTag {
  name: string
  attributes: ServerAttribute[]
  /** Nuggets and server comments anywhere in the tag, in order, to emit a literal tag as text. */
  cuts: Cut[]
  /** Expressions outside attribute values (`<option <%= sel %>>`). */
  loose: ExpressionNode[]
  end: number
  selfClosing: boolean
}

type Part = string | ExpressionNode

function pushString(parts: Part[], s: string): void {
  if (s === '') return
  const last = parts.length - 1
  if (last >= 0 && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + s
  else parts.push(s)
}

class MarkupParser {
  private readonly src: string
  private readonly len: number
  private readonly lines: LineIndex
  private readonly directives: Directive[] = []
  private readonly stack: Frame[]
  private readonly codeBehind: string
  private readonly defaultDirective: string

  constructor(
    source: string,
    private readonly file: string,
    private readonly options: ParseOptions,
  ) {
    this.src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
    this.len = this.src.length
    this.lines = new LineIndex(this.src)
    this.stack = [{ el: null, name: '', children: [], sameNameDepth: 0, foreignDepth: 0 }]
    const ext = /\.(aspx|ascx|master)$/i.exec(file)?.[1]?.toLowerCase() ?? 'aspx'
    this.codeBehind = `.${ext}.ts`
    this.defaultDirective = ext === 'ascx' ? 'control' : ext === 'master' ? 'master' : 'page'
  }

  parse(): MarkupDocument {
    const { src, len } = this
    let i = 0
    while (i < len) {
      const lt = src.indexOf('<', i)
      if (lt < 0) {
        this.text(i, len)
        break
      }
      if (lt > i) this.text(i, lt)
      i = this.atLessThan(lt)
    }
    if (this.stack.length > 1) {
      const open = this.top
      throw this.error(`Unclosed tag <${open.name}>.`, open.el!.pos)
    }
    return { file: this.file, directives: this.directives, nodes: this.stack[0]!.children }
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!
  }

  private error(reason: string, at: number | { line: number; column: number }): MarkupError {
    const pos = typeof at === 'number' ? this.lines.at(at) : at
    return new MarkupError(reason, this.file, pos.line, pos.column)
  }

  /** Appends literal text, merging with a preceding text node. */
  private text(from: number, to: number): void {
    if (to <= from) return
    const children = this.top.children
    const last = children[children.length - 1]
    const text = this.src.slice(from, to)
    if (last !== undefined && last.kind === 'text') last.text += text
    else children.push({ kind: 'text', text, pos: this.lines.at(from) })
  }

  private atLessThan(at: number): number {
    const c = this.src.charCodeAt(at + 1)
    if (c === PERCENT) return this.textNugget(at)
    if (c === SLASH && isNameStart(this.src.charCodeAt(at + 2))) return this.endTag(at)
    if (isNameStart(c)) return this.startTag(at)
    this.text(at, at + 1)
    return at + 1
  }

  /** A `<%` in text (or in script/style content): directive, comment or expression. */
  private textNugget(at: number): number {
    if (this.src.charCodeAt(at + 2) === 64 /* @ */) return this.directive(at)
    const { end, expr } = this.nugget(at)
    if (expr) this.top.children.push(expr)
    return end
  }

  /**
   * Scans a `<%...%>` other than a directive. Server comments give `expr: null`; statement
   * blocks are refused.
   */
  private nugget(at: number): { end: number; expr: ExpressionNode | null } {
    const src = this.src
    const c2 = src.charCodeAt(at + 2)
    if (c2 === DASH && src.charCodeAt(at + 3) === DASH) {
      const close = src.indexOf('--%>', at + 4)
      if (close < 0) throw this.error('Unclosed server comment: "<%--" has no matching "--%>".', at)
      return { end: close + 4, expr: null }
    }
    let mode: ExpressionNode['mode']
    let codeStart = at + 3
    switch (c2) {
      case EQ:
        mode = 'raw'
        break
      case COLON:
        mode = 'encoded'
        break
      case 35 /* # */:
        if (src.charCodeAt(at + 3) === COLON) {
          mode = 'bindEncoded'
          codeStart = at + 4
        } else mode = 'bind'
        break
      case 36 /* $ */:
        mode = 'resource'
        break
      case 64 /* @ */:
        throw this.error('A directive (<%@ ... %>) cannot appear inside a tag.', at)
      default:
        throw this.error(
          `Code blocks are not supported: move this code to the code-behind (${this.codeBehind}).`,
          at,
        )
    }
    const marker = src.slice(at, codeStart)
    const close = src.indexOf('%>', codeStart)
    if (close < 0) throw this.error(`Unclosed expression: "${marker}" has no matching "%>".`, at)
    const raw = src.slice(codeStart, close)
    const code = raw.trim()
    if (code === '') throw this.error(`Empty expression "${marker} %>".`, at)
    const codeAt = codeStart + (raw.length - raw.trimStart().length)
    return {
      end: close + 2,
      expr: { kind: 'expression', mode, code, pos: this.lines.at(codeAt), nuggetPos: this.lines.at(at) },
    }
  }

  /** `<%@ Name key=value key="value" key='value' %>`. */
  private directive(at: number): number {
    const src = this.src
    const len = this.len
    let j = at + 3
    let name: string | null = null
    const attributes: Record<string, string> = {}
    let first = true
    for (;;) {
      while (j < len && isWs(src.charCodeAt(j))) j++
      if (j >= len) throw this.error('Unclosed directive: "<%@" has no matching "%>".', at)
      if (src.charCodeAt(j) === PERCENT && src.charCodeAt(j + 1) === GT) {
        j += 2
        break
      }
      const keyStart = j
      while (j < len) {
        const c = src.charCodeAt(j)
        if (isWs(c) || c === EQ || c === DQ || c === SQ || (c === PERCENT && src.charCodeAt(j + 1) === GT)) break
        j++
      }
      if (j === keyStart) throw this.error('Malformed directive: expected an attribute name.', j)
      const key = src.slice(keyStart, j).toLowerCase()
      let k = j
      while (k < len && isWs(src.charCodeAt(k))) k++
      if (src.charCodeAt(k) === EQ) {
        k++
        while (k < len && isWs(src.charCodeAt(k))) k++
        const q = src.charCodeAt(k)
        let value: string
        if (q === DQ || q === SQ) {
          const close = src.indexOf(String.fromCharCode(q), k + 1)
          if (close < 0) throw this.error(`Unclosed attribute value in directive: missing ${String.fromCharCode(q)}.`, k)
          value = src.slice(k + 1, close)
          j = close + 1
        } else {
          const valueStart = k
          while (k < len) {
            const c = src.charCodeAt(k)
            if (isWs(c) || (c === PERCENT && src.charCodeAt(k + 1) === GT)) break
            k++
          }
          value = src.slice(valueStart, k)
          j = k
        }
        attributes[key] = value
      } else if (first) {
        name = key
      } else {
        attributes[key] = ''
      }
      first = false
    }
    this.directives.push({
      kind: 'directive',
      name: name ?? this.defaultDirective,
      attributes,
      pos: this.lines.at(at),
    })
    return j
  }

  /**
   * Scans a start tag from its `<`. Returns null when it is not a well-formed tag (the `<` is
   * then literal text), except for prefixed tags, which can only be server controls.
   */
  private scanTag(at: number): ScannedTag | null {
    const src = this.src
    const len = this.len
    let j = at + 1
    while (j < len && isNameChar(src.charCodeAt(j))) j++
    const name = src.slice(at + 1, j)
    const prefixed = name.includes(':')
    const fail = (reason: string, offset: number): null => {
      if (prefixed) throw this.error(reason, offset)
      return null
    }
    const attributes: ServerAttribute[] = []
    const cuts: Cut[] = []
    const loose: ExpressionNode[] = []
    for (;;) {
      while (j < len && isWs(src.charCodeAt(j))) j++
      if (j >= len) return fail(`Tag <${name} has no closing ">".`, at)
      const c = src.charCodeAt(j)
      if (c === GT) return { name, attributes, cuts, loose, end: j + 1, selfClosing: false }
      if (c === SLASH) {
        if (src.charCodeAt(j + 1) === GT) return { name, attributes, cuts, loose, end: j + 2, selfClosing: true }
        j++
        continue
      }
      if (c === LT) {
        if (src.charCodeAt(j + 1) !== PERCENT) return fail(`Tag <${name} has no closing ">".`, at)
        const n = this.nugget(j)
        cuts.push({ from: j, to: n.end, expr: n.expr })
        if (n.expr) loose.push(n.expr)
        j = n.end
        continue
      }
      const nameStart = j
      j++ // a first '=' or quote belongs to the name, as in HTML
      while (j < len && !isAttrNameEnd(src.charCodeAt(j))) j++
      const attrName = src.slice(nameStart, j)
      let parts: Part[] = []
      let k = j
      while (k < len && isWs(src.charCodeAt(k))) k++
      if (src.charCodeAt(k) === EQ) {
        k++
        while (k < len && isWs(src.charCodeAt(k))) k++
        const q = src.charCodeAt(k)
        if (q === DQ || q === SQ) {
          const end = this.scanValue(k + 1, q, parts, cuts)
          if (end < 0) return fail(`Attribute ${attrName} of <${name}> has no closing ${String.fromCharCode(q)}.`, k)
          j = end
        } else {
          j = this.scanUnquotedValue(k, parts, cuts)
        }
      }
      if (parts.length === 0) parts = ['']
      attributes.push({
        name: attrName,
        lower: attrName.toLowerCase(),
        value: { parts },
        pos: this.lines.at(nameStart),
      })
    }
  }

  /** Scans a quoted value; a nugget is skipped as a unit, so it may contain the quote. Returns the index after the closing quote, or -1. */
  private scanValue(from: number, quote: number, parts: Part[], cuts: Cut[]): number {
    const src = this.src
    const len = this.len
    let s = from
    let j = from
    while (j < len) {
      const c = src.charCodeAt(j)
      if (c === quote) {
        pushString(parts, src.slice(s, j))
        return j + 1
      }
      if (c === LT && src.charCodeAt(j + 1) === PERCENT) {
        pushString(parts, src.slice(s, j))
        const n = this.nugget(j)
        cuts.push({ from: j, to: n.end, expr: n.expr })
        if (n.expr) parts.push(n.expr)
        j = s = n.end
        continue
      }
      j++
    }
    return -1
  }

  /** An unquoted value ends at whitespace, `>` or `/>`. */
  private scanUnquotedValue(from: number, parts: Part[], cuts: Cut[]): number {
    const src = this.src
    const len = this.len
    let s = from
    let j = from
    while (j < len) {
      const c = src.charCodeAt(j)
      if (isWs(c) || c === GT || (c === SLASH && src.charCodeAt(j + 1) === GT)) break
      if (c === LT) {
        if (src.charCodeAt(j + 1) !== PERCENT) break
        pushString(parts, src.slice(s, j))
        const n = this.nugget(j)
        cuts.push({ from: j, to: n.end, expr: n.expr })
        if (n.expr) parts.push(n.expr)
        j = s = n.end
        continue
      }
      j++
    }
    pushString(parts, src.slice(s, j))
    return j
  }

  private startTag(at: number): number {
    const tag = this.scanTag(at)
    if (tag === null) {
      this.text(at, at + 1)
      return at + 1
    }
    const colon = tag.name.indexOf(':')
    const prefix = colon >= 0 ? tag.name.slice(0, colon).toLowerCase() : null
    const tagName = colon >= 0 ? tag.name.slice(colon + 1) : tag.name
    const lower = tagName.toLowerCase()

    let hasRunat = false
    const attributes: ServerAttribute[] = []
    for (const attr of tag.attributes) {
      if (attr.lower !== 'runat') {
        attributes.push(attr)
        continue
      }
      const v = attr.value.parts
      if (v.length !== 1 || typeof v[0] !== 'string' || v[0].trim().toLowerCase() !== 'server') {
        throw this.error(`The runat attribute of <${tag.name}> must be "server".`, attr.pos)
      }
      hasRunat = true
    }

    let role: ServerElement['role']
    if (prefix !== null) role = 'control'
    else if (hasRunat) role = 'html'
    else if (this.isPropertyElement(tagName, lower)) role = 'property'
    else return this.literalStartTag(at, tag, lower)

    if (lower === 'script' && prefix === null) {
      throw this.error(
        `<script runat="server"> is not supported: move this code to the code-behind (${this.codeBehind}).`,
        at,
      )
    }
    if (tagName === '') throw this.error(`Tag <${tag.name}> has no name after its prefix.`, at)
    if (tag.loose.length > 0) {
      const e = tag.loose[0]!
      throw this.error(
        `Server tags cannot contain <% ... %> expressions outside attribute values (in <${tag.name}>).`,
        e.nuggetPos ?? e.pos,
      )
    }

    const el: ServerElement = {
      kind: 'element',
      prefix,
      tagName,
      lower,
      attributes,
      children: [],
      selfClosing: tag.selfClosing,
      pos: this.lines.at(at),
      role,
      hasRunat,
    }
    this.top.children.push(el)
    if (tag.selfClosing || (role === 'html' && isVoidElement(lower))) return tag.end
    this.stack.push({
      el,
      name: tag.name,
      children: el.children,
      sameNameDepth: 0,
      foreignDepth: role === 'html' && (lower === 'svg' || lower === 'math') ? 1 : 0,
    })
    if (role === 'html' && lower === 'style') return this.rawText(tag.end, lower)
    return tag.end
  }

  /** Whether an un-prefixed, runat-less tag is an inner property / template of the open control. */
  private isPropertyElement(tagName: string, lower: string): boolean {
    const frame = this.top
    const parent = frame.el
    if (parent === null || frame.foreignDepth > 0) return false
    // Templates hold page-like content; other property elements (Columns, Triggers, a style
    // with sub-properties) hold controls or sub-properties.
    const holdsProperties =
      parent.role === 'control' || (parent.role === 'property' && !parent.lower.endsWith('template'))
    if (!holdsProperties) return false
    const override = this.options.isPropertyElement?.(parent, tagName)
    if (override !== undefined) return override
    return !lower.includes('-') && !isHtmlElementName(lower)
  }

  /** A non-server start tag: text, with its nuggets as expression nodes. */
  private literalStartTag(at: number, tag: ScannedTag, lower: string): number {
    let p = at
    for (const cut of tag.cuts) {
      this.text(p, cut.from)
      if (cut.expr) this.top.children.push(cut.expr)
      p = cut.to
    }
    this.text(p, tag.end)
    if (tag.selfClosing || isVoidElement(lower)) return tag.end
    const frame = this.top
    if (frame.el !== null && frame.el.prefix === null && frame.el.lower === lower) frame.sameNameDepth++
    if (lower === 'svg' || lower === 'math') frame.foreignDepth++
    if (lower === 'script' || lower === 'style') return this.rawText(tag.end, lower)
    return tag.end
  }

  /**
   * Script and style content: no tags are looked for, but nuggets still count (as in ASP.NET).
   * Stops at the `</script` / `</style` end tag, which the main loop then handles.
   */
  private rawText(from: number, lower: string): number {
    const src = this.src
    const len = this.len
    let s = from
    let i = from
    for (;;) {
      const lt = src.indexOf('<', i)
      if (lt < 0) {
        this.text(s, len)
        return len
      }
      const c = src.charCodeAt(lt + 1)
      if (c === PERCENT) {
        this.text(s, lt)
        i = s = this.textNugget(lt)
        continue
      }
      if (c === SLASH && src.slice(lt + 2, lt + 2 + lower.length).toLowerCase() === lower) {
        const after = src.charCodeAt(lt + 2 + lower.length)
        if (Number.isNaN(after) || isWs(after) || after === GT || after === SLASH) {
          this.text(s, lt)
          return lt
        }
      }
      i = lt + 1
    }
  }

  private endTag(at: number): number {
    const src = this.src
    const len = this.len
    let j = at + 2
    while (j < len && isNameChar(src.charCodeAt(j))) j++
    const name = src.slice(at + 2, j)
    // Tolerate junk before '>' as browsers do, but never run into another tag.
    while (j < len && src.charCodeAt(j) !== GT && src.charCodeAt(j) !== LT) j++
    if (src.charCodeAt(j) !== GT) {
      this.text(at, at + 1)
      return at + 1
    }
    const end = j + 1
    const colon = name.indexOf(':')
    const prefix = colon >= 0 ? name.slice(0, colon).toLowerCase() : null
    const lower = (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase()
    const stack = this.stack
    const top = this.top

    if (prefix !== null) {
      for (let d = stack.length - 1; d >= 1; d--) {
        const el = stack[d]!.el!
        if (el.prefix !== prefix || el.lower !== lower) continue
        if (d !== stack.length - 1) throw this.mismatch(name, at)
        return this.close(at, end)
      }
      throw this.error(`Unexpected closing tag </${name}>.`, at)
    }

    if (top.el !== null && top.el.prefix === null && top.el.lower === lower) {
      if (top.sameNameDepth > 0) {
        top.sameNameDepth--
        this.text(at, end)
        return end
      }
      return this.close(at, end)
    }
    if ((lower === 'svg' || lower === 'math') && top.foreignDepth > 0) top.foreignDepth--
    if (!isHtmlElementName(lower)) {
      // A property element closed while a control inside it is still open.
      for (let d = stack.length - 2; d >= 1; d--) {
        const el = stack[d]!.el!
        if (el.role === 'property' && el.lower === lower) throw this.mismatch(name, at)
      }
    }
    // End tags of literal HTML are never matched: tables split across templates are fine.
    this.text(at, end)
    return end
  }

  private mismatch(endName: string, at: number): MarkupError {
    const open = this.top
    const pos = this.lines.at(at)
    return this.error(
      `Unclosed tag <${open.name}>: expected </${open.name}> before </${endName}> at line ${pos.line}, column ${pos.column}.`,
      open.el!.pos,
    )
  }

  private close(at: number, end: number): number {
    const frame = this.stack.pop()!
    frame.el!.endPos = this.lines.at(at)
    return end
  }
}
