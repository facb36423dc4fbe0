import { Page, type Label } from 'deltaform'

export default class Clock extends Page {
  declare FirstRendered: Label
  declare Label1: Label
  declare Asked: Label

  Page_Load() {
    if (!this.isPostBack) this.FirstRendered.text = new Date().toLocaleTimeString('en-US')
  }

  Button1_Click() {
    this.Label1.text = new Date().toLocaleTimeString('en-US')
    this.Asked.text = String(Number(this.Asked.text) + 1)
  }
}
