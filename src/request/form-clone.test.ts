import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { readForm } from './form.ts'

describe('readForm on a cloned request', () => {
  it('refuses an oversize body of a clone without waiting for the other branch', async () => {
    const limits = { maxBodyBytes: 1024, maxFields: 10, maxFieldBytes: 1024 }
    const request = new Request('http://localhost/a.aspx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode('a=' + 'y'.repeat(64 * 1024)),
    })
    // A clone tees the body: cancelling one branch settles only when the other is cancelled.
    const error = await readForm(request.clone(), limits).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(413)
    await expect(readForm(request, limits)).rejects.toThrow(/larger than the limit/)
  })
})
