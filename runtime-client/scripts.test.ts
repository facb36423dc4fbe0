// Script includes of deltas: each loads once, also when two responses ask for it at the same
// time, and what follows an include runs only once it is there.
import { describe, expect, it } from 'vitest'
import { runScripts } from './scripts.ts'
import { page, settle } from './test-dom.ts'

const g = globalThis as any

/** Records the includes appended to <head>; `finish(i, ok)` fires the i-th one's load or error. */
function watchHead() {
  const head = g.document.head
  const added: any[] = []
  const append = head.appendChild.bind(head)
  const ran: string[] = []
  head.appendChild = (s: any) => {
    if (s.getAttribute('src')) added.push(s)
    else ran.push(s.text)
    return append(s)
  }
  const finish = async (i: number, ok = true) => {
    ok ? added[i].onload() : added[i].onerror()
    await settle()
  }
  return { added, ran, finish }
}

describe('runScripts', () => {
  it('loads an include once when two batches ask for it together; both go on only once it loaded', async () => {
    page('')
    const { added, ran, finish } = watchHead()
    const first = runScripts([[{ src: '/__deltaform/components.1a2b3c4d.js' }], [{ text: 'first()' }]])
    const second = runScripts([[{ src: '/__deltaform/components.1a2b3c4d.js' }], [{ text: 'second()' }]])
    await settle()
    expect(added).toHaveLength(1)
    expect(ran).toEqual([])
    await finish(0)
    expect(ran).toEqual(['first()', 'second()'])
    expect(await first).toBeUndefined()
    expect(await second).toBeUndefined()
    await runScripts([[{ src: '/__deltaform/components.1a2b3c4d.js' }]])
    expect(added).toHaveLength(1)
  })

  it('skips includes already in the page; a failed one is removed, reported, and tried again next time', async () => {
    page('', '<script src="/__deltaform/client.00000000.js"></script>')
    const { added, finish } = watchHead()
    expect(await runScripts([[{ src: '/__deltaform/client.00000000.js' }]])).toBeUndefined()
    expect(added).toHaveLength(0)
    const failing = runScripts([[{ src: '/missing.js' }]])
    await settle()
    await finish(0, false)
    expect(await failing).toBe('/missing.js')
    expect(g.document.querySelector('script[src="/missing.js"]')).toBeNull()
    const again = runScripts([[{ src: '/missing.js' }]])
    await settle()
    expect(added).toHaveLength(2)
    await finish(1)
    expect(await again).toBeUndefined()
  })
})
