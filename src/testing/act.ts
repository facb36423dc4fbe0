// Playwright is only a type here: this module runs in the test process, never in the server,
// and `deltaform/testing` can be imported without @playwright/test at run time.
import type { Page, Request } from '@playwright/test'
import { parseDelta } from '../protocol/delta.ts'

/**
 * Runs one user action and waits until what it started has finished: an async postback at the
 * PageRequestManager's `endRequest`, a full postback (or redirect) at the new page's `load`, a
 * client callback when its answer has been handled. An action that starts nothing returns after
 * a short quiet period.
 *
 * @example
 * await act(() => page.getByRole('button', { name: 'Refresh' }).click())
 */
export type Act = (action: () => Promise<unknown>) => Promise<void>

/**
 * Requests one run of a scenario made, counted from after its first page load.
 *
 * @example
 * const { requests, bytes, asyncPostbacks } = result.partial.stats
 */
export interface TransferStats {
  /** Every request the page made (documents, scripts, styles, XHR/fetch). */
  requests: number
  /** Bytes on the wire both ways: request and response headers and bodies (as Chromium reports them). */
  bytes: number
  /** Requests carrying `X-MicrosoftAjax: Delta=true`. */
  asyncPostbacks: number
  /** POSTs that loaded a new document. */
  fullPostbacks: number
  /** Client callbacks (`__CALLBACKID` posts). */
  callbacks: number
  /** Documents loaded in the main frame (full postbacks, redirects, links). */
  navigations: number
}

/**
 * Options of {@link act} and of the scenarios that use it.
 *
 * @example
 * await act(page, () => page.click('#Slow'), { timeout: 30_000 })
 */
export interface ActOptions {
  /** How long one action may take, in ms (default 15 000). */
  timeout?: number
  /** How long nothing must happen before an action that started nothing counts as done, in ms (default 150). */
  quiet?: number
}

interface Mark {
  requests: number
  navigations: number
  loads: number
  asyncPostbacks: number
  callbacks: number
  responses: number
  ended: number
}

interface PageCounters {
  began: number
  ended: number
  pendingCallbacks: number
}

/** Instruments a document: counts the PageRequestManager's beginRequest/endRequest. Idempotent. */
const instrument = `(() => {
  if (window.__deltaformKit) return;
  var kit = window.__deltaformKit = { began: 0, ended: 0, hooked: false };
  kit.hook = function () {
    if (kit.hooked) return;
    var S = window.Sys, P = S && S.WebForms && S.WebForms.PageRequestManager;
    if (!P || !P.getInstance) return;
    var prm = P.getInstance();
    if (!prm || !prm.add_endRequest) return;
    kit.hooked = true;
    prm.add_beginRequest(function () { kit.began++; });
    prm.add_endRequest(function () { kit.ended++; });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', kit.hook);
  else kit.hook();
})();`

/**
 * Watches one page's network: requests by kind, document loads and the responses that can set
 * the focus. One per page, kept for the page's life; {@link act} and the sessions of
 * `comparePostbacks` share it.
 *
 * @example
 * const tracker = await PageTracker.for(page)
 * const mark = await tracker.mark()
 * await page.click('#Refresh')
 * await tracker.settle(mark)
 * const { asyncPostbacks } = await tracker.stats(mark)
 */
export class PageTracker {
  readonly requests: Request[] = []
  navigations = 0
  loads = 0
  asyncPostbacks = 0
  callbacks = 0
  readonly inflight = new Set<Request>()
  /** Document and delta responses, in order: whether each one set the focus. */
  readonly responses: Array<Promise<boolean>> = []

  private constructor(readonly page: Page) {}

  static async for(page: Page): Promise<PageTracker> {
    let t = trackers.get(page)
    if (t) return t
    t = new PageTracker(page)
    trackers.set(page, t)
    const tracker = t
    page.on('request', (r) => tracker.onRequest(r))
    page.on('requestfinished', (r) => tracker.inflight.delete(r))
    page.on('requestfailed', (r) => tracker.inflight.delete(r))
    page.on('load', () => tracker.loads++)
    page.on('response', (response) => {
      const r = response.request()
      const isDocument = r.isNavigationRequest() && r.frame() === page.mainFrame()
      const isDelta = r.headers()['x-microsoftajax'] === 'Delta=true'
      if (!isDocument && !isDelta) return
      tracker.responses.push(
        response
          .text()
          .then((text) => (isDelta ? parseDelta(text).some((d) => d.type === 'focus') : /WebForm_AutoFocus\('/.test(text)))
          .catch(() => false),
      )
    })
    await page.addInitScript(instrument)
    // The document already open (if any) did not run the init script.
    await page.evaluate(instrument).catch(() => {})
    return tracker
  }

  private onRequest(r: Request): void {
    this.requests.push(r)
    if (r.isNavigationRequest()) {
      if (r.frame() !== this.page.mainFrame() || r.redirectedFrom()) return
      this.navigations++
      return
    }
    const type = r.resourceType()
    if (type !== 'xhr' && type !== 'fetch') return
    this.inflight.add(r)
    if (r.headers()['x-microsoftajax'] === 'Delta=true') this.asyncPostbacks++
    else if (r.method() === 'POST' && (r.postData() ?? '').includes('__CALLBACKID=')) this.callbacks++
  }

  async mark(): Promise<Mark> {
    const c = await this.counters()
    return {
      requests: this.requests.length,
      navigations: this.navigations,
      loads: this.loads,
      asyncPostbacks: this.asyncPostbacks,
      callbacks: this.callbacks,
      responses: this.responses.length,
      ended: c?.ended ?? 0,
    }
  }

  /** The page's PageRequestManager counters, or `null` while a navigation replaces the document. */
  async counters(): Promise<PageCounters | null> {
    try {
      return await this.page.evaluate(() => {
        const w = window as any
        const kit = w.__deltaformKit
        if (kit && kit.hook) kit.hook()
        const pending = (w.__pendingCallbacks || []) as unknown[]
        return { began: kit ? kit.began : 0, ended: kit ? kit.ended : 0, pendingCallbacks: pending.filter(Boolean).length }
      })
    } catch {
      return null
    }
  }

  /** Waits until what started after `mark` has finished (see {@link Act}). */
  async settle(mark: Mark, options: ActOptions = {}): Promise<void> {
    const timeout = options.timeout ?? 15_000
    const quiet = options.quiet ?? 150
    const deadline = Date.now() + timeout
    let quietSince = Date.now()
    for (;;) {
      if (Date.now() > deadline) {
        throw new Error(
          `act: the action had not finished after ${timeout} ms (navigations ${this.navigations - mark.navigations}, ` +
            `loads ${this.loads - mark.loads}, async postbacks ${this.asyncPostbacks - mark.asyncPostbacks}, requests in flight ${this.inflight.size}).`,
        )
      }
      if (this.navigations > mark.navigations) {
        // A new document: done at its load event, once nothing it started is in flight.
        if (this.loads > mark.loads && this.inflight.size === 0) {
          const c = await this.counters()
          if (c && c.began === c.ended && c.pendingCallbacks === 0) return
        }
        quietSince = Date.now()
      } else if (this.inflight.size > 0) {
        quietSince = Date.now()
      } else {
        const c = await this.counters()
        if (c === null) quietSince = Date.now()
        else if (c.began > c.ended || c.pendingCallbacks > 0) quietSince = Date.now()
        else if (this.asyncPostbacks > mark.asyncPostbacks && c.ended > mark.ended) return
        else if (this.callbacks > mark.callbacks) return
        else if (Date.now() - quietSince >= quiet) return
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  /** Whether the last document or delta response after `mark` set the focus (`null`: none arrived). */
  async lastResponseSetFocus(mark: Mark): Promise<boolean | null> {
    if (this.responses.length <= mark.responses) return null
    return this.responses[this.responses.length - 1]!
  }

  /** Requests and bytes since `mark`. */
  async stats(mark: Mark): Promise<TransferStats> {
    const requests = this.requests.slice(mark.requests)
    const sizes = await Promise.all(
      requests.map((r) =>
        Promise.race([
          r.sizes().then((s) => s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize),
          new Promise<number>((resolve) => setTimeout(() => resolve(0), 2000)),
        ]).catch(() => 0),
      ),
    )
    return {
      requests: requests.length,
      bytes: sizes.reduce((a, b) => a + Math.max(0, b), 0),
      asyncPostbacks: this.asyncPostbacks - mark.asyncPostbacks,
      fullPostbacks: requests.filter((r) => r.isNavigationRequest() && r.method() === 'POST' && !r.redirectedFrom()).length,
      callbacks: this.callbacks - mark.callbacks,
      navigations: this.navigations - mark.navigations,
    }
  }
}

const trackers = new WeakMap<Page, PageTracker>()

/**
 * Runs `action` on `page` and waits until the postback, redirect or callback it started has
 * finished (see {@link Act}). Works with Deltaform's client and with the original ASP.NET AJAX
 * scripts, on pages with or without a ScriptManager.
 *
 * @example
 * await act(page, () => page.getByRole('button', { name: 'Get Server Time' }).click())
 * await expect(page.locator('#Asked')).toHaveText('1')
 */
export async function act(page: Page, action: () => Promise<unknown>, options: ActOptions = {}): Promise<void> {
  const tracker = await PageTracker.for(page)
  const mark = await tracker.mark()
  await action()
  await tracker.settle(mark, options)
}
