import { defineStateProperties } from '../properties.ts'
import { BaseValidator } from './base-validator.ts'
import { canConvertValidationValue, validationDataTypes, type ValidationDataType } from './validation-data-type.ts'

/**
 * The base of CompareValidator and RangeValidator: the `type` values are converted to
 * before comparing (String, Integer, Double, Date, Currency; invariant formats).
 *
 * @example
 * class EvenValidator extends BaseCompareValidator {
 *   protected evaluateIsValid() { return Number(this.getControlValidationValue(this.controlToValidate)) % 2 === 0 }
 * }
 */
export abstract class BaseCompareValidator extends BaseValidator {
  declare type: ValidationDataType
  /** Accepted for markup compatibility: values are always read in invariant (en-US) formats. */
  declare cultureInvariantValues: boolean

  /** Throws when a configured value (ValueToCompare, MinimumValue…) does not convert to `type`. */
  protected checkConvertible(property: string, value: string): void {
    if (!canConvertValidationValue(value, this.type)) {
      throw new Error(`The value '${value}' of the ${property} property of ${this.describe()} cannot be converted to type '${this.type}'.`)
    }
  }
}
defineStateProperties(BaseCompareValidator, {
  type: { enum: validationDataTypes, default: 'String' },
  cultureInvariantValues: false,
})
