/**
 * The data controls: Repeater, GridView and DetailsView, with their fields, styles and pager.
 * `dataControls` lists the classes markup creates, for the control registry.
 *
 * @example
 * import { GridView, BoundField } from './controls/data/index.ts'
 * const grid = new GridView()
 * grid.columns.push(new BoundField({ dataField: 'Name', headerText: 'Name' }))
 */
import { BoundField } from './bound-field.ts'
import { ButtonField } from './button-field.ts'
import { CommandField } from './command-field.ts'
import { DetailsView } from './details-view.ts'
import { GridView } from './grid-view.ts'
import { CheckBoxField, HyperLinkField } from './hyper-link-field.ts'
import { Repeater } from './repeater.ts'
import { TemplateField } from './template-field.ts'

export { Repeater, RepeaterItem, type RepeaterItemType, type RepeaterItemEventArgs, type RepeaterCommandEventArgs } from './repeater.ts'
export {
  GridView,
  GridViewRow,
  type DataControlRowType,
  type GridViewRowEventArgs,
  type GridViewCommandEventArgs,
  type GridViewPageEventArgs,
  type GridViewSortEventArgs,
  type GridViewSelectEventArgs,
  type GridViewEditEventArgs,
  type GridViewCancelEditEventArgs,
  type GridViewUpdateEventArgs,
  type GridViewUpdatedEventArgs,
  type GridViewDeleteEventArgs,
  type GridViewDeletedEventArgs,
} from './grid-view.ts'
export {
  DetailsView,
  DetailsViewRow,
  type DetailsViewMode,
  type DetailsViewRowType,
  type DetailsViewCommandEventArgs,
  type DetailsViewModeEventArgs,
  type DetailsViewUpdateEventArgs,
  type DetailsViewUpdatedEventArgs,
  type DetailsViewInsertEventArgs,
  type DetailsViewInsertedEventArgs,
  type DetailsViewDeleteEventArgs,
  type DetailsViewDeletedEventArgs,
  type DetailsViewPageEventArgs,
} from './details-view.ts'
export { CompositeDataBoundControl, type SortDirection, type SelectArguments, type SelectResult } from './composite-data-bound-control.ts'
export {
  DataControlField,
  DataControlFieldCell,
  DataControlLinkButton,
  DataKey,
  type DataControlCellType,
  type DataControlRowState,
  type DataFieldOwner,
} from './data-control-field.ts'
export { BoundField } from './bound-field.ts'
export { TemplateField } from './template-field.ts'
export { ButtonField, type ButtonType } from './button-field.ts'
export { CommandField } from './command-field.ts'
export { HyperLinkField, CheckBoxField } from './hyper-link-field.ts'
export { TableItemStyle } from './table-item-style.ts'
export { PagerSettings, type PagerButtons } from './pager.ts'
export { DataItemContainer, sortRows, type DataTemplate } from './data-utils.ts'
export { DataControlRow } from './data-control-row.ts'

/**
 * The classes `<asp:…>` tags of this folder create, by tag name, for the control registry:
 * `createControlRegistry(dataControls)` or `createApp({ controls: { asp: dataControls } })`.
 *
 * @example
 * registry.registerAll('asp', dataControls) // <asp:GridView>, <asp:BoundField>, …
 */
export const dataControls = { Repeater, GridView, DetailsView, BoundField, TemplateField, ButtonField, CommandField, HyperLinkField, CheckBoxField }
