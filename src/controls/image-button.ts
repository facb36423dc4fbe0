import { buttonPostBackOptions, buttonProperties, raiseButtonEvents, type ButtonControl } from './button-control.ts'
import type { PostBackDataHandler, PostBackEventHandler, PostData } from './host.ts'
import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'
import { resolveUrl, safeUrl } from '../render/url.ts'

/** What an ImageButton's Click handlers receive: where the image was clicked. */
export interface ImageClickEventArgs {
  x: number
  y: number
}

/**
 * An image that submits the form (`<input type="image">`); Click receives the click offset.
 *
 * @example
 * <asp:ImageButton ID="Map" runat="server" ImageUrl="~/map.png" OnClick="Map_Click" />
 * Map_Click(_: unknown, e: ImageClickEventArgs) { this.Spot.text = `${e.x},${e.y}` }
 */
export class ImageButton extends WebControl implements ButtonControl, PostBackDataHandler, PostBackEventHandler {
  declare text: string
  declare imageUrl: string
  declare alternateText: string
  declare causesValidation: boolean
  declare validationGroup: string
  declare commandName: string
  declare commandArgument: string
  declare onClientClick: string
  declare postBackUrl: string
  private clickPoint: ImageClickEventArgs = { x: 0, y: 0 }

  protected override get disabledClassApplies(): boolean {
    return false
  }

  override onPreRender(): Promise<void> | void {
    // The post names this button `name.x`/`name.y`, never `name`: ask for loadPostData.
    this.host!.registerRequiresPostBack(this)
    return super.onPreRender()
  }

  protected override addAttributes(attrs: AttributeMap): void {
    attrs.type = 'image'
    attrs.name = this.uniqueID
    attrs.src = safeUrl(resolveUrl(this.imageUrl))
    attrs.alt = this.alternateText || this.text
    if (this.onClientClick) attrs.onclick = this.onClientClick
    if (this.postBackUrl) attrs.onclick = (this.onClientClick ? this.onClientClick + ';' : '') + this.host!.clientScript.getPostBackEventReference(this, buttonPostBackOptions(this, false))
    else this.host!.clientScript.registerForEventValidation(this.uniqueID, '')
    if (!this.isEnabled) attrs.disabled = true
  }

  override render(writer: HtmlWriter): void {
    writer.selfClosingTag('input', this.attributesToRender())
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    const x = postData.get(`${postDataKey}.x`)
    const y = postData.get(`${postDataKey}.y`)
    if (x !== undefined && y !== undefined && this.isEnabled) {
      // Modern browsers may send fractional offsets; ASP.NET reads them as doubles.
      this.clickPoint = { x: Math.trunc(Number(x)) || 0, y: Math.trunc(Number(y)) || 0 }
      this.host!.registerRequiresRaiseEvent(this)
    }
    return false
  }

  raisePostDataChangedEvent(): void {}

  raisePostBackEvent(eventArgument: string): Promise<void> {
    return raiseButtonEvents(this, eventArgument, { ...this.clickPoint })
  }
}
defineStateProperties(ImageButton, { text: '', imageUrl: '', alternateText: '', ...buttonProperties })
