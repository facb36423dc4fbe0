import { HttpError } from '../errors.ts'

/**
 * Limits applied while reading a posted form. `maxFieldBytes` applies to every single name
 * and every single value (UTF-8 bytes after decoding).
 *
 * @example
 * const limits: FormLimits = { ...defaultFormLimits, maxBodyBytes: 256 * 1024 }
 */
export interface FormLimits {
  maxBodyBytes: number
  maxFields: number
  maxFieldBytes: number
}

/**
 * 4 MiB body, 2000 fields, 1 MiB per name or value.
 *
 * @example
 * const form = await readForm(c.req.raw, defaultFormLimits)
 */
export const defaultFormLimits: FormLimits = Object.freeze({
  maxBodyBytes: 4 * 1024 * 1024,
  maxFields: 2000,
  maxFieldBytes: 1024 * 1024,
})

/**
 * The posted fields, in the order they arrived. A name may occur several times (a multi-select
 * ListBox, a CheckBoxList); `get` gives the first value, `getAll` every value.
 *
 * @example
 * const form = new FormCollection([['Colors', 'red'], ['Colors', 'blue']])
 * form.get('Colors')    // 'red'
 * form.getAll('Colors') // ['red', 'blue']
 */
export class FormCollection {
  readonly #entries: Array<[string, string]> = []
  readonly #byName = new Map<string, string[]>()

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of entries) this.append(name, value)
  }

  /**
   * Adds one field at the end (used while parsing).
   *
   * @example
   * form.append('__EVENTTARGET', 'Button1')
   */
  append(name: string, value: string): void {
    this.#entries.push([name, value])
    const values = this.#byName.get(name)
    if (values) values.push(value)
    else this.#byName.set(name, [value])
  }

  /**
   * The first value posted under `name`, or `undefined`.
   *
   * @example
   * form.get('__VIEWSTATE') ?? ''
   */
  get(name: string): string | undefined {
    return this.#byName.get(name)?.[0]
  }

  /**
   * Every value posted under `name`, in order (empty when absent).
   *
   * @example
   * listBox.selectedValues = form.getAll(listBox.uniqueID)
   */
  getAll(name: string): string[] {
    return [...(this.#byName.get(name) ?? [])]
  }

  /**
   * Whether `name` was posted at all (even with an empty value).
   *
   * @example
   * form.has('__CALLBACKID')
   */
  has(name: string): boolean {
    return this.#byName.has(name)
  }

  /**
   * Distinct names, in order of first appearance.
   *
   * @example
   * for (const key of form.keys()) if (!isSystemPostField(key)) loadPostData(key)
   */
  keys(): string[] {
    return [...this.#byName.keys()]
  }

  /**
   * All fields, duplicates included, in posted order.
   *
   * @example
   * for (const [name, value] of form.entries()) console.log(name, value)
   */
  entries(): Array<[string, string]> {
    return this.#entries.map(([name, value]) => [name, value])
  }

  /**
   * The number of fields, duplicates included.
   *
   * @example
   * form.size // 3 for 'a=1&a=2&b=3'
   */
  get size(): number {
    return this.#entries.length
  }
}

const BAD_FORM = 'The request body is not valid form data'

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) + '…' : text
}

/** Enforces `maxFields` and `maxFieldBytes` as fields are added. */
class LimitedForm {
  readonly form = new FormCollection()
  constructor(private readonly limits: FormLimits) {}

  add(name: string, value: string): void {
    if (this.form.size >= this.limits.maxFields) {
      throw new HttpError(413, `The form has more than ${this.limits.maxFields} fields.`)
    }
    const max = this.limits.maxFieldBytes
    if (utf8Length(name, max) > max) {
      throw new HttpError(413, `The name of the form field "${shorten(name, 60)}" is larger than the limit of ${max} bytes.`)
    }
    if (utf8Length(value, max) > max) {
      throw new HttpError(413, `The form field "${shorten(name, 60)}" is larger than the limit of ${max} bytes.`)
    }
    this.form.append(name, value)
  }
}

/** UTF-8 length, skipping the count when even 3 bytes per UTF-16 unit cannot exceed `max`. */
function utf8Length(text: string, max: number): number {
  return text.length * 3 <= max ? text.length : Buffer.byteLength(text, 'utf8')
}

const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g

function badEscape(raw: string): HttpError {
  // Point at the first '%' that is not followed by two hex digits, else at the first run of
  // escapes that is not valid UTF-8.
  let at = raw.search(/%(?![0-9A-Fa-f]{2})/)
  for (const match of raw.matchAll(ESCAPE_RUN)) {
    if (at !== -1 && match.index > at) break
    try {
      decodeURIComponent(match[0])
    } catch {
      at = match.index
      break
    }
  }
  const near = shorten(raw.slice(Math.max(0, at), Math.max(0, at) + 30), 30)
  return new HttpError(400, `${BAD_FORM}: bad escape near "${near}".`)
}

function decodeComponent(raw: string): string {
  const spaced = raw.includes('+') ? raw.replaceAll('+', ' ') : raw
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    throw badEscape(spaced)
  }
}

/**
 * Parses an `application/x-www-form-urlencoded` body (UTF-8, `+` is a space) into a
 * `FormCollection`. A malformed `%` escape or invalid UTF-8 throws `HttpError` 400; too many
 * fields or a too-large name or value throws `HttpError` 413.
 *
 * @example
 * parseUrlEncoded('ScriptManager1=UpdatePanel1%7CButton1&TextBox1=hello+world', defaultFormLimits)
 */
export function parseUrlEncoded(body: string, limits: FormLimits): FormCollection {
  const out = new LimitedForm(limits)
  let start = 0
  while (start <= body.length) {
    let end = body.indexOf('&', start)
    if (end === -1) end = body.length
    if (end > start) {
      const part = body.slice(start, end)
      const eq = part.indexOf('=')
      // A part without '=' is a name with an empty value (`__VIEWSTATE&...` still marks a postback).
      const name = eq === -1 ? part : part.slice(0, eq)
      const value = eq === -1 ? '' : part.slice(eq + 1)
      out.add(decodeComponent(name), decodeComponent(value))
    }
    start = end + 1
  }
  return out.form
}

/**
 * Reads a request body as bytes, stopping as soon as it exceeds `maxBytes` (checked against
 * Content-Length first, then while streaming, since the header may be absent or wrong).
 */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new HttpError(413, `The request body is larger than the limit of ${maxBytes} bytes.`)
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) {
    throw tooLarge()
  }
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      // Not awaited: cancelling one branch of a tee'd body (a cloned Request) settles only
      // once the other branch is cancelled too, which may never happen.
      reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

function mediaType(contentType: string): string {
  return contentType.split(';', 1)[0]!.trim().toLowerCase()
}

/**
 * Reads the posted form of a request within `limits`: `application/x-www-form-urlencoded`
 * (decoded as UTF-8 whatever the charset parameter says) or `multipart/form-data` (a file
 * part's value is its file name). GET and HEAD give an empty collection, as does a POST with
 * no body. Another content type throws `HttpError` 415; a body over `maxBodyBytes`, too many
 * fields or a too-large field throws `HttpError` 413; malformed data throws `HttpError` 400.
 *
 * @example
 * app.post('*', async (c) => {
 *   const form = await readForm(c.req.raw, defaultFormLimits)
 *   const kind = classifyRequest(c.req.method, c.req.raw.headers, form)
 * })
 */
export async function readForm(request: Request, limits: FormLimits = defaultFormLimits): Promise<FormCollection> {
  const method = request.method.toUpperCase()
  if (method === 'GET' || method === 'HEAD') return new FormCollection()
  const contentType = request.headers.get('content-type')
  const type = contentType === null ? '' : mediaType(contentType)
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') {
    // Fail before reading: an empty body with no type is fine, anything else is not a form.
    const body = type === '' ? await readBody(request, limits.maxBodyBytes) : undefined
    if (body !== undefined && body.byteLength === 0) return new FormCollection()
    const named = contentType === null ? 'no Content-Type' : `Content-Type "${shorten(contentType, 100)}"`
    throw new HttpError(
      415,
      `The request body has ${named}; a form post must be application/x-www-form-urlencoded or multipart/form-data.`,
    )
  }
  const body = await readBody(request, limits.maxBodyBytes)
  if (type === 'application/x-www-form-urlencoded') {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    } catch {
      throw new HttpError(400, `${BAD_FORM}: it is not valid UTF-8.`)
    }
    return parseUrlEncoded(text, limits)
  }
  return parseMultipart(body, contentType!, limits)
}

async function parseMultipart(body: Uint8Array<ArrayBuffer>, contentType: string, limits: FormLimits): Promise<FormCollection> {
  let data: FormData
  try {
    // The body has already been read within the limit; let the platform parser split it.
    data = await new Response(body, { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw new HttpError(400, `${BAD_FORM}: the multipart body could not be parsed.`)
  }
  const out = new LimitedForm(limits)
  for (const [name, value] of data) {
    out.add(name, typeof value === 'string' ? value : value.name)
  }
  return out.form
}
