import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'
import { resolveUrl, safeUrl } from '../render/url.ts'

/**
 * A plain link. Script URLs (`javascript:`) are dropped from `href`, since NavigateUrl often
 * comes from data.
 *
 * @example
 * <asp:HyperLink runat="server" NavigateUrl="~/orders.aspx" Text="Orders" />
 */
export class HyperLink extends WebControl {
  declare text: string
  declare navigateUrl: string
  declare target: string
  declare imageUrl: string

  protected override get tagName(): string {
    return 'a'
  }

  protected override addAttributes(attrs: AttributeMap): void {
    if (this.isEnabled && this.navigateUrl) attrs.href = safeUrl(resolveUrl(this.navigateUrl))
    if (this.target) attrs.target = this.target
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.imageUrl) writer.selfClosingTag('img', { src: safeUrl(resolveUrl(this.imageUrl)), alt: this.text })
    else if (this.controls.length > 0) this.renderChildren(writer)
    else writer.text(this.text)
  }
}
defineStateProperties(HyperLink, { text: '', navigateUrl: '', target: '', imageUrl: '' })
