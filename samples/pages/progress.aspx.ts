import { Page, type Label, type Timer } from 'deltaform'

export default class Progress extends Page {
  declare SlowResult: Label
  declare Ticks: Label
  declare Ticker: Timer

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
