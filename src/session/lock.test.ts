import { describe, expect, it } from 'vitest'
import { InProcessSessionLock, withSessionLock } from './lock.ts'

const pause = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))

describe('InProcessSessionLock', () => {
  it('loses none of 100 concurrent read-modify-write increments', async () => {
    const lock = new InProcessSessionLock()
    const stored = { n: 0 }
    const increment = () =>
      lock.run('s', async () => {
        const read = stored.n
        await pause() // the request does its work between load and save
        stored.n = read + 1
      })
    await Promise.all(Array.from({ length: 100 }, increment))
    expect(stored.n).toBe(100)
    expect(lock.size).toBe(0)
  })

  it('runs requests of one session in arrival order, and other sessions alongside', async () => {
    const lock = new InProcessSessionLock()
    const log: string[] = []
    const step = (id: string, name: string, ms: number) =>
      lock.run(id, async () => {
        log.push(`${name} start`)
        await pause(ms)
        log.push(`${name} end`)
        return name
      })
    const results = await Promise.all([step('a', 'a1', 20), step('a', 'a2', 1), step('b', 'b1', 1)])
    expect(results).toEqual(['a1', 'a2', 'b1'])
    expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'))
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'))
  })

  it('passes a failure to its caller and goes on with the next request', async () => {
    const lock = new InProcessSessionLock()
    const failed = lock.run('s', () => {
      throw new Error('page failed')
    })
    const next = lock.run('s', () => 'next ran')
    await expect(failed).rejects.toThrow('page failed')
    expect(await next).toBe('next ran')
    expect(lock.size).toBe(0)
  })

  it('has a process-wide form', async () => {
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withSessionLock('shared', async () => {
          most = Math.max(most, ++inside)
          await pause()
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
  })
})
