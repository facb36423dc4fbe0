import { Control } from './control.ts'
import { declareMarkupProperties } from './properties.ts'
import { HtmlWriter } from '../render/html-writer.ts'
import { splitList } from '../cache/cache-profile.ts'

/** What a cached region keeps: its HTML and the postback targets it rendered. */
interface CachedFragment {
  html: string
  events: Array<[string, string]>
}


/**
 * Fragment caching (ASP.NET's cached user control): the region's rendered HTML is kept in the
 * app's object cache for `Duration` seconds per `VaryByParam` (query or posted fields) and
 * `VaryByControl` (the posted values of the named controls). On a hit the region's children
 * are dropped before Init — none of their events, data binding or rendering runs — and the
 * stored HTML is written, inside a refreshing UpdatePanel too. The links and buttons it
 * rendered stay valid postback targets (their event-validation entries are kept with it), and
 * a postback aimed at a control in the region renders the region afresh so its handler runs;
 * the region suits display content best. `Tags` let
 * `cache.invalidate(tag)` clear it. Page code can test `fromCache` to skip work.
 *
 * @example
 * <asp:CachedRegion ID="Headlines" runat="server" Duration="300" VaryByParam="region" Tags="news">
 *   <asp:Repeater ID="News" runat="server" SelectMethod="GetNews">…</asp:Repeater>
 * </asp:CachedRegion>
 */
export class CachedRegion extends Control {
  declare duration: number
  declare varyByParam: string
  declare varyByControl: string
  declare tags: string
  /** True when this request's content came from the cache (the children were not run). */
  fromCache = false
  private fragment: CachedFragment | null = null
  private key: string | null = null

  override async initRecursive(): Promise<void> {
    const cache = this.host?.objectCache
    // A postback aimed at a control in the region (or carrying its inputs) runs it afresh.
    if (cache && this.duration > 0 && !this.isPostedTo()) {
      this.key = this.cacheKey()
      try {
        this.fragment = (await cache.get<CachedFragment>(this.key)) ?? null
      } catch {
        this.fragment = null // an unreachable store only costs a render
      }
      if (this.fragment) {
        this.fromCache = true
        this.controls.clear()
      }
    }
    await super.initRecursive()
  }

  override render(writer: HtmlWriter): void {
    const clientScript = this.host?.clientScript
    if (this.fragment) {
      writer.write(this.fragment.html)
      for (const [target, argument] of this.fragment.events) clientScript?.registerForEventValidation(target, argument || undefined)
      return
    }
    const inner = new HtmlWriter()
    const events = clientScript?.recordEventValidation?.(() => this.renderChildren(inner)) ?? (this.renderChildren(inner), [])
    const html = inner.toString()
    writer.write(html)
    const cache = this.host?.objectCache
    if (cache && this.key) {
      cache.set(this.key, { html, events } satisfies CachedFragment, { absoluteMs: this.duration * 1000, tags: splitList(this.tags) }).catch(() => undefined)
    }
  }

  private isPostedTo(): boolean {
    const post = this.host?.postData
    if (!post) return false
    const target = post.get('__EVENTTARGET') ?? ''
    const stack = [...this.controls]
    while (stack.length) {
      const c = stack.pop()!
      if (c.id !== undefined) {
        const id = c.uniqueID
        if (target === id || target.startsWith(id + '$') || post.has(id) || post.has(id + '.x')) return true
      }
      stack.push(...c.controls)
    }
    return false
  }

  private cacheKey(): string {
    const host = this.host!
    const [path = '', query = ''] = host.requestPath.split('?')
    const params = new URLSearchParams(query)
    const parts: string[] = []
    const byParam = (this.varyByParam ?? 'none').trim()
    const names = byParam === '*' ? [...new Set([...params.keys()])].sort() : byParam.toLowerCase() === 'none' ? [] : splitList(byParam).sort()
    for (const name of names) parts.push(`${name}=${host.postData?.get(name) ?? params.get(name) ?? ''}`)
    for (const id of splitList(this.varyByControl).sort()) {
      const control = this.findControl(id)
      if (!control) throw new Error(`CachedRegion '${this.id ?? this.uniqueID}': VaryByControl names '${id}', which is not a control of this page.`)
      parts.push(`#${id}=${host.postData?.get(control.uniqueID) ?? ''}`)
    }
    return `fragment:${path.toLowerCase()}:${this.uniqueID}?${parts.map(encodeURIComponent).join('&')}`
  }
}
declareMarkupProperties(CachedRegion, [
  { name: 'duration', kind: 'number' },
  { name: 'varyByParam', kind: 'string' },
  { name: 'varyByControl', kind: 'string' },
  { name: 'tags', kind: 'string' },
])
