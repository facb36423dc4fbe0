// UpdateProgress as a status region on the client too: an element rendered by a real ASP.NET
// server has no role; ASP.NET 4.5's client gives it role="status" and aria-hidden, and so does
// the components part.
import { describe, expect, it } from 'vitest'
import { PageRequestManager } from './prm.ts'
import { form, page } from './test-dom.ts'

describe('Sys.UI._UpdateProgress on an element without ARIA attributes', () => {
  it('becomes role="status", aria-hidden="true" while hidden', () => {
    const { $ } = page(form('<div id="UpdatePanel1"></div><div id="UpdateProgress1" style="display:none;">Working…</div>'))
    PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    const g = globalThis as any
    g.$create(g.Sys.UI._UpdateProgress, { associatedUpdatePanelId: 'UpdatePanel1', displayAfter: 500, dynamicLayout: true }, null, null, $('UpdateProgress1'))
    expect($('UpdateProgress1').getAttribute('role')).toBe('status')
    expect($('UpdateProgress1').getAttribute('aria-hidden')).toBe('true')
  })
})
