// Summaries of repeated measurements: the machine is noisy, so every repeated figure is a
// median with its spread, never a single run or a mean.

/**
 * A repeated measurement: the median, the extremes, and the spread as a fraction of the
 * median ((max − min) / median).
 *
 * @example
 * const s: Summary = summarize([10, 12, 11]) // { median: 11, min: 10, max: 12, spread: 0.18…, runs: [10, 12, 11] }
 */
export interface Summary {
  median: number
  min: number
  max: number
  /** (max − min) / median; 0 for a single run. */
  spread: number
  runs: number[]
}

/**
 * The median of the values (the mean of the middle two for an even count).
 *
 * @example
 * median([3, 1, 2]) // 2
 * median([4, 1, 3, 2]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Median, extremes and relative spread of repeated runs.
 *
 * @example
 * summarize([100, 90, 110]).spread // 0.2
 */
export function summarize(runs: readonly number[]): Summary {
  const m = median(runs)
  const min = Math.min(...runs)
  const max = Math.max(...runs)
  return { median: m, min, max, spread: m === 0 ? 0 : (max - min) / Math.abs(m), runs: [...runs] }
}

/**
 * Pairwise ratios a[i] / b[i] of measurements taken side by side (same round), so that a
 * slow moment of the machine hits both sides of each ratio.
 *
 * @example
 * pairRatios([10, 20], [5, 5]) // [2, 4]
 */
export function pairRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`pairRatios: ${a.length} runs against ${b.length}`)
  return a.map((x, i) => x / b[i])
}

/**
 * Rounds to `digits` significant digits (for reports, not for comparisons).
 *
 * @example
 * round(0.123456, 3) // 0.123
 * round(12345.6, 3) // 12300
 */
export function round(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value
  return Number(value.toPrecision(digits))
}
