import { CheckBox } from './check-box.ts'
import type { PostData } from './host.ts'
import { defineStateProperties } from './properties.ts'

/**
 * A radio button; buttons with the same `GroupName` in one naming container form a group.
 *
 * @example
 * <asp:RadioButton ID="Card" runat="server" GroupName="Pay" Text="Card" Checked="true" />
 * <asp:RadioButton ID="Cash" runat="server" GroupName="Pay" Text="Cash" />
 */
export class RadioButton extends CheckBox {
  declare groupName: string

  protected override get inputType(): string {
    return 'radio'
  }

  protected override get inputName(): string {
    if (!this.groupName) return this.uniqueID
    const container = this.namingContainer
    const prefix = container && container.parent ? container.uniqueID + '$' : ''
    return prefix + this.groupName
  }

  protected override get inputValue(): string {
    return this.id ?? this.uniqueID
  }

  override onPreRender(): Promise<void> | void {
    this.host!.clientScript.registerForEventValidation(this.inputName, this.inputValue)
    return super.onPreRender()
  }

  protected override isCheckedIn(postData: PostData): boolean {
    const posted = postData.get(this.inputName)
    if (posted === undefined) return false
    if (posted === this.inputValue) {
      this.host!.clientScript.validateEvent(this.inputName, posted)
      return true
    }
    return false
  }
}
defineStateProperties(RadioButton, { groupName: '' })
