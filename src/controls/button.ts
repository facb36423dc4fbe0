import { buttonPostBackOptions, buttonProperties, raiseButtonEvents, type ButtonControl } from './button-control.ts'
import type { PostBackEventHandler } from './host.ts'
import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'

/**
 * A submit button (`<input type="submit">`). Runs validation of its ValidationGroup, then
 * `Click` and `Command`.
 *
 * @example
 * <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
 * Save_Click() { if (this.isValid) this.Status.text = 'Saved' }
 */
export class Button extends WebControl implements ButtonControl, PostBackEventHandler {
  declare text: string
  declare causesValidation: boolean
  declare validationGroup: string
  declare commandName: string
  declare commandArgument: string
  declare onClientClick: string
  declare postBackUrl: string
  /** false renders `type="button"` posting back through `__doPostBack`. */
  declare useSubmitBehavior: boolean

  protected override get tagName(): string {
    return 'input'
  }

  protected override get disabledClassApplies(): boolean {
    return false
  }

  protected override addAttributes(attrs: AttributeMap): void {
    const host = this.host!
    attrs.type = this.useSubmitBehavior ? 'submit' : 'button'
    attrs.name = this.uniqueID
    attrs.value = this.text
    let onclick = this.onClientClick
    if (onclick && !onclick.trimEnd().endsWith(';')) onclick += ';'
    if (!this.useSubmitBehavior || this.postBackUrl) {
      onclick += host.clientScript.getPostBackEventReference(this, buttonPostBackOptions(this, !this.useSubmitBehavior))
    } else {
      host.clientScript.registerForEventValidation(this.uniqueID, '')
    }
    if (onclick) attrs.onclick = onclick
    if (!this.isEnabled) attrs.disabled = true
  }

  override render(writer: HtmlWriter): void {
    writer.selfClosingTag('input', this.attributesToRender())
  }

  raisePostBackEvent(eventArgument: string): Promise<void> {
    return raiseButtonEvents(this, eventArgument, {})
  }
}
defineStateProperties(Button, { text: '', useSubmitBehavior: true, ...buttonProperties })
