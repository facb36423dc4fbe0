/**
 * The types CompareValidator and RangeValidator convert values to (ASP.NET's ValidationDataType).
 *
 * @example
 * <asp:RangeValidator runat="server" ControlToValidate="Qty" Type="Integer" MinimumValue="1" MaximumValue="9" />
 */
export type ValidationDataType = 'String' | 'Integer' | 'Double' | 'Date' | 'Currency'

/**
 * The comparisons of a CompareValidator (ASP.NET's ValidationCompareOperator).
 *
 * @example
 * <asp:CompareValidator runat="server" ControlToValidate="Age" Type="Integer" Operator="GreaterThanEqual" ValueToCompare="18" />
 */
export type ValidationCompareOperator = 'Equal' | 'NotEqual' | 'GreaterThan' | 'GreaterThanEqual' | 'LessThan' | 'LessThanEqual' | 'DataTypeCheck'

/** @internal The ValidationDataType names. @example validationDataTypes.includes('Date') // true */
export const validationDataTypes = ['String', 'Integer', 'Double', 'Date', 'Currency'] as const
/** @internal The operator names. @example validationCompareOperators[0] // 'Equal' */
export const validationCompareOperators = ['Equal', 'NotEqual', 'GreaterThan', 'GreaterThanEqual', 'LessThan', 'LessThanEqual', 'DataTypeCheck'] as const

const integerPattern = /^\s*[-+]?\d+\s*$/
const doublePattern = /^\s*([-+])?(\d*)\.?(\d*)\s*$/
const currencyPattern = /^\s*([-+])?((?:\d{1,3}(?:,\d{3})+)|\d*)(?:\.(\d{0,2}))?\s*$/
const yearFirstPattern = /^\s*(\d{4})([-/]|\. ?)(\d{1,2})\2(\d{1,2})\.?\s*$/
const yearLastPattern = /^\s*(\d{1,2})([-/]|\. ?)(\d{1,2})(?:\s|\2)(\d{4}|\d{2})\.?\s*$/
/** Two-digit years up to this one (…29) are 20xx, later ones 19xx, as .NET's TwoDigitYearMax 2029. */
const twoDigitYearMax = 2029
const collator = new Intl.Collator('en-US')

/**
 * Converts text the way ASP.NET validators do, with invariant (en-US) formats: Integer
 * (32-bit), Double (`-1.5`, `.5`), Currency (`1,234.56`, at most two decimals), Date
 * (`2024-03-31`, `2024/3/31`, `3/31/2024`, `3/31/24`; the value is the UTC day in ms) and
 * String (as is). Returns `null` when the text does not convert.
 *
 * @example
 * convertValidationValue(' 42 ', 'Integer')      // 42
 * convertValidationValue('1,234.5', 'Currency')  // 1234.5
 * convertValidationValue('2/30/2024', 'Date')    // null (no such day)
 */
export function convertValidationValue(text: string, type: ValidationDataType): string | number | null {
  switch (type) {
    case 'Integer': {
      if (!integerPattern.test(text)) return null
      const n = Number(text.trim())
      return Number.isSafeInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : null
    }
    case 'Double': {
      const m = doublePattern.exec(text)
      if (!m || (m[2] === '' && m[3] === '')) return null
      const n = Number(`${m[1] ?? ''}${m[2] || '0'}${m[3] ? '.' + m[3] : ''}`)
      return Number.isFinite(n) ? n : null
    }
    case 'Currency': {
      const m = currencyPattern.exec(text)
      if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null
      const n = Number(`${m[1] ?? ''}${m[2]!.replace(/,/g, '') || '0'}${m[3] ? '.' + m[3] : ''}`)
      return Number.isFinite(n) ? n : null
    }
    case 'Date':
      return convertDate(text)
    default:
      return text
  }
}

function convertDate(text: string): number | null {
  let year: number
  let month: number
  let day: number
  const first = yearFirstPattern.exec(text)
  if (first) {
    year = Number(first[1])
    month = Number(first[3])
    day = Number(first[4])
  } else {
    const last = yearLastPattern.exec(text)
    if (!last) return null
    month = Number(last[1])
    day = Number(last[3])
    year = Number(last[4])
    if (last[4]!.length === 2) {
      const cutoff = twoDigitYearMax % 100
      const century = twoDigitYearMax - cutoff
      year = year > cutoff ? century - 100 + year : century + year
    }
  }
  if (year < 1 || month < 1 || month > 12 || day < 1) return null
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.getTime()
}

/**
 * Whether the text converts to the type (CompareValidator's `DataTypeCheck`).
 *
 * @example
 * canConvertValidationValue('12.5', 'Integer') // false
 */
export function canConvertValidationValue(text: string, type: ValidationDataType): boolean {
  return convertValidationValue(text, type) !== null
}

/**
 * Compares two texts as a type, with ASP.NET's rules: a left side that does not convert
 * fails; a right side that does not convert passes (there is nothing to compare against).
 * Strings compare with en-US collation.
 *
 * @example
 * compareValidationValues('10', '9', 'GreaterThan', 'Integer') // true
 * compareValidationValues('10', '9', 'GreaterThan', 'String')  // false ('1' sorts before '9')
 */
export function compareValidationValues(left: string, right: string, operator: ValidationCompareOperator, type: ValidationDataType): boolean {
  const l = convertValidationValue(left, type)
  if (l === null) return false
  if (operator === 'DataTypeCheck') return true
  const r = convertValidationValue(right, type)
  if (r === null) return true
  const order = typeof l === 'string' ? collator.compare(l, r as string) : Math.sign((l as number) - (r as number))
  switch (operator) {
    case 'NotEqual':
      return order !== 0
    case 'GreaterThan':
      return order > 0
    case 'GreaterThanEqual':
      return order >= 0
    case 'LessThan':
      return order < 0
    case 'LessThanEqual':
      return order <= 0
    default:
      return order === 0
  }
}
