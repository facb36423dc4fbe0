import type { Control } from '../control.ts'
import { declareMarkupProperties } from '../properties.ts'
import { ScriptManager } from './script-manager.ts'
import { WebControl } from '../web-control.ts'
import { concurrencyAttribute, concurrencyValues, type Concurrency } from './concurrency.ts'
import type { UpdatePanel } from './update-panel.ts'

/** The common part of UpdatePanel triggers: a control found from the panel outwards. */
abstract class UpdatePanelTrigger {
  controlID = ''
  /** @internal The panel owning this trigger. */
  owner: UpdatePanel | null = null

  /** Finds the control: in the panel's naming container, then each outer one, then the page. */
  protected findTargetControl(searchUp: boolean): Control {
    const panel = this.owner!
    for (let scope: Control | null = panel; scope; scope = scope.namingContainer) {
      const found = scope.findControl(this.controlID)
      if (found) return found
      if (!searchUp) break
    }
    throw new Error(`A control with ID '${this.controlID}' could not be found for the trigger in UpdatePanel '${panel.id}'.`)
  }

  abstract initialize(): void
  /** Whether this trigger refreshes its panel in the current async postback. */
  abstract hasTriggered(): boolean
}

/**
 * Refreshes its UpdatePanel when a control posts back asynchronously — any postback of the
 * control, or only its named event (`EventName="SelectedIndexChanged"`).
 *
 * @example
 * <Triggers><asp:AsyncPostBackTrigger ControlID="Refresh" EventName="Click" /></Triggers>
 */
export class AsyncPostBackTrigger extends UpdatePanelTrigger {
  eventName = ''
  /** What the control's postback does while another is in flight; see {@link Concurrency}. */
  concurrency: Concurrency = 'LastWins'
  private control: Control | null = null
  private fired = false

  initialize(): void {
    const control = this.findTargetControl(true)
    this.control = control
    ScriptManager.getCurrent(control.host)?.registerAsyncPostBackControl(control)
    for (const [name, value] of Object.entries(concurrencyAttribute(this.concurrency))) {
      if (!(control instanceof WebControl)) throw new Error(`The Concurrency of the trigger for '${this.controlID}' needs a control that renders attributes (a WebControl).`)
      control.attributes.set(name, value)
    }
    if (this.eventName) control.on(this.eventName, () => void (this.fired = true))
  }

  hasTriggered(): boolean {
    if (this.eventName) return this.fired
    const sm = ScriptManager.getCurrent(this.owner!.host)
    const source = sm?.asyncPostBackSourceElementID ?? ''
    const id = this.control?.uniqueID
    return !!id && (source === id || source.startsWith(id + '$'))
  }
}

/**
 * Makes a control inside the UpdatePanel do a full postback.
 *
 * @example
 * <Triggers><asp:PostBackTrigger ControlID="Download" /></Triggers>
 */
export class PostBackTrigger extends UpdatePanelTrigger {
  initialize(): void {
    const control = this.findTargetControl(false)
    ScriptManager.getCurrent(control.host)?.registerPostBackControl(control)
  }

  hasTriggered(): boolean {
    return false
  }
}

/** The type of an UpdatePanel's `triggers` entries. */
export type Trigger = AsyncPostBackTrigger | PostBackTrigger

declareMarkupProperties(UpdatePanelTrigger, [{ name: 'controlID', kind: 'string' }])
declareMarkupProperties(AsyncPostBackTrigger, [
  { name: 'eventName', kind: 'string' },
  { name: 'concurrency', kind: 'string', values: concurrencyValues },
])
