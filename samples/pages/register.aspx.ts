import { Page, type CheckBox, type DropDownList, type Label, type TextBox } from 'deltaform'

const takenNames = new Set(['admin', 'root', 'guest'])

export default class Register extends Page {
  declare UserName: TextBox
  declare Email: TextBox
  declare Plan: DropDownList
  declare Terms: CheckBox
  declare Result: Label

  UserNameFree_ServerValidate(_sender: unknown, args: { value: string; isValid: boolean }) {
    args.isValid = !takenNames.has(args.value.trim().toLowerCase())
  }

  // As in ASP.NET, Click runs after validation, whatever its outcome: check isValid.
  Register_Click() {
    if (!this.isValid) {
      this.Result.text = ''
      return
    }
    this.Result.cssClass = 'success'
    this.Result.text = `Welcome, ${this.UserName.text}! Your ${this.Plan.selectedItem?.text ?? ''} account for ${this.Email.text} is ready.` +
      (this.Terms.checked ? '' : ' (You can accept the terms later.)')
  }
}
