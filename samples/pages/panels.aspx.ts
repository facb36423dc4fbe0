import { Page, type Label, type UpdatePanel } from 'deltaform'

export default class Panels extends Page {
  declare CountA: Label
  declare CountB: Label
  declare Postbacks: Label
  declare CountOuter: Label
  declare CountInner: Label
  declare PanelB: UpdatePanel
  declare PanelAlways: UpdatePanel

  private bump(label: Label): void {
    label.text = String(Number(label.text) + 1)
  }

  Page_Load() {
    if (!this.isPostBack) return
    this.bump(this.Postbacks)
    if (this.isAsyncPostBack) {
      this.scriptManager!.registerDataItem(this.PanelAlways, JSON.stringify({ postbacks: Number(this.Postbacks.text) }), true)
    }
  }

  BumpA_Click() {
    this.bump(this.CountA)
  }

  BumpB_Click() {
    this.bump(this.CountB)
  }

  BumpBoth_Click() {
    this.bump(this.CountA)
    this.bump(this.CountB)
  }

  // PanelB is Conditional and not triggered by this button: refresh it from code.
  TouchB_Click() {
    this.CountB.text = this.CountA.text
    if (this.isAsyncPostBack) this.PanelB.update()
  }

  BumpOuter_Click() {
    this.bump(this.CountOuter)
  }

  BumpInner_Click() {
    this.bump(this.CountInner)
  }
}
