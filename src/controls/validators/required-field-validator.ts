import { defineStateProperties } from '../properties.ts'
import { BaseValidator } from './base-validator.ts'

/**
 * Fails while the value (trimmed) equals `initialValue` (trimmed; default `''`): the user
 * must enter something, or pick something other than a placeholder item.
 *
 * @example
 * <asp:TextBox ID="Email" runat="server" />
 * <asp:RequiredFieldValidator ID="EmailRequired" runat="server" ControlToValidate="Email"
 *   ErrorMessage="Enter your email address." Text="*" />
 * <asp:RequiredFieldValidator runat="server" ControlToValidate="Country" InitialValue="--" ErrorMessage="Pick a country." />
 */
export class RequiredFieldValidator extends BaseValidator {
  declare initialValue: string

  protected evaluateIsValid(): boolean {
    return this.getControlValidationValue(this.controlToValidate).trim() !== this.initialValue.trim()
  }
}
defineStateProperties(RequiredFieldValidator, { initialValue: '' })
