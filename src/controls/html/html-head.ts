import { HtmlGenericControl } from './html-generic-control.ts'
import type { HtmlWriter } from '../../render/html-writer.ts'

/**
 * `<head runat="server">`: renders the page title (`Page.title`), so code can set it.
 *
 * @example
 * <head runat="server"><title>Orders</title></head>
 * this.title = `Order ${id}`
 */
export class HtmlHead extends HtmlGenericControl {
  constructor() {
    super('head')
  }

  protected override renderContents(writer: HtmlWriter): void {
    this.renderChildren(writer)
    writer.beginTag('title')
    writer.text(this.host?.title ?? '')
    writer.endTag('title')
  }
}
