import { Page, type Control, type Label, type ServerValidateEventArgs, type TextBox } from 'deltaform'

const takenIds = new Set(['dino'])

export default class CallbackValidatorSample extends Page {
  declare UserId: TextBox
  declare Email: TextBox
  declare Result: Label

  // Runs for the full postback and for LiveCheck's callback on the User ID field alike.
  UserIdFree_ServerValidate(_sender: Control, args: ServerValidateEventArgs) {
    args.isValid = !takenIds.has(args.value.trim().toLowerCase())
  }

  // As in ASP.NET, Click runs after validation, whatever its outcome: check isValid.
  Submit_Click() {
    if (!this.isValid) {
      this.Result.text = ''
      return
    }
    this.Result.cssClass = 'success'
    this.Result.text = `Account created for ${this.UserId.text} (${this.Email.text}).`
  }
}
