// What a strict CSP (no 'unsafe-eval') needs of the browser runtime: no code from strings, in
// the built core and in every part, as buildClient() serves them.
import { describe, expect, it } from 'vitest'
import { buildClient, clientPartNames } from './build.ts'

// eval(…), new Function / Function(…) (also via .constructor), and timers given a string.
const fromStrings = [/\beval\s*\(/, /\bnew\s+Function\b/, /\bFunction\s*\(/, /\bset(Timeout|Interval)\s*\(\s*["'`]/, /\.constructor\s*\(/]

describe('the built runtime evaluates no strings', () => {
  it('the core and every part: no eval, no Function constructor, no string timers', async () => {
    const build = await buildClient()
    const bundles = [['core', build.code], ...clientPartNames.map((name) => [name, build.parts[name].code])]
    expect(bundles.map(([name]) => name)).toEqual(expect.arrayContaining(['core', 'csp', 'panel-scripts']))
    for (const [name, code] of bundles) {
      for (const pattern of fromStrings) expect(`${name}: ${pattern.test(code!) ? code!.match(pattern)![0] : 'clean'}`).toBe(`${name}: clean`)
    }
  })

  it('the patterns catch what they are meant to (the check itself can fail)', () => {
    for (const code of ['eval("x")', 'new Function("a")', 'Function("return 1")()', "setTimeout('go()',0)", 'setInterval("x", 5)', 'a.constructor("x")']) {
      expect(fromStrings.some((p) => p.test(code))).toBe(true)
    }
    expect(fromStrings.some((p) => p.test('setTimeout(()=>go(),0);evaluate(1);isFunction(x)'))).toBe(false)
  })
})
