import { Control } from '../control.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import type { HtmlWriter } from '../../render/html-writer.ts'
import { registerComponent } from './component-script.ts'
import { ScriptManager } from './script-manager.ts'

interface ProgressTemplate {
  instantiateIn(container: Control): void
}

/**
 * Content shown while an async postback runs (after `DisplayAfter` ms), for every panel or
 * only for `AssociatedUpdatePanelID`. A `role="status"` region.
 *
 * @example
 * <asp:UpdateProgress runat="server" AssociatedUpdatePanelID="UpdatePanel1" DisplayAfter="200">
 *   <ProgressTemplate>Working…</ProgressTemplate>
 * </asp:UpdateProgress>
 */
export class UpdateProgress extends Control {
  declare associatedUpdatePanelID: string
  declare displayAfter: number
  declare dynamicLayout: boolean
  private template: ProgressTemplate | null = null

  get progressTemplate(): ProgressTemplate | null {
    return this.template
  }

  set progressTemplate(template: ProgressTemplate | null) {
    this.template = template
    template?.instantiateIn(this)
  }

  override onPreRender(): Promise<void> | void {
    if (this.displayAfter < 0) throw new Error(`DisplayAfter of UpdateProgress '${this.id}' must be 0 or more.`)
    const sm = ScriptManager.getCurrent(this.host)
    if (!sm) throw new Error(`The UpdateProgress '${this.id}' needs a ScriptManager on the page.`)
    let panelClientID: string | null = null
    if (this.associatedUpdatePanelID) {
      const panel = this.findPanel(this.associatedUpdatePanelID)
      if (!panel) throw new Error(`The UpdateProgress '${this.id}' names AssociatedUpdatePanelID '${this.associatedUpdatePanelID}', which is not on the page.`)
      panelClientID = panel.clientID
    }
    registerComponent(this, sm, 'UpdateProgress', 'Sys.UI._UpdateProgress', { associatedUpdatePanelId: panelClientID, displayAfter: this.displayAfter, dynamicLayout: this.dynamicLayout })
    return super.onPreRender()
  }

  private findPanel(id: string): Control | null {
    for (let scope: Control | null = this; scope; scope = scope.namingContainer) {
      const found = scope.findControl(id)
      if (found) return found
    }
    return null
  }

  override render(writer: HtmlWriter): void {
    writer.beginTag('div', {
      id: this.clientID,
      style: this.dynamicLayout ? 'display:none;' : 'visibility:hidden;display:block;',
      role: 'status',
      'aria-hidden': 'true',
    })
    this.renderChildren(writer)
    writer.endTag('div')
  }
}

defineStateProperties(UpdateProgress, { associatedUpdatePanelID: '', displayAfter: 500, dynamicLayout: true })
declareMarkupProperties(UpdateProgress, [{ name: 'progressTemplate', kind: 'singleTemplate' }])
