import type { PostBackDataHandler, PostData } from './host.ts'
import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'

/**
 * A checkbox with its `<label>`. `CheckedChanged` fires on the postback after a change;
 * `AutoPostBack` posts on click.
 *
 * @example
 * <asp:CheckBox ID="Terms" runat="server" Text="I agree" AutoPostBack="true" OnCheckedChanged="Terms_Changed" />
 */
export class CheckBox extends WebControl implements PostBackDataHandler {
  declare text: string
  declare checked: boolean
  declare autoPostBack: boolean
  declare textAlign: 'Left' | 'Right'
  declare causesValidation: boolean
  declare validationGroup: string

  protected get inputType(): string {
    return 'checkbox'
  }

  /** The name the input posts under. */
  protected get inputName(): string {
    return this.uniqueID
  }

  /** The value the input posts when checked. */
  protected get inputValue(): string | undefined {
    return undefined
  }

  override onPreRender(): Promise<void> | void {
    // An unchecked box posts nothing: ask for loadPostData anyway.
    if (this.isEnabled) this.host!.registerRequiresPostBack(this)
    return super.onPreRender()
  }

  override render(writer: HtmlWriter): void {
    const outer = this.attributesToRender()
    const inputId = this.clientID
    delete outer.id
    const wrap = Object.keys(outer).length > 0
    if (wrap) writer.beginTag('span', outer)
    const input: AttributeMap = {
      id: inputId,
      type: this.inputType,
      name: this.inputName,
      value: this.inputValue,
      checked: this.checked,
      disabled: !this.isEnabled,
    }
    if (this.autoPostBack) input.onclick = this.host!.clientScript.getPostBackEventReference(this, { autoPostBack: true })
    const label = () => {
      if (!this.text) return
      writer.beginTag('label', { for: inputId })
      writer.text(this.text)
      writer.endTag('label')
    }
    if (this.textAlign === 'Left') label()
    writer.selfClosingTag('input', input)
    if (this.textAlign !== 'Left') label()
    if (wrap) writer.endTag('span')
  }

  protected override get disabledClassApplies(): boolean {
    return true
  }

  override saveViewState(): unknown {
    // As ASP.NET: Checked needs view state only when a handler compares old and new.
    const saved = super.saveViewState() as Record<string, unknown> | undefined
    if (saved && 'Checked' in saved && !this.hasHandlers('CheckedChanged') && this.isEnabled && this.visible) {
      delete saved.Checked
      return Object.keys(saved).length ? saved : undefined
    }
    return saved
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    if (!this.isEnabled) return false
    const checked = this.isCheckedIn(postData, postDataKey)
    if (checked === this.checked) return false
    this.checked = checked
    return true
  }

  protected isCheckedIn(postData: PostData, _postDataKey: string): boolean {
    return postData.has(this.uniqueID)
  }

  async raisePostDataChangedEvent(): Promise<void> {
    if (this.autoPostBack && this.causesValidation) await this.host!.validate(this.validationGroup)
    await this.raise('CheckedChanged', {})
  }
}
defineStateProperties(CheckBox, {
  text: '',
  checked: false,
  autoPostBack: false,
  textAlign: { enum: ['Left', 'Right'], default: 'Right' },
  causesValidation: false,
  validationGroup: '',
})
