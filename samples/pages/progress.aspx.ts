import { Page, type Label, type Timer } from 'deltaform'

export default class Progress extends Page {
  declare SlowResult: Label
  declare Ticks: Label
  declare Ticker: Timer
  private answers = 0

  Page_Load() {
    // A callback started while an async postback runs is dropped by the client (PROTOCOL §4.8).
    const reference = this.clientScript.getCallbackEventReference(this, 'arg', 'ShowAnswer', 'context')
    this.clientScript.registerClientScriptBlock('AskServer', `function AskServer(arg, context) { ${reference}; }`, true)
  }

  raiseCallbackEvent(argument: string) {
    this.answers = argument === 'ping' ? 1 : 0
  }

  getCallbackResult() {
    return this.answers ? 'The server answered the callback.' : ''
  }

  async Slow_Click() {
    await new Promise((resolve) => setTimeout(resolve, 1200))
    this.SlowResult.text = 'The slow job finished.'
  }

  Ticker_Tick() {
    this.Ticks.text = String(Number(this.Ticks.text) + 1)
  }

  StopTicking_Click() {
    this.Ticker.enabled = false
  }
}
