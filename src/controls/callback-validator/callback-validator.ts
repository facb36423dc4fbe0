import { defineClientResource } from '../client-resource.ts'
import { Control } from '../control.ts'
import { TextBox } from '../text-box.ts'
import { ScriptManager } from '../ajax/script-manager.ts'
import { HttpError } from '../../errors.ts'
import { jsStringEncode } from '../../render/encode.ts'
import type { HtmlWriter } from '../../render/html-writer.ts'

const liveCheckScript = defineClientResource('CallbackValidator', new URL('./callback-validator.client.js', import.meta.url))

/** The client object the script defines (callback-validator.client.js). */
const clientObject = 'DeltaformCallbackValidator'

/** Field names longer than this are refused before any lookup (no control has such a UniqueID). */
const maxFieldLength = 1024

/**
 * What a CallbackValidator answers for one field: the field's ClientID, whether every
 * validator of the field passed, and the error messages of those that failed.
 *
 * @example
 * const result: CallbackValidationResult = JSON.parse(callbackText)
 * if (!result.valid) console.log(result.messages.join(' '))
 */
export interface CallbackValidationResult {
  field: string
  valid: boolean
  messages: string[]
}

/** A validator of the page with the parts this control needs (BaseValidator has them). */
interface FieldValidator extends Control {
  controlToValidate: string
  errorMessage: string
  text?: string
  isValid: boolean
  validate(): Promise<void> | void
}

/**
 * Validates single fields on the server while the user fills in the form, without posting the
 * page: when a TextBox checked by validators changes, a client callback runs the server-side
 * validators of that field only and a mark after the field shows the outcome — `✓` (accessible
 * name "valid") or `✗` (accessible name: the error messages), with the messages as the field's
 * tooltip and `aria-invalid` set. The form's Submit still posts back and validates as usual.
 * This is ASP.NET's ICallbackContainer idea: {@link CallbackValidator.getCallbackScript} gives
 * the script that starts the check of a field.
 *
 * In PreRender it hooks every TextBox that a validator of the page checks (visible, enabled, not
 * read-only, not AutoPostBack) with an `onchange` that runs before any `onchange` the box
 * already has. The callback argument is JSON `{"field":"<TextBox UniqueID>","value":"<text>"}`,
 * carrying the value the field holds when the callback starts. Put one on a page; it renders
 * only a hidden `<span>`.
 *
 * @example
 * <asp:TextBox ID="UserId" runat="server" />
 * <asp:RequiredFieldValidator runat="server" ControlToValidate="UserId" ErrorMessage="A user ID is required." />
 * <asp:CallbackValidator ID="LiveCheck" runat="server" />
 */
export class CallbackValidator extends Control {
  private result: CallbackValidationResult | null = null

  /**
   * The script text that starts the server check of `control` (a `WebForm_DoCallback(…)`
   * call). `argument` is a JavaScript expression for the value to check; by default the field's
   * value when the callback starts. The result updates the field's mark.
   *
   * @example
   * const script = this.LiveCheck.getCallbackScript(this.Email)
   * this.CheckEmail.attributes.set('onclick', `${script};return false;`)
   */
  getCallbackScript(control: TextBox, argument?: string): string {
    const host = this.host
    if (!host) throw new Error(`${this.describe()} must be on a page to start callbacks.`)
    // Through the ScriptManager when there is one: inside an UpdatePanel an async postback
    // then carries the script (page-level registrations are not part of a delta).
    const sm = ScriptManager.getCurrent(host)
    if (sm) sm.registerClientScriptInclude(this, `resource:${liveCheckScript.name}`, liveCheckScript.url)
    else host.clientScript.registerClientScriptResource(liveCheckScript)
    const id = jsStringEncode(control.clientID)
    const name = jsStringEncode(control.uniqueID)
    const value = argument ?? `document.getElementById('${id}').value`
    return host.clientScript.getCallbackEventReference(
      this,
      `${clientObject}.argument('${id}','${name}',${value})`,
      `${clientObject}.receive`,
      `${clientObject}.context('${id}')`,
      `${clientObject}.error`,
      // Several fields may be checked at once; a synchronous callback would drop the others.
      true,
    )
  }

  /**
   * The TextBoxes this control checks: those a validator of the page checks that are visible,
   * enabled, not read-only and not AutoPostBack, in the order of the page's validators.
   *
   * @example
   * this.LiveCheck.checkedFields().map((box) => box.uniqueID) // ['UserId', 'Email', 'Password']
   */
  checkedFields(): TextBox[] {
    return [...this.fieldValidators().keys()]
  }

  /** Each TextBox a validator checks, with those validators; only the checkable ones unless `all`. */
  private fieldValidators(all = false): Map<TextBox, FieldValidator[]> {
    const fields = new Map<TextBox, FieldValidator[]>()
    for (const validator of this.host?.validators ?? []) {
      if (!isFieldValidator(validator) || !validator.controlToValidate) continue
      const target = validator.findControl(validator.controlToValidate)
      if (!(target instanceof TextBox) || !(all || isCheckable(target))) continue
      const list = fields.get(target) ?? []
      list.push(validator)
      fields.set(target, list)
    }
    return fields
  }

  override onPreRender(): Promise<void> | void {
    const host = this.host
    const list: Array<{ id: string; name: string }> = []
    for (const box of this.fieldValidators(true).keys()) {
      if (isCheckable(box)) {
        hookChange(box, this.getCallbackScript(box, 'this.value'))
        list.push({ id: box.clientID, name: box.uniqueID })
      } else if (box.attributes.get('onchange')?.includes(`${clientObject}.argument(`)) {
        // Hooked on an earlier request (the attribute came back from view state): undo it.
        unhookChange(box, this.getCallbackScript(box, 'this.value'))
      }
    }
    if (host && list.length > 0) {
      const [key, script] = [`CallbackValidator:${this.uniqueID}`, `${clientObject}.init('${jsStringEncode(this.clientID)}',${scriptJson(list)});`]
      const sm = ScriptManager.getCurrent(host)
      if (sm) sm.registerStartupScript(this, key, script, true)
      else host.clientScript.registerStartupScript(key, script, true)
    }
    return super.onPreRender()
  }

  override render(writer: HtmlWriter): void {
    writer.beginTag('span', { id: this.clientID, hidden: true })
    writer.endTag('span')
  }

  /**
   * Checks one field: the argument is JSON `{"field":"<TextBox UniqueID>","value":"<text>"}`.
   * The TextBox takes the value (cut to its MaxLength, as a postback would), then only the
   * validators of that field run. A malformed argument or a field this control does not check
   * is refused with HTTP 400 (the client's error callback gets the message).
   *
   * @example
   * await liveCheck.raiseCallbackEvent('{"field":"UserId","value":"dino"}')
   * liveCheck.getCallbackResult() // '{"field":"UserId","valid":false,"messages":["That user ID is taken."]}'
   */
  async raiseCallbackEvent(eventArgument: string): Promise<void> {
    this.result = null
    const { field, value } = this.parseArgument(eventArgument)
    if (!this.visible) throw new HttpError(400, `${this.describe()} is hidden and checks no fields.`)
    let box: TextBox | null = null
    let validators: FieldValidator[] = []
    for (const [candidate, list] of this.fieldValidators()) {
      if (candidate.uniqueID === field) (box = candidate), (validators = list)
    }
    if (!box) throw new HttpError(400, `${this.describe()} does not check a field named '${truncate(field)}'.`)
    // Load already ran with the posted form; the validators must see the value of the argument.
    box.text = box.maxLength > 0 && box.textMode !== 'MultiLine' ? value.slice(0, box.maxLength) : value
    const messages: string[] = []
    let valid = true
    for (const validator of validators) {
      await validator.validate()
      if (validator.isValid) continue
      valid = false
      const message = validator.errorMessage || validator.text || ''
      if (message && !messages.includes(message)) messages.push(message)
    }
    this.result = { field: box.clientID, valid, messages }
  }

  /**
   * The outcome of the last check as JSON: `{"field":"<ClientID>","valid":…,"messages":[…]}`.
   *
   * @example
   * liveCheck.getCallbackResult() // '{"field":"Email","valid":true,"messages":[]}'
   */
  getCallbackResult(): string {
    if (!this.result) throw new Error(`${this.describe()} has no check to answer.`)
    return JSON.stringify(this.result)
  }

  private parseArgument(argument: string): { field: string; value: string } {
    const shape = `The callback argument of ${this.describe()} must be JSON {"field":"<UniqueID>","value":"<text>"}.`
    let parsed: unknown
    try {
      parsed = JSON.parse(argument)
    } catch {
      throw new HttpError(400, shape)
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, shape)
    const keys = Object.keys(parsed)
    const { field, value } = parsed as Record<string, unknown>
    if (keys.length !== 2 || typeof field !== 'string' || typeof value !== 'string' || !field || field.length > maxFieldLength) {
      throw new HttpError(400, shape)
    }
    return { field, value }
  }

  private describe(): string {
    return `CallbackValidator '${this.id ?? this.uniqueID}'`
  }
}

function isFieldValidator(value: unknown): value is FieldValidator {
  const v = value as Partial<FieldValidator>
  return value instanceof Control && typeof v.controlToValidate === 'string' && typeof v.validate === 'function'
}

/** A box whose value a postback would take, and whose own onchange is free for us. */
function isCheckable(box: TextBox): boolean {
  return box.visible && box.isEnabled && !box.readOnly && !box.autoPostBack
}

/**
 * Puts the check before the box's own onchange. The attribute comes back from view state (it is
 * set after tracking began), so an already hooked box is left as it is; the guard makes a hook
 * left over from an earlier request harmless on a page that no longer loads the script (a
 * hidden CallbackValidator skips PreRender and cannot undo it).
 */
function hookChange(box: TextBox, script: string): void {
  const existing = box.attributes.get('onchange') ?? ''
  const hook = guarded(script)
  if (existing.includes(hook)) return
  box.attributes.set('onchange', hook + existing)
}

function unhookChange(box: TextBox, script: string): void {
  const rest = (box.attributes.get('onchange') ?? '').replace(guarded(script), '')
  if (rest) box.attributes.set('onchange', rest)
  else box.attributes.remove('onchange')
}

function guarded(script: string): string {
  return `if(window.${clientObject})${script};`
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

function truncate(value: string): string {
  return value.length > 60 ? value.slice(0, 57) + '...' : value
}
