// Findings of the cache section: for each of its goals missed, the figures that say why.
import { availableParallelism } from 'node:os'
import type { Figure, Figures } from '../lib/figures.ts'
import { round } from '../lib/stats.ts'

const n = (v: number | undefined | null, digits = 3) => (v === undefined || v === null ? 'n/a' : String(round(v, digits)))

/**
 * One line per cache-section goal missed: output-cache hit against raw Hono, the cold-key
 * stampede, 2 instances against 1.
 *
 * @example
 * out.push(...cacheFindings(figures))
 */
export function cacheFindings(figures: Figures): string[] {
  const v = (name: string) => figures.value(name)
  const missed = (f: Figure | undefined): f is Figure => f !== undefined && f.met === false
  const out: string[] = []

  const hit = figures.find('cache.aspx output-cache hit / raw Hono GET')
  if (missed(hit)) {
    out.push(
      `**cache.aspx output-cache hit ${n(hit.value)}× raw Hono (goal ≥ 0.9).** In-process a hit takes ${n(v('cache.aspx output-cache hit, in-process'))} µs ` +
        `(a 304 ${n(v('cache.aspx 304 (If-None-Match), in-process'))} µs, a miss ${n(v('cache.aspx output-cache miss (render + store), in-process'))} µs). ` +
        `Beyond the store lookup, a hit still goes through the page route (page lookup, request classification, cache key, cookies), ` +
        `fills this page's Substitution (its live clock) and hashes the filled body for a fresh ETag, and writes the caching headers; ` +
        `raw Hono sends a fixed string.`,
    )
  }

  const stampede = figures.list.find((f) => f.name.startsWith('cold key,') && f.goal)
  if (missed(stampede)) out.push(`**${stampede.name} ${stampede.value} (goal 1).** ${stampede.note ?? ''}`)

  const scale = figures.find('2 instances / 1 instance, GET orders.aspx')
  if (missed(scale)) {
    const cores = availableParallelism()
    out.push(
      `**2 instances ${n(scale.value)}× one instance on the orders.aspx GET (goal ≥ 1.7 where two cores allow).** This machine has ${cores} CPU${cores === 1 ? '' : 's'} ` +
        `for both workers, the cluster primary (it accepts every connection and hands it to a worker) and autocannon, plus whatever else runs (see the load average ` +
        `at the top); on a cache hit the ratio is ${n(v('2 instances / 1 instance, cache.aspx output-cache hit'))}. ` +
        (cores <= 2
          ? 'With two cores and the load generator on the same machine, 1.7× is out of reach: measure it with autocannon on another machine, or with more cores.'
          : 'Compare with the load average: a busy machine leaves the second worker no core of its own.'),
    )
  }
  return out
}
