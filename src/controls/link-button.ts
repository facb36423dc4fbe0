import { buttonPostBackOptions, buttonProperties, raiseButtonEvents, type ButtonControl } from './button-control.ts'
import type { PostBackEventHandler } from './host.ts'
import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'

/**
 * A link that posts back (`<a href="javascript:__doPostBack(…)">`), raising Click and Command.
 *
 * @example
 * <asp:LinkButton ID="More" runat="server" Text="Show more" OnClick="More_Click" />
 */
export class LinkButton extends WebControl implements ButtonControl, PostBackEventHandler {
  declare text: string
  declare causesValidation: boolean
  declare validationGroup: string
  declare commandName: string
  declare commandArgument: string
  declare onClientClick: string
  declare postBackUrl: string

  protected override get tagName(): string {
    return 'a'
  }

  protected override addAttributes(attrs: AttributeMap): void {
    if (!this.isEnabled) return
    if (this.onClientClick) attrs.onclick = this.onClientClick
    const reference = this.host!.clientScript.getPostBackEventReference(this, buttonPostBackOptions(this, true))
    attrs.href = `javascript:${reference}`
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.controls.length > 0) this.renderChildren(writer)
    else writer.text(this.text)
  }

  raisePostBackEvent(eventArgument: string): Promise<void> {
    return raiseButtonEvents(this, eventArgument, {})
  }
}
defineStateProperties(LinkButton, { text: '', ...buttonProperties })
