import { describe, expect, it } from 'vitest'
import { CheckBox } from '../check-box.ts'
import type { Control } from '../control.ts'
import { mount } from '../fake-host.ts'
import { HiddenField } from '../hidden-field.ts'
import { Label } from '../label.ts'
import { DropDownList } from '../list/drop-down-list.ts'
import { ListItem } from '../list/list-item.ts'
import { TextBox } from '../text-box.ts'
import type { BaseValidator } from './base-validator.ts'
import { CompareValidator } from './compare-validator.ts'
import { CustomValidator, type ServerValidateEventArgs } from './custom-validator.ts'
import { RangeValidator } from './range-validator.ts'
import { RegularExpressionValidator } from './regular-expression-validator.ts'
import { RequiredFieldValidator } from './required-field-validator.ts'

function textBox(id: string, text = ''): TextBox {
  const box = new TextBox()
  box.id = id
  box.text = text
  return box
}

function named<T extends Control>(control: T, id: string): T {
  control.id = id
  return control
}

/** Mounts the validator beside its inputs, validates, and returns isValid. */
async function check(validator: BaseValidator, ...inputs: Control[]): Promise<boolean> {
  await mount([...inputs, validator])
  await validator.validate()
  return validator.isValid
}

function required(initialValue = ''): RequiredFieldValidator {
  const v = named(new RequiredFieldValidator(), 'Req')
  v.controlToValidate = 'Name'
  v.initialValue = initialValue
  return v
}

describe('RequiredFieldValidator', () => {
  it('fails on empty or whitespace text and passes otherwise', async () => {
    expect(await check(required(), textBox('Name', ''))).toBe(false)
    expect(await check(required(), textBox('Name', '   '))).toBe(false)
    expect(await check(required(), textBox('Name', 'Ann'))).toBe(true)
  })

  it('compares with a trimmed InitialValue', async () => {
    expect(await check(required(' -- '), textBox('Name', '--'))).toBe(false)
    expect(await check(required('--'), textBox('Name', ''))).toBe(true)
  })

  it('reads lists, hidden fields, labels and validationValue getters', async () => {
    const list = named(new DropDownList(), 'Name')
    list.items.add(new ListItem('Choose', ''))
    list.items.add('Blue')
    expect(await check(required(), list)).toBe(false)
    list.selectedValue = 'Blue'
    const v = required()
    expect(await check(v, list)).toBe(true)

    const hidden = named(new HiddenField(), 'Name')
    hidden.value = 'x'
    expect(await check(required(), hidden)).toBe(true)
    expect(await check(required(), named(new Label(), 'Name'))).toBe(false)

    class Stars extends Label {
      get validationValue() {
        return 3
      }
    }
    expect(await check(required(), named(new Stars(), 'Name'))).toBe(true)
  })

  it('names the validator and id when the control is missing, blank or not validatable', async () => {
    await expect(check(required(), textBox('Other'))).rejects.toThrow("Unable to find control id 'Name' referenced by the 'ControlToValidate' property of 'Req'.")
    const blank = named(new RequiredFieldValidator(), 'Blank')
    await expect(check(blank)).rejects.toThrow("The ControlToValidate property of 'Blank' cannot be blank.")
    await expect(check(required(), named(new CheckBox(), 'Name'))).rejects.toThrow(/cannot be validated/)
  })

  it('is valid when disabled or hidden, without looking at the control', async () => {
    const v = required()
    v.enabled = false
    expect(await check(v)).toBe(true)
    const h = required()
    h.visible = false
    expect(await check(h)).toBe(true)
  })
})

describe('RegularExpressionValidator', () => {
  const regex = (expression: string) => {
    const v = named(new RegularExpressionValidator(), 'Rx')
    v.controlToValidate = 'Name'
    v.validationExpression = expression
    return v
  }

  it('needs the whole value to match; empty passes', async () => {
    expect(await check(regex('\\d{5}'), textBox('Name', '12345'))).toBe(true)
    expect(await check(regex('\\d{5}'), textBox('Name', '123456'))).toBe(false)
    expect(await check(regex('\\d{5}'), textBox('Name', 'x12345'))).toBe(false)
    expect(await check(regex('a|b'), textBox('Name', 'ab'))).toBe(false)
    expect(await check(regex('a|b'), textBox('Name', 'b'))).toBe(true)
    expect(await check(regex('\\d+'), textBox('Name', ''))).toBe(true)
    expect(await check(regex('\\d+'), textBox('Name', '  '))).toBe(true)
  })

  it('turns a leading (?i) into a flag', async () => {
    expect(await check(regex('(?i)[a-z]+'), textBox('Name', 'ABC'))).toBe(true)
    expect(await check(regex('[a-z]+'), textBox('Name', 'ABC'))).toBe(false)
  })

  it('fails long values without running the pattern', async () => {
    expect(await check(regex('(a+)+$'), textBox('Name', 'a'.repeat(10_001)))).toBe(false)
    expect(await check(regex('a+'), textBox('Name', 'a'.repeat(10_000)))).toBe(true)
  })

  it('reports a bad pattern naming the validator', async () => {
    await expect(check(regex('(unclosed'), textBox('Name', 'x'))).rejects.toThrow(/ValidationExpression of 'Rx' is not a valid regular expression/)
  })
})

describe('CompareValidator', () => {
  const compare = (setup: Partial<Pick<CompareValidator, 'controlToCompare' | 'valueToCompare' | 'operator' | 'type'>>) => {
    const v = named(new CompareValidator(), 'Cmp')
    v.controlToValidate = 'Name'
    Object.assign(v, setup)
    return v
  }

  it('compares with another control as strings by default', async () => {
    expect(await check(compare({ controlToCompare: 'Other' }), textBox('Name', 'secret'), textBox('Other', 'secret'))).toBe(true)
    expect(await check(compare({ controlToCompare: 'Other' }), textBox('Name', 'secret'), textBox('Other', 'Secret'))).toBe(false)
  })

  it('passes an empty value and an unconvertible compared value', async () => {
    expect(await check(compare({ controlToCompare: 'Other', type: 'Integer' }), textBox('Name', ''), textBox('Other', '5'))).toBe(true)
    expect(await check(compare({ controlToCompare: 'Other', type: 'Integer' }), textBox('Name', '3'), textBox('Other', 'abc'))).toBe(true)
    expect(await check(compare({ controlToCompare: 'Other', type: 'Integer' }), textBox('Name', 'abc'), textBox('Other', '3'))).toBe(false)
  })

  it('applies every operator to integers', async () => {
    const run = (operator: CompareValidator['operator'], value: string) => check(compare({ valueToCompare: '10', operator, type: 'Integer' }), textBox('Name', value))
    expect(await run('Equal', ' 10 ')).toBe(true)
    expect(await run('NotEqual', '10')).toBe(false)
    expect(await run('GreaterThan', '9')).toBe(false)
    expect(await run('GreaterThan', '11')).toBe(true)
    expect(await run('GreaterThanEqual', '10')).toBe(true)
    expect(await run('LessThan', '-3')).toBe(true)
    expect(await run('LessThanEqual', '11')).toBe(false)
    expect(await run('Equal', '10.0')).toBe(false) // not an Integer
  })

  it('checks data types', async () => {
    const run = (type: CompareValidator['type'], value: string) => check(compare({ operator: 'DataTypeCheck', type }), textBox('Name', value))
    expect(await run('Integer', '42')).toBe(true)
    expect(await run('Integer', '4.2')).toBe(false)
    expect(await run('Integer', '99999999999')).toBe(false)
    expect(await run('Double', '-.5')).toBe(true)
    expect(await run('Double', '1e5')).toBe(false)
    expect(await run('Currency', '1,234.50')).toBe(true)
    expect(await run('Currency', '1,23.5')).toBe(false)
    expect(await run('Currency', '1.234')).toBe(false)
    expect(await run('Date', '2024-02-29')).toBe(true)
    expect(await run('Date', '2023-02-29')).toBe(false)
    expect(await run('Date', '12/31/2024')).toBe(true)
    expect(await run('Date', '31/12/2024')).toBe(false)
    expect(await run('String', 'anything')).toBe(true)
  })

  it('compares dates and doubles by value', async () => {
    expect(await check(compare({ valueToCompare: '2024-01-15', operator: 'LessThan', type: 'Date' }), textBox('Name', '1/2/2024'))).toBe(true)
    expect(await check(compare({ valueToCompare: '2.5', operator: 'GreaterThan', type: 'Double' }), textBox('Name', '10'))).toBe(true)
    expect(await check(compare({ valueToCompare: '2.5', operator: 'GreaterThan', type: 'String' }), textBox('Name', '10'))).toBe(false)
  })

  it('refuses a misconfiguration clearly', async () => {
    await expect(check(compare({ valueToCompare: 'x', type: 'Integer' }), textBox('Name', '1'))).rejects.toThrow("The value 'x' of the ValueToCompare property of 'Cmp' cannot be converted to type 'Integer'.")
    await expect(check(compare({ controlToCompare: 'Name' }), textBox('Name', '1'))).rejects.toThrow(/cannot be the same/)
    await expect(check(compare({ controlToCompare: 'Missing' }), textBox('Name', '1'))).rejects.toThrow(/'Missing' referenced by the 'ControlToCompare' property of 'Cmp'/)
  })
})

describe('RangeValidator', () => {
  const range = (type: RangeValidator['type'], min: string, max: string) => {
    const v = named(new RangeValidator(), 'Rng')
    v.controlToValidate = 'Name'
    v.type = type
    v.minimumValue = min
    v.maximumValue = max
    return v
  }

  it('passes values inside the range, inclusive, and empty values', async () => {
    expect(await check(range('Integer', '1', '10'), textBox('Name', '1'))).toBe(true)
    expect(await check(range('Integer', '1', '10'), textBox('Name', '10'))).toBe(true)
    expect(await check(range('Integer', '1', '10'), textBox('Name', '11'))).toBe(false)
    expect(await check(range('Integer', '1', '10'), textBox('Name', '0'))).toBe(false)
    expect(await check(range('Integer', '1', '10'), textBox('Name', 'five'))).toBe(false)
    expect(await check(range('Integer', '1', '10'), textBox('Name', ''))).toBe(true)
  })

  it('works for dates, currency and strings', async () => {
    expect(await check(range('Date', '2024-01-01', '2024-12-31'), textBox('Name', '2024-06-30'))).toBe(true)
    expect(await check(range('Date', '2024-01-01', '2024-12-31'), textBox('Name', '1/1/2025'))).toBe(false)
    expect(await check(range('Currency', '0', '100'), textBox('Name', '99.99'))).toBe(true)
    expect(await check(range('String', 'a', 'm'), textBox('Name', 'hello'))).toBe(true)
    expect(await check(range('String', 'a', 'm'), textBox('Name', 'zebra'))).toBe(false)
  })

  it('refuses bad bounds', async () => {
    await expect(check(range('Integer', '10', '1'), textBox('Name', '5'))).rejects.toThrow('The MaximumValue 1 cannot be less than the MinimumValue 10 of \'Rng\'.')
    await expect(check(range('Integer', 'a', '1'), textBox('Name', '5'))).rejects.toThrow(/MinimumValue property of 'Rng' cannot be converted/)
  })
})

describe('CustomValidator', () => {
  const custom = (handler?: (args: ServerValidateEventArgs) => void | Promise<void>, controlToValidate = 'Name') => {
    const v = named(new CustomValidator(), 'Cus')
    v.controlToValidate = controlToValidate
    if (handler) v.on<ServerValidateEventArgs>('ServerValidate', (_sender, args) => handler(args))
    return v
  }

  it('asks the ServerValidate handlers (which may be async)', async () => {
    const seen: string[] = []
    const even = custom(async (args) => {
      seen.push(args.value)
      await Promise.resolve()
      args.isValid = Number(args.value) % 2 === 0
    })
    expect(await check(even, textBox('Name', '3'))).toBe(false)
    expect(seen).toEqual(['3'])
    expect(await check(custom(() => {}), textBox('Name', 'x'))).toBe(true)
  })

  it('skips empty values unless ValidateEmptyText', async () => {
    const fail = (args: ServerValidateEventArgs) => {
      args.isValid = false
    }
    expect(await check(custom(fail), textBox('Name', ' '))).toBe(true)
    const strict = custom(fail)
    strict.validateEmptyText = true
    expect(await check(strict, textBox('Name', ' '))).toBe(false)
  })

  it('validates with an empty value without ControlToValidate', async () => {
    const values: string[] = []
    const v = custom((args) => {
      values.push(args.value)
      args.isValid = false
    }, '')
    expect(await check(v)).toBe(false)
    expect(values).toEqual([''])
  })
})

describe('validator registration', () => {
  it('joins host.validators on Init, leaves on Unload, and follows validation groups', async () => {
    const a = required()
    const b = named(new RequiredFieldValidator(), 'B')
    b.controlToValidate = 'Name'
    b.validationGroup = 'Other'
    const { host, root } = await mount([textBox('Name'), a, b])
    expect(host.validators).toEqual([a, b])
    await host.validate('')
    expect(a.isValid).toBe(false)
    expect(b.isValid).toBe(true)
    await host.validate('Other')
    expect(b.isValid).toBe(false)
    await root.unloadRecursive()
    expect(host.validators).toEqual([])
  })

  it('does not keep isValid in view state', async () => {
    const v = required()
    const { root } = await mount([textBox('Name'), v])
    await v.validate()
    expect(v.isValid).toBe(false)
    expect(root.saveViewStateRecursive()).toBeUndefined()
  })
})
