/**
 * One satisfiable byte range, inclusive at both ends.
 *
 * @example
 * const range: ByteRange = { start: 0, end: 99 } // the first 100 bytes
 */
export interface ByteRange {
  start: number
  end: number
}

/**
 * Reads a Range header for a representation of `size` bytes. Only a single `bytes=` range is
 * honoured; anything else (several ranges, other units, bad syntax) is ignored — null, answer
 * 200 — which RFC 9110 §14.2 allows. A range starting past the end is `'unsatisfiable'` (416).
 *
 * @example
 * parseByteRange('bytes=0-99', 1000) // { start: 0, end: 99 }
 * parseByteRange('bytes=-100', 1000) // { start: 900, end: 999 }
 * parseByteRange('bytes=2000-', 1000) // 'unsatisfiable'
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}
