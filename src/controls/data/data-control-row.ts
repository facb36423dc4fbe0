import type { CommandEventArgs } from '../button-control.ts'
import type { Control } from '../control.ts'
import type { AttributeMap, HtmlWriter } from '../../render/html-writer.ts'
import { DataControlFieldCell } from './data-control-field.ts'
import { DataItemContainer } from './data-utils.ts'

/**
 * A row of a GridView or DetailsView: its cells, the `Container` of `<%# %>` in them, and the
 * step that turns a button's bubbling Command into the data control's command arguments.
 * The owning control writes the `<tr>` (it knows the row's style).
 *
 * @example
 * class GridViewRow extends DataControlRow {
 *   protected isCommandArgs(e: object) { return 'row' in e }
 *   protected commandArgs(source: Control, c: CommandEventArgs) { return { row: this, commandSource: source, ...c, handled: false } }
 * }
 */
export abstract class DataControlRow extends DataItemContainer {
  /** The cells, one per visible field. */
  get cells(): DataControlFieldCell[] {
    return this.controls.toArray().filter((c): c is DataControlFieldCell => c instanceof DataControlFieldCell)
  }

  /** ASP.NET's spelling, for `<%# Container.DataItem %>` in migrated markup. */
  get DataItem(): unknown {
    return this.dataItem
  }

  /** Whether a bubbling event already is this row's command arguments (so it is not wrapped twice). */
  protected abstract isCommandArgs(e: object): boolean

  /** The arguments the owning control's command event receives. */
  protected abstract commandArgs(source: Control, command: CommandEventArgs): object

  /** Wraps a Command bubbling from a button in a cell, and bubbles it on to the data control. */
  override async onBubbleEvent(source: Control, e: unknown): Promise<boolean> {
    if (!e || typeof e !== 'object' || typeof (e as CommandEventArgs).commandName !== 'string' || this.isCommandArgs(e)) return false
    const command = e as CommandEventArgs
    await this.raiseBubbleEvent(this, this.commandArgs(source, { commandName: command.commandName, commandArgument: String(command.commandArgument ?? '') }))
    return true
  }

  /** @internal Written by the data control, which knows the row's style. */
  renderRow(writer: HtmlWriter, attrs: AttributeMap): void {
    writer.beginTag('tr', attrs)
    this.renderChildren(writer)
    writer.endTag('tr')
  }

  override render(_writer: HtmlWriter): void {
    // Rows render through their data control (renderRow).
  }
}
