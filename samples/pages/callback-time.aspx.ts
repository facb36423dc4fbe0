import { Page } from 'deltaform'

export default class CallbackTime extends Page {
  private request = ''

  Page_Load() {
    const reference = this.clientScript.getCallbackEventReference(this, 'arg', 'showTime', 'null', 'postMyError', true)
    this.clientScript.registerClientScriptBlock('GetServerTime', `function GetServerTime(arg) { ${reference}; }`, true)
  }

  raiseCallbackEvent(argument: string) {
    if (argument === 'fail') throw new Error('The time service is down.')
    this.request = argument
  }

  getCallbackResult() {
    return this.request === 'time' ? new Date().toLocaleTimeString('en-US') : ''
  }
}
