import { Control } from './control.ts'
import { defineStateProperties } from './properties.ts'
import type { HtmlWriter } from '../render/html-writer.ts'

/**
 * Text without a wrapping element. `Mode="Encode"` and `"Transform"` (the default) encode it;
 * only `Mode="PassThrough"` writes markup as it is — the explicit raw-HTML switch.
 *
 * @example
 * <asp:Literal ID="Banner" runat="server" Mode="PassThrough" />
 * this.Banner.text = '<strong>Sale</strong>'
 */
export class Literal extends Control {
  declare text: string
  declare mode: 'Transform' | 'PassThrough' | 'Encode'

  override render(writer: HtmlWriter): void {
    if (this.mode === 'PassThrough') writer.write(this.text)
    else writer.text(this.text)
  }
}
defineStateProperties(Literal, { text: '', mode: { enum: ['Transform', 'PassThrough', 'Encode'], default: 'Transform' } })
