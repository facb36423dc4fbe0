import { classifyRequest, type RequestKind } from '../request/classify.ts'
import { defaultFormLimits, readForm } from '../request/form.ts'
import { touchesSessionCookie, type FuzzSite, type FuzzUser } from './fuzz-site.ts'
import type { Answer } from './verdict.ts'

/**
 * What came back for one request: the answer (`null` when none came in time), whether it
 * set or cleared the session cookie, and what the server logged with `console.error`.
 *
 * @example
 * const { answer, logged } = await sendCase(site, request, 'alice', 5000)
 */
export interface Sent {
  answer: (Answer & { touchesSession: boolean }) | null
  logged: string[]
}

/**
 * Sends `request` as `user` within `timeoutMs`, capturing `console.error` meanwhile (the app
 * logs there what it did not expect).
 *
 * @example
 * const { answer } = await sendCase(site, new Request('http://localhost/clock.aspx', { method: 'POST' }), 'bob', 5000)
 */
export async function sendCase(site: FuzzSite, request: Request, user: FuzzUser, timeoutMs: number): Promise<Sent> {
  const logged: string[] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '))
  try {
    const answer = await within(timeoutMs, async () => {
      const response = await site.send(request, user)
      const body = await response.text()
      const contentType = response.headers.get('content-type') ?? ''
      return { status: response.status, contentType, body, location: response.headers.get('location'), touchesSession: touchesSessionCookie(response) }
    })
    return { answer, logged }
  } finally {
    console.error = consoleError
  }
}

/**
 * How the server will classify the request, or `unreadable` when its form cannot be read.
 * Reads a clone; the request itself can still be sent.
 *
 * @example
 * const kind = await kindOf(request) // 'asyncPostback'
 */
export async function kindOf(request: Request): Promise<RequestKind | 'unreadable'> {
  try {
    return classifyRequest(request.method, request.headers, await readForm(request.clone(), defaultFormLimits))
  } catch {
    return 'unreadable'
  }
}

/**
 * The result of `work`, or `null` when it takes longer than `ms`.
 *
 * @example
 * const count = await within(5000, () => site.sessionCount('alice'))
 */
export async function within<T>(ms: number, work: () => Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
  try {
    return await Promise.race([work(), timeout])
  } finally {
    clearTimeout(timer)
  }
}
