import { defineStateProperties } from '../properties.ts'
import { BaseValidator } from './base-validator.ts'

/** Longer values are refused without running the pattern (bounds regex backtracking). */
const maxLength = 10_000
const cache = new Map<string, RegExp>()

/**
 * Passes when the whole value matches `validationExpression` (as if wrapped in `^(?:…)$`).
 * An empty value passes (pair it with a RequiredFieldValidator). A leading .NET inline
 * option group such as `(?i)` becomes a JavaScript flag. Values longer than 10,000
 * characters fail without running the pattern.
 *
 * @example
 * <asp:RegularExpressionValidator runat="server" ControlToValidate="Zip"
 *   ValidationExpression="\d{5}(-\d{4})?" ErrorMessage="Enter a ZIP code like 12345." />
 */
export class RegularExpressionValidator extends BaseValidator {
  declare validationExpression: string

  protected evaluateIsValid(): boolean {
    const value = this.getControlValidationValue(this.controlToValidate)
    if (!value.trim()) return true
    const pattern = this.compile()
    if (value.length > maxLength) return false
    return pattern.test(value)
  }

  private compile(): RegExp {
    const expression = this.validationExpression
    let pattern = cache.get(expression)
    if (pattern) return pattern
    let source = expression
    let flags = ''
    const inline = /^\(\?([imsx]+)\)/.exec(source)
    if (inline && !inline[1]!.includes('x')) {
      flags = [...new Set(inline[1]!)].join('')
      source = source.slice(inline[0].length)
    }
    try {
      pattern = new RegExp(`^(?:${source})$`, flags)
    } catch (error) {
      throw new Error(`The ValidationExpression of ${this.describe()} is not a valid regular expression: ${(error as Error).message}`)
    }
    if (cache.size >= 500) cache.delete(cache.keys().next().value!)
    cache.set(expression, pattern)
    return pattern
  }
}
defineStateProperties(RegularExpressionValidator, { validationExpression: '' })
