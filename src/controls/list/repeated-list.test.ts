import { describe, expect, it } from 'vitest'
import { createFakeHost, createPostData, FakeRoot, mount } from '../fake-host.ts'
import { HttpError } from '../../errors.ts'
import { CheckBoxList } from './check-box-list.ts'
import { ListItem } from './list-item.ts'
import { RadioButtonList } from './radio-button-list.ts'
import { layoutGrid } from './repeated-list-control.ts'

function days(): CheckBoxList {
  const list = new CheckBoxList()
  list.id = 'Days'
  list.items.add(new ListItem('Mon', 'mon'))
  list.items.add(new ListItem('Tue <2>', 'tue'))
  list.items.at(1)!.selected = true
  return list
}

function sizes(): RadioButtonList {
  const list = new RadioButtonList()
  list.id = 'Size'
  list.items.addRange(['S', 'M', 'L'])
  return list
}

async function rendered<T extends CheckBoxList | RadioButtonList>(list: T) {
  const { host } = await mount(list)
  await list.preRenderRecursive()
  return { html: list.renderToString(), host }
}

const mon = '<input id="Days_0" type="checkbox" name="Days$0" value="mon" /><label for="Days_0">Mon</label>'
const tue = '<input id="Days_1" type="checkbox" name="Days$1" value="tue" checked="checked" /><label for="Days_1">Tue &lt;2&gt;</label>'

describe('CheckBoxList rendering', () => {
  it('renders a table with one row per item (Vertical)', async () => {
    const { html, host } = await rendered(days())
    expect(html).toBe(`<table id="Days"><tr><td>${mon}</td></tr><tr><td>${tue}</td></tr></table>`)
    expect(host.renderedEvents.has('Days\x000')).toBe(true)
    expect(host.renderedEvents.has('Days\x001')).toBe(true)
    expect(host.requiresPostBack.size).toBe(1)
  })

  it('renders one row for Horizontal, with cell padding and spacing', async () => {
    const list = days()
    list.repeatDirection = 'Horizontal'
    list.cellPadding = 2
    list.cellSpacing = 0
    const { html } = await rendered(list)
    expect(html).toBe(`<table id="Days" cellpadding="2" cellspacing="0"><tr><td>${mon}</td><td>${tue}</td></tr></table>`)
  })

  it('renders Flow with <br /> between items (Vertical) and none (Horizontal)', async () => {
    const list = days()
    list.repeatLayout = 'Flow'
    expect((await rendered(list)).html).toBe(`<span id="Days">${mon}<br />${tue}</span>`)
    const horizontal = days()
    horizontal.repeatLayout = 'Flow'
    horizontal.repeatDirection = 'Horizontal'
    expect((await rendered(horizontal)).html).toBe(`<span id="Days">${mon}${tue}</span>`)
  })

  it('renders UnorderedList and OrderedList', async () => {
    const list = days()
    list.repeatLayout = 'UnorderedList'
    expect((await rendered(list)).html).toBe(`<ul id="Days"><li>${mon}</li><li>${tue}</li></ul>`)
    const ordered = days()
    ordered.repeatLayout = 'OrderedList'
    expect((await rendered(ordered)).html).toBe(`<ol id="Days"><li>${mon}</li><li>${tue}</li></ol>`)
  })

  it('puts the label first with TextAlign Left, and wraps disabled items', async () => {
    const list = days()
    list.textAlign = 'Left'
    list.repeatLayout = 'Flow'
    list.items.at(0)!.enabled = false
    const { html, host } = await rendered(list)
    expect(html).toBe(
      '<span id="Days"><span class="aspNetDisabled"><label for="Days_0">Mon</label><input id="Days_0" type="checkbox" name="Days$0" value="mon" disabled="disabled" /></span><br />' +
        '<label for="Days_1">Tue &lt;2&gt;</label><input id="Days_1" type="checkbox" name="Days$1" value="tue" checked="checked" /></span>',
    )
    expect(host.renderedEvents.has('Days\x000')).toBe(false)
  })

  it('adds onclick with AutoPostBack', async () => {
    const list = days()
    list.autoPostBack = true
    const { html } = await rendered(list)
    expect(html).toContain(`value="mon" onclick="setTimeout(&#39;__doPostBack(\\&#39;Days\\&#39;,\\&#39;\\&#39;)&#39;, 0)" />`)
  })

  it('lays out RepeatColumns like ASP.NET', () => {
    expect(layoutGrid(7, 3, 'Vertical')).toEqual([
      [0, 3, 5],
      [1, 4, 6],
      [2, -1, -1],
    ])
    expect(layoutGrid(5, 3, 'Horizontal')).toEqual([
      [0, 1, 2],
      [3, 4, -1],
    ])
    expect(layoutGrid(2, 0, 'Vertical')).toEqual([[0], [1]])
    expect(layoutGrid(2, 0, 'Horizontal')).toEqual([[0, 1]])
  })

  it('renders RepeatColumns with empty cells', async () => {
    const list = days()
    list.items.add('Wed')
    list.repeatColumns = 2
    const { html } = await rendered(list)
    expect(html).toMatch(/^<table id="Days"><tr><td><input id="Days_0"[^]*<\/td><td><input id="Days_2"[^]*<\/td><\/tr><tr><td><input id="Days_1"[^]*<\/td><td><\/td><\/tr><\/table>$/)
  })

  it('renders nothing without items', async () => {
    const list = new CheckBoxList()
    list.id = 'Empty'
    expect((await rendered(list)).html).toBe('')
  })
})

describe('CheckBoxList post data', () => {
  async function post(fields: Record<string, string>, build = days) {
    const first = await rendered(build())
    const list = build()
    const postData = createPostData(fields)
    const { root } = await mount(list, createFakeHost({ isPostBack: true, postData, postedEvents: first.host.renderedEvents }))
    return { list, postData, root }
  }

  it('reads checked boxes from <UniqueID>$<index> and reports one change', async () => {
    const { list, postData } = await post({ Days$0: 'mon' })
    expect(list.loadPostData('Days$0', postData)).toBe(true)
    expect(list.loadPostData('Days', postData)).toBe(false) // already read
    expect(list.getSelectedIndices()).toEqual([0])
  })

  it('sees unchecked boxes through the requires-postback call', async () => {
    const { list, postData } = await post({})
    expect(list.loadPostData('Days', postData)).toBe(true)
    expect(list.getSelectedIndices()).toEqual([])
  })

  it('reports no change when the same boxes are posted', async () => {
    const { list, postData } = await post({ Days$1: 'tue' })
    expect(list.loadPostData('Days', postData)).toBe(false)
  })

  it('refuses a box of a disabled item and unknown indices', async () => {
    const build = () => {
      const list = days()
      list.items.add('extra')
      return list
    }
    const first = await rendered(build())
    const list = build()
    list.items.at(2)!.enabled = false
    const postData = createPostData({ Days$2: 'extra' })
    await mount(list, createFakeHost({ isPostBack: true, postData, postedEvents: first.host.renderedEvents }))
    // A disabled item ignores the post.
    expect(list.loadPostData('Days', postData)).toBe(true) // Tue was unchecked
    expect(list.items.at(2)!.selected).toBe(false)
    expect(() => list.loadPostData('Days$9', postData)).toThrow(HttpError)
  })

  it('refuses an index that was never rendered', async () => {
    const build = () => {
      const list = days()
      list.items.at(0)!.enabled = false
      return list
    }
    const first = await rendered(build())
    const list = days() // now enabled: but index 0 was never rendered as a live box
    const postData = createPostData({ Days$0: 'mon' })
    await mount(list, createFakeHost({ isPostBack: true, postData, postedEvents: first.host.renderedEvents }))
    expect(() => list.loadPostData('Days$0', postData)).toThrow(HttpError)
  })

  it('resolves posted box names to the list through findControl', async () => {
    const list = days()
    const { root } = await mount(list)
    expect(root.findControl('Days$1')).toBe(list)
    expect(root.findControl('Days$5')).toBeNull()
    expect(root).toBeInstanceOf(FakeRoot)
  })
})

describe('RadioButtonList', () => {
  it('renders radios sharing the UniqueID as name, the selected one checked', async () => {
    const list = sizes()
    list.selectedValue = 'M'
    list.repeatLayout = 'Flow'
    list.repeatDirection = 'Horizontal'
    const { html, host } = await rendered(list)
    expect(html).toBe(
      '<span id="Size">' +
        '<input id="Size_0" type="radio" name="Size" value="S" /><label for="Size_0">S</label>' +
        '<input id="Size_1" type="radio" name="Size" value="M" checked="checked" /><label for="Size_1">M</label>' +
        '<input id="Size_2" type="radio" name="Size" value="L" /><label for="Size_2">L</label>' +
        '</span>',
    )
    expect(host.renderedEvents.has('Size\0L')).toBe(true)
  })

  it('renders a table by default', async () => {
    const { html } = await rendered(sizes())
    expect(html.startsWith('<table id="Size"><tr><td><input id="Size_0" type="radio" name="Size" value="S" />')).toBe(true)
    expect(html.match(/<tr>/g)).toHaveLength(3)
    expect(html).not.toContain('checked')
  })

  it('selects the posted value, validating it', async () => {
    const first = await rendered(sizes())
    const list = sizes()
    const changed: string[] = []
    list.on('SelectedIndexChanged', () => changed.push(list.selectedValue))
    const postData = createPostData({ Size: 'L' })
    await mount(list, createFakeHost({ isPostBack: true, postData, postedEvents: first.host.renderedEvents }))
    expect(list.loadPostData('Size', postData)).toBe(true)
    await list.raisePostDataChangedEvent()
    expect(changed).toEqual(['L'])
    expect(list.loadPostData('Size', postData)).toBe(false)

    const tampered = sizes()
    const bad = createPostData({ Size: 'XL' })
    await mount(tampered, createFakeHost({ isPostBack: true, postData: bad, postedEvents: first.host.renderedEvents }))
    expect(() => tampered.loadPostData('Size', bad)).toThrow(HttpError)
  })
})
