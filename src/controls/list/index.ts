/**
 * The list controls: DropDownList, ListBox, CheckBoxList, RadioButtonList and their items.
 *
 * @example
 * import { DropDownList, ListItem } from './controls/list/index.ts'
 * const list = new DropDownList()
 * list.items.add(new ListItem('Red', 'r'))
 */
export { ListItem, ListItemCollection } from './list-item.ts'
export { ListControl } from './list-control.ts'
export { DropDownList } from './drop-down-list.ts'
export { ListBox, type ListSelectionMode } from './list-box.ts'
export { RepeatedListControl, type RepeatLayout, type RepeatDirection, type TextAlign } from './repeated-list-control.ts'
export { CheckBoxList } from './check-box-list.ts'
export { RadioButtonList } from './radio-button-list.ts'
