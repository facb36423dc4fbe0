import { Button } from '../button.ts'
import type { Control } from '../control.ts'
import { LinkButton } from '../link-button.ts'
import { declareMarkupProperties } from '../properties.ts'
import { formatValue } from '../../template/format.ts'
import { DataControlField, DataControlLinkButton, type DataControlCellType, type DataControlFieldCell, type DataControlRowState } from './data-control-field.ts'

/**
 * How a command of a ButtonField or CommandField renders.
 *
 * @example
 * <asp:ButtonField CommandName="Ship" Text="Ship" ButtonType="Button" />
 */
export type ButtonType = 'Link' | 'Button'

/**
 * Creates the button of a field command, as ASP.NET does: a link without validation posts to
 * the data control itself (`__doPostBack('Grid','Edit$0')`); a link with validation is a
 * LinkButton and a `Button` is a submit button, whose Command bubbles up to the data control.
 *
 * @example
 * cell.controls.add(createCommandButton('Link', 'Select', 'Select', false, '', 0))
 */
export function createCommandButton(type: ButtonType, commandName: string, text: string, causesValidation: boolean, validationGroup: string, rowIndex: number): Control {
  const argument = String(rowIndex)
  if (type === 'Button') {
    const button = new Button()
    button.text = text
    button.commandName = commandName
    button.commandArgument = argument
    button.causesValidation = causesValidation
    button.validationGroup = validationGroup
    return button
  }
  if (causesValidation) {
    const link = new LinkButton()
    link.text = text
    link.commandName = commandName
    link.commandArgument = argument
    link.validationGroup = validationGroup
    return link
  }
  const link = new DataControlLinkButton()
  link.text = text
  link.commandName = commandName
  link.commandArgument = argument
  return link
}

/**
 * A column of buttons raising a command with the row index as argument: `RowCommand` of a
 * GridView (`e.commandName`, `e.commandArgument`); `Select`, `Edit`, `Delete` run those
 * commands. `DataTextField` takes each button's text from the data item.
 *
 * @example
 * <asp:ButtonField CommandName="Ship" Text="Ship it" ButtonType="Button" />
 * Orders_RowCommand(_s: Control, e: GridViewCommandEventArgs) {
 *   if (e.commandName === 'Ship') ship(this.Orders.dataKeys[Number(e.commandArgument)]!.value)
 * }
 */
export class ButtonField extends DataControlField {
  commandName = ''
  text = ''
  dataTextField = ''
  dataTextFormatString = ''
  buttonType: ButtonType = 'Link'
  causesValidation = false
  validationGroup = ''

  constructor(init?: Partial<ButtonField>) {
    super()
    if (init) Object.assign(this, init)
  }

  override initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, rowState: DataControlRowState, rowIndex: number): void {
    super.initializeCell(cell, cellType, rowState, rowIndex)
    if (cellType !== 'DataCell') return
    const button = createCommandButton(this.buttonType, this.commandName, this.text, this.causesValidation, this.validationGroup, rowIndex) as Control & { text: string }
    if (this.dataTextField) {
      button.on('DataBinding', () => {
        button.text = formatValue(this.fieldValue(cell, this.dataTextField), this.dataTextFormatString || '{0}')
      })
    }
    cell.controls.add(button)
  }
}

declareMarkupProperties(ButtonField, [
  { name: 'commandName', kind: 'string' },
  { name: 'text', kind: 'string' },
  { name: 'dataTextField', kind: 'string' },
  { name: 'dataTextFormatString', kind: 'string' },
  { name: 'buttonType', kind: 'string', values: ['Link', 'Button'] },
  { name: 'causesValidation', kind: 'boolean' },
  { name: 'validationGroup', kind: 'string' },
])
