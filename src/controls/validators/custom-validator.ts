import { defineStateProperties } from '../properties.ts'
import { BaseValidator } from './base-validator.ts'

/**
 * What a `ServerValidate` handler receives: the value to check, and `isValid` to set to
 * false when it fails.
 *
 * @example
 * CheckEven(_sender: Control, args: ServerValidateEventArgs) { args.isValid = Number(args.value) % 2 === 0 }
 */
export interface ServerValidateEventArgs {
  readonly value: string
  isValid: boolean
}

/**
 * Runs your own rule in `ServerValidate` handlers (may be async). With a ControlToValidate,
 * an empty value passes without calling them unless `validateEmptyText` is set; without
 * one, the handlers get `''`.
 *
 * @example
 * <asp:CustomValidator ID="NameFree" runat="server" ControlToValidate="UserName"
 *   OnServerValidate="NameFree_Validate" ErrorMessage="That name is taken." />
 * async NameFree_Validate(_sender: Control, args: ServerValidateEventArgs) {
 *   args.isValid = !(await users.exists(args.value))
 * }
 */
export class CustomValidator extends BaseValidator {
  declare validateEmptyText: boolean
  /** Accepted for markup compatibility; there is no client-side validation. */
  declare clientValidationFunction: string

  protected override get requiresControlToValidate(): boolean {
    return false
  }

  protected async evaluateIsValid(): Promise<boolean> {
    let value = ''
    if (this.controlToValidate) {
      value = this.getControlValidationValue(this.controlToValidate)
      if (!value.trim() && !this.validateEmptyText) return true
    }
    return this.onServerValidate(value)
  }

  /** Raises `ServerValidate` and returns what the handlers decided (true without handlers). */
  protected async onServerValidate(value: string): Promise<boolean> {
    const args: ServerValidateEventArgs = { value, isValid: true }
    await this.raise('ServerValidate', args)
    return args.isValid
  }
}
defineStateProperties(CustomValidator, { validateEmptyText: false, clientValidationFunction: '' })
