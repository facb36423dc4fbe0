import type { PostData } from '../host.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'
import { ListControl } from './list-control.ts'

/**
 * A `<select>` that picks exactly one item: when none is selected, the first one is.
 * `AutoPostBack` posts on change; `SelectedIndexChanged` fires on the postback after the
 * user picked another item.
 *
 * @example
 * <asp:DropDownList ID="Country" runat="server" DataTextField="name" DataValueField="code" />
 * async Page_Load() {
 *   if (!this.isPostBack) {
 *     this.Country.dataSource = await countries()
 *     await this.Country.dataBind()
 *   }
 * }
 */
export class DropDownList extends ListControl {
  protected override get tagName(): string {
    return 'select'
  }

  protected override get disabledClassApplies(): boolean {
    return false
  }

  /** The selected index; 0 when the list has items but none is selected. */
  override get selectedIndex(): number {
    const index = super.selectedIndex
    return index < 0 && this.items.length > 0 ? 0 : index
  }

  override set selectedIndex(index: number) {
    super.selectedIndex = index
  }

  protected override addAttributes(attrs: AttributeMap): void {
    attrs.name = this.uniqueID
    if (!this.isEnabled) attrs.disabled = true
    const script = this.autoPostBackScript()
    if (script) attrs.onchange = script
  }

  protected override renderContents(writer: HtmlWriter): void {
    const selected = this.selectedIndex
    let i = 0
    for (const item of this.items) this.renderOption(writer, item, i++ === selected)
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    if (!this.isEnabled) return false
    const posted = postData.get(postDataKey)
    if (posted === undefined) return false
    this.validateValue(posted)
    return this.setPostedValue(posted)
  }
}
