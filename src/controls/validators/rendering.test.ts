import { describe, expect, it } from 'vitest'
import { mount } from '../fake-host.ts'
import { TextBox } from '../text-box.ts'
import { RequiredFieldValidator } from './required-field-validator.ts'
import { ValidationSummary } from './validation-summary.ts'

function validator(id: string, message: string, group = ''): RequiredFieldValidator {
  const v = new RequiredFieldValidator()
  v.id = id
  v.controlToValidate = 'Name'
  v.errorMessage = message
  v.validationGroup = group
  return v
}

function input(text = ''): TextBox {
  const box = new TextBox()
  box.id = 'Name'
  box.text = text
  return box
}

describe('BaseValidator rendering', () => {
  it('Static: hidden but keeping its space while valid, shown with role=alert when invalid', async () => {
    const v = validator('V', 'Name & age <required>')
    await mount([input(), v])
    expect(v.renderToString()).toBe('<span id="V" style="visibility:hidden;">Name &amp; age &lt;required&gt;</span>')
    await v.validate()
    expect(v.renderToString()).toBe('<span id="V" role="alert">Name &amp; age &lt;required&gt;</span>')
  })

  it('Dynamic: display:none while valid', async () => {
    const v = validator('V', 'Required')
    v.display = 'Dynamic'
    v.foreColor = 'Red'
    await mount([input(), v])
    expect(v.renderToString()).toBe('<span id="V" style="color:Red;display:none;">Required</span>')
    await v.validate()
    expect(v.renderToString()).toBe('<span id="V" style="color:Red;" role="alert">Required</span>')
  })

  it('None: renders nothing, valid or not', async () => {
    const v = validator('V', 'Required')
    v.display = 'None'
    await mount([input(), v])
    expect(v.renderToString()).toBe('')
    await v.validate()
    expect(v.isValid).toBe(false)
    expect(v.renderToString()).toBe('')
  })

  it('shows Text in place of ErrorMessage when set', async () => {
    const v = validator('V', 'Enter your name.')
    v.text = '*'
    v.cssClass = 'err'
    await mount([input(), v])
    await v.validate()
    expect(v.renderToString()).toBe('<span id="V" class="err" role="alert">*</span>')
  })
})

describe('ValidationSummary', () => {
  async function page(mode?: ValidationSummary['displayMode'], header = '') {
    const summary = new ValidationSummary()
    summary.id = 'Sum'
    if (mode) summary.displayMode = mode
    summary.headerText = header
    const a = validator('A', 'First <one>')
    const b = validator('B', 'Second')
    const silent = validator('C', '')
    const other = validator('D', 'Other group', 'G')
    const { host } = await mount([input(), a, b, silent, other, summary])
    return { summary, host }
  }

  it('is an empty hidden div while everything is valid', async () => {
    const { summary } = await page()
    expect(summary.renderToString()).toBe('<div id="Sum" style="display:none;"></div>')
  })

  it('BulletList (default) lists messages of its group, encoded', async () => {
    const { summary, host } = await page(undefined, 'Fix these:')
    await host.validate()
    expect(summary.renderToString()).toBe('<div id="Sum" role="alert">Fix these:<ul><li>First &lt;one&gt;</li><li>Second</li></ul></div>')
  })

  it('List separates with <br />', async () => {
    const { summary, host } = await page('List', 'Errors')
    await host.validate('')
    expect(summary.renderToString()).toBe('<div id="Sum" role="alert">Errors<br />First &lt;one&gt;<br />Second<br /></div>')
  })

  it('SingleParagraph puts everything in one paragraph', async () => {
    const { summary, host } = await page('SingleParagraph', 'Errors:')
    await host.validate('')
    expect(summary.renderToString()).toBe('<div id="Sum" role="alert">Errors: First &lt;one&gt; Second <br /></div>')
  })

  it('follows its ValidationGroup and ShowSummary', async () => {
    const { summary, host } = await page()
    summary.validationGroup = 'G'
    await host.validate('')
    expect(summary.renderToString()).toBe('<div id="Sum" style="display:none;"></div>')
    await host.validate('G')
    expect(summary.renderToString()).toBe('<div id="Sum" role="alert"><ul><li>Other group</li></ul></div>')
    summary.showSummary = false
    expect(summary.renderToString()).toBe('<div id="Sum" style="display:none;"></div>')
  })

  it('shows when an invalid validator has no message', async () => {
    const summary = new ValidationSummary()
    summary.id = 'Sum'
    const silent = validator('C', '')
    const { host } = await mount([input(), silent, summary])
    await host.validate()
    expect(summary.getErrorMessages()).toEqual({ inError: true, messages: [] })
    expect(summary.renderToString()).toBe('<div id="Sum" role="alert"><ul></ul></div>')
  })
})
