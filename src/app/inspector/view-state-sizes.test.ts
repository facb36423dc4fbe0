import { describe, expect, it } from 'vitest'
import { Label } from '../../controls/label.ts'
import { Panel } from '../../controls/panel.ts'
import { Page } from '../../page/page.ts'
import { viewStateByControl } from './view-state-sizes.ts'

describe('viewStateByControl', () => {
  it('gives each control its own JSON bytes, biggest first, following the saved tree', () => {
    const page = new Page()
    const panel = new Panel()
    panel.id = 'Box'
    const small = new Label()
    small.id = 'Small'
    const big = new Label()
    big.id = 'Big'
    panel.controls.add(small)
    panel.controls.add(big)
    page.controls.add(panel)
    const saved = [{ p: 1 }, { 0: [null, { 0: [{ Text: 'hi' }], 1: [{ Text: 'é'.repeat(50) }] }] }]
    expect(viewStateByControl(page, saved)).toEqual([
      { control: 'Big', type: 'Label', bytes: Buffer.byteLength(JSON.stringify({ Text: 'é'.repeat(50) })) },
      { control: 'Small', type: 'Label', bytes: 13 },
      { control: '(page)', type: 'Page', bytes: 7 },
    ])
  })

  it('names state kept for a child the tree no longer has by its place', () => {
    const page = new Page()
    expect(viewStateByControl(page, [null, { 3: [{ Text: 'x' }] }])).toEqual([{ control: '(page)[3]', type: '(not in the tree)', bytes: 12 }])
  })

  it('is empty for a page without state or a value that is no saved tree', () => {
    expect(viewStateByControl(new Page(), undefined)).toEqual([])
    expect(viewStateByControl(new Page(), 'nonsense')).toEqual([])
  })
})
