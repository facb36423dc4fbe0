import { defineStateProperties } from '../properties.ts'
import { WebControl } from '../web-control.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

/**
 * How a ValidationSummary lists the messages.
 *
 * @example
 * <asp:ValidationSummary runat="server" DisplayMode="SingleParagraph" />
 */
export type ValidationSummaryDisplayMode = 'List' | 'BulletList' | 'SingleParagraph'

/**
 * Lists the `errorMessage` of every invalid validator of its `validationGroup`, in a `<div>`
 * with `role="alert"`. While every validator of the group is valid (or with
 * `ShowSummary="false"`) it renders an empty `<div style="display:none;">`.
 *
 * - `BulletList` (default): `HeaderText` then `<ul><li>…</li></ul>`.
 * - `List`: `HeaderText<br />` then each message followed by `<br />`.
 * - `SingleParagraph`: `HeaderText ` then the messages separated by spaces, then `<br />`.
 *
 * @example
 * <asp:ValidationSummary ID="Problems" runat="server" HeaderText="Please fix:" ValidationGroup="Signup" />
 */
export class ValidationSummary extends WebControl {
  declare displayMode: ValidationSummaryDisplayMode
  declare headerText: string
  declare showSummary: boolean
  /** Accepted for markup compatibility; there is no client-side message box. */
  declare showMessageBox: boolean
  /** Accepted for markup compatibility; the summary renders on the server only. */
  declare enableClientScript: boolean
  declare validationGroup: string

  protected override get tagName(): string {
    return 'div'
  }

  /**
   * The messages the summary shows, and whether any validator of its group is invalid.
   *
   * @example
   * const { messages } = this.Problems.getErrorMessages()
   */
  getErrorMessages(): { inError: boolean; messages: string[] } {
    const group = this.validationGroup
    const messages: string[] = []
    let inError = false
    for (const validator of this.host?.validators ?? []) {
      if ((validator.validationGroup ?? '') !== group || validator.isValid) continue
      inError = true
      if (validator.errorMessage) messages.push(validator.errorMessage)
    }
    return { inError, messages }
  }

  override render(writer: HtmlWriter): void {
    const attrs: AttributeMap = this.attributesToRender()
    const { inError, messages } = this.getErrorMessages()
    if (!inError || !this.showSummary) {
      attrs.style = (attrs.style ?? '') + 'display:none;'
      writer.beginTag('div', attrs)
      writer.endTag('div')
      return
    }
    attrs.role = 'alert'
    writer.beginTag('div', attrs)
    const header = this.headerText
    switch (this.displayMode) {
      case 'List':
        if (header) {
          writer.text(header)
          writer.write('<br />')
        }
        for (const message of messages) {
          writer.text(message)
          writer.write('<br />')
        }
        break
      case 'SingleParagraph':
        if (header) writer.text(header + ' ')
        for (const message of messages) writer.text(message + ' ')
        writer.write('<br />')
        break
      default:
        if (header) writer.text(header)
        writer.write('<ul>')
        for (const message of messages) {
          writer.write('<li>')
          writer.text(message)
          writer.write('</li>')
        }
        writer.write('</ul>')
    }
    writer.endTag('div')
  }
}
defineStateProperties(ValidationSummary, {
  displayMode: { enum: ['List', 'BulletList', 'SingleParagraph'], default: 'BulletList' },
  headerText: '',
  showSummary: true,
  showMessageBox: false,
  enableClientScript: true,
  validationGroup: '',
})
