import { CheckBox } from '../check-box.ts'
import type { Control } from '../control.ts'
import { HiddenField } from '../hidden-field.ts'
import type { Validator } from '../host.ts'
import { Label } from '../label.ts'
import { ListControl } from '../list/list-control.ts'
import { defineStateProperties } from '../properties.ts'
import { TextBox } from '../text-box.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'

/**
 * How a validator takes space on the page (ASP.NET's ValidatorDisplay).
 *
 * @example
 * <asp:RequiredFieldValidator runat="server" ControlToValidate="Name" Display="Dynamic" ErrorMessage="Required" />
 */
export type ValidatorDisplay = 'None' | 'Static' | 'Dynamic'

/**
 * The base of the validators: registers itself in the page's `validators`, validates on
 * `validate()` (server side only; no client script), and renders its `text` (or
 * `errorMessage`) in a `<span>` that is visible only while invalid.
 *
 * - `Display="Static"` (default) keeps the space: `style="visibility:hidden;"` while valid.
 * - `Display="Dynamic"` takes no space while valid: `style="display:none;"`.
 * - `Display="None"` never renders; the message shows only in a ValidationSummary.
 *
 * `isValid` is not kept in view state: it is true until the page validates in this request.
 *
 * @example
 * class PositiveValidator extends BaseValidator {
 *   protected evaluateIsValid() { return Number(this.getControlValidationValue(this.controlToValidate)) > 0 }
 * }
 */
export abstract class BaseValidator extends Label implements Validator {
  declare controlToValidate: string
  declare errorMessage: string
  declare display: ValidatorDisplay
  declare validationGroup: string
  /** Accepted for markup compatibility; Deltaform validates on the server only. */
  declare enableClientScript: boolean
  /** Accepted for markup compatibility; focus is not moved on the server. */
  declare setFocusOnError: boolean
  /** The outcome of the last `validate()` in this request; true before validation. */
  isValid = true

  protected override get tagName(): string {
    return 'span'
  }

  override onInit(): Promise<void> | void {
    const validators = this.host?.validators
    if (validators && !validators.includes(this)) validators.push(this)
    return super.onInit()
  }

  override onUnload(): Promise<void> | void {
    const validators = this.host?.validators
    const index = validators ? validators.indexOf(this) : -1
    if (index >= 0) validators!.splice(index, 1)
    return super.onUnload()
  }

  /**
   * Validates: a disabled or hidden validator is valid; otherwise `evaluateIsValid()` decides.
   *
   * @example
   * await this.EmailRequired.validate()
   * if (!this.EmailRequired.isValid) …
   */
  async validate(): Promise<void> {
    this.isValid = true
    if (!this.enabled || !this.visible) return
    this.checkProperties()
    this.isValid = await this.evaluateIsValid()
  }

  /**
   * Whether `control` is this validator's ControlToValidate (WebControl asks, to render
   * `aria-invalid="true"` on the field while this validator is invalid).
   *
   * @example
   * this.EmailRequired.validates(this.Email) // true
   */
  validates(control: Control): boolean {
    return !!this.controlToValidate && this.findControl(this.controlToValidate) === control
  }

  /** The rule of the validator. */
  protected abstract evaluateIsValid(): boolean | Promise<boolean>

  /** Whether the validator needs ControlToValidate (CustomValidator does not). */
  protected get requiresControlToValidate(): boolean {
    return true
  }

  /** Throws a clear error for a misconfigured validator (markup mistakes). */
  protected checkProperties(): void {
    if (this.requiresControlToValidate && !this.controlToValidate) {
      throw new Error(`The ControlToValidate property of ${this.describe()} cannot be blank.`)
    }
  }

  /** `'Name'` of this validator, for error messages. */
  protected describe(): string {
    return `'${this.id ?? this.uniqueID}'`
  }

  /**
   * The value a control offers for validation: TextBox → `text`, list controls →
   * `selectedValue`, HiddenField → `value`; other controls by a `validationValue`, `text`
   * or `value` property.
   *
   * @example
   * const email = this.getControlValidationValue('Email')
   */
  protected getControlValidationValue(id: string): string {
    const control = this.findControl(id)
    if (!control) {
      throw new Error(`Unable to find control id '${id}' referenced by the 'ControlToValidate' property of ${this.describe()}.`)
    }
    return validationValueOf(control, () => `Control '${id}' referenced by the ControlToValidate property of ${this.describe()} cannot be validated.`)
  }

  override render(writer: HtmlWriter): void {
    const display = this.display
    if (display === 'None') return
    const attrs: AttributeMap = this.attributesToRender()
    if (this.isValid) attrs.style = (attrs.style ?? '') + (display === 'Dynamic' ? 'display:none;' : 'visibility:hidden;')
    else attrs.role = 'alert'
    writer.beginTag('span', attrs)
    this.renderContents(writer)
    writer.endTag('span')
  }

  protected override renderContents(writer: HtmlWriter): void {
    if (this.text.trim()) writer.text(this.text)
    else if (this.controls.length > 0) this.renderChildren(writer)
    else writer.text(this.errorMessage)
  }
}

function validationValueOf(control: Control, cannot: () => string): string {
  const c = control as Control & { validationValue?: unknown; text?: unknown; value?: unknown }
  if ('validationValue' in c) return toText(c.validationValue)
  if (c instanceof TextBox) return c.text
  if (c instanceof ListControl) return c.selectedValue
  if (c instanceof HiddenField) return c.value
  // A checkbox's text is its label, not a value (ASP.NET refuses to validate it as well).
  if (c instanceof CheckBox) throw new Error(cannot())
  if (typeof c.text === 'string') return c.text
  if (typeof c.value === 'string') return c.value
  throw new Error(cannot())
}

function toText(value: unknown): string {
  return value == null ? '' : String(value)
}

defineStateProperties(BaseValidator, {
  controlToValidate: '',
  errorMessage: '',
  display: { enum: ['None', 'Static', 'Dynamic'], default: 'Static' },
  validationGroup: '',
  enableClientScript: true,
  setFocusOnError: false,
})
