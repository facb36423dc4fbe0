import { Control } from './control.ts'
import type { PostBackDataHandler, PostData } from './host.ts'
import { defineStateProperties } from './properties.ts'
import type { HtmlWriter } from '../render/html-writer.ts'

/**
 * An `<input type="hidden">` whose value round-trips; `ValueChanged` fires when a client
 * script changed it.
 *
 * @example
 * <asp:HiddenField ID="SelectedId" runat="server" />
 */
export class HiddenField extends Control implements PostBackDataHandler {
  declare value: string

  override render(writer: HtmlWriter): void {
    writer.selfClosingTag('input', {
      type: 'hidden',
      name: this.uniqueID,
      id: this.id !== undefined ? this.clientID : undefined,
      value: this.value,
    })
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    const posted = postData.get(postDataKey)
    if (posted === undefined || posted === this.value) return false
    this.value = posted
    return true
  }

  raisePostDataChangedEvent(): Promise<void> | void {
    return this.raise('ValueChanged', {})
  }
}
defineStateProperties(HiddenField, { value: '' })
