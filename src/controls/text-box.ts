import type { PostBackDataHandler, PostData } from './host.ts'
import { defineStateProperties } from './properties.ts'
import { WebControl } from './web-control.ts'
import type { AttributeMap, HtmlWriter } from '../render/html-writer.ts'

const textModes = ['SingleLine', 'MultiLine', 'Password', 'Color', 'Date', 'DateTime', 'DateTimeLocal', 'Email', 'Month', 'Number', 'Range', 'Search', 'Phone', 'Time', 'Url', 'Week'] as const
/** The kinds of TextBox, in ASP.NET's spelling. */
export type TextBoxMode = (typeof textModes)[number]
const inputTypes: Partial<Record<TextBoxMode, string>> = { SingleLine: 'text', Password: 'password', DateTimeLocal: 'datetime-local', Phone: 'tel', DateTime: 'datetime' }

/**
 * A text input (`<input>`, or `<textarea>` with `TextMode="MultiLine"`). `TextChanged` fires
 * on the postback after the user changed the text; `AutoPostBack` posts on change.
 *
 * @example
 * <asp:TextBox ID="Email" runat="server" TextMode="Email" MaxLength="80" />
 * const address = this.Email.text.trim()
 */
export class TextBox extends WebControl implements PostBackDataHandler {
  declare text: string
  declare textMode: TextBoxMode
  declare maxLength: number
  declare columns: number
  declare rows: number
  declare readOnly: boolean
  declare autoPostBack: boolean
  declare causesValidation: boolean
  declare validationGroup: string
  declare placeholder: string

  protected override get tagName(): string {
    return this.textMode === 'MultiLine' ? 'textarea' : 'input'
  }

  protected override get disabledClassApplies(): boolean {
    return false
  }

  protected override addAttributes(attrs: AttributeMap): void {
    attrs.name = this.uniqueID
    const multiLine = this.textMode === 'MultiLine'
    if (multiLine) {
      if (this.rows) attrs.rows = this.rows
      if (this.columns) attrs.cols = this.columns
    } else {
      attrs.type = inputTypes[this.textMode] ?? this.textMode.toLowerCase()
      if (this.textMode !== 'Password' && this.text) attrs.value = this.text
      if (this.maxLength > 0) attrs.maxlength = this.maxLength
      if (this.columns) attrs.size = this.columns
    }
    if (this.placeholder) attrs.placeholder = this.placeholder
    if (this.readOnly) attrs.readonly = true
    if (!this.isEnabled) attrs.disabled = true
    if (this.autoPostBack) {
      attrs.onchange = this.host!.clientScript.getPostBackEventReference(this, {
        autoPostBack: true,
        validationGroup: this.causesValidation ? this.validationGroup : undefined,
      })
    }
  }

  override render(writer: HtmlWriter): void {
    if (this.textMode === 'MultiLine') {
      writer.beginTag('textarea', this.attributesToRender())
      // A newline right after <textarea> is dropped by browsers: write one so leading
      // newlines of the text survive.
      writer.write('\n')
      writer.text(this.text)
      writer.endTag('textarea')
    } else writer.selfClosingTag('input', this.attributesToRender())
  }

  override saveViewState(): unknown {
    // Like ASP.NET: the text travels in view state only when something needs the old value.
    const saved = super.saveViewState() as Record<string, unknown> | undefined
    if (saved && 'Text' in saved && !this.keepsTextInViewState) {
      delete saved.Text
      return Object.keys(saved).length ? saved : undefined
    }
    return saved
  }

  private get keepsTextInViewState(): boolean {
    return this.textMode !== 'Password' && (this.hasHandlers('TextChanged') || !this.visible || !this.isEnabled || this.readOnly)
  }

  loadPostData(postDataKey: string, postData: PostData): boolean {
    const posted = postData.get(postDataKey)
    if (posted === undefined || this.readOnly || !this.isEnabled) return false
    const value = this.maxLength > 0 && this.textMode !== 'MultiLine' ? posted.slice(0, this.maxLength) : posted
    if (value === this.text) return false
    this.text = value
    return true
  }

  async raisePostDataChangedEvent(): Promise<void> {
    if (this.autoPostBack && this.causesValidation) await this.host!.validate(this.validationGroup)
    await this.raise('TextChanged', {})
  }
}
defineStateProperties(TextBox, {
  text: '',
  textMode: { enum: textModes, default: 'SingleLine' },
  maxLength: 0,
  columns: 0,
  rows: 0,
  readOnly: false,
  autoPostBack: false,
  causesValidation: false,
  validationGroup: '',
  placeholder: '',
})
