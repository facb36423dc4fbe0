import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { HtmlWriter } from '../render/html-writer.ts'

/**
 * A `<div>` around child controls; `GroupingText` renders a `<fieldset>` with a `<legend>`.
 *
 * @example
 * <asp:Panel ID="Details" runat="server" GroupingText="Address" Visible="false">…</asp:Panel>
 */
export class Panel extends WebControl {
  declare groupingText: string
  declare scrollBars: string
  declare horizontalAlign: string
  declare defaultButton: string

  protected override get tagName(): string {
    return 'div'
  }

  protected override styleText(): string {
    let s = super.styleText()
    if (this.horizontalAlign && this.horizontalAlign !== 'NotSet') s += `text-align:${this.horizontalAlign.toLowerCase()};`
    const overflow: Record<string, string> = { Horizontal: 'overflow-x:scroll;', Vertical: 'overflow-y:scroll;', Both: 'overflow:scroll;', Auto: 'overflow:auto;' }
    if (overflow[this.scrollBars]) s += overflow[this.scrollBars]
    return s
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.groupingText) {
      writer.beginTag('fieldset')
      writer.beginTag('legend')
      writer.text(this.groupingText)
      writer.endTag('legend')
      this.renderChildren(writer)
      writer.endTag('fieldset')
    } else this.renderChildren(writer)
  }
}
defineStateProperties(Panel, { groupingText: '', scrollBars: 'None', horizontalAlign: 'NotSet', defaultButton: '' })
