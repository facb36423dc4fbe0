import { HtmlGenericControl } from './html-generic-control.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

/**
 * The page's server form (`<form runat="server">`): posts back to the page itself and
 * carries the state fields and postback scripts.
 *
 * @example
 * <form id="form1" runat="server"> … </form>
 */
export class HtmlForm extends HtmlGenericControl {
  constructor() {
    super('form')
  }

  /** The `action` attribute: the page itself, relative (`./counter.aspx?x=1`). */
  get action(): string {
    const path = this.host?.requestPath ?? '/'
    const query = path.includes('?') ? path.slice(path.indexOf('?')) : ''
    const pathname = path.slice(0, path.length - query.length)
    return './' + pathname.slice(pathname.lastIndexOf('/') + 1) + query
  }

  protected override attributesToRender(): AttributeMap {
    const attrs: AttributeMap = { method: 'post', action: this.action }
    if (this.id !== undefined) attrs.id = this.clientID
    for (const [name, value] of this.attributes.entries()) {
      if (name !== 'method' && name !== 'action' && name !== 'name') attrs[name] = value
    }
    const onsubmit = (this.host?.clientScript as { onSubmitAttribute?: string } | undefined)?.onSubmitAttribute
    if (onsubmit) attrs.onsubmit = onsubmit
    return attrs
  }

  protected override renderContents(writer: HtmlWriter): void {
    const host = this.host!
    host.beginFormRender(writer, this)
    this.renderChildren(writer)
    host.endFormRender(writer, this)
  }
}
