/**
 * What kind of page request the inspector saw, in Web Forms words.
 *
 * @example
 * const kind: InspectedKind = 'async postback'
 */
export type InspectedKind = 'GET' | 'full postback' | 'async postback' | 'callback' | 'output-cache hit'

/**
 * One record of a delta response, as the inspector shows it.
 *
 * @example
 * const r: InspectedRecord = { type: 'updatePanel', id: 'UpdatePanel1', length: 112, preview: '<span id="Label1">…' }
 */
export interface InspectedRecord {
  type: string
  id: string
  /** The record's length field: UTF-16 code units, as the client slices by. */
  length: number
  /** The start of the content (the inspector's page encodes it; the JSON form carries it raw). */
  preview: string
}

/**
 * A footgun the inspector noticed in one request.
 *
 * @example
 * const w: InspectorWarning = { code: 'view-state-budget', message: '__VIEWSTATE is 9,204 bytes, over the budget of 8,192…' }
 */
export interface InspectorWarning {
  /** A stable name for tools: `delta-unparsable`, `panel-unknown`, `view-state-budget`, … */
  code: string
  message: string
}

/**
 * A control's share of `__VIEWSTATE`, in bytes of JSON before compression and signing.
 *
 * @example
 * const size: ControlStateSize = { control: 'GridOrders', type: 'GridView', bytes: 180 }
 */
export interface ControlStateSize {
  /** The control's UniqueID (or its place in the tree when it has none). */
  control: string
  /** The control's class name (`GridView`, `Label`…). */
  type: string
  bytes: number
}

/**
 * Everything the inspector keeps about one page request.
 *
 * @example
 * const last: InspectedRequest = log.newestFirst()[0]
 */
export interface InspectedRequest {
  /** Increases by one per recorded request of this app instance. */
  seq: number
  /** ISO time the request started. */
  time: string
  method: string
  /** Path and query as requested (attacker-controlled: encode before showing). */
  path: string
  /** `undefined` when the request failed before it could be classified (a bad form, a 405). */
  kind?: InspectedKind
  status: number
  totalMs: number
  /** ClientIDs of the UpdatePanels sent in an async postback's delta. */
  panelsRefreshed: string[]
  /** The delta of an async postback, decoded with the protocol's own parser. */
  delta?: InspectedRecord[]
  /** Length of the `__VIEWSTATE` field sent to the browser. */
  viewStateBytes?: number
  /** The controls holding view state, biggest first. */
  viewStateByControl: ControlStateSize[]
  /** `[phase, ms]` as in the `Server-Timing` header. */
  phases: [string, number][]
  warnings: InspectorWarning[]
}

/**
 * The last N page requests of one app instance, oldest dropped first (a ring buffer: adding is
 * O(1) and the memory is bounded however long the development server runs).
 *
 * @example
 * const log = new RequestLog(50)
 * log.add({ time: new Date().toISOString(), method: 'GET', path: '/', kind: 'GET', status: 200, totalMs: 3, panelsRefreshed: [], viewStateByControl: [], phases: [], warnings: [] })
 * log.newestFirst()[0].seq // 1
 */
export class RequestLog {
  private readonly slots: (InspectedRequest | undefined)[]
  private next = 0
  private count = 0

  constructor(readonly capacity = 50) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`The inspector keeps at least one request; ${capacity} was given.`)
    this.slots = new Array(capacity)
  }

  /** Records a request and returns it with its sequence number. */
  add(request: Omit<InspectedRequest, 'seq'>): InspectedRequest {
    this.count++
    const entry = { seq: this.count, ...request }
    this.slots[this.next] = entry
    this.next = (this.next + 1) % this.capacity
    return entry
  }

  /** The kept requests, the newest first. */
  newestFirst(): InspectedRequest[] {
    const out: InspectedRequest[] = []
    for (let i = 1; i <= this.capacity; i++) {
      const entry = this.slots[(this.next - i + this.capacity) % this.capacity]
      if (entry) out.push(entry)
    }
    return out
  }

  /** Forgets every request (sequence numbers keep counting). */
  clear(): void {
    this.slots.fill(undefined)
    this.next = 0
  }
}
