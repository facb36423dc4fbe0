/**
 * The validators (server side) and the ValidationSummary.
 *
 * @example
 * import { RequiredFieldValidator } from './controls/validators/index.ts'
 * const v = new RequiredFieldValidator()
 * v.controlToValidate = 'Email'
 */
export { BaseValidator, type ValidatorDisplay } from './base-validator.ts'
export { BaseCompareValidator } from './base-compare-validator.ts'
export { RequiredFieldValidator } from './required-field-validator.ts'
export { RegularExpressionValidator } from './regular-expression-validator.ts'
export { CompareValidator } from './compare-validator.ts'
export { RangeValidator } from './range-validator.ts'
export { CustomValidator, type ServerValidateEventArgs } from './custom-validator.ts'
export { ValidationSummary, type ValidationSummaryDisplayMode } from './validation-summary.ts'
export {
  convertValidationValue,
  canConvertValidationValue,
  compareValidationValues,
  type ValidationDataType,
  type ValidationCompareOperator,
} from './validation-data-type.ts'
