// The HTML writer's nonce-CSP mode: handler attributes and javascript: links become data
// attributes inside renderingCspSafe, and only there (concurrent renders do not mix).
import { describe, expect, it } from 'vitest'
import { cspSafeAttribute, isRenderingCspSafe, renderingCspSafe } from './csp-attributes.ts'
import { HtmlWriter, renderAttributes } from './html-writer.ts'

const link = { id: 'L', href: "javascript:__doPostBack('L','')", onclick: 'return check();' }

describe('cspSafeAttribute', () => {
  it('moves click/change/keypress/submit handlers to data-df-*, whatever their case', () => {
    expect(cspSafeAttribute('onclick', "__doPostBack('a','')")).toEqual([['data-df-onclick', "__doPostBack('a','')"]])
    expect(cspSafeAttribute('OnChange', 'x')).toEqual([['data-df-onchange', 'x']])
    expect(cspSafeAttribute('onkeypress', 'x')).toEqual([['data-df-onkeypress', 'x']])
    expect(cspSafeAttribute('onsubmit', 'x')).toEqual([['data-df-onsubmit', 'x']])
  })

  it('turns a javascript: link (as browsers read the scheme) into href="#" plus its script', () => {
    expect(cspSafeAttribute('href', "javascript:__doPostBack('a','')")).toEqual([['href', '#'], ['data-df-href', "__doPostBack('a','')"]])
    expect(cspSafeAttribute('href', " \tJava\nScript:go()")).toEqual([['href', '#'], ['data-df-href', 'go()']])
  })

  it('leaves other attributes alone', () => {
    for (const [name, value] of [['href', '/orders.aspx'], ['href', '#top'], ['onmouseover', 'x'], ['title', 'javascript:x'], ['one', 'x']]) {
      expect(cspSafeAttribute(name!, value!)).toBeUndefined()
    }
  })
})

describe('renderAttributes in and out of renderingCspSafe', () => {
  it('writes the classic attributes outside, byte for byte', () => {
    expect(renderAttributes(link)).toBe(` id="L" href="javascript:__doPostBack(&#39;L&#39;,&#39;&#39;)" onclick="return check();"`)
    expect(isRenderingCspSafe()).toBe(false)
  })

  it('writes data attributes inside, encoded, in place', () => {
    const w = new HtmlWriter()
    renderingCspSafe(() => w.beginTag('a', link))
    expect(w.toString()).toBe(`<a id="L" href="#" data-df-href="__doPostBack(&#39;L&#39;,&#39;&#39;)" data-df-onclick="return check();">`)
  })

  it('is scoped to the async work it wraps', async () => {
    let inside = ''
    const strict = renderingCspSafe(async () => {
      await new Promise((done) => setTimeout(done, 5))
      inside = renderAttributes({ onchange: 'x' })
    })
    const outside = renderAttributes({ onchange: 'x' })
    await strict
    expect(inside).toBe(' data-df-onchange="x"')
    expect(outside).toBe(' onchange="x"')
  })
})
