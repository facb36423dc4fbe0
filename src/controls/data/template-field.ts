import { declareMarkupProperties } from '../properties.ts'
import { DataControlField, type DataControlCellType, type DataControlFieldCell, type DataControlRowState } from './data-control-field.ts'
import type { DataTemplate } from './data-utils.ts'

/**
 * A column (GridView) or row (DetailsView) whose cells are templates: ItemTemplate
 * (AlternatingItemTemplate on odd rows), EditItemTemplate in the edit row, InsertItemTemplate
 * in insert mode, HeaderTemplate and FooterTemplate. Controls inside are reached with
 * `row.findControl('Qty')`; in an edit template, a TextBox (CheckBox, DropDownList,
 * HiddenField) whose property binds exactly one field (`Text='<%# Bind("Qty") %>'`) gives that
 * field's new value to RowUpdating / ItemUpdating.
 *
 * @example
 * <asp:TemplateField HeaderText="Name">
 *   <ItemTemplate><b><%#: Eval("Name") %></b></ItemTemplate>
 *   <EditItemTemplate><asp:TextBox ID="Name" runat="server" Text='<%# Bind("Name") %>' /></EditItemTemplate>
 * </asp:TemplateField>
 */
export class TemplateField extends DataControlField {
  itemTemplate: DataTemplate | null = null
  alternatingItemTemplate: DataTemplate | null = null
  editItemTemplate: DataTemplate | null = null
  insertItemTemplate: DataTemplate | null = null
  headerTemplate: DataTemplate | null = null
  footerTemplate: DataTemplate | null = null
  /** An empty bound value becomes `null` in the new values. */
  convertEmptyStringToNull = true

  constructor(init?: Partial<TemplateField>) {
    super()
    if (init) Object.assign(this, init)
  }

  override initializeCell(cell: DataControlFieldCell, cellType: DataControlCellType, rowState: DataControlRowState, rowIndex: number): void {
    if (cellType === 'Header' && this.headerTemplate) {
      this.headerTemplate.instantiateIn(cell)
      return
    }
    if (cellType === 'Footer' && this.footerTemplate) {
      this.footerTemplate.instantiateIn(cell)
      return
    }
    if (cellType !== 'DataCell') {
      super.initializeCell(cell, cellType, rowState, rowIndex)
      return
    }
    let template: DataTemplate | null = null
    if (rowState.edit) template = this.editItemTemplate
    else if (rowState.insert) template = this.insertItemTemplate ?? this.editItemTemplate
    else if (rowState.alternate) template = this.alternatingItemTemplate
    ;(template ?? this.itemTemplate)?.instantiateIn(cell)
  }
}

declareMarkupProperties(TemplateField, [
  { name: 'itemTemplate', kind: 'template' },
  { name: 'alternatingItemTemplate', kind: 'template' },
  { name: 'editItemTemplate', kind: 'template' },
  { name: 'insertItemTemplate', kind: 'template' },
  { name: 'headerTemplate', kind: 'template' },
  { name: 'footerTemplate', kind: 'template' },
  { name: 'convertEmptyStringToNull', kind: 'boolean' },
])
