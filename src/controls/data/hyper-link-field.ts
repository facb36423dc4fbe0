import { CheckBox } from '../check-box.ts'
import { wellFormed } from '../../render/encode.ts'
import { HyperLink } from '../hyper-link.ts'
import { declareMarkupProperties } from '../properties.ts'
import { formatValue } from '../../template/format.ts'
import { DataControlField, type DataControlCellType, type DataControlFieldCell, type DataControlRowState } from './data-control-field.ts'

/**
 * A column of links built from data: `DataNavigateUrlFields` fill `{0}`, `{1}`… of
 * `DataNavigateUrlFormatString`; `DataTextField` gives the text. Script URLs are dropped, as
 * HyperLink drops them.
 *
 * @example
 * <asp:HyperLinkField DataNavigateUrlFields="Id" DataNavigateUrlFormatString="order.aspx?id={0}" DataTextField="Number" HeaderText="Order" />
 */
export class HyperLinkField extends DataControlField {
  text = ''
  navigateUrl = ''
  target = ''
  dataTextField = ''
  dataTextFormatString = ''
  dataNavigateUrlFields: string[] = []
  dataNavigateUrlFormatString = ''

  constructor(init?: Partial<HyperLinkField>) {
    super()
    if (init) Object.assign(this, init)
  }

  override initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, rowState: DataControlRowState, rowIndex: number): void {
    super.initializeCell(cell, cellType, rowState, rowIndex)
    if (cellType !== 'DataCell') return
    const link = new HyperLink()
    link.text = this.text
    link.navigateUrl = this.navigateUrl
    link.target = this.target
    cell.controls.add(link)
    if (!this.dataTextField && this.dataNavigateUrlFields.length === 0) return
    link.on('DataBinding', () => {
      if (this.dataTextField) link.text = formatValue(this.fieldValue(cell, this.dataTextField), this.dataTextFormatString || '{0}')
      if (this.dataNavigateUrlFields.length > 0) {
        const values = this.dataNavigateUrlFields.map((f) => this.fieldValue(cell, f))
        const format = this.dataNavigateUrlFormatString || '{0}'
        // Values placed inside a URL (`order.aspx?id={0}`) are URL-encoded; a field that is the
        // whole URL (`{0}` at the start) is taken as it is (HyperLink still drops script URLs).
        link.navigateUrl = format.replace(/\{(\d+)(?::([^}]*))?\}/g, (_placeholder: string, i: string, spec: string | undefined, offset: number) => {
          const text = formatValue(values[Number(i)], spec ? `{0:${spec}}` : '{0}')
          // A lone surrogate in data must not make the whole page a 500.
          return offset === 0 ? text : encodeURIComponent(wellFormed(text))
        })
      }
    })
  }
}

declareMarkupProperties(HyperLinkField, [
  { name: 'text', kind: 'string' },
  { name: 'navigateUrl', kind: 'string' },
  { name: 'target', kind: 'string' },
  { name: 'dataTextField', kind: 'string' },
  { name: 'dataTextFormatString', kind: 'string' },
  { name: 'dataNavigateUrlFields', kind: 'string[]' },
  { name: 'dataNavigateUrlFormatString', kind: 'string' },
])

/**
 * A column of check boxes for a boolean field: disabled when showing, enabled in the edit row
 * (its state becomes the new value).
 *
 * @example
 * <asp:CheckBoxField DataField="Shipped" HeaderText="Shipped" />
 */
export class CheckBoxField extends DataControlField {
  dataField = ''
  text = ''
  readOnly = false

  constructor(init?: Partial<CheckBoxField>) {
    super()
    if (init) Object.assign(this, init)
  }

  override initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, rowState: DataControlRowState, rowIndex: number): void {
    super.initializeCell(cell, cellType, rowState, rowIndex)
    if (cellType !== 'DataCell') return
    const box = new CheckBox()
    box.text = this.text
    box.enabled = (rowState.edit && !this.readOnly) || rowState.insert
    cell.controls.add(box)
    if (this.dataField && !rowState.insert) {
      box.on('DataBinding', () => {
        const value = this.fieldValue(cell, this.dataField)
        box.checked = value === true || value === 1 || (typeof value === 'string' && value.toLowerCase() === 'true')
      })
    }
  }

  override extractValues(values: Record<string, unknown>, cell: DataControlFieldCell, _rowState: DataControlRowState, includeReadOnly: boolean): void {
    const box = cell.controls.toArray().find((c): c is CheckBox => c instanceof CheckBox)
    if (box && this.dataField && (box.enabled || includeReadOnly)) values[this.dataField] = box.checked
  }
}

declareMarkupProperties(CheckBoxField, [
  { name: 'dataField', kind: 'string' },
  { name: 'text', kind: 'string' },
  { name: 'readOnly', kind: 'boolean' },
])
