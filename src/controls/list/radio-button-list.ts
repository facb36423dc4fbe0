import type { PostData } from '../host.ts'
import type { ListItem } from './list-item.ts'
import { RepeatedListControl } from './repeated-list-control.ts'

/**
 * A radio button per item, one group: at most one item is selected. The group posts the
 * selected item's value under the list's UniqueID.
 *
 * @example
 * <asp:RadioButtonList ID="Shipping" runat="server" AutoPostBack="true" OnSelectedIndexChanged="Shipping_Changed">
 *   <asp:ListItem Value="std" Selected="true">Standard</asp:ListItem>
 *   <asp:ListItem Value="exp">Express</asp:ListItem>
 * </asp:RadioButtonList>
 */
export class RadioButtonList extends RepeatedListControl {
  protected get inputType(): string {
    return 'radio'
  }

  protected inputName(): string {
    return this.uniqueID
  }

  protected isChecked(_item: ListItem, index: number): boolean {
    return index === this.selectedIndex
  }

  protected registerItem(item: ListItem): void {
    this.registerValue(item.value)
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    if (!this.isEnabled) return false
    const posted = postData.get(postDataKey)
    if (posted === undefined) return false
    this.validateValue(posted)
    const index = this.items.indexOfValue(posted)
    if (index >= 0 && !this.items.at(index)!.enabled) return false
    if (index < 0 && this.items.length > 0) return false
    return this.setPostedValue(posted)
  }
}
