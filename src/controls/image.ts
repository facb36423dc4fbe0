import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'
import { resolveUrl, safeUrl } from '../render/url.ts'

/**
 * An `<img>`; `AlternateText` becomes `alt` (always written, empty for decorative images).
 *
 * @example
 * <asp:Image runat="server" ImageUrl="~/logo.png" AlternateText="Deltaform" />
 */
export class Image extends WebControl {
  declare imageUrl: string
  declare alternateText: string

  protected override get tagName(): string {
    return 'img'
  }

  protected override addAttributes(attrs: AttributeMap): void {
    attrs.src = safeUrl(resolveUrl(this.imageUrl))
    attrs.alt = this.alternateText
  }

  override render(writer: HtmlWriter): void {
    writer.selfClosingTag('img', this.attributesToRender())
  }
}
defineStateProperties(Image, { imageUrl: '', alternateText: '' })
