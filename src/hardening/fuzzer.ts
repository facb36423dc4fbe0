import type { Arbitrary } from 'fast-check'
import type { RequestKind } from '../request/classify.ts'
import { caseArbitrary, type FuzzCase } from './fuzz-case.ts'
import { FuzzSite, fuzzUsers, type FuzzUser } from './fuzz-site.ts'
import { materialize } from './materialize.ts'
import { PageViews } from './page-views.ts'
import { captureSeeds, type Seed } from './seeds.ts'
import { kindOf, sendCase, within } from './send-case.ts'
import { judge, type Verdict } from './verdict.ts'

/**
 * The verdict on one case, with what the server took the request for and who sent it.
 *
 * @example
 * const result: CaseResult = await fuzzer.run(c)
 * tally.add(result)
 */
export interface CaseResult extends Verdict {
  kind: RequestKind | 'unreadable'
  route: string
  sender: FuzzUser
}

/** Errors the samples raise on purpose (callback-time's "Cause a server error" button). */
const intentionalErrors = ['The time service is down.']
/** The only sample page whose code writes the session. */
const sessionWriter = '/session-counter.aspx'

/**
 * Runs fuzz cases against the sample site one at a time and judges each answer (see
 * `judge`), adding the session property: a refused request leaves the session cookie alone,
 * and after a request to the session-counter sample (the one page whose code writes the
 * session) the other user's count is unchanged, and so is the sender's when it was refused.
 *
 * @example
 * const fuzzer = await Fuzzer.create()
 * await fc.assert(fc.asyncProperty(fuzzer.cases, async (c) => (await fuzzer.run(c)).problems.length === 0), { seed: 1, numRuns: 200 })
 */
export class Fuzzer {
  readonly cases: Arbitrary<FuzzCase>
  readonly #counts = new Map<FuzzUser, number>()
  readonly #views: PageViews

  private constructor(
    readonly site: FuzzSite,
    readonly seeds: Seed[],
    readonly timeoutMs: number,
  ) {
    this.cases = caseArbitrary(seeds)
    this.#views = new PageViews(site, seeds)
  }

  /**
   * Starts the site, captures the seeds and reads each user's session count.
   *
   * @example
   * const fuzzer = await Fuzzer.create({ timeoutMs: 5000 })
   */
  static async create(options: { timeoutMs?: number } = {}): Promise<Fuzzer> {
    const site = new FuzzSite()
    const fuzzer = new Fuzzer(site, await captureSeeds(site), options.timeoutMs ?? 5000)
    for (const user of fuzzUsers) fuzzer.#counts.set(user, await site.sessionCount(user))
    return fuzzer
  }

  /**
   * Sends one case (within the time limit) and judges it. The seed's state comes from a
   * page view that has not been superseded (see `PageViews`) unless the case is `stale`; if
   * the site still calls it superseded, the case is sent once more from a new page view.
   *
   * @example
   * const { outcome, problems } = await fuzzer.run({ seed: 0, edits: [{ op: 'truncate', field: '__VIEWSTATE', at: 0.5 }] })
   */
  async run(c: FuzzCase): Promise<CaseResult> {
    const used = [c.seed, ...c.edits.flatMap((edit) => (edit.op === 'stateFrom' ? [edit.seed] : []))]
    if (c.stale) return this.#attempt(c, await this.#views.current(used, true))
    const first = await this.#attempt(c, await this.#views.current(used))
    this.#views.note(used, mayAdvance(first))
    if (!isSuperseded(first)) return first
    this.#views.reload(used)
    const again = await this.#attempt(c, await this.#views.current(used))
    this.#views.note(used, mayAdvance(again))
    if (isSuperseded(again)) again.problems.push('a post from a new page view was refused as superseded')
    return { ...again, outcome: again.problems.length > 0 ? 'violation' : again.outcome }
  }

  async #attempt(c: FuzzCase, seeds: Seed[]): Promise<CaseResult> {
    const { request, sender, route, fields } = await materialize(c, seeds, this.site.origin)
    const kind = await kindOf(request)
    const { answer, logged } = await sendCase(this.site, request, sender, this.timeoutMs)
    const named = fields.filter(([name]) => name === '__EVENTTARGET' || name === '__CALLBACKID').map(([, value]) => value)
    const verdict = judge(kind, answer, [...fields.map(([name]) => name), ...named])
    const problems = [...verdict.problems]
    for (const text of logged) {
      if (!intentionalErrors.some((e) => text.includes(e))) problems.push(`the server logged an error: ${text.slice(0, 200)}`)
    }
    const refused = verdict.outcome === 'refused' || verdict.outcome === 'violation'
    // A callback's error answer comes after the postback events ran (as in ASP.NET, where
    // Page.ProcessRequestMain raises them before PrepareCallback): a click posted with it may
    // have done its work. Every other refusal must come before any user code.
    const refusedEarly = refused && !(kind === 'callback' && answer?.status === 200)
    if (refusedEarly && answer?.touchesSession) problems.push('a refused request set or cleared the session cookie')
    // Only the session writer's code changes a session: reading both users' counts after
    // every other request would double the run time and could only find what this finds.
    if (route.toLowerCase() === sessionWriter) problems.push(...(await this.#checkSessions(sender, refusedEarly)))
    const outcome = problems.length > 0 ? 'violation' : verdict.outcome
    return { ...verdict, outcome, problems, kind, route, sender }
  }

  /** Reads both users' counts; a user's count may only change when it was the sender's and `frozen` is false. */
  async #checkSessions(sender: FuzzUser, frozen: boolean): Promise<string[]> {
    const problems: string[] = []
    for (const user of fuzzUsers) {
      const after = await within(this.timeoutMs, () => this.site.sessionCount(user))
      const before = this.#counts.get(user)!
      if (after === null) problems.push(`the session of ${user} could not be read in time`)
      else if (Number.isNaN(after)) problems.push(`the session-counter page shows no count for ${user}`)
      else {
        if (after !== before && (frozen || user !== sender)) problems.push(`the session count of ${user} changed from ${before} to ${after}`)
        this.#counts.set(user, after)
      }
    }
    return problems
  }
}

/** Whether the site refused the post as a superseded copy of its page view (replay guard). */
function isSuperseded(result: CaseResult): boolean {
  return result.status === 409 || (result.outcome === 'refused' && /superseded/.test(result.reason))
}

/**
 * Whether the post may have moved its page view on: it was done, or an async postback was
 * refused after its state was read (that answer is a 200 and the session is saved). Other
 * refusals come before the view moves or are not saved; callbacks never move it.
 */
function mayAdvance(result: CaseResult): boolean {
  if (result.kind !== 'postback' && result.kind !== 'asyncPostback') return false
  if (result.outcome === 'accepted' || result.outcome === 'redirect') return true
  return result.status === 200 && !/__VIEWSTATE|__EVENTVALIDATION|superseded/.test(result.reason)
}
