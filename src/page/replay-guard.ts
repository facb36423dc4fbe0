import { randomBytes } from 'node:crypto'
import { HttpError } from '../errors.ts'
import type { Session } from '../session/session.ts'

/** `[page instance, sequence]` in view state: which rendering of which page view it came from. */
export type StateSequence = [string, number]

const SESSION_KEY = '__deltaform.views'
/** Page views remembered per session (the oldest is forgotten first). */
const MAX_VIEWS = 32

/**
 * Refuses superseded postbacks (a form posted again after newer postbacks of the same page
 * view, e.g. through the back button) for users with a session. Each page view gets an
 * instance id on its first render and a sequence number that every postback advances; the
 * session remembers the latest number per view. A post one step behind is still accepted —
 * the client may have aborted a request whose answer it never saw (last-wins) — anything
 * older is 409. Pages that need back-button replays opt out (`AllowStateReplay="true"`).
 *
 * @example
 * const next = checkSequence(posted.q, session) // throws HttpError 409 when superseded
 * state.q = next
 */
export function checkSequence(posted: StateSequence | undefined, session: Session | null, isPostBack: boolean): StateSequence | undefined {
  if (!session) return posted && isPostBack ? [posted[0], posted[1] + 1] : posted
  if (!isPostBack || !isSequence(posted)) {
    const fresh: StateSequence = [randomBytes(8).toString('base64url'), 0]
    remember(session, fresh)
    return fresh
  }
  const [view, sequence] = posted
  const views = session.get<Record<string, number>>(SESSION_KEY) ?? {}
  const latest = views[view]
  if (latest !== undefined && sequence < latest - 1) {
    throw new HttpError(
      409,
      `This form was superseded: the page was posted back ${latest - sequence} times since this copy was made (the back button?). Reload the page and try again.`,
    )
  }
  const next: StateSequence = [view, Math.max(sequence, latest ?? sequence) + 1]
  remember(session, next)
  return next
}

function remember(session: Session, [view, sequence]: StateSequence): void {
  const views = { ...(session.get<Record<string, number>>(SESSION_KEY) ?? {}) }
  delete views[view]
  views[view] = sequence
  const names = Object.keys(views)
  for (const name of names.slice(0, Math.max(0, names.length - MAX_VIEWS))) delete views[name]
  session.set(SESSION_KEY, views)
}

function isSequence(value: unknown): value is StateSequence {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && value[0].length <= 32 && Number.isSafeInteger(value[1]) && value[1] >= 0
}
