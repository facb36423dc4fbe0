import type { Control } from '../control.ts'
import type { PostData } from '../host.ts'
import type { ListItem } from './list-item.ts'
import { RepeatedListControl } from './repeated-list-control.ts'

/**
 * A checkbox per item; any number may be checked (`item.selected`). Each box posts under
 * `<UniqueID>$<index>`; unchecked boxes post nothing, so the list always asks for its post
 * data. `SelectedIndexChanged` fires once when any box changed.
 *
 * @example
 * <asp:CheckBoxList ID="Days" runat="server" RepeatDirection="Horizontal">
 *   <asp:ListItem Value="mon">Monday</asp:ListItem>
 *   <asp:ListItem Value="tue">Tuesday</asp:ListItem>
 * </asp:CheckBoxList>
 * const days = this.Days.items.toArray().filter((i) => i.selected).map((i) => i.value)
 */
export class CheckBoxList extends RepeatedListControl {
  private postDataDone = false

  /** Like ASP.NET, a naming container: `Days$0` (a posted checkbox) resolves to the list. */
  override get isNamingContainer(): boolean {
    return true
  }

  override findControl(id: string): Control | null {
    if (/^\d{1,9}$/.test(id) && Number(id) < this.items.length) return this
    return super.findControl(id)
  }

  protected get inputType(): string {
    return 'checkbox'
  }

  protected inputName(index: number): string {
    return `${this.uniqueID}$${index}`
  }

  protected isChecked(item: ListItem): boolean {
    return item.selected
  }

  protected registerItem(_item: ListItem, index: number): void {
    this.registerValue(String(index))
  }

  override onPreRender(): Promise<void> | void {
    this.postDataDone = false
    if (this.isEnabled) this.host?.registerRequiresPostBack(this)
    return super.onPreRender()
  }

  /**
   * Reads every box at once (the page may call this once per posted box and once for the
   * list itself); reports a change only the first time.
   */
  loadPostData(postDataKey: string, postData: PostData): boolean {
    if (!this.isEnabled) return false
    const prefix = this.uniqueID + '$'
    if (postDataKey !== this.uniqueID && postDataKey.startsWith(prefix)) {
      const suffix = postDataKey.slice(prefix.length)
      if (!/^\d{1,9}$/.test(suffix) || Number(suffix) >= this.items.length) this.validateValue(suffix)
    }
    if (this.postDataDone || this.items.length === 0) return false
    this.postDataDone = true
    let changed = false
    let index = 0
    for (const item of this.items) {
      const i = index++
      if (!item.enabled) continue
      const checked = postData.has(prefix + i)
      if (checked) this.validateValue(String(i))
      if (checked !== item.selected) {
        item.selected = checked
        changed = true
      }
    }
    return changed
  }
}
