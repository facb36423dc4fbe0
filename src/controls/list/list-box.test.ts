import { describe, expect, it } from 'vitest'
import { createFakeHost, createPostData, mount } from '../fake-host.ts'
import { HttpError } from '../../errors.ts'
import { ListBox } from './list-box.ts'

function toppings(multiple = true): ListBox {
  const list = new ListBox()
  list.id = 'Toppings'
  if (multiple) list.selectionMode = 'Multiple'
  list.items.addRange(['Cheese', 'Olives', 'Ham'])
  return list
}

async function rendered(list: ListBox) {
  const { host } = await mount(list)
  await list.preRenderRecursive()
  const html = list.renderToString()
  return { html, host }
}

describe('ListBox', () => {
  it('renders size, multiple and every selected option', async () => {
    const list = toppings()
    list.rows = 6
    list.items.at(0)!.selected = true
    list.items.at(2)!.selected = true
    const { html, host } = await rendered(list)
    expect(html).toBe(
      '<select id="Toppings" size="6" name="Toppings" multiple="multiple">' +
        '<option selected="selected" value="Cheese">Cheese</option>' +
        '<option value="Olives">Olives</option>' +
        '<option selected="selected" value="Ham">Ham</option>' +
        '</select>',
    )
    expect(host.requiresPostBack.has(list)).toBe(true)
  })

  it('renders one selection and size 4 by default in Single mode', async () => {
    const list = toppings(false)
    list.items.at(1)!.selected = true
    list.items.at(2)!.selected = true
    const { html } = await rendered(list)
    expect(html.startsWith('<select id="Toppings" size="4" name="Toppings">')).toBe(true)
    expect(html.match(/selected=/g)).toHaveLength(1)
  })

  it('reads several posted values', async () => {
    const first = await rendered(toppings())
    const list = toppings()
    list.items.at(0)!.selected = true
    const post = createPostData({ Toppings: ['Ham', 'Olives'] })
    await mount(list, createFakeHost({ isPostBack: true, postData: post, postedEvents: first.host.renderedEvents }))
    expect(list.loadPostData('Toppings', post)).toBe(true)
    expect(list.getSelectedIndices()).toEqual([1, 2])
    expect(list.loadPostData('Toppings', post)).toBe(false)
  })

  it('clears the selection when nothing is posted', async () => {
    const first = await rendered(toppings())
    const list = toppings()
    list.items.at(1)!.selected = true
    const post = createPostData({})
    await mount(list, createFakeHost({ isPostBack: true, postData: post, postedEvents: first.host.renderedEvents }))
    expect(list.loadPostData('Toppings', post)).toBe(true)
    expect(list.getSelectedIndices()).toEqual([])
  })

  it('takes only the first value in Single mode and validates every used value', async () => {
    const first = await rendered(toppings(false))
    const list = toppings(false)
    const post = createPostData({ Toppings: ['Ham', 'Cheese'] })
    await mount(list, createFakeHost({ isPostBack: true, postData: post, postedEvents: first.host.renderedEvents }))
    expect(list.loadPostData('Toppings', post)).toBe(true)
    expect(list.getSelectedIndices()).toEqual([2])

    const tampered = toppings()
    const bad = createPostData({ Toppings: ['Ham', 'Anchovies'] })
    await mount(tampered, createFakeHost({ isPostBack: true, postData: bad, postedEvents: first.host.renderedEvents }))
    expect(() => tampered.loadPostData('Toppings', bad)).toThrow(HttpError)
  })
})
