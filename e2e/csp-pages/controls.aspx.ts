import { Page, type HiddenField, type Label, type TextBox } from 'deltaform'

// Every handler kind Deltaform renders (AutoPostBack onchange/onclick timers, a default-button
// onkeypress, WebForm_DoPostBackWithOptions, a LinkButton's javascript: link with user code), and
// an onsubmit statement (the form's `return WebForm_OnSubmit();`) counting the form's submits.
export default class Controls extends Page {
  declare Log: Label
  declare Query: TextBox
  declare Submits: Label
  declare SubmitCount: HiddenField

  Page_Load() {
    this.clientScript.registerOnSubmitStatement('count', "var c = document.getElementById('SubmitCount'); c.value = String(+c.value + 1);")
    this.Submits.text = this.SubmitCount.value
  }

  private log(entry: string): void {
    this.Log.text = this.Log.text ? `${this.Log.text} ${entry}` : entry
  }

  Name_Changed() {
    this.log('name')
  }

  Color_Changed() {
    this.log('color')
  }

  Agree_Changed() {
    this.log('agree')
  }

  Find_Click() {
    this.log(`find:${this.Query.text}`)
  }

  Other_Click() {
    this.log('other')
  }

  Cross_Click() {
    this.log('options')
  }

  Guarded_Click() {
    this.log('guarded')
  }
}
