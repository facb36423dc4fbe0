import type { Position } from './ast.ts'

/**
 * Maps string offsets to 1-based line/column. Line breaks are LF, CRLF (one break) and a lone CR.
 *
 * @example
 * new LineIndex('a\r\nb').at(3) // { line: 2, column: 1 }
 */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(source: string) {
    const starts = this.starts
    const len = source.length
    for (let i = 0; i < len; i++) {
      const c = source.charCodeAt(i)
      if (c === 10) starts.push(i + 1)
      else if (c === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1)
    }
  }

  at(offset: number): Position {
    const starts = this.starts
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}
