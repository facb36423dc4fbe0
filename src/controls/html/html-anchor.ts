import type { PostBackEventHandler } from '../host.ts'
import { HtmlGenericControl } from './html-generic-control.ts'
import type { AttributeMap } from '../../render/html-writer.ts'
import { safeUrl } from '../../render/url.ts'

/**
 * `<a runat="server">`: with an `OnServerClick` handler it posts back instead of navigating.
 *
 * @example
 * <a id="Logout" runat="server" onserverclick="Logout_Click">Sign out</a>
 */
export class HtmlAnchor extends HtmlGenericControl implements PostBackEventHandler {
  constructor() {
    super('a')
  }

  protected override attributesToRender(): AttributeMap {
    const attrs = super.attributesToRender()
    if (this.hasHandlers('ServerClick')) attrs.href = 'javascript:' + this.host!.clientScript.getPostBackEventReference(this, '')
    else if (typeof attrs.href === 'string') attrs.href = safeUrl(attrs.href)
    return attrs
  }

  raisePostBackEvent(eventArgument: string): Promise<void> | void {
    this.host!.clientScript.validateEvent(this.uniqueID, eventArgument)
    return this.raise('ServerClick', {})
  }
}
