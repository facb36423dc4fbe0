import { describe, expect, it } from 'vitest'
import type { Control } from '../control.ts'
import { createFakeHost, createPostData, mount, type FakeHost } from '../fake-host.ts'
import { HttpError } from '../../errors.ts'
import { DropDownList } from './drop-down-list.ts'
import { ListItem } from './list-item.ts'

/** A DropDownList as the template builds it from markup (items before Init). */
function colors(): DropDownList {
  const list = new DropDownList()
  list.id = 'Colors'
  const red = new ListItem()
  red.text = 'Red'
  red.value = 'r'
  const green = new ListItem()
  green.text = 'Green & <Blue>'
  green.value = 'g"b'
  green.selected = true
  list.addParsedSubObject('\n  ')
  list.addParsedSubObject(red)
  list.addParsedSubObject(green)
  list.addParsedSubObject(new ListItem('Plain'))
  return list
}

/** Runs request 1 (Init, `load`, render, save) and returns what request 2 needs. */
async function firstRequest<T extends Control>(control: T, load?: (c: T) => void | Promise<void>) {
  const { root, host } = await mount(control)
  await load?.(control)
  await control.preRenderRecursive()
  const html = control.renderToString()
  const state = JSON.parse(JSON.stringify(root.saveViewStateRecursive() ?? null))
  return { html, state, host }
}

/** Request 2: a new tree, the saved state, then the post. */
async function postBack<T extends Control>(control: T, previous: { state: unknown; host: FakeHost }, fields: Record<string, string | string[]>) {
  const postData = createPostData(fields)
  const host = createFakeHost({ isPostBack: true, postData, postedEvents: previous.host.renderedEvents })
  const { root } = await mount(control, host)
  if (previous.state) root.loadViewStateRecursive(previous.state as never)
  return { host, root, postData }
}

describe('DropDownList rendering', () => {
  it('renders a select with encoded options and the selected one marked', async () => {
    const list = colors()
    const { html } = await firstRequest(list)
    expect(html).toBe(
      '<select id="Colors" name="Colors">' +
        '<option value="r">Red</option>' +
        '<option selected="selected" value="g&quot;b">Green &amp; &lt;Blue&gt;</option>' +
        '<option value="Plain">Plain</option>' +
        '</select>',
    )
  })

  it('selects the first item when none is selected', async () => {
    const list = new DropDownList()
    list.id = 'L'
    list.items.addRange(['a', 'b'])
    await mount(list)
    expect(list.selectedIndex).toBe(0)
    expect(list.selectedValue).toBe('a')
    expect(list.renderToString()).toContain('<option selected="selected" value="a">a</option>')
  })

  it('renders exactly one selected option even when several items are selected', async () => {
    const list = colors()
    list.items.at(2)!.selected = true
    await mount(list)
    expect(list.renderToString().match(/selected=/g)).toHaveLength(1)
  })

  it('posts back on change with AutoPostBack', async () => {
    const list = colors()
    list.autoPostBack = true
    const { html, host } = await firstRequest(list)
    expect(html).toContain(`onchange="setTimeout(&#39;__doPostBack(\\&#39;Colors\\&#39;,\\&#39;\\&#39;)&#39;, 0)"`)
    expect(host.renderedEvents.has('Colors\0')).toBe(true)
  })

  it('renders disabled items and a disabled list', async () => {
    const list = colors()
    list.items.at(0)!.enabled = false
    list.enabled = false
    const { html, host } = await firstRequest(list)
    expect(html).toContain('<select id="Colors" name="Colors" disabled="disabled">')
    expect(html).toContain('<option value="r" disabled="disabled">Red</option>')
    expect(host.renderedEvents.has('Colors\0r')).toBe(false)
    expect(host.renderedEvents.has('Colors\0Plain')).toBe(true)
  })

  it('renders item attributes on the option', async () => {
    const list = new DropDownList()
    list.id = 'L'
    list.items.add('a').attributes.set('data-price', '5')
    await mount(list)
    expect(list.renderToString()).toContain('<option selected="selected" value="a" data-price="5">a</option>')
  })

  it('refuses markup children other than ListItem', () => {
    const list = new DropDownList()
    list.id = 'L'
    expect(() => list.addParsedSubObject('Hello')).toThrow(/'L' \(DropDownList\) can only contain <asp:ListItem>/)
  })
})

describe('DropDownList view state', () => {
  it('saves nothing for markup items', async () => {
    const { state } = await firstRequest(colors())
    expect(state).toBeNull()
  })

  it('keeps items added after tracking across a postback', async () => {
    const build = () => {
      const list = new DropDownList()
      list.id = 'Dyn'
      return list
    }
    const first = await firstRequest(build(), (list) => {
      list.items.add('One')
      list.items.add(new ListItem('Two', '2'))
      const three = list.items.add(new ListItem('Three', '3', false))
      three.attributes.set('title', 't')
      list.selectedIndex = 1
    })
    expect(first.html).toContain('<option selected="selected" value="2">Two</option>')
    expect(JSON.stringify(first.state)).toBe('[null,{"0":[[null,["One",["Two","2"],["Three","3",1,{"title":"t"}]],1]]}]')

    const again = build()
    const { postData } = await postBack(again, first, { Dyn: '2' })
    expect(again.items.toArray().map((i) => [i.text, i.value, i.enabled])).toEqual([
      ['One', 'One', true],
      ['Two', '2', true],
      ['Three', '3', false],
    ])
    expect(again.items.at(2)!.attributes.get('title')).toBe('t')
    expect(again.selectedValue).toBe('2')
    expect(again.loadPostData('Dyn', postData)).toBe(false)
    // Still saved on the next round.
    await again.preRenderRecursive()
    expect(again.saveViewState()).toBeTruthy()
  })

  it('saves the list when a markup item is changed after tracking', async () => {
    const { state } = await firstRequest(colors(), (list) => {
      list.items.at(0)!.text = 'Rouge'
    })
    expect(JSON.stringify(state)).toContain('Rouge')
  })

  it('keeps the selection when SelectedIndexChanged has handlers, so a change is detected once', async () => {
    const build = () => colors().on('SelectedIndexChanged', () => changes.push('changed'))
    const changes: string[] = []
    const first = await firstRequest(build())
    expect(first.state).toBeNull() // nothing changed yet

    const second = build()
    const { postData, root } = await postBack(second, first, { Colors: 'r' })
    expect(second.loadPostData('Colors', postData)).toBe(true)
    await second.raisePostDataChangedEvent()
    expect(changes).toEqual(['changed'])
    await second.preRenderRecursive()
    second.renderToString()
    const state = JSON.parse(JSON.stringify(root.saveViewStateRecursive()))
    expect(JSON.stringify(state)).toBe('[null,{"0":[[null,null,0]]}]')

    // The same value posted again is no change.
    const third = build()
    const { postData: post3 } = await postBack(third, { state, host: first.host }, { Colors: 'r' })
    expect(third.selectedValue).toBe('r')
    expect(third.loadPostData('Colors', post3)).toBe(false)
  })
})

describe('DropDownList post data', () => {
  it('changes the selection and raises SelectedIndexChanged then TextChanged', async () => {
    const events: string[] = []
    const first = await firstRequest(colors())
    const list = colors()
    list.on('SelectedIndexChanged', (sender) => events.push(`sic:${(sender as DropDownList).selectedValue}`))
    list.on('TextChanged', () => events.push('text'))
    const { postData } = await postBack(list, first, { Colors: 'Plain' })
    expect(list.loadPostData('Colors', postData)).toBe(true)
    expect(list.selectedIndex).toBe(2)
    expect(list.items.at(1)!.selected).toBe(false)
    await list.raisePostDataChangedEvent()
    expect(events).toEqual(['sic:Plain', 'text'])
  })

  it('reports no change when the posted value is the selected one', async () => {
    const first = await firstRequest(colors())
    const list = colors()
    const { postData } = await postBack(list, first, { Colors: 'g"b' })
    expect(list.loadPostData('Colors', postData)).toBe(false)
  })

  it('refuses a value that was never rendered with HTTP 400', async () => {
    const first = await firstRequest(colors())
    const list = colors()
    const { postData } = await postBack(list, first, { Colors: 'purple' })
    let error: unknown
    try {
      list.loadPostData('Colors', postData)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(400)
    expect(list.selectedValue).toBe('g"b')
  })

  it('refuses the value of a disabled item', async () => {
    const build = () => {
      const list = colors()
      list.items.at(0)!.enabled = false
      return list
    }
    const first = await firstRequest(build())
    const list = build()
    const { postData } = await postBack(list, first, { Colors: 'r' })
    expect(() => list.loadPostData('Colors', postData)).toThrow(HttpError)
  })

  it('ignores the post of a disabled list', async () => {
    const first = await firstRequest(colors())
    const list = colors()
    list.enabled = false
    const { postData } = await postBack(list, first, { Colors: 'r' })
    expect(list.loadPostData('Colors', postData)).toBe(false)
  })

  it('validates before raising SelectedIndexChanged with AutoPostBack and CausesValidation', async () => {
    const build = () => {
      const list = colors()
      list.autoPostBack = true
      list.causesValidation = true
      list.validationGroup = 'G'
      return list
    }
    const first = await firstRequest(build())
    const list = build()
    const { postData, host } = await postBack(list, first, { Colors: 'r' })
    expect(list.loadPostData('Colors', postData)).toBe(true)
    await list.raisePostDataChangedEvent()
    expect(host.validatedGroups).toEqual(['G'])
    // The AutoPostBack target itself is accepted, an unknown argument is not.
    expect(() => list.raisePostBackEvent('')).not.toThrow()
    expect(() => list.raisePostBackEvent('x')).toThrow(HttpError)
  })

  it('applies a value posted before the items were bound again (view state off)', async () => {
    const first = await firstRequest(colors())
    const list = new DropDownList()
    list.id = 'Colors'
    list.enableViewState = false
    const { postData } = await postBack(list, first, { Colors: 'Plain' })
    expect(list.loadPostData('Colors', postData)).toBe(false)
    list.dataSource = ['Red', 'Plain']
    await list.dataBind()
    expect(list.selectedValue).toBe('Plain')
  })
})

describe('DropDownList selection API', () => {
  it('throws for an unknown SelectedValue, naming the control', async () => {
    const list = colors()
    await mount(list)
    expect(() => (list.selectedValue = 'nope')).toThrow(/'Colors' has a SelectedValue \('nope'\) which is invalid/)
    expect(() => (list.selectedIndex = 7)).toThrow(RangeError)
    list.selectedValue = 'r'
    expect(list.selectedItem!.text).toBe('Red')
    list.selectedIndex = -1
    expect(list.getSelectedIndices()).toEqual([])
    expect(list.selectedIndex).toBe(0) // a DropDownList always shows one
  })

  it('applies SelectedValue set in markup before the items were added', async () => {
    const list = new DropDownList()
    list.id = 'L'
    list.selectedValue = 'b'
    list.addParsedSubObject(new ListItem('a'))
    list.addParsedSubObject(new ListItem('b'))
    await mount(list)
    expect(list.selectedValue).toBe('b')
  })

  it('Text mirrors SelectedValue', async () => {
    const list = colors()
    await mount(list)
    list.text = 'Plain'
    expect(list.text).toBe('Plain')
  })
})

describe('ListControl data binding', () => {
  it('binds objects with DataTextField, DataValueField and DataTextFormatString', async () => {
    const list = new DropDownList()
    list.id = 'Products'
    list.dataTextField = 'name'
    list.dataValueField = 'ID'
    list.dataTextFormatString = 'Buy {0}!'
    list.items.add('stale')
    await mount(list)
    list.dataSource = [
      { name: 'Tea', id: 1 },
      { name: 'Cake', id: 2 },
    ]
    await list.dataBind()
    expect(list.items.toArray().map((i) => [i.text, i.value])).toEqual([
      ['Buy Tea!', '1'],
      ['Buy Cake!', '2'],
    ])
  })

  it('binds primitives and Maps, appending with AppendDataBoundItems', async () => {
    const list = new DropDownList()
    list.id = 'L'
    list.appendDataBoundItems = true
    list.addParsedSubObject(new ListItem('-- choose --', ''))
    await mount(list)
    list.dataSource = [1, 2]
    await list.dataBind()
    expect(list.items.toArray().map((i) => i.value)).toEqual(['', '1', '2'])
    list.dataSource = [new Map([['t', 'x']])]
    list.dataTextField = 't'
    await list.dataBind()
    expect(list.items.at(3)!.text).toBe('x')
  })

  it('supports .NET formats such as {0:C}', async () => {
    const list = new DropDownList()
    list.id = 'L'
    list.dataTextFormatString = '{0:C}'
    await mount(list)
    list.dataSource = [12.5]
    await list.dataBind()
    expect(list.items.at(0)!.text).toBe('$12.50')
    expect(list.items.at(0)!.value).toBe('12.5')
  })

  it('throws for a missing field, naming the control and field', async () => {
    const list = new DropDownList()
    list.id = 'L'
    list.dataTextField = 'title'
    await mount(list)
    list.dataSource = [{ name: 'x' }]
    await expect(list.dataBind()).rejects.toThrow(/'L' has no field named 'title'/)
  })

  it('applies a SelectedValue set before binding, and throws after binding when it is missing', async () => {
    const list = new DropDownList()
    list.id = 'L'
    await mount(list)
    list.selectedValue = 'b'
    list.dataSource = ['a', 'b', 'c']
    await list.dataBind()
    expect(list.selectedIndex).toBe(1)

    const other = new DropDownList()
    other.id = 'M'
    await mount(other)
    other.selectedValue = 'z'
    other.dataSource = ['a']
    await expect(other.dataBind()).rejects.toThrow(/'M' has a SelectedValue \('z'\)/)
  })

  it('items bound after tracking are saved', async () => {
    const list = new DropDownList()
    list.id = 'L'
    const { root } = await mount(list)
    list.dataSource = ['a', 'b']
    await list.dataBind()
    expect(JSON.stringify(root.saveViewStateRecursive())).toBe('[null,{"0":[[null,["a","b"],null]]}]')
  })
})
