import { Page, type AsyncPostBackErrorEventArgs, type Label, type ScriptManager, type TextBox } from 'deltaform'

export default class Errors extends Page {
  declare ScriptManager1: ScriptManager
  declare Status: Label
  declare Name: TextBox

  Throw_Click() {
    throw new Error('The order service did not answer.')
  }

  ScriptManager1_AsyncPostBackError(_sender: unknown, e: AsyncPostBackErrorEventArgs) {
    this.ScriptManager1.asyncPostBackErrorMessage = `Sorry, that failed: ${(e.exception as Error).message}`
  }

  Redirect_Click() {
    this.redirect('counter.aspx')
  }

  Focus_Click() {
    this.Status.text = 'The name box has the focus.'
    this.scriptManager!.setFocus(this.Name)
  }
}
