import { describe, expect, it } from 'vitest'
import { markupProperties } from '../properties.ts'
import { ListItem, ListItemCollection } from './list-item.ts'

describe('ListItem', () => {
  it('lets text and value stand in for each other', () => {
    expect(new ListItem('a').value).toBe('a')
    const item = new ListItem()
    item.value = 'v'
    expect(item.text).toBe('v')
    expect(new ListItem('t', 'v').text).toBe('t')
    expect(new ListItem().text).toBe('')
    expect(new ListItem().enabled).toBe(true)
    expect(new ListItem().selected).toBe(false)
  })

  it('declares its markup properties', () => {
    const props = markupProperties(ListItem)
    expect(props.get('text')).toEqual({ name: 'text', kind: 'string' })
    expect(props.get('selected')?.kind).toBe('boolean')
    expect(props.get('enabled')?.kind).toBe('boolean')
    expect(props.get('value')?.kind).toBe('string')
  })
})

describe('ListItemCollection', () => {
  it('adds, inserts, finds and removes', () => {
    const items = new ListItemCollection()
    items.add('b')
    items.addRange(['c', new ListItem('Dee', 'd')])
    items.insert(0, 'a')
    expect(items.length).toBe(4)
    expect([...items].map((i) => i.value)).toEqual(['a', 'b', 'c', 'd'])
    expect(items.findByValue('d')!.text).toBe('Dee')
    expect(items.findByText('Dee')!.value).toBe('d')
    expect(items.findByValue('x')).toBeNull()
    expect(items.indexOf(items.at(2)!)).toBe(2)
    expect(items.indexOfValue('c')).toBe(2)
    items.remove('Dee') // text and value must both match
    expect(items.length).toBe(4)
    items.remove(items.at(3)!)
    items.remove('b')
    items.removeAt(0)
    expect(items.toArray().map((i) => i.text)).toEqual(['c'])
    expect(() => items.insert(5, 'x')).toThrow(RangeError)
    expect(() => items.removeAt(3)).toThrow(RangeError)
    items.clear()
    expect(items.length).toBe(0)
  })

  it('becomes dirty only for changes after tracking', () => {
    const items = new ListItemCollection()
    const a = items.add('a')
    a.text = 'A'
    expect(items.isDirty).toBe(false)
    items.trackViewState()
    a.selected = true // selection is not the list's business
    expect(items.isDirty).toBe(false)
    a.enabled = false
    expect(items.isDirty).toBe(true)
  })

  it('saves compactly and loads back', () => {
    const items = new ListItemCollection()
    items.add('same')
    items.add(new ListItem('Text', 'val'))
    items.add(new ListItem('Off', undefined, false))
    items.add(new ListItem('x', 'x'))
    items.add('attr').attributes.set('class', 'hot')
    const saved = items.saveState()
    expect(saved).toEqual(['same', ['Text', 'val'], ['Off', null, 1], 'x', ['attr', null, 0, { class: 'hot' }]])
    const copy = new ListItemCollection()
    copy.add('markup')
    copy.loadState(JSON.parse(JSON.stringify(saved)))
    expect(copy.toArray().map((i) => [i.text, i.value, i.enabled, i.hasAttributes])).toEqual([
      ['same', 'same', true, false],
      ['Text', 'val', true, false],
      ['Off', 'Off', false, false],
      ['x', 'x', true, false],
      ['attr', 'attr', true, true],
    ])
    expect(copy.isDirty).toBe(true)
  })
})
