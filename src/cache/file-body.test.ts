import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { fileAnswer } from './file-body.ts'

describe('fileAnswer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deltaform-body-'))
  writeFileSync(join(dir, 'small.txt'), '0123456789')
  writeFileSync(join(dir, 'large.bin'), Buffer.alloc(400_000, 1))

  it('reads a small range into a Buffer with its length', async () => {
    const answer = await fileAnswer(join(dir, 'small.txt'), () => true, 206, { A: 'b' }, { start: 2, end: 5 })
    expect(answer).toEqual({ status: 206, headers: { A: 'b', 'Content-Length': '4' }, body: Buffer.from('2345') })
  })

  it('streams a large body', async () => {
    const answer = await fileAnswer(join(dir, 'large.bin'), null, 200, {}, { start: 0, end: 399_999 })
    if (typeof answer === 'string') throw new Error(answer)
    expect(answer.body).toBeInstanceOf(Readable)
    let total = 0
    for await (const chunk of answer.body as Readable) total += (chunk as Buffer).length
    expect(total).toBe(400_000)
  })

  it("says 'missing' for a file it cannot open and 'changed' when the stat is not the expected one", async () => {
    expect(await fileAnswer(join(dir, 'nope'), null, 200, {}, { start: 0, end: 0 })).toBe('missing')
    expect(await fileAnswer(join(dir, 'small.txt'), () => false, 200, {}, { start: 0, end: 9 })).toBe('changed')
  })
})
