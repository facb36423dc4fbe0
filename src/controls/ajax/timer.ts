import { Control } from '../control.ts'
import type { PostBackEventHandler } from '../host.ts'
import { defineStateProperties } from '../properties.ts'
import type { HtmlWriter } from '../../render/html-writer.ts'
import { registerComponent } from './component-script.ts'
import { ScriptManager } from './script-manager.ts'
import { concurrencyAttribute, concurrencyValues, type Concurrency } from './concurrency.ts'

/**
 * Posts back every `Interval` milliseconds and raises `Tick`: inside an UpdatePanel (or as
 * its AsyncPostBackTrigger) the tick is an async postback.
 *
 * @example
 * <asp:Timer ID="Clock" runat="server" Interval="1000" OnTick="Clock_Tick" />
 */
export class Timer extends Control implements PostBackEventHandler {
  declare interval: number
  declare enabled: boolean
  /** What a tick does while another async postback is in flight (`Drop` skips it); see {@link Concurrency}. */
  declare concurrency: Concurrency

  override onPreRender(): Promise<void> | void {
    if (this.interval <= 0) throw new Error(`The Interval of Timer '${this.id}' must be more than 0.`)
    const sm = ScriptManager.getCurrent(this.host)
    if (!sm) throw new Error(`The Timer '${this.id}' needs a ScriptManager on the page.`)
    const scripts = this.host!.clientScripts
    if (scripts.kind === 'microsoft') {
      // Microsoft's client defines Sys.UI._Timer in a file of its own.
      if (!scripts.microsoftAjaxTimer) {
        throw new Error(`The Timer '${this.id}' needs MicrosoftAjaxTimer.js when pages load the original Microsoft scripts: set clientScripts.microsoftAjaxTimer.`)
      }
      if (!sm.isInAsyncPostBack) this.host!.clientScript.registerClientScriptInclude('MicrosoftAjaxTimer.js', scripts.microsoftAjaxTimer)
    }
    registerComponent(this, sm, 'Timer', 'Sys.UI._Timer', { enabled: this.enabled, interval: this.interval, uniqueID: this.uniqueID })
    this.host!.clientScript.registerForEventValidation(this.uniqueID, '')
    return super.onPreRender()
  }

  override render(writer: HtmlWriter): void {
    writer.beginTag('span', { id: this.clientID, style: 'visibility:hidden;display:none;', ...concurrencyAttribute(this.concurrency) })
    writer.endTag('span')
  }

  async raisePostBackEvent(eventArgument: string): Promise<void> {
    this.host!.clientScript.validateEvent(this.uniqueID, eventArgument)
    if (this.enabled) await this.raise('Tick', {})
  }
}

defineStateProperties(Timer, { interval: 60000, enabled: true, concurrency: { enum: concurrencyValues, default: 'LastWins' } })
