import { declareMarkupProperties, markupProperties, type PropertyInfo } from '../properties.ts'
import { styleCss } from '../style-css.ts'
import type { AttributeMap } from '../../render/html-writer.ts'

/**
 * The style of a table row or cell of a data control (`<HeaderStyle CssClass="head" />`,
 * `ItemStyle-HorizontalAlign="Right"`). Set from markup on every request (it is not kept in
 * view state); `cssClass` is what most pages need.
 *
 * @example
 * <asp:GridView ID="Orders" runat="server" HeaderStyle-CssClass="head">
 *   <AlternatingRowStyle CssClass="alt" />
 * </asp:GridView>
 */
export class TableItemStyle {
  cssClass = ''
  foreColor = ''
  backColor = ''
  borderColor = ''
  borderWidth = ''
  borderStyle = ''
  fontBold = false
  fontItalic = false
  fontUnderline = false
  fontSize = ''
  fontNames = ''
  height = ''
  width = ''
  horizontalAlign: 'NotSet' | 'Left' | 'Center' | 'Right' | 'Justify' = 'NotSet'
  verticalAlign: 'NotSet' | 'Top' | 'Middle' | 'Bottom' = 'NotSet'
  /** false adds `white-space:nowrap;`. */
  wrap = true

  /** The inline CSS of the style properties other than `cssClass`. */
  cssText(): string {
    let s = styleCss(this)
    if (this.horizontalAlign !== 'NotSet') s += `text-align:${this.horizontalAlign.toLowerCase()};`
    if (this.verticalAlign !== 'NotSet') s += `vertical-align:${this.verticalAlign.toLowerCase()};`
    if (!this.wrap) s += 'white-space:nowrap;'
    return s
  }

  /** Whether any property is set. */
  get isEmpty(): boolean {
    return !this.cssClass && !this.cssText()
  }

  /**
   * Combines styles, the first one winning where several set a property (a selected row's
   * style over the alternating row style over the row style, as ASP.NET merges them).
   *
   * @example
   * TableItemStyle.resolve([grid.selectedRowStyle, grid.rowStyle]).addTo(attrs)
   */
  static resolve(styles: ReadonlyArray<TableItemStyle | null | undefined>): TableItemStyle {
    const result = new TableItemStyle()
    const fallback = new TableItemStyle() as unknown as Record<string, unknown>
    const target = result as unknown as Record<string, unknown>
    for (const style of [...styles].reverse()) {
      if (!style) continue
      for (const [key, value] of Object.entries(style)) if (value !== fallback[key]) target[key] = value
    }
    return result
  }

  /** Adds `class` and `style` to an element's attributes. */
  addTo(attrs: AttributeMap): void {
    if (this.cssClass) attrs.class = attrs.class ? `${attrs.class} ${this.cssClass}` : this.cssClass
    const css = this.cssText()
    if (css) attrs.style = (typeof attrs.style === 'string' ? attrs.style : '') + css
  }
}


declareMarkupProperties(TableItemStyle, [
  { name: 'cssClass', kind: 'string' },
  { name: 'foreColor', kind: 'string' },
  { name: 'backColor', kind: 'string' },
  { name: 'borderColor', kind: 'string' },
  { name: 'borderWidth', kind: 'string' },
  { name: 'borderStyle', kind: 'string' },
  { name: 'fontBold', kind: 'boolean', markupName: 'font-bold' },
  { name: 'fontItalic', kind: 'boolean', markupName: 'font-italic' },
  { name: 'fontUnderline', kind: 'boolean', markupName: 'font-underline' },
  { name: 'fontSize', kind: 'string', markupName: 'font-size' },
  { name: 'fontNames', kind: 'string', markupName: 'font-names' },
  { name: 'height', kind: 'string' },
  { name: 'width', kind: 'string' },
  { name: 'horizontalAlign', kind: 'string', values: ['NotSet', 'Left', 'Center', 'Right', 'Justify'] },
  { name: 'verticalAlign', kind: 'string', values: ['NotSet', 'Top', 'Middle', 'Bottom'] },
  { name: 'wrap', kind: 'boolean' },
])

/**
 * Lets markup set a sub-object both ways ASP.NET allows: as an inner element
 * (`<PagerSettings Mode="NextPrevious" />`) and as dashed attributes of the owner's tag
 * (`PagerSettings-Mode="NextPrevious"`, `HeaderStyle-CssClass="head"`).
 *
 * @example
 * declareSubObjects(GridView, { headerStyle: TableItemStyle, pagerSettings: PagerSettings })
 */
export function declareSubObjects(ctor: Function, objects: Record<string, Function>): void {
  const infos: PropertyInfo[] = []
  for (const [property, subCtor] of Object.entries(objects)) {
    infos.push({ name: property, kind: 'object' })
    for (const sub of new Set(markupProperties(subCtor).values())) {
      const name = `${property}.${sub.name}`
      Object.defineProperty(ctor.prototype, name, {
        configurable: true,
        enumerable: false,
        get(this: Record<string, Record<string, unknown>>) {
          return this[property]![sub.name]
        },
        set(this: Record<string, Record<string, unknown>>, value: unknown) {
          this[property]![sub.name] = value
        },
      })
      infos.push({ ...sub, name, markupName: `${property}-${sub.markupName ?? sub.name}` })
    }
  }
  declareMarkupProperties(ctor, infos)
}
