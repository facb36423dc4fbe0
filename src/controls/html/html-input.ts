import type { PostBackDataHandler, PostBackEventHandler, PostData } from '../host.ts'
import { HtmlGenericControl } from './html-generic-control.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

const buttonTypes = new Set(['submit', 'button', 'reset', 'image'])

/**
 * `<input runat="server">` of any type: text-like inputs and checkboxes read their value from
 * the post (`ServerChange`); submit and button inputs raise `ServerClick`.
 *
 * @example
 * <input type="text" id="Query" runat="server" />
 * const q = this.Query.value
 */
export class HtmlInputControl extends HtmlGenericControl implements PostBackDataHandler, PostBackEventHandler {
  constructor() {
    super('input')
  }

  get type(): string {
    return (this.attributes.get('type') ?? 'text').toLowerCase()
  }

  get value(): string {
    return this.attributes.get('value') ?? ''
  }

  set value(v: string) {
    this.attributes.set('value', v)
  }

  get checked(): boolean {
    return this.attributes.get('checked') !== undefined
  }

  set checked(v: boolean) {
    if (v) this.attributes.set('checked', 'checked')
    else this.attributes.remove('checked')
  }

  override onPreRender(): Promise<void> | void {
    if (this.type === 'checkbox' || this.type === 'radio') this.host!.registerRequiresPostBack(this)
    return super.onPreRender()
  }

  protected override attributesToRender(): AttributeMap {
    const attrs = super.attributesToRender()
    attrs.name = this.type === 'radio' && this.attributes.get('name') ? this.attributes.get('name') : this.uniqueID
    if (this.type === 'button' && this.hasHandlers('ServerClick')) {
      attrs.onclick = this.host!.clientScript.getPostBackEventReference(this, '')
    } else if (buttonTypes.has(this.type)) {
      this.host!.clientScript.registerForEventValidation(this.uniqueID, '')
    }
    return attrs
  }

  override render(writer: HtmlWriter): void {
    writer.selfClosingTag('input', this.attributesToRender())
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    const type = this.type
    if (buttonTypes.has(type)) {
      if (postData.has(postDataKey) || postData.has(`${postDataKey}.x`)) this.host!.registerRequiresRaiseEvent(this)
      return false
    }
    if (type === 'checkbox') {
      const checked = postData.has(postDataKey)
      if (checked === this.checked) return false
      this.checked = checked
      return true
    }
    const posted = postData.get(postDataKey)
    if (posted === undefined || posted === this.value) return false
    this.value = posted
    return true
  }

  raisePostDataChangedEvent(): Promise<void> | void {
    return this.raise('ServerChange', {})
  }

  raisePostBackEvent(eventArgument: string): Promise<void> | void {
    this.host!.clientScript.validateEvent(this.uniqueID, eventArgument)
    return this.raise('ServerClick', {})
  }
}
