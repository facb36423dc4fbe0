import { defineStateProperties } from '../properties.ts'
import { BaseCompareValidator } from './base-compare-validator.ts'
import { compareValidationValues } from './validation-data-type.ts'

/**
 * Passes when the value, converted to `type`, lies within `minimumValue`…`maximumValue`
 * (inclusive). An empty value passes; a value that does not convert fails.
 *
 * @example
 * <asp:RangeValidator runat="server" ControlToValidate="Quantity" Type="Integer"
 *   MinimumValue="1" MaximumValue="99" ErrorMessage="Order 1 to 99 items." />
 */
export class RangeValidator extends BaseCompareValidator {
  declare minimumValue: string
  declare maximumValue: string

  protected override checkProperties(): void {
    super.checkProperties()
    this.checkConvertible('MaximumValue', this.maximumValue)
    this.checkConvertible('MinimumValue', this.minimumValue)
    if (compareValidationValues(this.minimumValue, this.maximumValue, 'GreaterThan', this.type)) {
      throw new Error(`The MaximumValue ${this.maximumValue} cannot be less than the MinimumValue ${this.minimumValue} of ${this.describe()}.`)
    }
  }

  protected evaluateIsValid(): boolean {
    const value = this.getControlValidationValue(this.controlToValidate)
    if (!value.trim()) return true
    return (
      compareValidationValues(value, this.minimumValue, 'GreaterThanEqual', this.type) &&
      compareValidationValues(value, this.maximumValue, 'LessThanEqual', this.type)
    )
  }
}
defineStateProperties(RangeValidator, { minimumValue: '', maximumValue: '' })
