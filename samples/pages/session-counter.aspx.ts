import { Page, type Label } from 'deltaform'

export default class SessionCounter extends Page {
  declare Count: Label

  Page_Load() {
    this.show(this.session.get<number>('count') ?? 0)
  }

  Add_Click() {
    const count = (this.session.get<number>('count') ?? 0) + 1
    this.session.set('count', count)
    this.show(count)
  }

  Reset_Click() {
    this.session.abandon()
    this.show(0)
  }

  private show(count: number) {
    this.Count.text = String(count)
  }
}
