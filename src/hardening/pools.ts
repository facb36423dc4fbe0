import fc from 'fast-check'

// Value generators for fuzz cases: known names and values of the sample site mixed with text
// no browser would send. Kept apart from the case shape so both stay short.

/** One UTF-16 unit or code point, biased towards characters that break parsers. */
// Code points drawn as integers: nested string arbitraries cost far more to generate.
const awkwardUnit = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 3, arbitrary: fc.constantFrom('|', '$', '&', '=', '+', '%', ' ', '\u0000', '\r', '\n', "'", '"', '<', '~', ',', '\u2028', '\ufeff') },
)

/**
 * Any text: every code point, lone surrogates, separators of the wire formats.
 *
 * @example
 * fc.sample(awkwardText(20), 3) // e.g. ['\ud800|', '%E0', 'a$b']
 */
export function awkwardText(maxLength = 40): fc.Arbitrary<string> {
  return fc.string({ unit: awkwardUnit, maxLength })
}

/**
 * Control ids of the sample pages a fuzz case may name (some on every page, most on one).
 *
 * @example
 * fc.constantFrom(...sampleControlIds)
 */
export const sampleControlIds = [
  '__Page', '__PAGE', 'form1', 'ScriptManager1', 'Increment', 'Decrement', 'Count', 'Step', 'StepNote',
  'UpdatePanel1', 'Button1', 'Refresh', 'Label1', 'CounterPanel', 'Add', 'Reset', 'PanelOrders', 'CallbackOrders',
  'OrdersPanel', 'OrderDetails', 'PanelOrders$ctl02$ctl00', 'PanelOrders$ctl52', 'Register', 'UserName', 'Plan', 'Terms',
  'UserNameFree', 'Summary', 'LiveCheck', 'UserId', 'Submit', 'Departments', 'Employees', 'PanelA', 'BumpA', 'Outer',
  'Inner', 'Outer$Inner', 'BumpInner', 'Nope', 'CallbackOrders$state',
] as const

/**
 * An event target or callback target: a control id, a framework field name or any text.
 *
 * @example
 * fc.sample(targetName, 1) // e.g. ['PanelOrders']
 */
export const targetName: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...sampleControlIds) },
  { weight: 1, arbitrary: fc.constantFrom('__EVENTTARGET', '__VIEWSTATE', '__proto__', 'constructor', '', '$', '$$', 'Add$', '$Add') },
  { weight: 3, arbitrary: awkwardText() },
)

/**
 * An `__EVENTARGUMENT`: grid commands with good and bad numbers, or any text.
 *
 * @example
 * fc.sample(eventArgument, 1) // e.g. ['Page$-1']
 */
export const eventArgument: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('Page', 'Sort', 'Select', 'Edit', 'Delete', 'Update', 'Cancel', 'New', 'Insert', ''),
        fc.oneof(fc.constantFrom('0', '2', '-1', '999999', '1e9', 'NaN', 'Next', 'Prev', 'First', 'Last', 'Id', 'Customer', 'Total', '__proto__', ''), awkwardText(10)),
      )
      .map(([command, argument]) => `${command}$${argument}`),
  },
  { weight: 2, arbitrary: awkwardText() },
)

/**
 * A `__CALLBACKPARAM`: the grid's `page|A|sort|command` form, the callback validator's JSON,
 * the sample arguments, or any text.
 *
 * @example
 * fc.sample(callbackParam, 1) // e.g. ['2|D|Total|Page$4']
 */
export const callbackParam: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), awkwardText(4)), fc.constantFrom('A', 'D', 'X', ''), fc.constantFrom('Id', 'Total', 'Nope', ''), eventArgument)
      .map((parts) => parts.join('|')),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ field: fc.oneof(fc.constantFrom('UserId', 'Email', 'Password', 'Nope', ''), awkwardText(8)), value: awkwardText(20) })
      .map((argument) => JSON.stringify(argument)),
  },
  { weight: 1, arbitrary: fc.constantFrom('time', 'fail', 'sales', 'ping', '{"field":"UserId"}', '[]', 'null', '{}') },
  { weight: 2, arbitrary: awkwardText() },
)

/**
 * A `ScriptManager1` value: `panels|source` from known ids, or any text.
 *
 * @example
 * fc.sample(scriptManagerValue, 1) // e.g. ['UpdatePanel1,Nope|Add']
 */
export const scriptManagerValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.array(fc.constantFrom(...sampleControlIds), { maxLength: 3 }), targetName)
      .map(([panels, source]) => `${panels.join(',') || 'ScriptManager1'}|${source}`),
  },
  { weight: 1, arbitrary: awkwardText() },
)

/**
 * A posted value for a text box, list or check box: known list values, numbers at the edges,
 * or any text.
 *
 * @example
 * fc.sample(fieldValue, 1) // e.g. ['team']
 */
export const fieldValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('free', 'pro', 'team', 'sales', 'support', 'on', 'off', '', '1', '0', '-0', '1e308', '99999999999999999999', 'NaN') },
  { weight: 3, arbitrary: awkwardText() },
)
