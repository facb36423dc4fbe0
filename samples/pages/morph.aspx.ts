import { Page, type Label, type Literal } from 'deltaform'

export default class Morph extends Page {
  declare ItemList: Literal
  declare ItemCount: Label
  declare AddressStatus: Label
  declare Results: Label

  /** How many items the list shows; kept in view state. */
  get listLength(): number {
    return this.viewState.get('items', 1)
  }

  Page_PreRender() {
    const items = Array.from({ length: this.listLength }, (_, i) => `<li>Item ${i + 1}</li>`)
    this.ItemList.text = `<ul id="Items">${items.join('')}</ul>`
    this.ItemCount.text = String(this.listLength)
  }

  AddItem_Click() {
    this.viewState.set('items', this.listLength + 1)
  }

  SaveAddress_Click() {
    this.AddressStatus.text = this.isValid ? 'Address saved.' : ''
  }

  Search_Click() {
    const searches = this.viewState.get('searches', 0) + 1
    this.viewState.set('searches', searches)
    this.Results.text = `Search ${searches}: 3 results.`
  }
}
