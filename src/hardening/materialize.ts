import { randomBytes } from 'node:crypto'
import { defaultFormLimits } from '../request/form.ts'
import { EventValidation } from '../state/event-validation.ts'
import { defaultViewStateMaxBytes, encodeViewState } from '../state/view-state.ts'
import type { BodyEdit, FieldEdit, FuzzCase, HugeKind, StateField } from './fuzz-case.ts'
import type { FuzzUser } from './fuzz-site.ts'
import type { Seed } from './seeds.ts'

type Fields = Array<[string, string]>

/**
 * A fuzz case made concrete: the request to send and who sends it. `fields` is what the
 * case meant to post (before any body edit), for judging the answer.
 *
 * @example
 * const { request, sender } = await materialize(c, seeds, 'http://localhost')
 */
export interface Materialized {
  request: Request
  sender: FuzzUser
  route: string
  fields: Fields
}

/** Another key than the site's: state signed with it must be refused. */
const wrongSigner = { key: Buffer.alloc(32, 0xc3) }
const garbageState = randomBytes(700 * 1024).toString('base64url')
const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Builds the request of a fuzz case from its seed: field edits, then the encoding (form
 * urlencoded as the seed's sender would, or multipart), then body edits and headers.
 *
 * @example
 * const { request, sender } = await materialize({ seed: 0, edits: [] }, seeds, site.origin)
 * await site.send(request, sender)
 */
export async function materialize(c: FuzzCase, seeds: Seed[], origin: string): Promise<Materialized> {
  const seed = seeds[c.seed]!
  const fields: Fields = seed.fields.map(([name, value]) => [name, value])
  for (const edit of c.edits) applyEdit(fields, edit, seed, seeds)
  const headers = new Headers(seed.headers)
  let bytes: Uint8Array<ArrayBuffer>
  if (c.body?.op === 'multipart') {
    const form = new FormData()
    for (const [name, value] of fields) form.append(name, value)
    const encoded = new Response(form)
    bytes = new Uint8Array(await encoded.arrayBuffer())
    headers.set('content-type', encoded.headers.get('content-type')!)
  } else {
    bytes = new TextEncoder().encode(encodeFields(fields, seed.kind === 'asyncPostback'))
    if (c.body) bytes = applyBodyEdit(bytes, c.body)
  }
  if (c.contentType === null) headers.delete('content-type')
  else if (c.contentType !== undefined) headers.set('content-type', c.contentType)
  if (c.ajaxHeader === null) headers.delete('x-microsoftajax')
  else if (c.ajaxHeader !== undefined) headers.set('x-microsoftajax', c.ajaxHeader)
  const route = c.route ?? seed.route
  const request = new Request(origin + route, { method: c.method ?? 'POST', headers, body: bytes })
  return { request, sender: c.sender ?? seed.user, route, fields }
}

/**
 * Encodes fields as `application/x-www-form-urlencoded`: as the PageRequestManager does
 * (`encodeURIComponent`) for async postbacks, as a form submit does otherwise. Lone
 * surrogates become U+FFFD, as in a browser.
 *
 * @example
 * encodeFields([['a', 'b c']], false) // 'a=b+c'
 */
export function encodeFields(fields: Fields, likeScriptManager: boolean): string {
  if (!likeScriptManager) return new URLSearchParams(fields).toString()
  const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  return fields.map(([name, value]) => `${encodeURIComponent(wellFormed(name))}=${encodeURIComponent(wellFormed(value))}`).join('&')
}

function setField(fields: Fields, name: string, value: string): void {
  const index = fields.findIndex(([n]) => n === name)
  if (index === -1) fields.push([name, value])
  else fields[index] = [name, value]
}

function removeField(fields: Fields, name: string): void {
  const index = fields.findIndex(([n]) => n === name)
  if (index !== -1) fields.splice(index, 1)
}

const indexAt = (at: number, length: number) => Math.min(length - 1, Math.floor(at * length))

function applyEdit(fields: Fields, edit: FieldEdit, seed: Seed, seeds: Seed[]): void {
  switch (edit.op) {
    case 'flip': {
      const value = fields.find(([n]) => n === edit.field)?.[1]
      if (value === undefined) return
      if (value === '') return setField(fields, edit.field, edit.char)
      const i = indexAt(edit.at, value.length)
      const char = value[i] === edit.char ? base64url[(base64url.indexOf(edit.char) + 1) % base64url.length]! : edit.char
      return setField(fields, edit.field, value.slice(0, i) + char + value.slice(i + 1))
    }
    case 'truncate': {
      const value = fields.find(([n]) => n === edit.field)?.[1]
      if (value !== undefined) setField(fields, edit.field, value.slice(0, Math.floor(edit.at * value.length)))
      return
    }
    case 'resign':
      return setField(fields, edit.field, resign(edit.field, edit.state, seed, fields))
    case 'stateFrom': {
      const other = seeds[edit.seed]!
      for (const name of ['__VIEWSTATE', '__EVENTVALIDATION']) {
        const value = other.fields.find(([n]) => n === name)?.[1]
        if (value === undefined) removeField(fields, name)
        else setField(fields, name, value)
      }
      return
    }
    case 'set':
      return setField(fields, edit.name, edit.value)
    case 'add':
      fields.push([edit.name, edit.value])
      return
    case 'duplicate': {
      if (fields.length === 0) return
      const i = indexAt(edit.at, fields.length)
      fields.splice(i + 1, 0, [fields[i]![0], fields[i]![1]])
      return
    }
    case 'drop':
      if (fields.length > 0) fields.splice(indexAt(edit.at, fields.length), 1)
      return
    case 'huge':
      return addHuge(fields, edit.what)
    case 'longName': {
      const name = edit.shape === 'nested' ? 'PanelOrders' + '$ctl01'.repeat(Math.min(edit.count, 5000)) : 'x'.repeat(edit.count)
      fields.push([name, edit.value])
    }
  }
}

/** State signed with the wrong key, for the same page and user. */
function resign(field: StateField, state: unknown, seed: Seed, fields: Fields): string {
  const scope = { pageId: seed.route, userKey: seed.user }
  if (field === '__VIEWSTATE') return encodeViewState(state, wrongSigner, scope)
  const ev = new EventValidation()
  for (const [name, value] of fields) ev.register(name, value)
  ev.register('__Page')
  return ev.encode(wrongSigner, scope)
}

function firstControlField(fields: Fields): string {
  return fields.find(([name]) => !name.startsWith('__') && !name.includes('ScriptManager'))?.[0] ?? 'Extra'
}

function addHuge(fields: Fields, what: HugeKind): void {
  const { maxFieldBytes, maxFields, maxBodyBytes } = defaultFormLimits
  switch (what) {
    case 'value':
      return setField(fields, firstControlField(fields), 'x'.repeat(maxFieldBytes + 1))
    case 'name':
      fields.push(['n'.repeat(maxFieldBytes + 1), '1'])
      return
    case 'viewstate':
      return setField(fields, '__VIEWSTATE', 'A'.repeat(defaultViewStateMaxBytes + 4))
    case 'fields':
      for (let i = 0; i <= maxFields; i++) fields.push([`f${i}`, '1'])
      return
    case 'body':
      for (let i = 0; i < 5; i++) fields.push([`big${i}`, 'y'.repeat(Math.floor(maxBodyBytes / 4))])
      return
    case 'near-limit-value':
      return setField(fields, firstControlField(fields), 'z'.repeat(maxFieldBytes))
    case 'big-viewstate-garbage':
      return setField(fields, '__VIEWSTATE', garbageState)
    case 'many-fields':
      for (let i = fields.length; i < maxFields; i++) fields.push([`PanelOrders$ctl${i}$ctl00`, String(i)])
  }
}

function applyBodyEdit(bytes: Uint8Array<ArrayBuffer>, edit: Exclude<BodyEdit, { op: 'multipart' }>): Uint8Array<ArrayBuffer> {
  const cut = (at: number) => Math.floor(at * bytes.length)
  const splice = (at: number, insert: ArrayLike<number>) => {
    const i = cut(at)
    const out = new Uint8Array(bytes.length + insert.length)
    out.set(bytes.subarray(0, i))
    out.set(insert, i)
    out.set(bytes.subarray(i), i + insert.length)
    return out
  }
  switch (edit.op) {
    case 'truncate':
      return bytes.subarray(0, cut(edit.at))
    case 'insertText':
      return splice(edit.at, new TextEncoder().encode(edit.text))
    case 'insertBytes':
      return splice(edit.at, edit.bytes)
    case 'flipByte': {
      if (bytes.length === 0) return Uint8Array.of(edit.byte)
      const out = bytes.slice()
      out[indexAt(edit.at, out.length)] ^= edit.byte || 0x80
      return out
    }
    case 'replace':
      return Uint8Array.from(edit.bytes)
  }
}
