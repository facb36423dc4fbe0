import { Page } from 'deltaform'

export default class CallbackHello extends Page {
  private argument = ''

  Page_Load() {
    const reference = this.clientScript.getCallbackEventReference(this, 'arg', 'ReceiveServerData', 'context')
    this.clientScript.registerClientScriptBlock('CallServer', `function CallServer(arg, context) { ${reference}; }`, true)
  }

  raiseCallbackEvent(argument: string) {
    this.argument = argument
  }

  getCallbackResult() {
    return `Calling server was successful. The passed argument was ${this.argument}.`
  }
}
