import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'

/**
 * Text in a `<span>` (or a `<label for>` with AssociatedControlID). The text is HTML-encoded;
 * use a Literal with `Mode="PassThrough"` for markup.
 *
 * @example
 * <asp:Label ID="Result" runat="server" Text="not asked yet" />
 * this.Result.text = `Saved at ${new Date().toLocaleTimeString()}`
 */
export class Label extends WebControl {
  declare text: string
  declare associatedControlID: string

  protected override get tagName(): string {
    return this.associatedControlID ? 'label' : 'span'
  }

  protected override addAttributes(attrs: AttributeMap): void {
    if (this.associatedControlID) {
      const target = this.findControl(this.associatedControlID)
      attrs.for = target ? target.clientID : this.associatedControlID
    }
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.controls.length > 0) this.renderChildren(writer)
    else writer.text(this.text)
  }
}
defineStateProperties(Label, { text: '', associatedControlID: '' })
