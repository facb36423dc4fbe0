import { Page, type Label, type TextBox } from 'deltaform'

export default class Counter extends Page {
  declare Count: Label
  declare Step: TextBox
  declare StepNote: Label

  /** The count lives in view state: it survives postbacks without a database. */
  get count(): number {
    return this.viewState.get('count', 0)
  }

  set count(value: number) {
    this.viewState.set('count', value)
    this.Count.text = String(value)
  }

  get step(): number {
    const step = Number.parseInt(this.Step.text, 10)
    return Number.isFinite(step) ? step : 1
  }

  Increment_Click() {
    this.count += this.step
  }

  Decrement_Click() {
    this.count -= this.step
  }

  Step_TextChanged() {
    this.StepNote.text = `Step changed to ${this.step}.`
  }
}
