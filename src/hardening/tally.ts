import type { FuzzCase } from './fuzz-case.ts'
import type { CaseResult } from './fuzzer.ts'

/** At most this many violating cases are kept in full (they are counted all the same). */
const keptViolations = 50

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

/**
 * What a case did to its seed, for counting: its edit operations, or `replay` when none.
 *
 * @example
 * mutationsOf({ seed: 0, edits: [{ op: 'set', name: '__EVENTTARGET', value: 'x' }], sender: 'bob' }) // ['set:__EVENTTARGET', 'sender']
 */
export function mutationsOf(c: FuzzCase): string[] {
  const ops = c.edits.map((edit) => {
    if (edit.op === 'huge') return `huge:${edit.what}`
    if (edit.op === 'set' || edit.op === 'add') return `${edit.op}:${/^(__|ScriptManager1$)/.test(edit.name) ? edit.name : 'other field'}`
    return edit.op
  })
  if (c.body) ops.push(`body:${c.body.op}`)
  for (const key of ['sender', 'route', 'method', 'contentType', 'ajaxHeader', 'stale'] as const) if (c[key] !== undefined) ops.push(key)
  return ops.length ? [...new Set(ops)] : ['replay']
}

/**
 * Counts fuzz results by HTTP status, outcome, request kind, refusal reason and mutation,
 * and keeps the first violating cases so they can be replayed.
 *
 * @example
 * const tally = new FuzzTally()
 * tally.add(c, await fuzzer.run(c))
 * console.log(tally.table())
 */
export class FuzzTally {
  cases = 0
  readonly byStatus: Record<string, number> = {}
  readonly byOutcome: Record<string, number> = {}
  readonly byKind: Record<string, number> = {}
  readonly byReason: Record<string, number> = {}
  readonly byMutation: Record<string, number> = {}
  violationCount = 0
  readonly violations: Array<{ case: FuzzCase; result: CaseResult }> = []

  /**
   * Adds one case and its result.
   *
   * @example
   * tally.add(c, result)
   */
  add(c: FuzzCase, result: CaseResult): void {
    this.cases++
    bump(this.byStatus, String(result.status))
    bump(this.byOutcome, result.outcome)
    bump(this.byKind, result.kind)
    if (result.outcome === 'refused') bump(this.byReason, `${result.status} ${result.reason}`)
    for (const op of mutationsOf(c)) bump(this.byMutation, op)
    if (result.outcome === 'violation') {
      this.violationCount++
      if (this.violations.length < keptViolations) this.violations.push({ case: c, result })
    }
  }

  /**
   * A plain-text summary: outcomes, statuses, refusal reasons (most frequent first).
   *
   * @example
   * console.log(tally.table())
   */
  table(): string {
    const section = (title: string, counts: Record<string, number>) => {
      const rows = Object.entries(counts).sort((a, b) => b[1] - a[1])
      const width = Math.max(...rows.map(([, n]) => String(n).length), 1)
      return [title, ...rows.map(([key, n]) => `  ${String(n).padStart(width)}  ${key}`)].join('\n')
    }
    return [
      section('Outcome', this.byOutcome),
      section('HTTP status', this.byStatus),
      section('Request kind (as the server classifies it)', this.byKind),
      section('Refusal reason (status, message)', this.byReason),
      section('Mutation', this.byMutation),
    ].join('\n\n')
  }
}
