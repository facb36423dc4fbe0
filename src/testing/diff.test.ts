import { describe, expect, it } from 'vitest'
import { encodeViewState } from '../state/view-state.ts'
import { EventValidation } from '../state/event-validation.ts'
import { diffPageStates, formatDifferences, peekViewState, seededRandom, stripPartialSwitch, withPartialSwitch, type NormalElement, type PageState } from 'deltaform/testing'

const span = (id: string, text: string): NormalElement => ({ tag: 'span', attrs: [['id', id]], children: [text] })

function state(asked: string, extra: Partial<PageState> = {}): PageState {
  return {
    url: '/clock.aspx',
    title: 'Clock',
    root: {
      tag: 'form',
      attrs: [['action', './clock.aspx'], ['id', 'form1']],
      children: [
        { tag: 'p', attrs: [], children: ['First ', span('FirstRendered', '7:01:02 AM')] },
        { tag: 'div', attrs: [['id', 'UpdatePanel1']], children: [{ tag: 'p', attrs: [], children: ['x'] }, { tag: 'p', attrs: [], children: ['Asked ', span('Asked', asked)] }] },
      ],
    },
    fields: [['__EVENTTARGET', ''], ['Name', 'Ada']],
    fieldPanels: {},
    focused: null,
    panels: ['UpdatePanel1'],
    ...extra,
  }
}

describe('diffPageStates', () => {
  it('finds nothing in equal states, and ignores the partial-rendering switch', () => {
    const full = state('1', { url: '/clock.aspx?__deltaform_partial=0' })
    full.root.attrs[0] = ['action', './clock.aspx?__deltaform_partial=0']
    expect(diffPageStates(full, state('1'))).toEqual([])
  })

  it('names the panel, the element and its path for a text difference', () => {
    const [d, ...rest] = diffPageStates(state('2'), state('1'))
    expect(rest).toEqual([])
    expect(d).toEqual({ kind: 'text', panel: 'UpdatePanel1', where: '<span id="Asked">', path: 'form#form1 > div#UpdatePanel1 > p[2] > span#Asked', expected: '"2"', actual: '"1"' })
    expect(formatDifferences([d!])).toBe(
      '1. UpdatePanel "UpdatePanel1" › <span id="Asked"> (form#form1 > div#UpdatePanel1 > p[2] > span#Asked): text\n' +
        '     expected (full):    "2"\n' +
        '     actual (partial):   "1"',
    )
  })

  it('scrubs volatile values', () => {
    const other = state('1')
    ;((other.root.children[0] as NormalElement).children[1] as NormalElement).children = ['9:59:59 PM']
    expect(diffPageStates(state('1'), other)).toHaveLength(1)
    expect(diffPageStates(state('1'), other, { volatile: [/\d{1,2}:\d{2}:\d{2} [AP]M/] })).toEqual([])
  })

  it('reports missing and extra elements, attributes, fields, title, URL and focus', () => {
    const partial = state('1', { title: 'Other', url: '/counter.aspx', fields: [['__EVENTTARGET', ''], ['Name', 'Bob'], ['New', 'x']], focused: '#Name' })
    partial.root.children.push({ tag: 'em', attrs: [['id', 'Extra']], children: [] })
    partial.root.attrs.push(['class', 'busy'])
    const kinds = diffPageStates(state('1'), partial, { focus: true }).map((d) => `${d.kind} ${d.where}${d.attribute ? ' ' + d.attribute : ''}`)
    expect(kinds).toEqual([
      'url the URL',
      'title document.title',
      'attribute <form id="form1"> class',
      'extra <em id="Extra">',
      'field field Name',
      'field field New',
      'focus the focused element',
    ])
  })

  it('compares __VIEWSTATE by its decoded content', () => {
    const signer = { key: Buffer.alloc(32, 7) }
    const a = encodeViewState({ count: 1 }, signer, { pageId: '/a.aspx' })
    const b = encodeViewState({ count: 2 }, signer, { pageId: '/a.aspx' })
    const [d] = diffPageStates(state('1', { fields: [['__VIEWSTATE', a]] }), state('1', { fields: [['__VIEWSTATE', b]] }))
    expect(d).toMatchObject({ kind: 'field', where: 'hidden field __VIEWSTATE (decoded)', expected: '{"count":1}', actual: '{"count":2}' })
    expect(peekViewState(a)).toBe('{"count":1}')
    expect(peekViewState('not view state')).toBeNull()
  })

  it('compares __EVENTVALIDATION by its entries, not by the session its signature binds to', () => {
    const signer = { key: Buffer.alloc(32, 7) }
    const sealed = (entries: string[], userKey: string) => {
      const ev = new EventValidation()
      for (const e of entries) ev.register(e)
      return ev.encode(signer, { pageId: '/a.aspx', userKey })
    }
    const field = (value: string) => state('1', { fields: [['__EVENTVALIDATION', value]] })
    expect(sealed(['A'], 'ann')).not.toBe(sealed(['A'], 'bob'))
    expect(diffPageStates(field(sealed(['A'], 'ann')), field(sealed(['A'], 'bob')))).toEqual([])
    const [d] = diffPageStates(field(sealed(['A'], 'ann')), field(sealed(['A', 'B'], 'ann')))
    expect(d).toMatchObject({ kind: 'field', where: 'hidden field __EVENTVALIDATION (entries)' })
  })
})

describe('helpers', () => {
  it('adds and removes the partial-rendering switch', () => {
    expect(withPartialSwitch('/a.aspx')).toBe('/a.aspx?__deltaform_partial=0')
    expect(withPartialSwitch('/a.aspx?x=1#top')).toBe('/a.aspx?x=1&__deltaform_partial=0#top')
    expect(stripPartialSwitch('/a.aspx?x=1&__deltaform_partial=0#top')).toBe('/a.aspx?x=1#top')
    expect(stripPartialSwitch('/a.aspx?__deltaform_partial=0&x=1')).toBe('/a.aspx?x=1')
  })

  it('repeats a random sequence for a seed', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const xs = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})
