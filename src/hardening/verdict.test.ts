import { describe, expect, it } from 'vitest'
import { judge, reasonOf, type Answer } from './verdict.ts'

const page = (status: number, message: string): Answer => ({
  status,
  contentType: 'text/html; charset=utf-8',
  body: `<!DOCTYPE html><html><body><h1>Bad request (${status})</h1><p class="message">${message}</p></body></html>`,
  location: null,
})
const plain = (body: string): Answer => ({ status: 200, contentType: 'text/plain; charset=utf-8', body, location: null })

describe('judge', () => {
  it('accepts pages, deltas, callback answers and redirects', () => {
    expect(judge('postback', page(200, ''), []).outcome).toBe('accepted')
    expect(judge('asyncPostback', plain('1|#||4|'), []).outcome).toBe('accepted')
    expect(judge('callback', plain('0|done'), []).outcome).toBe('accepted')
    expect(judge('postback', { status: 302, contentType: 'text/html', body: '', location: '/a.aspx' }, []).outcome).toBe('redirect')
    expect(judge('asyncPostback', plain('9|pageRedirect||%2fa.aspx|'), []).outcome).toBe('redirect')
  })

  it('counts a 4xx, an error record or a callback error that names its problem as refused', () => {
    expect(judge('postback', page(400, 'The __VIEWSTATE field is malformed.'), [])).toMatchObject({ outcome: 'refused', reason: 'The __VIEWSTATE field is malformed.' })
    expect(judge('asyncPostback', plain('29|error|400|The __VIEWSTATE field is bad.|'), []).outcome).toBe('refused')
    expect(judge('callback', plain("eNo row for &#39;Grid1&#39;."), ['Grid1']).outcome).toBe('refused')
  })

  it('finds 5xx, silence, stack traces, nameless refusals and broken answers', () => {
    const problem = (verdict: ReturnType<typeof judge>) => [verdict.outcome, verdict.problems[0]]
    expect(problem(judge('postback', page(500, 'An error occurred while processing your request.'), []))).toEqual(['violation', expect.stringMatching(/^answered 500/)])
    expect(problem(judge('postback', null, []))).toEqual(['violation', 'no answer in time'])
    expect(problem(judge('postback', page(400, 'TypeError: x is undefined\n    at run (/app/src/page.ts:3:1)'), []))).toEqual(['violation', expect.stringMatching(/stack trace/)])
    expect(problem(judge('postback', page(400, 'Something went wrong.'), []))).toEqual(['violation', expect.stringMatching(/names no field/)])
    expect(problem(judge('postback', page(400, ''), []))).toEqual(['violation', 'the refusal has an empty message'])
    expect(problem(judge('asyncPostback', plain('5|error|500|Boom!|'), []))).toEqual(['violation', expect.stringMatching(/error 500/)])
    expect(problem(judge('asyncPostback', plain('<html>'), []))).toEqual(['violation', expect.stringMatching(/not a delta/)])
    expect(problem(judge('callback', plain('?'), []))).toEqual(['violation', expect.stringMatching(/neither/)])
  })
})

describe('reasonOf', () => {
  it('cuts out quoted names and numbers', () => {
    expect(reasonOf(`The form field "Step" is larger than the limit of 1048576 bytes.`)).toBe('The form field "…" is larger than the limit of N bytes.')
    expect(reasonOf("the page never rendered the value 'a'b' for 'Plan'.")).toBe("the page never rendered the value '…' for '…'.")
  })
})
