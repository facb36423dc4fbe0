// The figures a bench run collects: one record per measured value, with its goal when the
// issue sets one. results.json is these records; results.md is a view of them.
import { round, summarize, type Summary } from './stats.ts'

/**
 * The report's sections, in the order results.md shows them.
 *
 * @example
 * const s: Section = 'bytes'
 */
export type Section = 'bytes' | 'throughput' | 'cache' | 'client' | 'server'

/**
 * A goal: its text for the report and the test a value must pass.
 *
 * @example
 * const g: Goal = atMost(0.1) // { text: '≤ 0.1', test: (v) => v <= 0.1 }
 */
export interface Goal {
  text: string
  test: (value: number) => boolean
}

/**
 * A goal met by values up to `limit` (inclusive).
 *
 * @example
 * atMost(6144, '≤ 6 KiB').test(6000) // true
 */
export function atMost(limit: number, text = `≤ ${limit}`): Goal {
  return { text, test: (v) => v <= limit }
}

/**
 * A goal met by values from `limit` up (inclusive).
 *
 * @example
 * atLeast(0.5, '≥ 0.5× raw Hono').test(0.7) // true
 */
export function atLeast(limit: number, text = `≥ ${limit}`): Goal {
  return { text, test: (v) => v >= limit }
}

/**
 * One measured figure. `value` is the median when the figure was repeated (`runs` holds
 * every run) and `null` when it could not be measured (`note` says why).
 *
 * @example
 * const f: Figure = { section: 'client', name: 'runtime-client min+gzip', value: 8147, unit: 'bytes', goal: '≤ 6144', met: false }
 */
export interface Figure {
  section: Section
  name: string
  value: number | null
  unit: string
  median?: number
  min?: number
  max?: number
  /** (max − min) / median of the runs. */
  spread?: number
  runs?: number[]
  goal?: string
  met?: boolean
  note?: string
}

/**
 * Extra facts for one figure.
 *
 * @example
 * const o: FigureOptions = { goal: atMost(0.1), note: 'same click as the full postback' }
 */
export interface FigureOptions {
  goal?: Goal
  note?: string
}

/**
 * The figures of one run, in the order they were measured.
 *
 * @example
 * const figures = new Figures()
 * figures.add('bytes', 'clock.aspx full GET', 1957, 'bytes')
 * figures.addRuns('throughput', 'raw Hono GET clock.aspx', [9800, 10100, 9900], 'req/s')
 * figures.value('raw Hono GET clock.aspx') // 9900
 */
export class Figures {
  readonly list: Figure[] = []

  /** A single measured value (sizes, counts). */
  add(section: Section, name: string, value: number, unit: string, options: FigureOptions = {}): Figure {
    const figure: Figure = { section, name, value, unit }
    return this.push(figure, options)
  }

  /** A repeated measurement: the value is the median of `runs`. */
  addRuns(section: Section, name: string, runs: readonly number[], unit: string, options: FigureOptions = {}): Figure {
    const s: Summary = summarize(runs)
    const figure: Figure = {
      section,
      name,
      value: round(s.median, 4),
      unit,
      median: round(s.median, 4),
      min: round(s.min, 4),
      max: round(s.max, 4),
      spread: round(s.spread, 3),
      runs: s.runs.map((r) => round(r, 4)),
    }
    return this.push(figure, options)
  }

  /** A figure that could not be measured; `reason` goes into the report. */
  absent(section: Section, name: string, unit: string, reason: string, goal?: Goal): Figure {
    const figure: Figure = { section, name, value: null, unit, note: reason }
    if (goal) figure.goal = goal.text
    this.list.push(figure)
    return figure
  }

  /** The value of the named figure (`undefined` when missing or absent). */
  value(name: string): number | undefined {
    return this.find(name)?.value ?? undefined
  }

  /** The named figure. */
  find(name: string): Figure | undefined {
    return this.list.find((f) => f.name === name)
  }

  private push(figure: Figure, options: FigureOptions): Figure {
    if (options.goal) {
      figure.goal = options.goal.text
      figure.met = figure.value !== null && options.goal.test(figure.value)
    }
    if (options.note) figure.note = options.note
    this.list.push(figure)
    return figure
  }
}
