import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeltaParseError, encodeDelta, encodeRecord, parseDelta, type DeltaRecord } from './delta.ts'

const vectors = join(import.meta.dirname, 'fixtures/vectors')
const read = (name: string) => readFileSync(join(vectors, name), 'utf8')
// Callback responses (`s…`, `<n>|<ev>…`, `/*DX*/`) are a different format: issue 4's parser.
const deltaFiles = readdirSync(vectors).filter((f) => f.endsWith('.txt') && !/callback/.test(f))

describe('parseDelta on responses captured from ASP.NET servers', () => {
  const good = deltaFiles.filter((f) => !f.includes('.asstored.'))
  const damaged = deltaFiles.filter((f) => f.includes('.asstored.'))

  it('has vectors of both kinds', () => {
    expect(good.length).toBeGreaterThanOrEqual(10)
    expect(damaged.length).toBeGreaterThanOrEqual(2)
  })

  for (const file of good) {
    it(`accepts ${file} and re-encodes it byte for byte`, () => {
      const text = read(file)
      const records = parseDelta(text)
      expect(records.length).toBeGreaterThan(0)
      expect(encodeDelta(records)).toBe(text)
    })
  }

  for (const file of damaged) {
    it(`rejects ${file} with the parser error`, () => {
      expect(() => parseDelta(read(file))).toThrow(DeltaParseError)
      expect(() => parseDelta(read(file))).toThrow(/^Error parsing near '/)
    })
  }

  it('reads the record types of a real 4.x response', () => {
    const records = parseDelta(read('TorunLive_liveUpdateResponse.reconstructed.txt'))
    expect(records[0]).toEqual({ type: '#', id: '', content: '4' })
    expect(records.map((r) => r.type)).toContain('updatePanel')
    expect(records.map((r) => r.type)).toContain('hiddenField')
  })

  it('reads an empty error record and a redirect', () => {
    expect(parseDelta(read('UKBinCollectionData_Basingstoke_error_empty.txt'))).toEqual([{ type: 'error', id: '500', content: '' }])
    expect(parseDelta(read('bhulekh_log_pageRedirect.txt'))[1]).toEqual({ type: 'pageRedirect', id: '', content: '%2fSRoRFront_Uni.aspx' })
  })
})

describe('encode → parse', () => {
  const samples = ['', '|', '||||', 'a|b', '\r\n', 'é😀\r\n', '\u0000', '\ud800', 'x'.repeat(100_000), '12|x|y|z|']

  it('counts UTF-16 code units, not bytes', () => {
    expect(encodeRecord('updatePanel', 'UP1', 'é😀\r\n')).toBe('5|updatePanel|UP1|é😀\r\n|')
  })

  it('is the identity for awkward contents and empty ids', () => {
    const records: DeltaRecord[] = samples.map((content, i) => ({ type: `t${i}`, id: i % 2 ? '' : `id${i}`, content }))
    expect(parseDelta(encodeDelta(records))).toEqual(records)
  })

  it('is the identity for random contents (seeded)', () => {
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    const alphabet = ['|', '\r', '\n', 'a', 'é', '😀', '\u0000', ' ', '<', '%']
    for (let round = 0; round < 200; round++) {
      const records: DeltaRecord[] = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({
        type: 'updatePanel',
        id: random() < 0.3 ? '' : 'P' + Math.floor(random() * 100),
        content: Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
      }))
      expect(parseDelta(encodeDelta(records))).toEqual(records)
    }
  })

  it('refuses a | in type or id', () => {
    expect(() => encodeRecord('a|b', '', '')).toThrow()
  })
})

describe('parse errors', () => {
  const bad = ['x', '5|#||4|', '1|#||4', '1|#||45', 'abc|#||4|', '1|#|', '3|t|i|ab|', '-1|t||x|']
  for (const text of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      expect(() => parseDelta(text)).toThrow(DeltaParseError)
    })
  }

  it('quotes up to 20 characters around the failure', () => {
    const text = '1|#||4|' + 'y'.repeat(30) + '|zz'
    try {
      parseDelta(text)
      expect.unreachable()
    } catch (error) {
      expect((error as DeltaParseError).details).toMatch(/^Error parsing near '.{1,40}'\.$/)
    }
  })
})
