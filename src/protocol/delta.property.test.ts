import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DeltaParseError, encodeDelta, parseDelta, type DeltaRecord } from './delta.ts'

// Seeded, so a failure replays; FUZZ_RUNS raises the count of the cheap properties.
const seed = Number(process.env.FUZZ_SEED ?? 20_260_101)
const runs = Number(process.env.FUZZ_RUNS ?? 300)

/** One UTF-16 unit or code point, biased towards what the format and its readers trip on. */
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 4, arbitrary: fc.constantFrom('|', '\r', '\n', '\r\n', '\u0000', ' ', '0', '1', '9', '-', '+', '\u2028', '\ufeff') },
)
const text = (maxLength: number) => fc.string({ unit, maxLength })
const noBar = (maxLength: number) => text(maxLength).map((s) => s.replaceAll('|', ''))
const record: fc.Arbitrary<DeltaRecord> = fc.record({ type: noBar(20), id: noBar(20), content: text(200) })
const records = fc.array(record, { maxLength: 8 })

/** What a parse may do with any input: records of strings, or its own error and nothing else. */
function parseOrRefuse(input: string): DeltaRecord[] | DeltaParseError {
  try {
    const parsed = parseDelta(input)
    for (const r of parsed) {
      expect([typeof r.type, typeof r.id, typeof r.content]).toEqual(['string', 'string', 'string'])
    }
    // Never reads past the end: what it read re-encodes to no more than it was given (a length
    // may be spelled longer, as in ' 3' or '03', never shorter).
    expect(encodeDelta(parsed).length).toBeLessThanOrEqual(input.length)
    return parsed
  } catch (error) {
    expect(error).toBeInstanceOf(DeltaParseError)
    expect((error as DeltaParseError).offset).toBeGreaterThanOrEqual(0)
    expect((error as DeltaParseError).offset).toBeLessThanOrEqual(input.length)
    return error as DeltaParseError
  }
}

describe('encodeDelta → parseDelta', () => {
  it('is the identity for any records (any unicode, lone surrogates, |, CR/LF, NUL)', () => {
    fc.assert(
      fc.property(records, (rs) => {
        expect(parseDelta(encodeDelta(rs))).toEqual(rs)
      }),
      { seed, numRuns: runs },
    )
  })

  it('writes each length in UTF-16 code units', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(encodeDelta([r]).startsWith(`${r.content.length}|`)).toBe(true)
      }),
      { seed, numRuns: runs },
    )
  })

  it('is the identity for 1 MB panels', () => {
    const megabytePanel = fc.tuple(text(64), fc.nat()).map(([piece, salt]) => {
      const filler = piece === '' ? '|' : piece
      return (String(salt) + '|').concat(filler.repeat(Math.ceil((1 << 20) / filler.length))).slice(0, (1 << 20) + (salt % 7))
    })
    fc.assert(
      fc.property(fc.array(fc.record({ type: fc.constant('updatePanel'), id: noBar(10), content: megabytePanel }), { minLength: 1, maxLength: 2 }), (rs) => {
        expect(parseDelta(encodeDelta(rs))).toEqual(rs)
      }),
      { seed, numRuns: 5 },
    )
  })
})

describe('parseDelta on any input', () => {
  it('returns records or throws DeltaParseError for random text', () => {
    fc.assert(
      fc.property(text(300), (input) => {
        parseOrRefuse(input)
      }),
      { seed, numRuns: runs },
    )
  })

  it('returns records or throws DeltaParseError for mutated deltas', () => {
    const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 4 }), insert: text(4) })
    fc.assert(
      fc.property(records, fc.array(mutation, { minLength: 1, maxLength: 4 }), (rs, mutations) => {
        let input = encodeDelta(rs)
        for (const { at, cut, insert } of mutations) {
          const i = input.length === 0 ? 0 : at % input.length
          input = input.slice(0, i) + insert + input.slice(i + cut)
        }
        parseOrRefuse(input)
      }),
      { seed, numRuns: runs },
    )
  })

  it('reads a truncated delta as its whole records or refuses it', () => {
    fc.assert(
      fc.property(records, fc.nat(), (rs, at) => {
        const full = encodeDelta(rs)
        const result = parseOrRefuse(full.slice(0, full.length === 0 ? 0 : at % full.length))
        if (!(result instanceof DeltaParseError)) expect(result).toEqual(rs.slice(0, result.length))
      }),
      { seed, numRuns: runs },
    )
  })

  it('gets through 1 MB of hostile input (finishes; no timing asserted)', () => {
    const shapes = fc.constantFrom('0|||', '1|', '|', '9', ' ', '1|a|b|', '99999999999999999999|', '-1|x|y|', '0||')
    const megabyte = fc.oneof(
      fc.tuple(shapes, fc.option(text(8), { nil: '' })).map(([shape, tail]) => shape.repeat(Math.ceil((1 << 20) / shape.length)) + tail),
      fc.array(fc.constantFrom('|', '0', '1', ' ', 'a'), { minLength: 4096, maxLength: 4096 }).map((chars) => chars.join('').repeat(256)),
    )
    fc.assert(
      fc.property(megabyte, (input) => {
        parseOrRefuse(input)
      }),
      { seed, numRuns: 12 },
    )
  })
})
