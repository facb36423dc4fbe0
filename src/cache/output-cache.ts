import { createHash } from 'node:crypto'
import { fillSubstitutions, substitutionMethods } from '../render/substitution-marker.ts'
import { cacheHeaders, etagMatches } from './cache-headers.ts'
import { storesOnServer, type CacheProfile } from './cache-profile.ts'
import type { CacheStore } from './store.ts'

/** A page answer as the output cache sees it. */
export interface PageAnswer {
  status: number
  headers: Headers
  body: string
  /** Tags the page added while it ran (`this.response.cacheTags`). */
  tags?: string[]
  /** A failure answered with 200 (an async postback's `error` record): never kept for duplicates. */
  failed?: boolean
}

/** What the output cache keeps of a page. */
interface CachedPage {
  body: string
  contentType: string
  etag: string
  hasSubstitutions: boolean
  profile: string
}

/** The tag every copy made under a "check for changes" profile carries. */
export const contentVersionTag = 'deltaform:content'

/** Hits, misses and renders since start (one process). */
export interface OutputCacheStats {
  hits: number
  misses: number
  /** Pages rendered for a miss (concurrent misses of one key render once). */
  renders: number
  stored: number
  notModified: number
  /** Store errors (Redis unreachable…) answered by rendering instead. */
  storeErrors: number
}

/** How one request is answered, for logs and tests. */
export type CacheOutcome = 'hit' | 'miss' | 'shared' | 'uncached'

/**
 * The output cache: answers GET/HEAD page requests from stored copies, renders once for
 * concurrent misses of one key, stores 200 answers without Set-Cookie, and writes the
 * client caching headers, ETag and 304. Postbacks never come here (the app only asks for
 * GET/HEAD), so a postback can never be answered with a stored page.
 *
 * @example
 * const cache = new OutputCache(new MemoryStore())
 * const { answer } = await cache.serve(key, profile, request.headers, () => renderPage(), fill)
 */
export class OutputCache {
  readonly counts: OutputCacheStats = { hits: 0, misses: 0, renders: 0, stored: 0, notModified: 0, storeErrors: 0 }
  private readonly inFlight = new Map<string, Promise<{ answer: PageAnswer; cached: CachedPage | null; storedAt: number }>>()
  private readonly now: () => number

  constructor(
    readonly store: CacheStore,
    private readonly options: { debugInformation?: boolean; now?: () => number; onStoreError?: (error: unknown) => void } = {},
  ) {
    this.now = options.now ?? Date.now
  }

  /**
   * Answers a page request under a profile. `render` runs the page; `fill` gives a
   * substitution method's output for this request.
   */
  async serve(
    key: string,
    profile: CacheProfile,
    requestHeaders: { get(name: string): string | null },
    render: () => Promise<PageAnswer>,
    fill: (method: string) => Promise<string>,
  ): Promise<{ answer: PageAnswer; outcome: CacheOutcome }> {
    const ttlMs = profile.duration * 1000
    if (!storesOnServer(profile.cacheability)) {
      const answer = await render()
      if (answer.status !== 200) return { answer, outcome: 'uncached' }
      const now = this.now()
      return { answer: this.finish(answer, answer.body, profile, now, now + ttlMs, requestHeaders, etagOf(answer.body)), outcome: 'uncached' }
    }
    const stored = await this.read(key)
    if (stored) {
      this.counts.hits++
      const page = stored.value as CachedPage
      return { answer: await this.fromCopy(page, stored.storedAt, stored.expiresAt ?? stored.storedAt + ttlMs, profile, requestHeaders, fill), outcome: 'hit' }
    }
    this.counts.misses++
    const running = this.inFlight.get(key)
    if (running) {
      const { cached, storedAt } = await running
      if (cached) return { answer: await this.fromCopy(cached, storedAt, storedAt + ttlMs, profile, requestHeaders, fill), outcome: 'shared' }
      return { answer: await render(), outcome: 'uncached' }
    }
    const work = this.renderAndStore(key, profile, render)
    this.inFlight.set(key, work)
    try {
      const { answer, cached, storedAt } = await work
      if (!cached) return { answer, outcome: 'uncached' }
      const finished = this.finish(answer, cached.body, profile, storedAt, storedAt + ttlMs, requestHeaders, cached.hasSubstitutions ? etagOf(answer.body) : cached.etag)
      return { answer: finished, outcome: 'miss' }
    } finally {
      this.inFlight.delete(key)
    }
  }

  /** Clears every copy made under a "check for changes" profile. */
  contentChanged(): Promise<void> {
    return this.store.invalidateTag(contentVersionTag)
  }

  private async read(key: string) {
    try {
      return await this.store.get(key)
    } catch (error) {
      this.storeError(error)
      return undefined
    }
  }

  private async renderAndStore(key: string, profile: CacheProfile, render: () => Promise<PageAnswer>) {
    this.counts.renders++
    const answer = await render()
    const storedAt = this.now()
    if (answer.status !== 200 || answer.headers.has('Set-Cookie') || /no-store/i.test(answer.headers.get('Cache-Control') ?? '')) {
      return { answer, cached: null, storedAt }
    }
    let body = answer.body
    if (this.options.debugInformation) body += debugComment(profile, storedAt, storedAt + profile.duration * 1000)
    const cached: CachedPage = {
      body,
      contentType: answer.headers.get('Content-Type') ?? 'text/html; charset=utf-8',
      etag: etagOf(body),
      hasSubstitutions: substitutionMethods(body).length > 0,
      profile: profile.title ?? '',
    }
    const tags = [...(profile.tags ?? []), ...(answer.tags ?? [])]
    if (profile.checkForChanges) tags.push(contentVersionTag)
    try {
      await this.store.set(key, { value: cached, tags: [...new Set(tags)], storedAt, expiresAt: storedAt + profile.duration * 1000 })
      this.counts.stored++
    } catch (error) {
      this.storeError(error)
    }
    return { answer: { ...answer, body }, cached, storedAt }
  }

  private async fromCopy(
    page: CachedPage,
    storedAt: number,
    expiresAt: number,
    profile: CacheProfile,
    requestHeaders: { get(name: string): string | null },
    fill: (method: string) => Promise<string>,
  ): Promise<PageAnswer> {
    const body = page.hasSubstitutions ? await fillSubstitutions(page.body, fill) : page.body
    const answer: PageAnswer = { status: 200, headers: new Headers({ 'Content-Type': page.contentType }), body }
    return this.finish(answer, body, profile, storedAt, expiresAt, requestHeaders, page.hasSubstitutions ? etagOf(body) : page.etag)
  }

  private finish(
    answer: PageAnswer,
    body: string,
    profile: CacheProfile,
    storedAt: number,
    expiresAt: number,
    requestHeaders: { get(name: string): string | null },
    etag: string,
  ): PageAnswer {
    const headers = new Headers(answer.headers)
    const pageChoseCaching = headers.has('Cache-Control')
    for (const [name, value] of Object.entries(cacheHeaders(profile, storedAt, expiresAt, this.now()))) {
      if (!pageChoseCaching || (name !== 'Cache-Control' && name !== 'Expires' && name !== 'Pragma')) headers.set(name, value)
    }
    headers.set('ETag', etag)
    if (etagMatches(requestHeaders.get('If-None-Match'), etag)) {
      this.counts.notModified++
      headers.delete('Content-Type')
      return { status: 304, headers, body: '' }
    }
    return { status: 200, headers, body }
  }

  private storeError(error: unknown): void {
    this.counts.storeErrors++
    this.options.onStoreError?.(error)
  }
}

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

function debugComment(profile: CacheProfile, storedAt: number, expiresAt: number): string {
  const name = (profile.title ?? 'page').replace(/--/g, '- -')
  return `\n<!-- deltaform output cache: profile "${name}", ${profile.cacheability}, stored ${new Date(storedAt).toISOString()}, expires ${new Date(expiresAt).toISOString()} -->\n`
}
