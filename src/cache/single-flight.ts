/**
 * Collapses concurrent calls per key: while a call for a key is running, later callers of that
 * key get its promise instead of starting their own. Once it settles the key is free again.
 *
 * @example
 * const flights = new SingleFlight()
 * const [a, b] = await Promise.all([flights.run('p:1', load), flights.run('p:1', load)]) // load ran once
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>()

  /** Runs `fn` for `key`, or joins the run already in flight for it. */
  run<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
    const running = this.inFlight.get(key)
    if (running) return running as Promise<T>
    // fn starts on a microtask so that even a synchronous throw happens after registration.
    const flight = Promise.resolve().then(fn)
    this.inFlight.set(key, flight)
    const release = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key)
    }
    flight.then(release, release)
    return flight
  }

  /** How many keys have a call in flight. */
  get size(): number {
    return this.inFlight.size
  }
}

const shared = new SingleFlight()

/**
 * {@link SingleFlight.run} on one process-wide instance.
 *
 * @example
 * const rates = await singleFlight('exchange-rates', () => fetchRates())
 */
export function singleFlight<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
  return shared.run(key, fn)
}
