import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FuzzCase } from './fuzz-case.ts'
import { Fuzzer } from './fuzzer.ts'

// Seeded: a failure names its seed and path and replays exactly. FUZZ_RUNS raises the count
// (`npm run fuzz` runs 100,000 cases with counts by outcome); FUZZ_SEED picks another sequence.
const runs = Number(process.env.FUZZ_RUNS ?? 200)
const seed = Number(process.env.FUZZ_SEED ?? 20_260_101)

let fuzzer: Fuzzer
beforeAll(async () => {
  fuzzer = await Fuzzer.create()
}, 60_000)
afterAll(() => fuzzer?.site.app.close())

const seedIndex = (name: string, user = 'alice') => fuzzer.seeds.findIndex((s) => s.name === name && s.user === user)

async function expectRefused(c: FuzzCase, status: number, message: RegExp): Promise<void> {
  const result = await fuzzer.run(c)
  expect(result.problems).toEqual([])
  expect(result.outcome).toBe('refused')
  expect(result.status).toBe(status)
  expect(result.reason).toMatch(message)
}

describe('fuzzing the sample site with real, mutated postbacks', () => {
  it('replays every captured request as the browser sent it', async () => {
    for (let i = 0; i < fuzzer.seeds.length; i++) {
      const result = await fuzzer.run({ seed: i, edits: [] })
      expect([fuzzer.seeds[i]!.name, result.outcome, result.problems]).toEqual([fuzzer.seeds[i]!.name, 'accepted', []])
    }
  })

  it('refuses tampered, truncated and re-signed state naming the field', async () => {
    const clock = seedIndex('clock: async Button1')
    await expectRefused({ seed: clock, edits: [{ op: 'flip', field: '__VIEWSTATE', at: 0.5, char: 'Q' }] }, 200, /__VIEWSTATE field is not valid/)
    await expectRefused({ seed: seedIndex('counter: click Increment'), edits: [{ op: 'truncate', field: '__EVENTVALIDATION', at: 0.3 }] }, 400, /__EVENTVALIDATION/)
    await expectRefused({ seed: seedIndex('register: full Register'), edits: [{ op: 'resign', field: '__VIEWSTATE', state: { t: 1 } }] }, 400, /__VIEWSTATE field is not valid/)
  })

  it('refuses state swapped between pages and between users, leaving both sessions alone', async () => {
    const add = seedIndex('session-counter: async Add')
    await expectRefused({ seed: add, edits: [{ op: 'stateFrom', seed: seedIndex('counter: click Increment') }] }, 200, /__VIEWSTATE/)
    await expectRefused({ seed: add, sender: 'bob', edits: [] }, 200, /__VIEWSTATE/)
    await expectRefused({ seed: seedIndex('session-counter: full Add', 'bob'), edits: [], sender: 'alice' }, 400, /__VIEWSTATE/)
  })

  it('refuses the back button\'s copy of a form posted back since (replay guard)', async () => {
    const counter = seedIndex('counter: click Increment')
    for (let i = 0; i < 3; i++) expect((await fuzzer.run({ seed: counter, edits: [] })).outcome).toBe('accepted')
    await expectRefused({ seed: counter, edits: [], stale: true }, 409, /superseded/)
  })

  it('refuses bodies over the limits with 413 and malformed bodies with 400 or 415', async () => {
    const orders = seedIndex('orders: async sort')
    await expectRefused({ seed: orders, edits: [{ op: 'huge', what: 'body' }] }, 413, /request body is larger than the limit/)
    await expectRefused({ seed: orders, edits: [{ op: 'huge', what: 'fields' }] }, 413, /more than N fields/)
    await expectRefused({ seed: orders, edits: [], body: { op: 'insertBytes', at: 0.5, bytes: [0xff] } }, 400, /not valid UTF-N/)
    await expectRefused({ seed: orders, edits: [], body: { op: 'insertText', at: 0.5, text: '%E0%A4' } }, 400, /bad escape/)
    await expectRefused({ seed: orders, edits: [], contentType: 'text/plain' }, 415, /Content-Type/)
  })

  it(`holds the hardening property for ${runs} random cases (seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzer.cases, async (c) => {
        const result = await fuzzer.run(c)
        expect(result.problems, JSON.stringify(c).slice(0, 2000)).toEqual([])
      }),
      { seed, numRuns: runs },
    )
  }, 600_000)
})
