import { describe, expect, it } from 'vitest'
import { encodeDelta } from '../../protocol/delta.ts'
import { decodeDelta, droppedScripts, panelWarnings, viewStateOverBudget } from './warnings.ts'

describe('decodeDelta', () => {
  it('decodes records with their length in UTF-16 units and a preview', () => {
    const body = encodeDelta([
      { type: '#', id: '', content: '4' },
      { type: 'updatePanel', id: 'UpdatePanel1', content: '<p>é 😀</p>' },
    ])
    const { records, warning } = decodeDelta(body)
    expect(warning).toBeUndefined()
    expect(records).toEqual([
      { type: '#', id: '', length: 1, preview: '4' },
      { type: 'updatePanel', id: 'UpdatePanel1', length: 11, preview: '<p>é 😀</p>' },
    ])
  })

  it('cuts long contents to a preview but keeps the real length', () => {
    const { records } = decodeDelta(encodeDelta([{ type: 'hiddenField', id: '__VIEWSTATE', content: 'x'.repeat(1000) }]))
    expect(records![0]!.length).toBe(1000)
    expect(records![0]!.preview.length).toBeLessThan(1000)
  })

  it('warns about an answer the client could not parse: a stray write before the delta', () => {
    const { records, warning } = decodeDelta('debug!' + encodeDelta([{ type: '#', id: '', content: '4' }]))
    expect(records).toBeUndefined()
    expect(warning?.code).toBe('delta-unparsable')
    expect(warning?.message).toContain("Error parsing near 'debug!")
  })
})

describe('viewStateOverBudget', () => {
  it('is silent within the budget and names the three biggest controls above it', () => {
    const controls = [
      { control: 'GridView1', type: 'GridView', bytes: 9000 },
      { control: 'Repeater1', type: 'Repeater', bytes: 800 },
      { control: 'Label1', type: 'Label', bytes: 30 },
      { control: 'Label2', type: 'Label', bytes: 10 },
    ]
    expect(viewStateOverBudget(8192, 8192, controls)).toBeUndefined()
    const warning = viewStateOverBudget(12000, 8192, controls)!
    expect(warning.code).toBe('view-state-budget')
    expect(warning.message).toContain('12000 bytes, over the budget of 8192')
    expect(warning.message).toContain('GridView1 (GridView, 9000 B), Repeater1 (Repeater, 800 B), Label1 (Label, 30 B)')
    expect(warning.message).not.toContain('Label2')
  })
})

describe('panelWarnings', () => {
  const ok = { requested: ['UpdatePanel1'], known: ['UpdatePanel1'], source: 'Button1', sourceKnown: true, refreshing: [{ uniqueID: 'UpdatePanel1', visible: true, rendered: true }] }

  it('is silent when the ids line up', () => {
    expect(panelWarnings(ok)).toEqual([])
  })

  it('names a requested panel the server does not have and an unknown source', () => {
    const warnings = panelWarnings({ ...ok, requested: ['UpdatePanel1', 'Gone'], source: 'Ghost', sourceKnown: false })
    expect(warnings.map((w) => w.code)).toEqual(['panel-unknown', 'trigger-unknown'])
    expect(warnings[0]!.message).toContain("'Gone'")
    expect(warnings[1]!.message).toContain("'Ghost'")
  })

  it('names a refreshing panel that is hidden or did not render', () => {
    const warnings = panelWarnings({ ...ok, refreshing: [{ uniqueID: 'A', visible: false, rendered: false }, { uniqueID: 'B', visible: true, rendered: false }] })
    expect(warnings.map((w) => w.code)).toEqual(['panel-not-rendered', 'panel-not-rendered'])
    expect(warnings[0]!.message).toMatch(/'A'.*not visible/)
    expect(warnings[1]!.message).toMatch(/'B'.*did not render/)
  })
})

describe('droppedScripts', () => {
  it('warns about page scripts not registered through the ScriptManager, skipping its own keys', () => {
    const warnings = droppedScripts({ blocks: ['helpers', 'shared'], startupScripts: ['hello', 'deltaform.initialize'] }, new Set(['shared']))
    expect(warnings).toHaveLength(2)
    expect(warnings[0]!.message).toMatch(/^The script block 'helpers' was registered with clientScript\.registerClientScriptBlock during an async postback/)
    expect(warnings[1]!.message).toMatch(/^The startup script 'hello' was registered with clientScript\.registerStartupScript during an async postback/)
    expect(warnings[1]!.message).toContain('scriptManager.registerStartupScript(')
  })
})
