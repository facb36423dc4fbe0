// The output cache in-process (app.request, no HTTP): the time of a miss (render + store), a
// hit and a 304 of samples/pages/cache.aspx, interleaved batch by batch, and a cold-key
// stampede — many first requests of one key at once — counted in renders.
import { createApp, type DeltaformApp } from '../../src/app/create-app.ts'
import { atMost, type Figures } from '../lib/figures.ts'
import { pairRatios } from '../lib/stats.ts'

const origin = 'http://localhost'

type Kind = 'miss' | 'hit' | '304'

/**
 * Adds, for cache.aspx (VaryByParam="zip", a Substitution filled on every answer): µs per
 * request of a miss, a hit and a 304 (If-None-Match), as medians of batch means with the
 * miss/hit and 304/hit ratios; and the renders of a stampede of `concurrent` first requests
 * of one new key (goal: 1), the worst of `stampedes` keys.
 *
 * @example
 * await measureOutputCache(figures, 'samples/pages', 'ab'.repeat(32))
 */
export async function measureOutputCache(figures: Figures, pagesDir: string, keyHex: string, concurrent = 200, stampedes = 5): Promise<void> {
  const app = createApp({ pages: pagesDir, key: keyHex, mode: 'production' })
  try {
    await requestTimes(figures, app)
    await stampede(figures, app, concurrent, stampedes)
  } finally {
    await app.close()
  }
}

async function requestTimes(figures: Figures, app: DeltaformApp): Promise<void> {
  const counts = app.outputCache.counts
  let fresh = 0
  let etag = ''
  // One timed request; `undefined` when a 304 was asked but the ETag had moved on (the
  // Substitution's clock ticked): that sample is dropped and the new ETag kept.
  const once = async (kind: Kind): Promise<number | undefined> => {
    const path = kind === 'miss' ? `/cache.aspx?zip=miss${fresh++}` : '/cache.aspx?zip=98052'
    const headers: Record<string, string> = kind === '304' ? { 'if-none-match': etag } : {}
    const start = performance.now()
    const response = await app.request(new Request(origin + path, { headers }))
    await response.text()
    const us = (performance.now() - start) * 1000
    const expected = kind === '304' ? 304 : 200
    if (response.status !== expected) {
      if (kind === '304' && response.status === 200) {
        etag = response.headers.get('etag') ?? ''
        return undefined
      }
      throw new Error(`cache.aspx ${kind}: expected ${expected}, got ${response.status}`)
    }
    if (kind === 'hit') etag = response.headers.get('etag') ?? etag
    return us
  }
  const batchMean = async (kind: Kind, n: number): Promise<number> => {
    let sum = 0
    for (let done = 0; done < n; ) {
      const us = await once(kind)
      if (us !== undefined) {
        sum += us
        done++
      }
    }
    return sum / n
  }

  await once('hit')
  // Warm up (JIT) each kind, then batches of 50 of each kind in turn for ≥ 2.5 s and ≥ 9 batches.
  for (const kind of ['miss', 'hit', '304'] as const) await batchMean(kind, 50)
  const before = { ...counts }
  const runs: Record<Kind, number[]> = { miss: [], hit: [], '304': [] }
  const n = 50
  const until = performance.now() + 2500
  for (let b = 0; performance.now() < until || b < 9; b++) {
    const order: Kind[] = b % 2 ? ['304', 'hit', 'miss'] : ['miss', 'hit', '304']
    for (const kind of order) runs[kind].push(await batchMean(kind, n))
  }
  const batches = runs.miss.length
  // The counters prove each kind was what it claims to be.
  if (counts.renders - before.renders !== batches * n) throw new Error(`misses rendered ${counts.renders - before.renders} times for ${batches * n} requests`)
  if (counts.notModified - before.notModified !== batches * n) throw new Error(`${counts.notModified - before.notModified} 304s for ${batches * n} requests`)

  const note = 'in-process (app.request), no HTTP; each answer fills the Substitution and hashes the body for its ETag'
  figures.addRuns('cache', 'cache.aspx output-cache miss (render + store), in-process', runs.miss, 'µs', { note: 'a new zip each request' })
  figures.addRuns('cache', 'cache.aspx output-cache hit, in-process', runs.hit, 'µs', { note })
  figures.addRuns('cache', 'cache.aspx 304 (If-None-Match), in-process', runs['304'], 'µs', { note })
  figures.addRuns('cache', 'cache.aspx miss / hit time', pairRatios(runs.miss, runs.hit), 'ratio')
  figures.addRuns('cache', 'cache.aspx 304 / hit time', pairRatios(runs['304'], runs.hit), 'ratio')
}

async function stampede(figures: Figures, app: DeltaformApp, concurrent: number, keys: number): Promise<void> {
  const counts = app.outputCache.counts
  const renders: number[] = []
  for (let k = 0; k < keys; k++) {
    const url = `${origin}/cache.aspx?zip=stampede${k}-${Date.now()}`
    const before = counts.renders
    const statuses = await Promise.all(
      Array.from({ length: concurrent }, async () => {
        const response = await app.request(new Request(url))
        await response.text()
        return response.status
      }),
    )
    const bad = statuses.filter((s) => s !== 200).length
    if (bad) throw new Error(`stampede: ${bad} of ${concurrent} answers were not 200`)
    renders.push(counts.renders - before)
  }
  figures.add('cache', `cold key, ${concurrent} concurrent first requests: renders`, Math.max(...renders), 'renders', {
    goal: atMost(1, '= 1 render'),
    note: `in-process; the worst of ${keys} new keys (renders per key: ${renders.join(', ')}); the others waited for that render`,
  })
}
