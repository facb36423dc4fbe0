import { Control } from './control.ts'
import { declareMarkupProperties, defineStateProperties } from './properties.ts'
import { styleCss } from './style-css.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'

/**
 * Extra HTML attributes written as they are (markup attributes a control does not know,
 * or ones set from code), like ASP.NET's AttributeCollection.
 *
 * @example
 * this.Email.attributes.set('placeholder', 'you@example.com')
 */
export class AttributeCollection {
  private readonly map = new Map<string, string>()
  constructor(private readonly owner: Control) {}

  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())
  }

  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value)
    if (this.owner.viewState.isTrackingViewState) this.owner.viewState.set('Attributes', Object.fromEntries(this.map))
  }

  remove(name: string): void {
    this.map.delete(name.toLowerCase())
    if (this.owner.viewState.isTrackingViewState) this.owner.viewState.set('Attributes', Object.fromEntries(this.map))
  }

  /** @internal */
  load(saved: Record<string, string>): void {
    this.map.clear()
    for (const [k, v] of Object.entries(saved)) this.map.set(k, v)
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries()
  }
}

/**
 * The base of the `asp:` controls that render one HTML element with style properties
 * (CssClass, Width, ForeColor, Enabled, ToolTip…).
 *
 * @example
 * class Badge extends WebControl {
 *   protected get tagName() { return 'mark' }
 *   protected renderContents(w: HtmlWriter) { w.text('new') }
 * }
 */
export class WebControl extends Control {
  // Set in the constructor, not by an initializer (see the note on Control's fields).
  private declare attributeCollection: AttributeCollection | null

  constructor() {
    super()
    this.attributeCollection = null
  }

  /** Attributes written as they are; see {@link AttributeCollection}. */
  get attributes(): AttributeCollection {
    return (this.attributeCollection ??= new AttributeCollection(this))
  }

  declare cssClass: string
  declare toolTip: string
  declare enabled: boolean
  declare width: string
  declare height: string
  declare foreColor: string
  declare backColor: string
  declare borderColor: string
  declare borderWidth: string
  declare borderStyle: string
  declare fontBold: boolean
  declare fontItalic: boolean
  declare fontUnderline: boolean
  declare fontSize: string
  declare fontNames: string
  declare tabIndex: number
  declare accessKey: string

  /** The element the control renders; `span` unless a subclass says otherwise. */
  protected get tagName(): string {
    return 'span'
  }

  /** Whether this control and every parent are enabled. */
  get isEnabled(): boolean {
    for (let c: Control | null = this; c; c = c.parent) {
      if (c instanceof WebControl && !c.enabled) return false
    }
    return true
  }

  override loadViewState(saved: unknown): void {
    super.loadViewState(saved)
    const attributes = this.viewState.get<Record<string, string> | undefined>('Attributes', undefined)
    if (attributes) this.attributes.load(attributes)
  }

  override render(writer: HtmlWriter): void {
    this.renderBeginTag(writer)
    this.renderContents(writer)
    this.renderEndTag(writer)
  }

  renderBeginTag(writer: HtmlWriter): void {
    writer.beginTag(this.tagName, this.attributesToRender())
  }

  renderEndTag(writer: HtmlWriter): void {
    writer.endTag(this.tagName)
  }

  protected renderContents(writer: HtmlWriter): void {
    this.renderChildren(writer)
  }

  /** The element's attributes: id, class, style, title, then the extra attributes. */
  protected attributesToRender(): AttributeMap {
    const attrs: AttributeMap = {}
    if (this.id !== undefined) attrs.id = this.clientID
    this.addAttributes(attrs)
    let cls = this.cssClass
    if (!this.isEnabled && this.disabledClassApplies) cls = cls ? `${cls} aspNetDisabled` : 'aspNetDisabled'
    if (cls) attrs.class = cls
    if (this.toolTip) attrs.title = this.toolTip
    if (this.accessKey) attrs.accesskey = this.accessKey
    if (this.tabIndex) attrs.tabindex = this.tabIndex
    // A field an invalid validator checks says so to screen readers (and to FocusPolicy="FirstInvalid").
    if (this.host?.validators.some((v) => !v.isValid && v.validates?.(this))) attrs['aria-invalid'] = 'true'
    const style = this.styleText()
    const extra = this.attributeCollection
    if (extra) {
      for (const [name, value] of extra.entries()) if (name !== 'style') attrs[name] = value
    }
    const fullStyle = style + (extra?.get('style') ?? '')
    if (fullStyle) attrs.style = fullStyle
    return attrs
  }

  /** Whether a disabled control gets the `aspNetDisabled` class (inputs use `disabled`). */
  protected get disabledClassApplies(): boolean {
    return true
  }

  /** Subclasses add their own attributes here (type, name, value…). */
  protected addAttributes(_attrs: AttributeMap): void {}

  /** The inline style built from the style properties. */
  protected styleText(): string {
    return styleCss(this)
  }

}


defineStateProperties(WebControl, {
  cssClass: '',
  toolTip: '',
  enabled: true,
  width: '',
  height: '',
  foreColor: '',
  backColor: '',
  borderColor: '',
  borderWidth: '',
  borderStyle: '',
  fontBold: false,
  fontItalic: false,
  fontUnderline: false,
  fontSize: '',
  fontNames: '',
  tabIndex: 0,
  accessKey: '',
})
// Markup spells font sub-properties with a dash: Font-Bold="true".
declareMarkupProperties(WebControl, [
  { name: 'fontBold', kind: 'boolean', markupName: 'font-bold' },
  { name: 'fontItalic', kind: 'boolean', markupName: 'font-italic' },
  { name: 'fontUnderline', kind: 'boolean', markupName: 'font-underline' },
  { name: 'fontSize', kind: 'string', markupName: 'font-size' },
  { name: 'fontNames', kind: 'string', markupName: 'font-names' },
])
