import { defineStateProperties } from '../properties.ts'
import { BaseCompareValidator } from './base-compare-validator.ts'
import {
  canConvertValidationValue,
  compareValidationValues,
  validationCompareOperators,
  type ValidationCompareOperator,
} from './validation-data-type.ts'

/**
 * Compares the value with another control's value (`controlToCompare`) or a constant
 * (`valueToCompare`) as `type`, using `operator`; `DataTypeCheck` only checks that the value
 * converts. An empty value passes. A value that does not convert fails; a compared-to value
 * that does not convert (say an empty other box) passes.
 *
 * @example
 * <asp:CompareValidator runat="server" ControlToValidate="Confirm" ControlToCompare="Password"
 *   ErrorMessage="The passwords differ." />
 * <asp:CompareValidator runat="server" ControlToValidate="Age" Type="Integer"
 *   Operator="GreaterThanEqual" ValueToCompare="18" ErrorMessage="You must be 18 or older." />
 */
export class CompareValidator extends BaseCompareValidator {
  declare controlToCompare: string
  declare valueToCompare: string
  declare operator: ValidationCompareOperator

  protected override checkProperties(): void {
    super.checkProperties()
    if (this.controlToCompare) {
      if (this.controlToCompare.toLowerCase() === this.controlToValidate.toLowerCase()) {
        throw new Error(`The ControlToCompare property of ${this.describe()} cannot be the same as its ControlToValidate property.`)
      }
      if (!this.findControl(this.controlToCompare)) {
        throw new Error(`Unable to find control id '${this.controlToCompare}' referenced by the 'ControlToCompare' property of ${this.describe()}.`)
      }
    } else if (this.operator !== 'DataTypeCheck') {
      this.checkConvertible('ValueToCompare', this.valueToCompare)
    }
  }

  protected evaluateIsValid(): boolean {
    const value = this.getControlValidationValue(this.controlToValidate)
    if (!value.trim()) return true
    if (this.operator === 'DataTypeCheck') return canConvertValidationValue(value, this.type)
    const other = this.controlToCompare ? this.getControlValidationValue(this.controlToCompare) : this.valueToCompare
    return compareValidationValues(value, other, this.operator, this.type)
  }
}
defineStateProperties(CompareValidator, {
  controlToCompare: '',
  valueToCompare: '',
  operator: { enum: validationCompareOperators, default: 'Equal' },
})
