import { Control } from '../controls/control.ts'
import { DataBoundLiteralControl, ExpressionControl, LiteralControl } from '../controls/literal-control.ts'
import { markupProperties, type PropertyInfo } from '../controls/properties.ts'
import { htmlServerControl, type ControlRegistry, type MarkupClass } from '../controls/registry.ts'
import { MarkupError } from '../errors.ts'
import { htmlDecode, htmlEncode } from '../render/encode.ts'
import type { Directive, ExpressionNode, Node, Position, ServerAttribute, ServerElement } from './ast.ts'
import { compileExpression, type CompiledExpression } from './expressions.ts'
import { parseMarkup } from './parse.ts'
import { Template, type Builder, type BuildContext } from './template.ts'

/** Resolves `<%$ Kind:Key %>` expressions (AppSettings, Resources…) when a template compiles. */
export type ExpressionResolver = (kind: string, key: string) => string | undefined

/** What the compiler needs besides the markup. */
export interface CompileOptions {
  registry: ControlRegistry
  /** The code-behind class: handler names and control IDs are checked against it. */
  pageClass: Function
  resolveExpression?: ExpressionResolver
}

/**
 * A compiled `.aspx` file: parse and checks happened once; {@link CompiledTemplate.build}
 * creates a fresh control tree for each request.
 *
 * @example
 * const template = compileTemplate(markup, 'pages/counter.aspx', { registry, pageClass: Counter })
 * const page = new Counter(); template.build(page)
 */
export interface CompiledTemplate {
  file: string
  directives: Directive[]
  /** Attributes of `<%@ Page %>`, keys lowercased. */
  pageDirective: Record<string, string>
  /** The title from the directive or the server head's `<title>`. */
  title: string | undefined
  build(page: Control): void
}

interface Scope {
  file: string
  options: CompileOptions
  registry: ControlRegistry
  /** Whether controls built here become properties of the page. */
  pageScope: boolean
  /** IDs already used in this page scope, to report duplicates. */
  ids: Map<string, Position>
  title?: string
}

const reservedPageMembers = new Set(['title', 'request', 'response', 'items', 'validators', 'clientScript', 'controls', 'viewState', 'parent', 'id', 'form', 'session', 'cache', 'scriptManager'])

/**
 * Parses and compiles markup into a {@link CompiledTemplate}. Every markup mistake is a
 * MarkupError naming the file, line and column.
 *
 * @example
 * const template = compileTemplate(markup, 'pages/index.aspx', { registry, pageClass: Page })
 */
export function compileTemplate(source: string, file: string, options: CompileOptions): CompiledTemplate {
  const doc = parseMarkup(source, file)
  const registry = options.registry.clone()
  const pageDirective: Record<string, string> = {}
  for (const directive of doc.directives) {
    if (directive.name === 'page' || directive.name === 'control' || directive.name === 'master') Object.assign(pageDirective, directive.attributes)
    if (directive.name === 'register') applyRegister(directive, registry, file)
  }
  const scope: Scope = { file, options, registry, pageScope: true, ids: new Map() }
  const builders = compileNodes(doc.nodes, scope, null)
  const title = pageDirective.title ?? scope.title
  const clientIDMode = pageDirective.clientidmode
  const enableViewState = pageDirective.enableviewstate
  return {
    file,
    directives: doc.directives,
    pageDirective,
    title,
    build(page: Control) {
      if (title !== undefined) (page as { title?: string }).title = title
      if (clientIDMode) page.clientIDMode = clientIDMode as Control['clientIDMode']
      if (enableViewState && enableViewState.toLowerCase() === 'false') page.enableViewState = false
      const ctx: BuildContext = { page, pageScope: true }
      for (const build of builders) build(page, ctx)
    },
  }
}

function applyRegister(directive: Directive, registry: ControlRegistry, file: string): void {
  const prefix = directive.attributes.tagprefix
  if (!prefix) throw new MarkupError('<%@ Register %> needs a TagPrefix.', file, directive.pos.line, directive.pos.column)
  const namespace = directive.attributes.namespace ?? ''
  // Pages moved from ASP.NET register the built-in namespaces under other prefixes.
  if (/^System\.Web\.UI\.(WebControls|HtmlControls)?/i.test(namespace) || /^Deltaform/i.test(namespace)) registry.alias(prefix, 'asp')
}

// ---- nodes -------------------------------------------------------------------------------

function compileNodes(nodes: Node[], scope: Scope, parentClass: MarkupClass | null): Builder[] {
  const builders: Builder[] = []
  for (const node of nodes) {
    const builder = compileNode(node, scope, parentClass)
    if (builder) builders.push(builder)
  }
  return builders
}

function compileNode(node: Node, scope: Scope, parentClass: MarkupClass | null): Builder | null {
  switch (node.kind) {
    case 'text': {
      const text = node.text
      return (parent) => addChild(parent, new LiteralControl(text, true))
    }
    case 'expression':
      return compileTextExpression(node, scope)
    case 'element':
      if (node.role === 'property') {
        const owner = parentClass ? parentClass.name : 'this element'
        throw new MarkupError(`'${owner}' has no inner property named '${node.tagName}'.`, scope.file, node.pos.line, node.pos.column)
      }
      return compileElement(node, scope)
  }
}

function compileTextExpression(node: ExpressionNode, scope: Scope): Builder {
  if (node.mode === 'resource') {
    const value = htmlEncode(resolveResource(node, scope))
    return (parent) => addChild(parent, new LiteralControl(value))
  }
  const fn = compileExpression(node, scope.file)
  const evaluate = (page: Control) => (control: Control) => fn(page, control)
  switch (node.mode) {
    case 'raw':
      return (parent, ctx) => addChild(parent, new ExpressionControl(evaluate(ctx.page), false))
    case 'encoded':
      return (parent, ctx) => addChild(parent, new ExpressionControl(evaluate(ctx.page), true))
    case 'bind':
      return (parent, ctx) => addChild(parent, new DataBoundLiteralControl(evaluate(ctx.page), false))
    case 'bindEncoded':
      return (parent, ctx) => addChild(parent, new DataBoundLiteralControl(evaluate(ctx.page), true))
  }
}

function resolveResource(node: ExpressionNode, scope: Scope): string {
  const m = /^\s*([A-Za-z]+)\s*:\s*(.+?)\s*$/.exec(node.code)
  const value = m ? scope.options.resolveExpression?.(m[1]!.toLowerCase(), m[2]!) : undefined
  if (value === undefined) {
    throw new MarkupError(`The expression <%$ ${node.code} %> names no known setting.`, scope.file, node.pos.line, node.pos.column)
  }
  return value
}

function addChild(parent: Control, child: object): void {
  const owner = parent as Control & { addParsedSubObject?: (obj: unknown) => void }
  if (typeof owner.addParsedSubObject === 'function') owner.addParsedSubObject(child)
  else if (child instanceof Control) parent.controls.add(child)
}

// ---- elements ----------------------------------------------------------------------------

type Setter = (target: any, ctx: BuildContext) => void

function compileElement(el: ServerElement, scope: Scope): Builder {
  const isHtml = el.role === 'html'
  let create: () => object
  let cls: MarkupClass
  if (isHtml) {
    const factory = htmlServerControl(el.lower)
    create = factory
    cls = factory().constructor as MarkupClass
    if (el.lower === 'script') {
      throw new MarkupError('<script runat="server"> is not supported: move this code to the code-behind (.aspx.ts).', scope.file, el.pos.line, el.pos.column)
    }
  } else {
    const found = scope.registry.resolve(el.prefix ?? '', el.tagName)
    if (!found) throw new MarkupError(`Unknown server tag '${el.prefix}:${el.tagName}'.`, scope.file, el.pos.line, el.pos.column)
    cls = found
    create = () => new found()
  }
  const isControl = cls.prototype instanceof Control || cls === (Control as unknown as MarkupClass)
  const props = markupProperties(cls)
  const setters: Setter[] = []
  let id: string | undefined

  for (const attr of el.attributes) {
    if (attr.lower === 'id') {
      id = plainValue(attr, scope, el)
      checkId(id, attr, scope)
      continue
    }
    const info = props.get(attr.lower)
    if (attr.value.parts.some((p) => typeof p !== 'string')) {
      setters.push(compileBoundAttribute(attr, info, isHtml, scope, el))
      continue
    }
    const value = htmlDecode(attr.value.parts.join(''))
    if (info && !isStructural(info)) {
      const converted = convert(info, value, attr, scope)
      setters.push((c) => (c[info.name] = converted))
    } else if (isHtml && attr.lower.startsWith('onserver')) {
      setters.push(wireEvent('Server' + attr.name.slice('onserver'.length), value, attr, scope))
    } else if (isHtml) {
      const name = attr.lower
      setters.push((c) => c.attributes.set(name, value))
    } else if (attr.lower.startsWith('on') && attr.lower.length > 2 && isControl && /^[A-Za-z_$][\w$]*$/.test(value.trim())) {
      // OnClick="Save_Click" names a page method; onchange="Refresh(this.value)" is client script.
      setters.push(wireEvent(attr.name.slice(2), value.trim(), attr, scope))
    } else if (props.has('attributes') || 'attributes' in (create() as object)) {
      const name = attr.lower
      setters.push((c) => c.attributes.set(name, value))
    } else {
      throw new MarkupError(`'${cls.name}' has no property named '${attr.name}'.`, scope.file, attr.pos.line, attr.pos.column)
    }
  }

  const childScope: Scope = scope
  const childBuilders: Builder[] = []
  const structural: Setter[] = []
  const innerTextProperty = (cls as { innerTextProperty?: string }).innerTextProperty ?? (isControl ? undefined : props.has('text') ? 'text' : undefined)
  const takesObjects = typeof (cls.prototype as { addParsedSubObject?: unknown }).addParsedSubObject === 'function'
  let innerText = ''

  if (isHtml && el.lower === 'head') extractTitle(el, scope)
  for (const child of el.children) {
    if (child.kind === 'element' && child.role === 'property') {
      structural.push(compilePropertyElement(child, props, cls, scope))
    } else if (child.kind === 'text' && (innerTextProperty || takesObjects || !isControl)) {
      if (innerTextProperty) innerText += child.text
      else if (child.text.trim()) {
        throw new MarkupError(`'${cls.name}' cannot contain text here: '${child.text.trim().slice(0, 40)}'.`, scope.file, child.pos.line, child.pos.column)
      }
    } else if (!isControl && child.kind === 'element') {
      throw new MarkupError(`'${cls.name}' cannot contain '${child.tagName}'.`, scope.file, child.pos.line, child.pos.column)
    } else {
      const builder = compileNode(child, childScope, cls)
      if (builder) childBuilders.push(builder)
    }
  }
  if (innerTextProperty && innerText.trim()) {
    const text = htmlDecode(innerText.trim())
    setters.push((c) => (c[innerTextProperty] = text))
  }

  const pageScope = scope.pageScope
  const controlId = id
  return (parent, ctx) => {
    const control = create() as any
    if (controlId !== undefined && isControl) control.id = controlId
    for (const set of setters) set(control, ctx)
    addChild(parent, control)
    for (const set of structural) set(control, ctx)
    for (const build of childBuilders) build(control, ctx)
    if (pageScope && ctx.pageScope && controlId !== undefined && isControl) (ctx.page as any)[controlId] = control
  }
}

function isStructural(info: PropertyInfo): boolean {
  return info.kind === 'template' || info.kind === 'singleTemplate' || info.kind === 'collection' || info.kind === 'object'
}

function plainValue(attr: ServerAttribute, scope: Scope, el: ServerElement): string {
  if (attr.value.parts.some((p) => typeof p !== 'string')) {
    throw new MarkupError(`The ${attr.name} of <${el.prefix ? el.prefix + ':' : ''}${el.tagName}> cannot be an expression.`, scope.file, attr.pos.line, attr.pos.column)
  }
  return htmlDecode(attr.value.parts.join(''))
}

function checkId(id: string, attr: ServerAttribute, scope: Scope): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) {
    throw new MarkupError(`'${id}' is not a valid control ID: use letters, digits and '_' and start with a letter or '_'.`, scope.file, attr.pos.line, attr.pos.column)
  }
  if (!scope.pageScope) return
  const lower = id.toLowerCase()
  const previous = scope.ids.get(lower)
  if (previous) {
    throw new MarkupError(`The ID '${id}' is already used at line ${previous.line}; IDs must be unique in a naming container.`, scope.file, attr.pos.line, attr.pos.column)
  }
  scope.ids.set(lower, attr.pos)
  if (reservedPageMembers.has(id) || (id in scope.options.pageClass.prototype && !Object.getOwnPropertyDescriptor(scope.options.pageClass.prototype, id)?.set)) {
    throw new MarkupError(`The ID '${id}' clashes with a member of the page class; choose another ID.`, scope.file, attr.pos.line, attr.pos.column)
  }
}

function wireEvent(eventName: string, method: string, attr: ServerAttribute, scope: Scope): Setter {
  const handler = scope.options.pageClass.prototype[method]
  if (typeof handler !== 'function') {
    throw new MarkupError(
      `${attr.name}="${method}": the page class has no method '${method}'. Add ${method}(sender, e) { … } to the code-behind.`,
      scope.file,
      attr.pos.line,
      attr.pos.column,
    )
  }
  return (c: Control, ctx) => {
    const page = ctx.page as unknown as Record<string, (s: Control, e: unknown) => unknown>
    c.on(eventName, (sender, e) => page[method]!.call(page, sender, e))
  }
}

function compileBoundAttribute(attr: ServerAttribute, info: PropertyInfo | undefined, isHtml: boolean, scope: Scope, el: ServerElement): Setter {
  const parts: Array<string | CompiledExpression> = []
  let binds = false
  for (const part of attr.value.parts) {
    if (typeof part === 'string') parts.push(htmlDecode(part))
    else if (part.mode === 'resource') parts.push(resolveResource(part, scope))
    else if (part.mode === 'bind' || part.mode === 'bindEncoded') {
      binds = true
      parts.push(compileExpression(part, scope.file))
    } else {
      throw new MarkupError(
        `Server tags cannot contain <%${part.mode === 'raw' ? '=' : ':'} %> in '${attr.name}': use a <%# %> data-binding expression or set the property in the code-behind.`,
        scope.file,
        part.pos.line,
        part.pos.column,
      )
    }
  }
  const assign = (c: any, value: unknown) => {
    if (info && !isStructural(info)) c[info.name] = value
    else if (isHtml || c.attributes) c.attributes.set(attr.lower, value == null ? '' : String(value))
    else throw new Error(`'${el.tagName}' has no property named '${attr.name}'.`)
  }
  const evaluate = (page: Control, control: Control): unknown => {
    if (parts.length === 1) return typeof parts[0] === 'string' ? parts[0] : parts[0]!(page, control)
    return parts.map((p) => (typeof p === 'string' ? p : (p(page, control) ?? ''))).join('')
  }
  if (!binds) {
    const value = parts.join('')
    return (c) => assign(c, info ? convert(info, value, attr, scope) : value)
  }
  return (c: Control, ctx) => {
    c.on('DataBinding', () => assign(c, evaluate(ctx.page, c)))
  }
}

function extractTitle(head: ServerElement, scope: Scope): void {
  for (const child of head.children) {
    if (child.kind !== 'text') continue
    const m = /<title(?:\s[^>]*)?>([\s\S]*?)<\/title\s*>/i.exec(child.text)
    if (!m) continue
    scope.title ??= htmlDecode(m[1]!.trim())
    child.text = child.text.slice(0, m.index) + child.text.slice(m.index + m[0].length)
  }
}

// ---- property elements ---------------------------------------------------------------------

function compilePropertyElement(el: ServerElement, props: Map<string, PropertyInfo>, cls: MarkupClass, scope: Scope): Setter {
  const info = props.get(el.lower)
  if (!info || !isStructural(info)) {
    throw new MarkupError(`'${cls.name}' has no inner property named '${el.tagName}'.`, scope.file, el.pos.line, el.pos.column)
  }
  const name = info.name
  switch (info.kind) {
    case 'template':
    case 'singleTemplate': {
      const single = info.kind === 'singleTemplate'
      const builders = compileNodes(el.children, { ...scope, pageScope: scope.pageScope && single }, null)
      return (c, ctx) => (c[name] = new Template(builders, { page: ctx.page, pageScope: ctx.pageScope && single }))
    }
    case 'collection': {
      const items: Builder[] = []
      for (const child of el.children) {
        if (child.kind === 'text' && !child.text.trim()) continue
        if (child.kind !== 'element' || child.role === 'property') {
          throw new MarkupError(`'${el.tagName}' can only contain server elements.`, scope.file, child.pos.line, child.pos.column)
        }
        items.push(compileElement(child, scope))
      }
      return (c, ctx) => {
        const collection = c[name]
        const holder = { addParsedSubObject: (obj: unknown) => (typeof collection.add === 'function' ? collection.add(obj) : collection.push(obj)) }
        for (const build of items) build(holder as unknown as Control, ctx)
      }
    }
    default: {
      const setters: Setter[] = []
      for (const attr of el.attributes) {
        setters.push((target) => {
          const subInfo = markupProperties(target.constructor).get(attr.lower)
          const value = htmlDecode(attr.value.parts.filter((p): p is string => typeof p === 'string').join(''))
          if (!subInfo) throw new MarkupError(`'${el.tagName}' has no property named '${attr.name}'.`, scope.file, attr.pos.line, attr.pos.column)
          target[subInfo.name] = convert(subInfo, value, attr, scope)
        })
      }
      return (c, ctx) => {
        for (const set of setters) set(c[name], ctx)
      }
    }
  }
}

// ---- conversion ----------------------------------------------------------------------------

function convert(info: PropertyInfo, value: string, attr: ServerAttribute, scope: Scope): unknown {
  const fail = (expected: string) => {
    throw new MarkupError(`'${value}' is not a valid value for ${attr.name}: expected ${expected}.`, scope.file, attr.pos.line, attr.pos.column)
  }
  switch (info.kind) {
    case 'boolean': {
      const lower = value.trim().toLowerCase()
      if (lower !== 'true' && lower !== 'false') fail('true or false')
      return lower === 'true'
    }
    case 'number': {
      const n = Number(value.trim())
      if (value.trim() === '' || Number.isNaN(n)) fail('a number')
      return n
    }
    case 'string[]':
      return value.split(',').map((s) => s.trim()).filter(Boolean)
    default: {
      if (info.values) {
        const match = info.values.find((v) => v.toLowerCase() === value.trim().toLowerCase())
        if (match === undefined) fail(`one of ${info.values.join(', ')}`)
        return match
      }
      return value
    }
  }
}
