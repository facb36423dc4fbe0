import type { PostData } from '../host.ts'
import { defineStateProperties } from '../properties.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'
import { ListControl } from './list-control.ts'

/**
 * Whether a ListBox selects one item or several.
 *
 * @example
 * this.Toppings.selectionMode = 'Multiple'
 */
export type ListSelectionMode = 'Single' | 'Multiple'

/**
 * A `<select size="Rows">` list; `SelectionMode="Multiple"` lets the user pick several
 * items (read them with `getSelectedIndices()`).
 *
 * @example
 * <asp:ListBox ID="Toppings" runat="server" SelectionMode="Multiple" Rows="5">
 *   <asp:ListItem>Cheese</asp:ListItem>
 *   <asp:ListItem>Olives</asp:ListItem>
 * </asp:ListBox>
 * const chosen = this.Toppings.getSelectedIndices().map((i) => this.Toppings.items.at(i)!.text)
 */
export class ListBox extends ListControl {
  declare rows: number
  declare selectionMode: ListSelectionMode

  protected override get tagName(): string {
    return 'select'
  }

  protected override get disabledClassApplies(): boolean {
    return false
  }

  override onPreRender(): Promise<void> | void {
    // Nothing selected posts nothing: ask for loadPostData anyway, to see the clearing.
    if (this.isEnabled) this.host?.registerRequiresPostBack(this)
    return super.onPreRender()
  }

  protected override addAttributes(attrs: AttributeMap): void {
    attrs.size = this.rows
    attrs.name = this.uniqueID
    if (this.selectionMode === 'Multiple') attrs.multiple = true
    if (!this.isEnabled) attrs.disabled = true
    const script = this.autoPostBackScript()
    if (script) attrs.onchange = script
  }

  protected override renderContents(writer: HtmlWriter): void {
    const multiple = this.selectionMode === 'Multiple'
    const first = this.selectedIndex
    let i = 0
    for (const item of this.items) {
      this.renderOption(writer, item, multiple ? item.selected : i === first)
      i++
    }
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    if (!this.isEnabled) return false
    const posted = postData.getAll(postDataKey)
    if (this.selectionMode === 'Single' && posted.length > 0) {
      this.validateValue(posted[0]!)
      return this.setPostedValue(posted[0]!)
    }
    const indices: number[] = []
    for (const value of posted) {
      this.validateValue(value)
      const index = this.items.indexOfValue(value)
      if (index >= 0 && !indices.includes(index)) indices.push(index)
    }
    indices.sort((a, b) => a - b)
    const current = this.getSelectedIndices()
    if (current.length === indices.length && current.every((v, i) => v === indices[i])) return false
    this.select(indices)
    return true
  }
}
defineStateProperties(ListBox, {
  rows: 4,
  selectionMode: { enum: ['Single', 'Multiple'], default: 'Single' },
})
