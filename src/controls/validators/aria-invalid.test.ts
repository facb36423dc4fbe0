// A field an invalid validator checks renders aria-invalid="true" (screen readers, and
// UpdatePanel FocusPolicy="FirstInvalid"); valid, or before validation, it renders as in ASP.NET.
import { describe, expect, it } from 'vitest'
import { mount } from '../fake-host.ts'
import { TextBox } from '../text-box.ts'
import { CustomValidator } from './custom-validator.ts'
import { RequiredFieldValidator } from './required-field-validator.ts'

function field(id: string, text = ''): TextBox {
  const box = new TextBox()
  box.id = id
  box.text = text
  return box
}

function required(id: string, target: string): RequiredFieldValidator {
  const v = new RequiredFieldValidator()
  v.id = id
  v.controlToValidate = target
  v.errorMessage = 'Required'
  return v
}

describe('aria-invalid on validated fields', () => {
  it('appears on the ControlToValidate of an invalid validator only, and goes once it is valid', async () => {
    const name = field('Name')
    const email = field('Email', 'a@b.c')
    const v1 = required('V1', 'Name')
    const v2 = required('V2', 'Email')
    await mount([name, v1, email, v2])
    expect(name.renderToString()).toBe('<input id="Name" name="Name" type="text" />')
    await v1.validate()
    await v2.validate()
    expect(name.renderToString()).toContain('aria-invalid="true"')
    expect(email.renderToString()).not.toContain('aria-invalid')
    name.text = 'Ann'
    await v1.validate()
    expect(name.renderToString()).not.toContain('aria-invalid')
  })

  it('follows isValid set by code, and ignores a CustomValidator without ControlToValidate', async () => {
    const name = field('Name', 'x')
    const v = required('V', 'Name')
    const custom = new CustomValidator()
    custom.id = 'C'
    await mount([name, v, custom])
    custom.isValid = false
    expect(name.renderToString()).not.toContain('aria-invalid')
    v.isValid = false
    expect(name.renderToString()).toContain('aria-invalid="true"')
  })
})
