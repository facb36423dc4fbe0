import { LiteralControl } from '../literal-control.ts'
import { declareMarkupProperties } from '../properties.ts'
import { createCommandButton, type ButtonType } from './button-field.ts'
import { DataControlField, type DataControlCellType, type DataControlFieldCell, type DataControlRowState } from './data-control-field.ts'

/**
 * A column (or DetailsView row) of the built-in commands: Edit, Delete, New, Select in a normal
 * row; Update and Cancel in the edit row; Insert and Cancel in insert mode. Update and Insert
 * run validation (`CausesValidation`, default true); the others do not.
 *
 * @example
 * <asp:CommandField ShowSelectButton="true" ShowEditButton="true" ShowDeleteButton="true" />
 */
export class CommandField extends DataControlField {
  showSelectButton = false
  showEditButton = false
  showDeleteButton = false
  showInsertButton = false
  showCancelButton = true
  buttonType: ButtonType = 'Link'
  selectText = 'Select'
  editText = 'Edit'
  updateText = 'Update'
  cancelText = 'Cancel'
  deleteText = 'Delete'
  insertText = 'Insert'
  newText = 'New'
  /** Whether Update and Insert validate first (the other commands never do). */
  causesValidation = true
  validationGroup = ''

  constructor(init?: Partial<CommandField>) {
    super()
    if (init) Object.assign(this, init)
  }

  override initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, rowState: DataControlRowState, rowIndex: number): void {
    super.initializeCell(cell, cellType, rowState, rowIndex)
    if (cellType !== 'DataCell') return
    let first = true
    const add = (commandName: string, text: string, validates: boolean) => {
      if (!first) cell.controls.add(new LiteralControl('&nbsp;'))
      first = false
      cell.controls.add(createCommandButton(this.buttonType, commandName, text, validates, validates ? this.validationGroup : '', rowIndex))
    }
    if (rowState.edit || rowState.insert) {
      if (rowState.edit && this.showEditButton) add('Update', this.updateText, this.causesValidation)
      if (rowState.insert && this.showInsertButton) add('Insert', this.insertText, this.causesValidation)
      if (((rowState.edit && this.showEditButton) || (rowState.insert && this.showInsertButton)) && this.showCancelButton) add('Cancel', this.cancelText, false)
      return
    }
    if (this.showEditButton) add('Edit', this.editText, false)
    if (this.showDeleteButton) add('Delete', this.deleteText, false)
    if (this.showInsertButton) add('New', this.newText, false)
    if (this.showSelectButton) add('Select', this.selectText, false)
  }
}

declareMarkupProperties(CommandField, [
  { name: 'showSelectButton', kind: 'boolean' },
  { name: 'showEditButton', kind: 'boolean' },
  { name: 'showDeleteButton', kind: 'boolean' },
  { name: 'showInsertButton', kind: 'boolean' },
  { name: 'showCancelButton', kind: 'boolean' },
  { name: 'buttonType', kind: 'string', values: ['Link', 'Button'] },
  { name: 'selectText', kind: 'string' },
  { name: 'editText', kind: 'string' },
  { name: 'updateText', kind: 'string' },
  { name: 'cancelText', kind: 'string' },
  { name: 'deleteText', kind: 'string' },
  { name: 'insertText', kind: 'string' },
  { name: 'newText', kind: 'string' },
  { name: 'causesValidation', kind: 'boolean' },
  { name: 'validationGroup', kind: 'string' },
])
