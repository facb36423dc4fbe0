/**
 * A control's view state: values set after tracking began are "dirty" and travel in
 * `__VIEWSTATE`; values set before (from markup, in Init) are rebuilt by the template on
 * every request and cost nothing.
 *
 * @example
 * const bag = new StateBag()
 * bag.set('Text', 'from markup')   // not tracked yet: not saved
 * bag.trackViewState()
 * bag.set('Count', 2)
 * bag.saveViewState() // { Count: 2 }
 */
export class StateBag {
  // Allocated on first write: most bags stay empty.
  private values: Map<string, unknown> | null = null
  private dirty: Set<string> | null = null
  private tracking = false

  get isTrackingViewState(): boolean {
    return this.tracking
  }

  trackViewState(): void {
    this.tracking = true
  }

  get<T>(key: string, fallback: T): T {
    const values = this.values
    return values !== null && values.has(key) ? (values.get(key) as T) : fallback
  }

  has(key: string): boolean {
    return this.values !== null && this.values.has(key)
  }

  set(key: string, value: unknown): void {
    if (value === undefined) {
      this.remove(key)
      return
    }
    ;(this.values ??= new Map()).set(key, value)
    if (this.tracking) this.setDirty(key)
  }

  remove(key: string): void {
    this.values?.delete(key)
    // A removal after tracking must travel too, or the old value would come back.
    if (this.tracking) this.setDirty(key)
  }

  /** Marks a key dirty, e.g. after mutating an array or object stored in it. */
  setDirty(key: string): void {
    ;(this.dirty ??= new Set()).add(key)
  }

  /** The dirty entries, or `undefined` when nothing changed. A removed key saves as `null`. */
  saveViewState(): Record<string, unknown> | undefined {
    if (this.dirty === null || this.dirty.size === 0) return undefined
    const saved: Record<string, unknown> = {}
    for (const key of this.dirty) saved[key] = this.values?.has(key) ? this.values.get(key) : null
    return saved
  }

  /** Restores saved entries; they stay dirty so they are saved again (as in ASP.NET). */
  loadViewState(saved: unknown): void {
    if (!saved || typeof saved !== 'object') return
    for (const [key, value] of Object.entries(saved as Record<string, unknown>)) {
      if (value === null) this.values?.delete(key)
      else (this.values ??= new Map()).set(key, value)
      this.setDirty(key)
    }
  }
}
