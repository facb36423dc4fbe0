import { Control } from '../control.ts'
import { AttributeCollection } from '../web-control.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])

/**
 * An HTML element with `runat="server"` (`<div runat="server">`): its attributes and
 * children are reachable from code.
 *
 * @example
 * <div id="Notice" runat="server" class="note">…</div>
 * this.Notice.attributes.set('class', 'note warn'); this.Notice.visible = false
 */
export class HtmlGenericControl extends Control {
  readonly attributes = new AttributeCollection(this)

  constructor(public tagName = 'span') {
    super()
  }

  /** Text content set from code replaces the children (InnerText, encoded). */
  set innerText(text: string) {
    this.controls.clear()
    this.viewState.set('InnerText', text)
  }

  get innerText(): string {
    return this.viewState.get('InnerText', '')
  }

  override loadViewState(saved: unknown): void {
    super.loadViewState(saved)
    const attributes = this.viewState.get<Record<string, string> | undefined>('Attributes', undefined)
    if (attributes) this.attributes.load(attributes)
  }

  protected attributesToRender(): AttributeMap {
    const attrs: AttributeMap = {}
    if (this.id !== undefined) attrs.id = this.clientID
    for (const [name, value] of this.attributes.entries()) attrs[name] = value
    return attrs
  }

  override render(writer: HtmlWriter): void {
    if (voidElements.has(this.tagName.toLowerCase())) {
      writer.selfClosingTag(this.tagName, this.attributesToRender())
      return
    }
    writer.beginTag(this.tagName, this.attributesToRender())
    this.renderContents(writer)
    writer.endTag(this.tagName)
  }

  protected renderContents(writer: HtmlWriter): void {
    if (this.viewState.has('InnerText')) writer.text(this.innerText)
    else this.renderChildren(writer)
  }
}
