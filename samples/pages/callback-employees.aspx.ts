import { Page, type Label } from 'deltaform'

const employees: Record<string, string[]> = {
  sales: ['Ann Ames', 'Bob Brown', 'Cleo Chan'],
  engineering: ['Dino Diaz', 'Eve Evans'],
  support: ['Finn Ford'],
}

export default class CallbackEmployees extends Page {
  declare Loads: Label
  private department = ''

  Page_Load() {
    // Counts full page runs; a callback stops before render, so this label never changes on one.
    if (!this.isCallback) this.Loads.text = String(Number(this.Loads.text) + 1)
    const reference = this.clientScript.getCallbackEventReference(this, 'arg', 'ReceiveServerData', 'context')
    this.clientScript.registerClientScriptBlock('CallServer', `function CallServer(arg, context) { ${reference}; }`, true)
  }

  raiseCallbackEvent(argument: string) {
    this.department = argument
  }

  getCallbackResult() {
    return (employees[this.department] ?? []).join(',')
  }
}
