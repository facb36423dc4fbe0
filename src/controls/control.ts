import { ControlCollection } from './control-collection.ts'
import type { ControlHost } from './host.ts'
import { StateBag } from './state-bag.ts'
import { declareMarkupProperties } from './properties.ts'
import { HtmlWriter } from '../render/html-writer.ts'

/** How a control's `clientID` is computed from its `id` (ASP.NET's ClientIDMode). */
export type ClientIDMode = 'Inherit' | 'AutoID' | 'Static' | 'Predictable'

/** An event handler: `this` is not bound; markup wiring binds page methods. */
export type EventHandler<E = unknown> = (sender: Control, e: E) => unknown

/** How far a control got through the page lifecycle. */
export const enum Stage {
  Constructed = 0,
  Initialized = 1,
  ViewStateLoaded = 2,
  Loaded = 3,
  PreRendered = 4,
}

/** The saved view state of a control and its children: `[own, { childIndex: state }]`. */
export type SavedState = [unknown, Record<number, SavedState>?]

/**
 * The base of every server control: identity inside naming containers, a view-state bag,
 * events, children and rendering.
 *
 * @example
 * class Badge extends Control {
 *   render(w: HtmlWriter) { w.beginTag('span', { class: 'badge' }); this.renderChildren(w); w.endTag('span') }
 * }
 */
export class Control {
  // Fields are declared here and set in the constructor, not with initializers: a class-field
  // initializer of a base class with many subclasses runs as a megamorphic define (measured 7×
  // slower per object on Node 20 than constructor assignments), and a page builds hundreds of
  // controls per request. The same holds for WebControl and other shared bases.
  /** The ID from markup or code; `undefined` gets an automatic `ctl00`-style ID. */
  private declare idValue: string | undefined
  private declare autoId: boolean
  declare parent: Control | null
  // Allocated on first use: most controls never get a child, a view-state entry or a handler.
  private declare childCollection: ControlCollection | null
  private declare bag: StateBag | null
  private declare tracking: boolean
  declare enableViewState: boolean
  declare clientIDMode: ClientIDMode
  /** The data item of a data-bound container (RepeaterItem, GridViewRow…). */
  declare dataItem: unknown
  /** The lifecycle stage reached; see {@link Stage}. */
  declare stage: Stage
  private declare hostValue: ControlHost | null
  private declare handlers: Map<string, EventHandler<any>[]> | null
  private declare pendingChildState: Map<number, SavedState> | null
  private declare nextAutoId: number

  constructor() {
    this.idValue = undefined
    this.autoId = false
    this.parent = null
    this.childCollection = null
    this.bag = null
    this.tracking = false
    this.enableViewState = true
    this.clientIDMode = 'Inherit'
    this.dataItem = undefined
    this.stage = Stage.Constructed
    this.hostValue = null
    this.handlers = null
    this.pendingChildState = null
    this.nextAutoId = 0
  }

  /** Controls without an ID of their own (literal text) never take an automatic one. */
  protected get needsId(): boolean {
    return true
  }

  /** The child controls. */
  get controls(): ControlCollection {
    return (this.childCollection ??= new ControlCollection(this))
  }

  /** Whether the control has children (ASP.NET's HasControls), without allocating a collection. */
  hasControls(): boolean {
    return this.childCollection !== null && this.childCollection.length > 0
  }

  /** The control's view-state bag; see {@link StateBag}. */
  get viewState(): StateBag {
    if (!this.bag) {
      this.bag = new StateBag()
      if (this.tracking) this.bag.trackViewState()
    }
    return this.bag
  }

  get id(): string | undefined {
    return this.autoId ? undefined : this.idValue
  }

  set id(value: string | undefined) {
    this.idValue = value || undefined
    this.autoId = false
  }

  /** True for controls that start a new ID scope (Page, UserControl, RepeaterItem…). */
  get isNamingContainer(): boolean {
    return false
  }

  /** The page (or test host) this control lives on, once it is in a page's tree. */
  get host(): ControlHost | null {
    return this.hostValue
  }

  /** Whether the control renders; false if it or any parent is hidden. */
  get visible(): boolean {
    if (this.bag && !this.bag.get('Visible', true)) return false
    return this.parent ? this.parent.visible : true
  }

  set visible(value: boolean) {
    this.viewState.set('Visible', value ? undefined : false)
  }

  get namingContainer(): Control | null {
    for (let p = this.parent; p; p = p.parent) if (p.isNamingContainer) return p
    return null
  }

  /** The name a postback uses: naming-container IDs joined with `$` (`Grid1$ctl02$Edit`). */
  get uniqueID(): string {
    this.ensureId()
    const container = this.namingContainer
    const prefix = container && container.parent ? container.uniqueID : ''
    return prefix ? `${prefix}$${this.idValue}` : (this.idValue ?? '')
  }

  /** The `id` rendered in HTML, following {@link ClientIDMode}. */
  get clientID(): string {
    this.ensureId()
    switch (this.effectiveClientIDMode) {
      case 'Static':
        return this.idValue ?? ''
      case 'Predictable': {
        if (this.autoId) return this.uniqueID.replace(/\$/g, '_')
        const container = this.namingContainer
        const prefix = container && container.parent ? container.clientID : ''
        return prefix ? `${prefix}_${this.idValue}` : (this.idValue ?? '')
      }
      default:
        return this.uniqueID.replace(/\$/g, '_')
    }
  }

  get effectiveClientIDMode(): Exclude<ClientIDMode, 'Inherit'> {
    for (let c: Control | null = this; c; c = c.parent) if (c.clientIDMode !== 'Inherit') return c.clientIDMode
    return 'Predictable'
  }

  /** Whether an automatic ID was given (no ID in markup or code). */
  get hasAutoId(): boolean {
    return this.autoId
  }

  private ensureId(): void {
    if (this.idValue !== undefined || !this.needsId) return
    const container = this.namingContainer
    if (!container) return
    const n = container.nextAutoId++
    this.idValue = `ctl${n < 10 ? '0' : ''}${n}`
    this.autoId = true
  }

  /**
   * Finds a control by ID in this control's naming container scope; `$` separates nested
   * naming containers (`'Repeater1$ctl01$Name'`).
   *
   * @example
   * const name = item.findControl('Name') as TextBox
   */
  findControl(id: string): Control | null {
    const scope = this.isNamingContainer ? this : (this.namingContainer ?? this)
    const [first, ...rest] = id.split('$')
    const found = findInScope(scope, first!)
    if (!found || rest.length === 0) return found
    return found.isNamingContainer ? found.findControl(rest.join('$')) : null
  }

  // ---- events ---------------------------------------------------------------------------

  /**
   * Adds a handler for a named event (`'Click'`, `'TextChanged'`, `'Load'`…; any case).
   *
   * @example
   * this.Save.on('Click', () => this.store())
   */
  on<E = unknown>(event: string, handler: EventHandler<E>): this {
    const key = event.toLowerCase()
    const handlers = (this.handlers ??= new Map())
    const list = handlers.get(key) ?? []
    list.push(handler)
    handlers.set(key, list)
    return this
  }

  /** Removes a handler added with {@link Control.on}. */
  off(event: string, handler: EventHandler<any>): this {
    const list = this.handlers?.get(event.toLowerCase())
    if (list) list.splice(list.indexOf(handler) >>> 0, 1)
    return this
  }

  hasHandlers(event: string): boolean {
    return (this.handlers?.get(event.toLowerCase())?.length ?? 0) > 0
  }

  /** Runs every handler of an event in order, awaiting async ones (no promise when there are none). */
  raise<E>(event: string, e: E): Promise<void> | void {
    const list = this.handlers?.get(event.toLowerCase())
    if (list && list.length > 0) return runHandlers([...list], this, e)
  }

  /**
   * Passes an event up the tree until a parent handles it (a Button's Command reaching its
   * RepeaterItem and then the Repeater's ItemCommand).
   */
  async raiseBubbleEvent(source: Control, e: unknown): Promise<void> {
    for (let p = this.parent; p; p = p.parent) if (await p.onBubbleEvent(source, e)) return
  }

  /** Return true to stop a bubbled event here. */
  onBubbleEvent(_source: Control, _e: unknown): Promise<boolean> | boolean {
    return false
  }

  // ---- lifecycle hooks (override; call super to keep raising the events) ----------------

  onInit(): Promise<void> | void {
    return this.raise('Init', {})
  }

  onLoad(): Promise<void> | void {
    return this.raise('Load', {})
  }

  onPreRender(): Promise<void> | void {
    return this.raise('PreRender', {})
  }

  onUnload(): Promise<void> | void {
    return this.raise('Unload', {})
  }

  /** Restores what {@link Control.saveViewState} returned on the previous request. */
  loadViewState(saved: unknown): void {
    this.viewState.loadViewState(saved)
  }

  /** Returns this control's own state to keep (children are handled by the runner). */
  saveViewState(): unknown {
    return this.bag?.saveViewState()
  }

  trackViewState(): void {
    // A bag created later starts tracking at once (see the viewState getter).
    this.tracking = true
    this.bag?.trackViewState()
  }

  // ---- data binding ---------------------------------------------------------------------

  /**
   * Evaluates `<%# … %>` expressions of this control and its children.
   *
   * @example
   * this.Products.dataSource = await loadProducts()
   * await this.Products.dataBind()
   */
  async dataBind(): Promise<void> {
    await this.onDataBinding()
    await this.dataBindChildren()
  }

  protected async onDataBinding(): Promise<void> {
    await this.raise('DataBinding', {})
  }

  protected async dataBindChildren(): Promise<void> {
    for (const child of this.childSnapshot()) await child.dataBind()
  }

  /** The nearest container carrying a data item (`Container` in `<%# %>`). */
  get bindingContainer(): Control {
    for (let c: Control | null = this.parent; c; c = c.parent) if (c.isNamingContainer) return c
    return this
  }

  // ---- rendering -------------------------------------------------------------------------

  /** Renders the control when visible. */
  renderControl(writer: HtmlWriter): void {
    if (this.visible) this.render(writer)
  }

  /** Writes the control's markup; the default writes the children. */
  render(writer: HtmlWriter): void {
    this.renderChildren(writer)
  }

  renderChildren(writer: HtmlWriter): void {
    if (this.childCollection) for (const child of this.childCollection) child.renderControl(writer)
  }

  /** Renders to a string (handy in tests and for fragments). */
  renderToString(): string {
    const writer = new HtmlWriter()
    this.renderControl(writer)
    return writer.toString()
  }

  // ---- tree plumbing used by ControlCollection and the lifecycle runner ------------------

  /** @internal Called by ControlCollection after a child was inserted. */
  addedControl(child: Control, index: number): void {
    child.parent = this
    if (this.hostValue) child.attach(this.hostValue)
    if (this.stage > Stage.Constructed && this.hostValue) {
      const pending = this.pendingChildState?.get(index)
      if (pending) this.pendingChildState!.delete(index)
      this.hostValue.track(child.catchUp(this.stage, pending))
    }
  }

  /** @internal */
  removedControl(child: Control): void {
    child.parent = null
  }

  /** @internal Joins a page: sets the host and hands out automatic IDs in tree order. */
  attach(host: ControlHost): void {
    this.hostValue = host
    if (this.needsId && this.idValue === undefined && this.namingContainer) this.ensureId()
    if (this.childCollection) for (const child of this.childCollection) child.attach(host)
  }

  /** The children as they are now (a copy when there are any, so handlers may change the tree). */
  private childSnapshot(): readonly Control[] {
    return this.childCollection && this.childCollection.length > 0 ? this.childCollection.toArray() : noControls
  }

  /** @internal Brings a control added late up to its parent's stage. */
  async catchUp(target: Stage, savedState?: SavedState): Promise<void> {
    if (target >= Stage.Initialized && this.stage < Stage.Initialized) await this.initRecursive()
    if (target >= Stage.ViewStateLoaded && this.stage < Stage.ViewStateLoaded) {
      if (savedState) this.loadViewStateRecursive(savedState)
      this.stage = Stage.ViewStateLoaded
    }
    if (target >= Stage.Loaded && this.stage < Stage.Loaded) await this.loadRecursive()
    if (target >= Stage.PreRendered && this.stage < Stage.PreRendered) await this.preRenderRecursive()
  }

  /** @internal Init runs children first, then the control, then tracking starts. */
  async initRecursive(): Promise<void> {
    for (const child of this.childSnapshot()) await child.initRecursive()
    await this.onInit()
    this.trackViewState()
    this.stage = Stage.Initialized
  }

  /** @internal */
  loadViewStateRecursive(saved: SavedState): void {
    if (!Array.isArray(saved)) return
    const [own, children] = saved
    if (own !== undefined && own !== null && this.enableViewState) this.loadViewState(own)
    if (children) {
      for (const [key, childState] of Object.entries(children)) {
        const index = Number(key)
        const child = this.controls.at(index)
        if (child) child.loadViewStateRecursive(childState)
        else (this.pendingChildState ??= new Map()).set(index, childState)
      }
    }
    this.stage = Stage.ViewStateLoaded
  }

  /** @internal Load runs the control first, then its children. */
  async loadRecursive(): Promise<void> {
    await this.onLoad()
    this.stage = Stage.Loaded
    for (const child of this.childSnapshot()) await child.loadRecursive()
  }

  /** @internal */
  async preRenderRecursive(): Promise<void> {
    if (!this.visible) {
      this.stage = Stage.PreRendered
      return
    }
    await this.onPreRender()
    this.stage = Stage.PreRendered
    for (const child of this.childSnapshot()) await child.preRenderRecursive()
  }

  /** @internal Returns `undefined` when neither the control nor its children have state. */
  saveViewStateRecursive(): SavedState | undefined {
    if (!this.enableViewState) return undefined
    const own = this.saveViewState()
    let children: Record<number, SavedState> | undefined
    let index = 0
    for (const child of this.childCollection ?? noControls) {
      const state = child.saveViewStateRecursive()
      if (state) (children ??= {})[index] = state
      index++
    }
    // State kept for children that were never re-added must not be lost.
    if (this.pendingChildState) for (const [i, s] of this.pendingChildState) (children ??= {})[i] ??= s
    if (own === undefined && !children) return undefined
    return children ? [own ?? null, children] : [own]
  }

  /** @internal Unload runs children first. */
  async unloadRecursive(): Promise<void> {
    for (const child of this.childSnapshot()) await child.unloadRecursive()
    await this.onUnload()
  }
}

const noControls: readonly Control[] = []

async function runHandlers<E>(list: EventHandler<E>[], sender: Control, e: E): Promise<void> {
  for (const handler of list) await handler(sender, e)
}

function findInScope(scope: Control, id: string): Control | null {
  const lower = id.toLowerCase()
  const stack = [...scope.controls].reverse()
  while (stack.length) {
    const c = stack.pop()!
    if (c.id !== undefined ? c.id.toLowerCase() === lower : c.hasAutoId && c.uniqueID.split('$').pop() === id) return c
    if (!c.isNamingContainer) for (let i = c.controls.length - 1; i >= 0; i--) stack.push(c.controls.at(i)!)
  }
  return null
}

declareMarkupProperties(Control, [
  { name: 'id', kind: 'string' },
  { name: 'visible', kind: 'boolean' },
  { name: 'enableViewState', kind: 'boolean' },
  { name: 'clientIDMode', kind: 'string', values: ['Inherit', 'AutoID', 'Static', 'Predictable'] },
])
