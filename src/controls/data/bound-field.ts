import { declareMarkupProperties } from '../properties.ts'
import { TextBox } from '../text-box.ts'
import { htmlEncode } from '../../render/encode.ts'
import { formatValue } from '../../template/format.ts'
import { DataControlField, type DataControlCellType, type DataControlFieldCell, type DataControlRowState } from './data-control-field.ts'

/**
 * A column (GridView) or row (DetailsView) showing one field of the data item as text,
 * HTML-encoded unless `HtmlEncode="false"`, formatted with `DataFormatString` (`{0:C}`,
 * `{0:d}`…). In edit and insert rows it renders a TextBox whose text becomes the new value.
 *
 * @example
 * <Columns>
 *   <asp:BoundField DataField="Id" HeaderText="#" ReadOnly="true" />
 *   <asp:BoundField DataField="Total" HeaderText="Total" DataFormatString="{0:C}" SortExpression="Total" />
 * </Columns>
 */
export class BoundField extends DataControlField {
  /** The field of the data item shown (`Customer.Name` reads a nested field). */
  dataField = ''
  dataFormatString = ''
  /** Shown as text, never as a TextBox; left out of the new values of an update. */
  readOnly = false
  htmlEncode = true
  /** Shown for `null`, `undefined` (and `''` with ConvertEmptyStringToNull). */
  nullDisplayText = ''
  /** An empty edited value becomes `null` in the new values, as in ASP.NET. */
  convertEmptyStringToNull = true
  /** Formats the edit TextBox's text with DataFormatString too. */
  applyFormatInEditMode = false

  constructor(init?: Partial<BoundField>) {
    super()
    if (init) Object.assign(this, init)
  }

  override initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, rowState: DataControlRowState, rowIndex: number): void {
    super.initializeCell(cell, cellType, rowState, rowIndex)
    if (cellType !== 'DataCell') return
    if ((rowState.edit && !this.readOnly) || rowState.insert) {
      const box = new TextBox()
      box.toolTip = this.headerText
      cell.controls.add(box)
      if (!rowState.insert && this.dataField) {
        box.on('DataBinding', () => {
          const value = this.fieldValue(cell, this.dataField)
          box.text = this.applyFormatInEditMode ? this.formatText(value) : value == null ? '' : formatValue(value, '{0}')
        })
      }
    } else if (this.dataField) {
      cell.on('DataBinding', () => {
        cell.html = this.formatHtml(this.fieldValue(cell, this.dataField))
      })
    }
  }

  /** The displayed text of a value: null text, or the value formatted with DataFormatString. */
  formatText(value: unknown): string {
    if (value === null || value === undefined || (value === '' && this.convertEmptyStringToNull)) return this.nullDisplayText
    return formatValue(value, this.dataFormatString || '{0}')
  }

  private formatHtml(value: unknown): string {
    const text = this.formatText(value)
    const html = this.htmlEncode ? htmlEncode(text) : text
    // ASP.NET writes a non-breaking space so empty cells keep their borders in old browsers.
    return html === '' ? '&nbsp;' : html
  }

  override extractValues(values: Record<string, unknown>, cell: DataControlFieldCell, _rowState: DataControlRowState, includeReadOnly: boolean): void {
    if (!this.dataField) return
    const box = cell.controls.toArray().find((c): c is TextBox => c instanceof TextBox)
    if (box) values[this.dataField] = box.text === '' && this.convertEmptyStringToNull ? null : box.text
    else if (includeReadOnly) values[this.dataField] = cell.text
  }
}

declareMarkupProperties(BoundField, [
  { name: 'dataField', kind: 'string' },
  { name: 'dataFormatString', kind: 'string' },
  { name: 'readOnly', kind: 'boolean' },
  { name: 'htmlEncode', kind: 'boolean' },
  { name: 'nullDisplayText', kind: 'string' },
  { name: 'convertEmptyStringToNull', kind: 'boolean' },
  { name: 'applyFormatInEditMode', kind: 'boolean' },
])
