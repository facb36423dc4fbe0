import { Page, type Label } from 'deltaform'

export default class PostbackLinkButton extends Page {
  declare Message: Label
  declare Clicks: Label

  SayHello_Click() {
    const clicks = this.viewState.get('clicks', 0) + 1
    this.viewState.set('clicks', clicks)
    this.Clicks.text = String(clicks)
    this.Message.text = `Hello from the server! The LinkButton ran its Click handler (postback ${clicks}).`
  }
}
