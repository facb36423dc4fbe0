import { describe, expect, it } from 'vitest'
import { Control } from './control.ts'
import { Label } from './label.ts'
import { Page } from '../page/page.ts'

class NamingContainer extends Control {
  override get isNamingContainer() {
    return true
  }
}

function pageWith(build: (page: Page) => void): Page {
  const page = new Page()
  build(page)
  page.attach(page)
  return page
}

describe('control IDs', () => {
  it('joins naming containers with $ in UniqueID and _ in ClientID', () => {
    let inner!: Label
    pageWith((page) => {
      const outer = new NamingContainer()
      outer.id = 'Outer'
      const middle = new NamingContainer()
      middle.id = 'Middle'
      inner = new Label()
      inner.id = 'Name'
      page.controls.add(outer)
      outer.controls.add(middle)
      middle.controls.add(inner)
    })
    expect(inner.uniqueID).toBe('Outer$Middle$Name')
    expect(inner.clientID).toBe('Outer_Middle_Name')
  })

  it('numbers controls without an ID per naming container: ctl00, ctl01 … ctl10', () => {
    const labels: Label[] = []
    let container!: NamingContainer
    pageWith((page) => {
      container = new NamingContainer()
      page.controls.add(container)
      for (let i = 0; i < 11; i++) {
        const label = new Label()
        labels.push(label)
        container.controls.add(label)
      }
    })
    expect(container.uniqueID).toBe('ctl00')
    expect(labels[0]!.uniqueID).toBe('ctl00$ctl00')
    expect(labels[1]!.uniqueID).toBe('ctl00$ctl01')
    expect(labels[10]!.uniqueID).toBe('ctl00$ctl10')
    expect(labels[10]!.id).toBeUndefined()
  })

  it('follows ClientIDMode: AutoID, Static, Predictable and Inherit', () => {
    let label!: Label
    let container!: NamingContainer
    pageWith((page) => {
      container = new NamingContainer()
      container.id = 'Box'
      label = new Label()
      label.id = 'Title'
      page.controls.add(container)
      container.controls.add(label)
    })
    expect(label.clientID).toBe('Box_Title') // Predictable by default
    label.clientIDMode = 'Static'
    expect(label.clientID).toBe('Title')
    label.clientIDMode = 'Inherit'
    container.clientIDMode = 'AutoID'
    expect(label.clientID).toBe('Box_Title')
    expect(label.effectiveClientIDMode).toBe('AutoID')
  })

  it('finds controls by ID inside a naming container, case-insensitively and by $ path', () => {
    let label!: Label
    let page!: Page
    page = pageWith((p) => {
      const container = new NamingContainer()
      container.id = 'Row'
      label = new Label()
      label.id = 'Price'
      p.controls.add(container)
      container.controls.add(label)
    })
    expect(page.findControl('Row$Price')).toBe(label)
    expect(page.findControl('row$price')).toBe(label)
    expect(page.findControl('Price')).toBeNull() // hidden inside the naming container
  })
})

describe('view state', () => {
  it('saves only values set after tracking began', async () => {
    const page = pageWith((p) => {
      const label = new Label()
      label.id = 'A'
      label.text = 'from markup'
      p.controls.add(label)
    })
    await page.initRecursive()
    expect(page.saveViewStateRecursive()).toBeUndefined()
    ;(page.findControl('A') as Label).text = 'changed'
    expect(page.saveViewStateRecursive()).toEqual([null, { 0: [{ Text: 'changed' }] }])
  })

  it('gives state to a control added later at the same index', async () => {
    const page = new Page()
    page.attach(page)
    await page.initRecursive()
    page.loadViewStateRecursive([null, { 0: [{ Text: 'restored' }] }])
    const label = new Label()
    page.controls.add(label)
    await page.settle()
    expect(label.text).toBe('restored')
  })
})
