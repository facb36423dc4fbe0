import { describe, expect, it } from 'vitest'
import { RequestLog } from './request-log.ts'

const entry = (path: string) => ({ time: '2026-01-01T00:00:00.000Z', method: 'GET', path, kind: 'GET' as const, status: 200, totalMs: 1, panelsRefreshed: [], viewStateByControl: [], phases: [], warnings: [] })

describe('RequestLog', () => {
  it('keeps the last N requests, newest first, numbering every request', () => {
    const log = new RequestLog(3)
    for (const p of ['/a', '/b', '/c', '/d', '/e']) log.add(entry(p))
    const kept = log.newestFirst()
    expect(kept.map((r) => r.path)).toEqual(['/e', '/d', '/c'])
    expect(kept.map((r) => r.seq)).toEqual([5, 4, 3])
  })

  it('lists fewer than N while filling up, and nothing after clear()', () => {
    const log = new RequestLog(4)
    log.add(entry('/a'))
    log.add(entry('/b'))
    expect(log.newestFirst().map((r) => r.path)).toEqual(['/b', '/a'])
    log.clear()
    expect(log.newestFirst()).toEqual([])
    expect(log.add(entry('/c')).seq).toBe(3)
  })

  it('refuses a capacity below one', () => {
    expect(() => new RequestLog(0)).toThrow(/at least one request/)
  })
})
