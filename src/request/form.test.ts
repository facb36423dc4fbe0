import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { catchHttpError } from '../testing/catch-http-error.ts'
import { defaultFormLimits, FormCollection, parseUrlEncoded, readForm, type FormLimits } from './form.ts'

const limits: FormLimits = { maxBodyBytes: 1000, maxFields: 10, maxFieldBytes: 100 }

async function rejected(promise: Promise<unknown>): Promise<HttpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(HttpError)
  return err as HttpError
}

const urlencoded = 'application/x-www-form-urlencoded; charset=utf-8'

function post(body: BodyInit, contentType: string | null = urlencoded, headers: Record<string, string> = {}): Request {
  const h = new Headers(headers)
  if (contentType !== null) h.set('content-type', contentType)
  return new Request('http://localhost/page.aspx', { method: 'POST', body, headers: h })
}

/** A body streamed in chunks, with no Content-Length. */
function streamed(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let i = 0
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]))
      else controller.close()
    },
  })
}

function streamingPost(chunks: string[], headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/page.aspx', {
    method: 'POST',
    body: streamed(chunks),
    headers: { 'content-type': urlencoded, ...headers },
    duplex: 'half',
  } as RequestInit)
}

describe('FormCollection', () => {
  it('keeps duplicates in order and distinct keys in first-appearance order', () => {
    const form = new FormCollection([['b', '1'], ['a', '2'], ['b', '3']])
    expect(form.get('b')).toBe('1')
    expect(form.getAll('b')).toEqual(['1', '3'])
    expect(form.getAll('missing')).toEqual([])
    expect(form.get('missing')).toBeUndefined()
    expect(form.has('a')).toBe(true)
    expect(form.keys()).toEqual(['b', 'a'])
    expect(form.entries()).toEqual([['b', '1'], ['a', '2'], ['b', '3']])
    expect(form.size).toBe(3)
    form.getAll('b').push('mutated')
    expect(form.getAll('b')).toEqual(['1', '3'])
  })
})

describe('parseUrlEncoded', () => {
  it('decodes +, percent escapes, emoji and the PRM first field', () => {
    const form = parseUrlEncoded(
      'ScriptManager1=UpdatePanel1%7CButton1&TextBox1=hello+world%21&Emoji=%F0%9F%98%80+%C3%A9&raw=é&%24name=a%2Bb',
      defaultFormLimits,
    )
    expect(form.get('ScriptManager1')).toBe('UpdatePanel1|Button1')
    expect(form.get('TextBox1')).toBe('hello world!')
    expect(form.get('Emoji')).toBe('😀 é')
    expect(form.get('raw')).toBe('é')
    expect(form.get('$name')).toBe('a+b')
  })

  it('keeps duplicate names (ListBox, CheckBoxList) and handles empty and valueless parts', () => {
    const form = parseUrlEncoded('ListBox1=a&x=&ListBox1=b&&__VIEWSTATE&ListBox1=c&', defaultFormLimits)
    expect(form.getAll('ListBox1')).toEqual(['a', 'b', 'c'])
    expect(form.get('x')).toBe('')
    expect(form.has('__VIEWSTATE')).toBe(true)
    expect(form.get('__VIEWSTATE')).toBe('')
    expect(form.keys()).toEqual(['ListBox1', 'x', '__VIEWSTATE'])
    expect(parseUrlEncoded('', defaultFormLimits).size).toBe(0)
    expect(parseUrlEncoded('a=b=c', defaultFormLimits).get('a')).toBe('b=c')
  })

  it('rejects a malformed escape with 400 pointing near it', () => {
    const err = catchHttpError(() => parseUrlEncoded('ok=1&TextBox1=100%+sure', defaultFormLimits))
    expect(err.status).toBe(400)
    expect(err.message).toBe('The request body is not valid form data: bad escape near "% sure".')
    const short = catchHttpError(() => parseUrlEncoded('a=%4', defaultFormLimits))
    expect(short.message).toMatch(/bad escape near "%4"/)
  })

  it('rejects percent-encoded bytes that are not UTF-8 with 400', () => {
    const err = catchHttpError(() => parseUrlEncoded('name=caf%E9%20latte', defaultFormLimits))
    expect(err.status).toBe(400)
    expect(err.message).toBe('The request body is not valid form data: bad escape near "%E9%20latte".')
  })

  it('rejects too many fields with 413', () => {
    const body = Array.from({ length: 11 }, (_, i) => `f${i}=1`).join('&')
    const err = catchHttpError(() => parseUrlEncoded(body, limits))
    expect(err.status).toBe(413)
    expect(err.message).toBe('The form has more than 10 fields.')
    expect(parseUrlEncoded(body.split('&').slice(0, 10).join('&'), limits).size).toBe(10)
  })

  it('rejects an oversize value or name with 413 naming the field (name cut to 60 chars)', () => {
    const value = catchHttpError(() => parseUrlEncoded(`TextBox1=${'x'.repeat(101)}`, limits))
    expect(value.status).toBe(413)
    expect(value.message).toBe('The form field "TextBox1" is larger than the limit of 100 bytes.')
    // 34 emoji = 68 UTF-16 units but 136 UTF-8 bytes
    const emoji = catchHttpError(() => parseUrlEncoded(`E=${'%F0%9F%98%80'.repeat(34)}`, limits))
    expect(emoji.status).toBe(413)
    expect(parseUrlEncoded(`E=${'%F0%9F%98%80'.repeat(25)}`, limits).get('E')).toBe('😀'.repeat(25))
    const longName = 'n'.repeat(150)
    const name = catchHttpError(() => parseUrlEncoded(`${longName}=1`, limits))
    expect(name.status).toBe(413)
    expect(name.message).toBe(`The name of the form field "${'n'.repeat(60)}…" is larger than the limit of 100 bytes.`)
  })
})

describe('readForm', () => {
  it('reads an urlencoded post whatever the charset parameter', async () => {
    const form = await readForm(post('a=1&b=%7C&a=2', 'application/x-www-form-urlencoded; charset=ISO-8859-1'), limits)
    expect(form.getAll('a')).toEqual(['1', '2'])
    expect(form.get('b')).toBe('|')
  })

  it('reads a streamed body without Content-Length', async () => {
    const form = await readForm(streamingPost(['__VIEWSTATE=abc&Te', 'xtBox1=hi+', 'there']), limits)
    expect(form.get('TextBox1')).toBe('hi there')
    expect(form.get('__VIEWSTATE')).toBe('abc')
  })

  it('rejects a body over the limit by Content-Length, before reading', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(100))
      },
    })
    const request = new Request('http://localhost/', {
      method: 'POST',
      body,
      headers: { 'content-type': urlencoded, 'content-length': '5000' },
      duplex: 'half',
    } as RequestInit)
    const err = await rejected(readForm(request, limits))
    expect(err.status).toBe(413)
    expect(err.message).toBe('The request body is larger than the limit of 1000 bytes.')
    expect(pulled).toBeLessThanOrEqual(1)
  })

  it('rejects a streamed body over the limit without Content-Length, and stops reading', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new TextEncoder().encode('a=' + 'x'.repeat(298) + '&'))
      },
    })
    const request = new Request('http://localhost/', {
      method: 'POST',
      body,
      headers: { 'content-type': urlencoded },
      duplex: 'half',
    } as RequestInit)
    const err = await rejected(readForm(request, limits))
    expect(err.status).toBe(413)
    expect(err.message).toBe('The request body is larger than the limit of 1000 bytes.')
    expect(pulled).toBeLessThan(10) // an endless body was abandoned
  })

  it('rejects a body whose Content-Length lies (smaller than what is streamed)', async () => {
    const request = streamingPost(['a=' + 'x'.repeat(600), 'y'.repeat(600)], { 'content-length': '10' })
    expect(request.headers.get('content-length')).toBe('10')
    const err = await rejected(readForm(request, limits))
    expect(err.status).toBe(413)
  })

  it('rejects a plain body over the limit', async () => {
    const err = await rejected(readForm(post('a=' + 'x'.repeat(2000)), limits))
    expect(err.status).toBe(413)
  })

  it('rejects raw bytes that are not UTF-8 with 400', async () => {
    const err = await rejected(readForm(post(new Uint8Array([0x61, 0x3d, 0xff])), limits))
    expect(err.status).toBe(400)
  })

  it('reads multipart/form-data, keeping the file name of a file part', async () => {
    const data = new FormData()
    data.append('__VIEWSTATE', 'vs')
    data.append('Name', 'Zoë 😀')
    data.append('Upload', new File(['hello'], 'notes.txt', { type: 'text/plain' }))
    data.append('Name', 'second')
    const request = new Request('http://localhost/', { method: 'POST', body: data })
    const form = await readForm(request, limits)
    expect(form.entries()).toEqual([
      ['__VIEWSTATE', 'vs'],
      ['Name', 'Zoë 😀'],
      ['Upload', 'notes.txt'],
      ['Name', 'second'],
    ])
  })

  it('applies limits to multipart bodies too', async () => {
    const big = new FormData()
    big.append('Upload', new File(['x'.repeat(5000)], 'big.bin'))
    expect((await rejected(readForm(new Request('http://localhost/', { method: 'POST', body: big }), limits))).status).toBe(413)

    const many = new FormData()
    for (let i = 0; i < 11; i++) many.append(`f${i}`, '1')
    const err = await rejected(readForm(new Request('http://localhost/', { method: 'POST', body: many }), limits))
    expect(err.status).toBe(413)
    expect(err.message).toBe('The form has more than 10 fields.')
  })

  it('rejects a broken multipart body with 400', async () => {
    const err = await rejected(readForm(post('not multipart at all', 'multipart/form-data; boundary=xyz'), limits))
    expect(err.status).toBe(400)
  })

  it('rejects other content types with 415 naming the type', async () => {
    const err = await rejected(readForm(post('{"a":1}', 'application/json'), limits))
    expect(err.status).toBe(415)
    expect(err.message).toContain('"application/json"')
    const untyped = await rejected(readForm(post(new TextEncoder().encode('a=1'), null), limits))
    expect(untyped.status).toBe(415)
    expect(untyped.message).toContain('no Content-Type')
  })

  it('gives an empty form for GET and for a POST with no body', async () => {
    expect((await readForm(new Request('http://localhost/?a=1'), limits)).size).toBe(0)
    expect((await readForm(new Request('http://localhost/', { method: 'POST' }), limits)).size).toBe(0)
    expect((await readForm(post(''), limits)).size).toBe(0)
  })
})
