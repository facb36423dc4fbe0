import { Page } from 'deltaform'

export default class CallbackTime extends Page {
  private asked = ''

  Page_Load() {
    const reference = this.clientScript.getCallbackEventReference(this, 'arg', 'showTime', 'null', 'postMyError', true)
    this.clientScript.registerClientScriptBlock('GetServerTime', `function GetServerTime(arg) { ${reference}; }`, true)
  }

  raiseCallbackEvent(argument: string) {
    if (argument === 'fail') throw new Error('The time service is down.')
    this.asked = argument
  }

  getCallbackResult() {
    return this.asked === 'time' ? new Date().toLocaleTimeString('en-US') : ''
  }
}
