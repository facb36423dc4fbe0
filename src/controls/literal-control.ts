import { Control } from './control.ts'
import type { HtmlWriter } from '../render/html-writer.ts'
import { addScriptNonce } from '../render/script-nonce.ts'

/**
 * Markup text of a template, written as it is (trusted, like code). Takes no ID and keeps
 * no view state.
 *
 * @example
 * panel.controls.add(new LiteralControl('<hr />'))
 */
export class LiteralControl extends Control {
  constructor(
    public text = '',
    /** @internal Text of a compiled template (trusted like code), not made by page code from data. */
    readonly fromTemplate = false,
  ) {
    super()
    this.enableViewState = false
  }

  protected override get needsId(): boolean {
    return false
  }

  override render(writer: HtmlWriter): void {
    // A template's own <script> elements are trusted like its code: under a nonce CSP they get
    // the page's nonce (a ScriptManager ExecutePanelScripts panel runs only those). Text a page
    // builds at run time (often from data) never does.
    const nonce = this.fromTemplate && this.text.includes('<') ? this.host?.clientScript.nonceAttr : ''
    writer.write(nonce ? addScriptNonce(this.text, nonce) : this.text)
  }
}

/**
 * A `<%= %>` / `<%: %>` nugget in template text: evaluated at render time, encoded unless raw.
 *
 * @example
 * new ExpressionControl(() => this.total, true) // renders the HTML-encoded total
 */
export class ExpressionControl extends Control {
  constructor(
    private readonly evaluate: (control: Control) => unknown,
    private readonly encode: boolean,
  ) {
    super()
    this.enableViewState = false
  }

  protected override get needsId(): boolean {
    return false
  }

  override render(writer: HtmlWriter): void {
    const value = this.evaluate(this)
    if (this.encode) writer.text(value)
    else writer.write(value == null ? '' : String(value))
  }
}

/**
 * A `<%# %>` / `<%#: %>` nugget in template text: evaluated on DataBind, kept in view state
 * so it survives postbacks without binding again.
 *
 * @example
 * new DataBoundLiteralControl((c) => c.bindingContainer.dataItem, true)
 */
export class DataBoundLiteralControl extends Control {
  constructor(
    private readonly evaluate: (control: Control) => unknown,
    private readonly encode: boolean,
  ) {
    super()
  }

  protected override get needsId(): boolean {
    return false
  }

  protected override async onDataBinding(): Promise<void> {
    await super.onDataBinding()
    const value = this.evaluate(this)
    this.viewState.set('Text', value == null ? '' : String(value))
  }

  override render(writer: HtmlWriter): void {
    const text = this.viewState.get('Text', '')
    if (this.encode) writer.text(text)
    else writer.write(text)
  }
}
