/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence,
 * so a failing random walk can be replayed.
 *
 * @example
 * const next = seededRandom(42)
 * next() // a number in [0, 1), the same on every run with seed 42
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A whole number in `[0, n)` from a generator made by {@link seededRandom}.
 *
 * @example
 * const pick = items[randomIndex(next, items.length)]
 */
export function randomIndex(next: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(next() * n))
}
