import type { Control } from '../controls/control.ts'
import { MarkupError } from '../errors.ts'
import type { ExpressionNode } from './ast.ts'
import { evalPath, formatValue } from './format.ts'

/** A compiled nugget: evaluated with the page as `this`, control IDs and `Eval` in scope. */
export type CompiledExpression = (page: object, control: Control) => unknown

/** The helpers `<%# %>` expressions see besides the page's members. */
interface BindingScope {
  Container: Control
  Eval(field: string, format?: string): unknown
  Bind(field: string, format?: string): unknown
  DataBinder: { Eval(item: unknown, field: string, format?: string): unknown }
}

function bindingScope(control: Control): BindingScope {
  const container = control.bindingContainer
  const evaluate = (item: unknown, field: string, format?: string) => {
    const value = evalPath(item, field)
    return format ? formatValue(value, format) : value
  }
  return {
    Container: container,
    Eval: (field, format) => evaluate(container.dataItem, field, format),
    Bind: (field, format) => evaluate(container.dataItem, field, format),
    DataBinder: { Eval: evaluate },
  }
}

/**
 * Compiles a nugget's JavaScript once, when the template compiles: a syntax error is a
 * MarkupError at the nugget's line. Templates are trusted files, like code-behind.
 *
 * @example
 * const total = compileExpression({ kind: 'expression', mode: 'encoded', code: 'this.total', pos }, file)
 * total(page, control) // page.total
 */
export function compileExpression(node: ExpressionNode, file: string): CompiledExpression {
  let fn: (this: object, scope: BindingScope) => unknown
  try {
    // `with` gives markup code the Web Forms scope (control IDs, Eval, Container) without
    // rewriting it; Function bodies are sloppy-mode, where `with` is allowed.
    fn = new Function('__scope', `with (this) { with (__scope) { return (${node.code}\n); } }`) as typeof fn
  } catch (error) {
    throw new MarkupError(
      `The expression <%${sigil(node.mode)} ${node.code} %> is not valid JavaScript: ${(error as Error).message}`,
      file,
      node.pos.line,
      node.pos.column,
    )
  }
  return (page, control) => {
    try {
      return fn.call(page, bindingScope(control))
    } catch (error) {
      const wrapped = new Error(`${file}:${node.pos.line}:${node.pos.column}: the expression ${node.code} failed: ${(error as Error).message}`)
      ;(wrapped as Error & { markupFile?: string; markupLine?: number; cause?: unknown }).cause = error
      Object.assign(wrapped, { markupFile: file, markupLine: node.pos.line })
      throw wrapped
    }
  }
}

function sigil(mode: ExpressionNode['mode']): string {
  return { raw: '=', encoded: ':', bind: '#', bindEncoded: '#:', resource: '$' }[mode]
}
