// UpdateStrategy="Morph" (morph.ts, update-strategy.ts) and FocusPolicy (focus-policy.ts): the
// algorithm on a linkedom page, then through a whole async postback, then minified.
import { afterEach, describe, expect, it } from 'vitest'
import { encodeRecord } from '../src/protocol/delta.ts'
import { buildClient } from './build.ts'
import { applyFocusPolicy } from './focus-policy.ts'
import { morph } from './morph.ts'
import { click, fakeFetch, form, page } from './test-dom.ts'
import { installMorph } from './update-strategy.ts'

// What the Replace strategy gives for the same markup, to compare with.
function replaced(html: string): string {
  const { document } = page('<div id="P"></div>', '', false)
  const p = document.getElementById('P')!
  p.innerHTML = html
  return p.innerHTML
}

// linkedom has no focus: focus() records the element as document.activeElement.
function withFocus<T extends { window: any; document: any }>(dom: T): T {
  let active: any = null
  Object.defineProperty(dom.document, 'activeElement', { get: () => active, configurable: true })
  dom.window.HTMLElement.prototype.focus = function (this: any) {
    active = this
  }
  return dom
}

function morphed(before: string, after: string) {
  const { $ } = page(`<div id="P">${before}</div>`, '', false)
  const panel = $('P')
  return { panel, $, run: () => morph(panel, after) }
}

describe('morph', () => {
  it('keeps elements with an id (identity and expando) while their neighbours change', () => {
    const after = '<ul><li>one</li><li>two</li><li>three</li></ul><input id="Name" name="Name" value="server"><p class="note">Saved</p>'
    const m = morphed('<ul><li>one</li></ul><input id="Name" name="Name" value="old"><span>x</span>', after)
    const input = m.$('Name')
    input.marker = 'kept'
    const ul = m.panel.firstChild
    m.run()
    expect(m.$('Name')).toBe(input)
    expect(input.marker).toBe('kept')
    expect(m.panel.firstChild).toBe(ul)
    expect(m.panel.innerHTML).toBe(replaced(after))
  })

  it('updates attributes, text and removes what is gone', () => {
    const after = '<a href="/b" id="L">B</a> tail'
    const m = morphed('<a href="/a" title="t" id="L">A</a><em>gone</em><!--c-->', after)
    const a = m.$('L')
    m.run()
    expect(m.$('L')).toBe(a)
    expect(a.getAttribute('href')).toBe('/b')
    expect(a.hasAttribute('title')).toBe(false)
    expect(m.panel.innerHTML).toBe(replaced(after))
  })

  it('keeps elements at the same place with the same tag when neither has an id', () => {
    const m = morphed('<p>1</p><div><b>x</b></div>', '<p>2</p><div><b>y</b><i>z</i></div>')
    const [p, div] = [...m.panel.children]
    const b = div.firstChild
    m.run()
    expect(m.panel.children[0]).toBe(p)
    expect(m.panel.children[1]).toBe(div)
    expect(div.firstChild).toBe(b)
    expect(m.panel.innerHTML).toBe('<p>2</p><div><b>y</b><i>z</i></div>')
  })

  it('does not reuse an element with an id for another id, nor a keyed one for a node without', () => {
    const m = morphed('<span id="A">a</span><span id="B">b</span>', '<span>plain</span><span id="C">c</span><span id="B">b2</span>')
    const a = m.$('A')
    const b = m.$('B')
    m.run()
    expect(a.parentNode).toBeNull()
    expect(m.$('B')).toBe(b)
    expect(m.panel.innerHTML).toBe('<span>plain</span><span id="C">c</span><span id="B">b2</span>')
  })

  it('swaps keyed siblings by moving one of them, and finds a keyed element moved to another parent', () => {
    const after = '<div id="Y"><input id="X"></div><p id="B">b</p><p id="A">a</p>'
    const m = morphed('<p id="A">a</p><p id="B">b</p><input id="X"><div id="Y"></div>', after)
    const [a, b, x, y] = ['A', 'B', 'X', 'Y'].map(m.$)
    m.run()
    expect(['A', 'B', 'X', 'Y'].map(m.$)).toEqual([a, b, x, y])
    expect(x.parentNode).toBe(y)
    expect(m.panel.innerHTML).toBe(replaced(after))
  })

  it('builds a new wrapper around a kept element instead of re-creating it', () => {
    const after = '<fieldset><legend>L</legend><input id="X" value="2"></fieldset>'
    const m = morphed('<input id="X" value="1">', after)
    const x = m.$('X')
    m.run()
    expect(m.$('X')).toBe(x)
    expect(x.parentNode.tagName).toBe('FIELDSET')
    expect(m.panel.innerHTML).toBe(replaced(after))
  })

  it('turns an element inside out when the new content nests them the other way round', () => {
    const after = '<p id="B"><span id="A">a</span></p>'
    const m = morphed('<span id="A">a<p id="B"></p></span>', after)
    const [a, b] = [m.$('A'), m.$('B')]
    m.run()
    expect([m.$('A'), m.$('B')]).toEqual([a, b])
    expect(m.panel.innerHTML).toBe(after)
  })

  it("sets a kept field's value and checked state from the new markup", () => {
    const m = morphed('<input id="T" value="a"><input type="checkbox" id="C" checked><textarea id="X">old</textarea>', '<input id="T" value="b"><input type="checkbox" id="C"><textarea id="X">new</textarea>')
    m.$('T').value = 'typed'
    m.run()
    expect(m.$('T').value).toBe('b')
    expect(m.$('C').checked).toBe(false)
    expect(m.$('X').value).toBe('new')
  })

  it('morphs an empty panel and empties a panel', () => {
    const m = morphed('', '<b>x</b>')
    m.run()
    expect(m.panel.innerHTML).toBe('<b>x</b>')
    morph(m.panel, '')
    expect(m.panel.childNodes.length).toBe(0)
  })
})

describe('applyFocusPolicy', () => {
  it('heading: focuses the first h1–h6, focusable with tabindex=-1', () => {
    const { $, document } = withFocus(page('<div id="P" data-focus-policy="heading"><p>x</p><h3 id="H">Results</h3><h2>later</h2></div>', '', false))
    applyFocusPolicy($('P'))
    expect(document.activeElement).toBe($('H'))
    expect($('H').getAttribute('tabindex')).toBe('-1')
    $('H').dispatchEvent(new (globalThis as any).window.Event('blur'))
    expect($('H').hasAttribute('tabindex')).toBe(false)
  })

  it('first-invalid: focuses the first aria-invalid field, or the first field of a marked list; nothing when all are valid', () => {
    const { $, document } = withFocus(page(
      '<div id="P" data-focus-policy="first-invalid"><input id="A"><table id="L" aria-invalid="true"><tr><td><input type="radio" id="R"></td></tr></table><input id="B" aria-invalid="true"></div><input id="Out">',
      '',
      false,
    ))
    applyFocusPolicy($('P'))
    expect(document.activeElement).toBe($('R'))
    $('L').removeAttribute('aria-invalid')
    applyFocusPolicy($('P'))
    expect(document.activeElement).toBe($('B'))
    $('B').removeAttribute('aria-invalid')
    $('Out').focus()
    applyFocusPolicy($('P'))
    expect(document.activeElement).toBe($('Out'))
  })

  it('without a policy (Keep) leaves focus alone', () => {
    const { $, document } = withFocus(page('<div id="P"><h2>t</h2></div><input id="Out">', '', false))
    $('Out').focus()
    applyFocusPolicy($('P'))
    expect(document.activeElement).toBe($('Out'))
  })
})

describe('the morph part in an async postback', () => {
  afterEach(() => delete (globalThis as any).fetch)

  const start = (attrs: string, content: string) => {
    const sent = fakeFetch()
    const dom = withFocus(page(form(`<div id="UpdatePanel1" ${attrs}>${content}</div>`)))
    installMorph(dom.window)
    ;(globalThis as any).Sys.WebForms.PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    return { ...dom, sent }
  }
  const answer = (html: string) => encodeRecord('#', '', '4') + encodeRecord('updatePanel', 'UpdatePanel1', html)

  it('Morph keeps the fields and the button with its listener; components are disposed', async () => {
    const { $, sent } = start('data-update-strategy="morph"', '<input id="Name" name="Name" value="a"><span id="Timer1"></span><i id="Gone"></i><input type="submit" name="B" value="b" id="B">')
    const g = globalThis as any
    const timer = g.$create(g.Sys.UI._Timer, { enabled: false, interval: 1000, uniqueID: 'Timer1' }, null, null, $('Timer1'))
    let goneDisposed = 0
    $('Gone').control = { dispose: () => goneDisposed++ }
    let clicks = 0
    const button = $('B')
    button.addEventListener('click', () => clicks++)
    click(button, true)
    const name = $('Name')
    await sent[0].reply(answer('<input id="Name" name="Name" value="server"><span id="Timer1"></span><input type="submit" name="B" value="b" id="B"><b>new</b>'))
    expect($('B')).toBe(button)
    expect($('Name')).toBe(name)
    expect(name.value).toBe('server')
    expect($('UpdatePanel1').querySelector('b').textContent).toBe('new')
    expect(g.$find('Timer1')).toBeNull()
    expect(timer.get_element().control).toBeNull()
    expect($('Gone')).toBeNull()
    expect(goneDisposed).toBe(1)
    click($('B'), true)
    expect(clicks).toBe(2)
  })

  it('Replace (no attribute) still re-creates the content', async () => {
    const { $, sent } = start('', '<input type="submit" name="B" value="b" id="B">')
    const button = $('B')
    click(button, true)
    await sent[0].reply(answer('<input type="submit" name="B" value="b" id="B">'))
    expect($('B')).not.toBe(button)
  })

  it('FocusPolicy heading moves focus after a Replace update', async () => {
    const { $, sent, document } = start('data-focus-policy="heading"', '<input type="submit" name="B" value="b" id="B">')
    $('B').focus()
    click($('B'), true)
    await sent[0].reply(answer('<h2 id="H">Results</h2><input type="submit" name="B" value="b" id="B">'))
    expect(document.activeElement).toBe($('H'))
  })
})

describe('the minified morph part with the minified core', () => {
  it('finds the core hook under its shared short name and patches in place', async () => {
    const { code, parts } = await buildClient()
    const sent = fakeFetch()
    const { $ } = page(form('<div id="UpdatePanel1" data-update-strategy="morph"><input type="submit" name="B" value="b" id="B" /></div>'), '', false)
    const g = globalThis as any
    new Function(code)()
    new Function(parts.morph.code)()
    expect(parts.morph.code).not.toMatch(/PageRequestManagerParserErrorException/)
    g.Sys.WebForms.PageRequestManager._initialize('SM', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    const button = $('B')
    click(button, true)
    await sent[0].reply(encodeRecord('#', '', '4') + encodeRecord('updatePanel', 'UpdatePanel1', '<input type="submit" name="B" value="c" id="B" /><i>n</i>'))
    expect($('B')).toBe(button)
    expect(button.getAttribute('value')).toBe('c')
    expect($('UpdatePanel1').innerHTML).toBe('<input type="submit" name="B" value="c" id="B"><i>n</i>')
  })
})
