/**
 * Wall time of each phase of one request, for the `Server-Timing` header (and the bench).
 * Each mark closes the phase that began at the previous mark.
 *
 * @example
 * const timings = new PhaseTimings()
 * await readForm(request, limits); timings.mark('form')
 * template.build(page); timings.mark('build')
 * timings.header() // 'form;dur=0.21, build;dur=0.12'
 */
export class PhaseTimings {
  private last = performance.now()
  /** `[phase, milliseconds]` in the order they ran. */
  readonly entries: [string, number][] = []

  /** Ends the current phase under this name and starts the next. */
  mark(phase: string): void {
    const now = performance.now()
    this.entries.push([phase, now - this.last])
    this.last = now
  }

  /** The `Server-Timing` value: `name;dur=ms` per phase, comma-separated. */
  header(): string {
    return this.entries.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ')
  }
}
