import type { FuzzSite } from './fuzz-site.ts'
import type { Seed } from './seeds.ts'

/**
 * The page view each seed's state comes from. A browser posts each page view once and takes
 * the new state from the answer; the site refuses a form posted again after newer postbacks
 * of its view (409, the replay guard), one step behind still accepted. So a seed's hidden
 * fields are reloaded from a new GET of its page once two posts may have moved its view on
 * (see `note`), or when the site calls a post superseded (`reload`). The copy replaced is
 * kept for `stale` cases: the back button's form, which the site must refuse (unless the
 * session has forgotten that view by then).
 *
 * @example
 * const views = new PageViews(site, seeds)
 * const current = await views.current([c.seed]) // seeds with current hidden fields
 * views.note([c.seed], true)
 */
export class PageViews {
  readonly #views = new Map<number, { seed: Seed; moves: number }>()
  readonly #superseded = new Map<number, Seed>()

  constructor(
    private readonly site: FuzzSite,
    private readonly seeds: Seed[],
  ) {}

  /**
   * The seeds, those at `used` with the hidden fields of a current page view of theirs — or,
   * when `stale`, of the last view replaced (the captured one when none was replaced yet).
   *
   * @example
   * const seeds = await views.current([3, 17])
   */
  async current(used: number[], stale = false): Promise<Seed[]> {
    const out = [...this.seeds]
    for (const index of new Set(used)) {
      if (stale) {
        out[index] = this.#superseded.get(index) ?? this.seeds[index]!
        continue
      }
      let view = this.#views.get(index)
      if (!view || view.moves >= 2) {
        if (view) this.#superseded.set(index, view.seed)
        this.#views.set(index, (view = { seed: await this.#load(this.seeds[index]!), moves: 0 }))
      }
      out[index] = view.seed
    }
    return out
  }

  /**
   * Records that a post of the views at `used` may have moved them on.
   *
   * @example
   * views.note([c.seed], result.outcome === 'accepted')
   */
  note(used: number[], moved: boolean): void {
    if (!moved) return
    for (const index of new Set(used)) {
      const view = this.#views.get(index)
      if (view) view.moves++
    }
  }

  /**
   * Retires the views at `used`: the next `current` loads new ones.
   *
   * @example
   * if (result.status === 409) views.reload([c.seed])
   */
  reload(used: number[]): void {
    for (const index of used) {
      const view = this.#views.get(index)
      if (view) view.moves = Number.POSITIVE_INFINITY
    }
  }

  async #load(seed: Seed): Promise<Seed> {
    const response = await this.site.send(new Request(this.site.origin + seed.route), seed.user)
    const hidden = hiddenFields(await response.text())
    return { ...seed, fields: seed.fields.map(([name, value]) => [name, hidden.get(name) ?? value]) }
  }
}

/**
 * The hidden inputs of a page (name → value), attribute entities decoded.
 *
 * @example
 * hiddenFields('<input type="hidden" name="__VIEWSTATE" value="AQB" />').get('__VIEWSTATE') // 'AQB'
 */
export function hiddenFields(html: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/\btype="hidden"/i.test(tag)) continue
    const name = /\bname="([^"]*)"/.exec(tag)?.[1]
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? ''
    if (name !== undefined) fields.set(decode(name), decode(value))
  }
  return fields
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!)
}
