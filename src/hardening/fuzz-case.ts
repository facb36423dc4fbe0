import fc from 'fast-check'
import { awkwardText, callbackParam, eventArgument, fieldValue, scriptManagerValue, targetName } from './pools.ts'
import { fuzzUsers, type FuzzUser } from './fuzz-site.ts'
import type { Seed } from './seeds.ts'

/**
 * The signed state fields.
 *
 * @example
 * const field: StateField = '__EVENTVALIDATION'
 */
export type StateField = '__VIEWSTATE' | '__EVENTVALIDATION'

/**
 * A change to the posted fields of a seed. Positions are fractions (0 ≤ at < 1) of the length
 * they apply to, so a case stays meaningful when the captured state differs in length.
 *
 * @example
 * const edit: FieldEdit = { op: 'flip', field: '__VIEWSTATE', at: 0.5, char: 'A' }
 */
export type FieldEdit =
  | { op: 'flip'; field: StateField; at: number; char: string }
  | { op: 'truncate'; field: StateField; at: number }
  /** Re-signed with a key that is not the site's. */
  | { op: 'resign'; field: StateField; state: unknown }
  /** The state fields of another seed: another page, another user, or both. */
  | { op: 'stateFrom'; seed: number }
  | { op: 'set'; name: string; value: string }
  | { op: 'add'; name: string; value: string }
  | { op: 'duplicate'; at: number }
  | { op: 'drop'; at: number }
  /** Sizes at or over the form limits, built only when the case is sent. */
  | { op: 'huge'; what: HugeKind }
  | { op: 'longName'; shape: 'nested' | 'long'; count: number; value: string }

/**
 * Which oversize input a `huge` edit builds (see `materialize.ts`).
 *
 * @example
 * const what: HugeKind = 'fields'
 */
export type HugeKind = 'value' | 'name' | 'viewstate' | 'fields' | 'body' | 'near-limit-value' | 'big-viewstate-garbage' | 'many-fields'

/**
 * A change to the encoded body bytes, after the field edits.
 *
 * @example
 * const edit: BodyEdit = { op: 'insertText', at: 0.3, text: '%E0%A4' }
 */
export type BodyEdit =
  | { op: 'truncate'; at: number }
  | { op: 'insertText'; at: number; text: string }
  | { op: 'insertBytes'; at: number; bytes: number[] }
  | { op: 'flipByte'; at: number; byte: number }
  | { op: 'replace'; bytes: number[] }
  | { op: 'multipart' }

/**
 * One fuzz case: a seed (a real captured request) and what to do to it. `undefined` members
 * keep the seed's own; `null` headers are removed.
 *
 * @example
 * const c: FuzzCase = { seed: 3, edits: [{ op: 'set', name: '__EVENTTARGET', value: 'Nope' }] }
 */
export interface FuzzCase {
  seed: number
  /** Send as this user (their cookies) instead of the user the state was made for. */
  sender?: FuzzUser
  /** Post to this route instead of the seed's page. */
  route?: string
  method?: string
  edits: FieldEdit[]
  body?: BodyEdit
  contentType?: string | null
  ajaxHeader?: string | null
  /** Post the state first captured for the seed (superseded by later postbacks of its page view). */
  stale?: boolean
}

const at = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10_000)
const stateField = fc.constantFrom<StateField>('__VIEWSTATE', '__EVENTVALIDATION')
const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const setEdit = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) => fc.record({ op: fc.constant('set' as const), name, value })

function fieldEdit(seeds: Seed[], fieldNames: string[]): fc.Arbitrary<FieldEdit> {
  const knownName = fc.constantFrom(...fieldNames)
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('flip' as const), field: stateField, at, char: fc.oneof(fc.constantFrom(...base64url), awkwardText(1)) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), field: stateField, at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('resign' as const), field: stateField, state: fc.jsonValue({ maxDepth: 3 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('stateFrom' as const), seed: fc.nat({ max: seeds.length - 1 }) }) },
    { weight: 4, arbitrary: setEdit(fc.constant('__EVENTTARGET'), targetName) },
    { weight: 3, arbitrary: setEdit(fc.constant('__EVENTARGUMENT'), eventArgument) },
    { weight: 3, arbitrary: setEdit(fc.constant('__CALLBACKID'), targetName) },
    { weight: 3, arbitrary: setEdit(fc.constant('__CALLBACKPARAM'), callbackParam) },
    { weight: 3, arbitrary: setEdit(fc.constant('ScriptManager1'), scriptManagerValue) },
    { weight: 2, arbitrary: setEdit(fc.constant('__ASYNCPOST'), fc.constantFrom('true', 'TRUE', ' true ', 'false', '', 'true,true')) },
    { weight: 4, arbitrary: setEdit(knownName, fieldValue) },
    { weight: 2, arbitrary: setEdit(awkwardText(), awkwardText()) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), name: fc.oneof(knownName, targetName), value: fieldValue }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('drop' as const), at }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('huge' as const),
        what: fc.constantFrom<HugeKind>('value', 'name', 'viewstate', 'fields', 'body', 'near-limit-value', 'big-viewstate-garbage', 'many-fields'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('longName' as const),
        shape: fc.constantFrom<'nested' | 'long'>('nested', 'long'),
        // Nested: up to about 30 KB of `$`-separated segments; long: up to 200 K characters.
        count: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 600, max: 200_000 })),
        value: fieldValue,
      }),
    },
  )
}

const badEscapes = ['%', '%%', '%G1', '%zz', '%4', '%E0%A4', '%FF', '%C0%80', '%ED%A0%80', '%F4%90%80%80', '%u0041', '%00']
const badBytes = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe0, 0xa4], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xfe, 0xff]]

const bodyEdit: fc.Arbitrary<BodyEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insertText' as const), at, text: fc.constantFrom(...badEscapes) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insertBytes' as const), at, bytes: fc.oneof(fc.constantFrom(...badBytes), fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 6 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flipByte' as const), at, byte: fc.nat({ max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), bytes: fc.oneof(fc.constant<number[]>([]), fc.array(fc.nat({ max: 255 }), { maxLength: 200 })) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'multipart' as const }) },
)

const contentType = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'APPLICATION/X-WWW-FORM-URLENCODED',
    'application/x-www-form-urlencoded;;;',
    'multipart/form-data',
    'multipart/form-data; boundary=zzz',
    'multipart/form-data; boundary=',
    'text/plain',
    'application/json',
    'text/html; charset=utf-8',
    '',
    ';',
    '*/*',
  ),
  // Header values must be visible ASCII (or the request cannot be sent at all).
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
)

/**
 * The fuzz cases for a set of seeds: mostly one to three field edits; sometimes a body edit,
 * another sender, page, content type, async marker or method; now and then none at all (a
 * replay of the real request, which must still work).
 *
 * @example
 * const seeds = await captureSeeds(site)
 * fc.sample(caseArbitrary(seeds), { seed: 1, numRuns: 3 })
 */
export function caseArbitrary(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  const fieldNames = [...new Set(seeds.flatMap((s) => s.fields.map(([name]) => name)))]
  const routes = [...new Set(seeds.map((s) => s.route)), '/nope.aspx', '/Counter.ASPX', '/%E0%A4.aspx', '/site.css']
  // Absent (the seed's own) in most cases: weight 3 changes about one case in 14.
  const rarely = <T>(arbitrary: fc.Arbitrary<T>, weight = 3) =>
    fc.oneof({ weight: 40, arbitrary: fc.constant(undefined) }, { weight, arbitrary })
  return fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    sender: rarely(fc.constantFrom(...fuzzUsers), 6),
    route: rarely(fc.constantFrom(...routes)),
    method: rarely(fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS'), 1),
    // About one case in 30 is a plain replay of the captured request, which must still work.
    edits: fc.oneof({ weight: 1, arbitrary: fc.constant<FieldEdit[]>([]) }, { weight: 29, arbitrary: fc.array(fieldEdit(seeds, fieldNames), { minLength: 1, maxLength: 3 }) }),
    body: rarely(bodyEdit, 8),
    contentType: rarely(contentType),
    ajaxHeader: rarely(fc.constantFrom(null, 'Delta=true', 'delta=true', 'Delta=false', ' Delta=true , x', 'x')),
    stale: rarely(fc.constant(true), 2),
  })
}
