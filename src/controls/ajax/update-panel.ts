import { Control } from '../control.ts'
import { declareMarkupProperties, defineStateProperties } from '../properties.ts'
import type { HtmlWriter } from '../../render/html-writer.ts'
import { htmlEncode } from '../../render/encode.ts'
import { HtmlWriter as Writer } from '../../render/html-writer.ts'
import { registerMorphPart } from './morph-part.ts'
import { ScriptManager } from './script-manager.ts'
import { concurrencyAttribute, concurrencyValues, type Concurrency } from './concurrency.ts'
import type { Trigger } from './triggers.ts'

/** Instantiates a template into a container (the template compiler's Template). */
interface ContentTemplate {
  instantiateIn(container: Control): void
}

/**
 * The triggers of an UpdatePanel; adding one after the panel initialized initializes it.
 *
 * @example
 * const trigger = new AsyncPostBackTrigger(); trigger.controlID = 'Refresh'
 * this.UpdatePanel1.triggers.add(trigger)
 */
export class TriggerCollection implements Iterable<Trigger> {
  private readonly items: Trigger[] = []
  constructor(private readonly owner: UpdatePanel) {}

  add(trigger: Trigger): void {
    trigger.owner = this.owner
    this.items.push(trigger)
    if (this.owner.triggersInitialized) trigger.initialize()
  }

  get length(): number {
    return this.items.length
  }

  [Symbol.iterator](): Iterator<Trigger> {
    return this.items[Symbol.iterator]()
  }
}

/**
 * How an UpdatePanel's content is updated: `Replace` (innerHTML) or `Morph` (patched in place).
 *
 * @example
 * <asp:UpdatePanel ID="Cart" runat="server" UpdateStrategy="Morph">…</asp:UpdatePanel>
 */
export type UpdateStrategy = 'Replace' | 'Morph'

/**
 * Where focus goes after an UpdatePanel's update: `Keep`, `FirstInvalid` or `Heading`.
 *
 * @example
 * <asp:UpdatePanel ID="Form" runat="server" FocusPolicy="FirstInvalid">…</asp:UpdatePanel>
 */
export type FocusPolicy = 'Keep' | 'FirstInvalid' | 'Heading'

/**
 * A region of the page that refreshes through async postbacks. `UpdateMode="Always"`
 * refreshes it on every async postback; `"Conditional"` only when one of its triggers fires,
 * a child control posts back (ChildrenAsTriggers), or code calls `update()`.
 *
 * @example
 * <asp:UpdatePanel ID="UpdatePanel1" runat="server" UpdateMode="Conditional">
 *   <ContentTemplate><asp:Label ID="Time" runat="server" /></ContentTemplate>
 *   <Triggers><asp:AsyncPostBackTrigger ControlID="Refresh" /></Triggers>
 * </asp:UpdatePanel>
 */
export class UpdatePanel extends Control {
  declare updateMode: 'Always' | 'Conditional'
  declare childrenAsTriggers: boolean
  declare renderMode: 'Block' | 'Inline'
  /**
   * Said by screen readers (a polite live region) each time an async postback updates the
   * panel: `AnnounceText="Results updated"`. Set it in code to say what changed.
   */
  declare announceText: string
  /**
   * How an async postback puts the panel's new content in: `Replace` (the default: innerHTML,
   * as ASP.NET does) or `Morph` (Deltaform's client patches the DOM in place, so elements that
   * stay keep their identity, listeners added by page scripts, and focus).
   */
  declare updateStrategy: UpdateStrategy
  /**
   * Where focus goes after an async postback updated the panel: `Keep` (the default: the
   * focused field keeps focus), `FirstInvalid` (the first field a validator marked invalid) or
   * `Heading` (the panel's first h1–h6).
   */
  declare focusPolicy: FocusPolicy
  /** What a postback from the panel does while another is in flight; see {@link Concurrency}. */
  declare concurrency: Concurrency
  readonly triggers = new TriggerCollection(this)
  /** @internal */
  triggersInitialized = false
  private explicitUpdate = false
  private asyncPostBackMode: boolean | undefined
  private template: ContentTemplate | null = null

  /** The `<ContentTemplate>`: its controls are created in the panel (and are page properties). */
  get contentTemplate(): ContentTemplate | null {
    return this.template
  }

  set contentTemplate(template: ContentTemplate | null) {
    if (this.template) throw new Error(`The ContentTemplate of UpdatePanel '${this.id}' can only be set once.`)
    this.template = template
    template?.instantiateIn(this)
  }

  get scriptManager(): ScriptManager {
    const sm = ScriptManager.getCurrent(this.host)
    if (!sm) throw new Error(`The UpdatePanel '${this.id}' needs a ScriptManager on the page: add <asp:ScriptManager runat="server" /> inside the form, before it.`)
    return sm
  }

  /** Whether this panel refreshes in the current async postback (explicit update, Always, or a trigger). */
  get requiresUpdate(): boolean {
    if (this.explicitUpdate || this.updateMode === 'Always') return true
    for (const trigger of this.triggers) if (trigger.hasTriggered()) return true
    return false
  }

  /**
   * Refreshes this Conditional panel in the current async postback.
   *
   * @example
   * if (saved) this.Summary.update()
   */
  update(): void {
    if (this.updateMode === 'Always') {
      throw new Error(`update() can only be called on UpdatePanel '${this.id}' when its UpdateMode is Conditional.`)
    }
    if (this.asyncPostBackMode !== undefined) {
      throw new Error(`update() was called on UpdatePanel '${this.id}' too late: call it before the page renders.`)
    }
    this.explicitUpdate = true
  }

  /** @internal Set once per request, when the refreshing panels are chosen. */
  setAsyncPostBackMode(refreshing: boolean): void {
    if (this.asyncPostBackMode !== undefined) throw new Error(`The refresh mode of UpdatePanel '${this.id}' can only be set once.`)
    this.asyncPostBackMode = refreshing
  }

  /** @internal */
  initializeTriggers(): void {
    if (this.triggersInitialized) return
    this.triggersInitialized = true
    for (const trigger of this.triggers) trigger.initialize()
  }

  override onInit(): Promise<void> | void {
    this.register()
    return super.onInit()
  }

  /** Registers outer panels first (Init runs children first), so the list is parents before children. */
  private register(): void {
    for (let p = this.parent; p; p = p.parent) {
      if (p instanceof UpdatePanel) {
        p.register()
        break
      }
    }
    this.scriptManager.registerUpdatePanel(this)
  }

  override onLoad(): Promise<void> | void {
    if (!this.scriptManager.isInAsyncPostBack) this.initializeTriggers()
    return super.onLoad()
  }

  override onPreRender(): Promise<void> | void {
    if (!this.childrenAsTriggers && this.updateMode === 'Always') {
      throw new Error(`ChildrenAsTriggers cannot be false when UpdateMode is Always on UpdatePanel '${this.id}'.`)
    }
    if (Object.keys(this.clientBehaviour()).length) registerMorphPart(this, this.scriptManager)
    return super.onPreRender()
  }

  override onUnload(): Promise<void> | void {
    ScriptManager.getCurrent(this.host)?.unregisterUpdatePanel(this)
    return super.onUnload()
  }

  /** The data attributes that tell the morph part what to do; none with the defaults, so the panel renders as in ASP.NET. */
  private clientBehaviour(): Record<string, string> {
    const attrs: Record<string, string> = {}
    if (this.updateStrategy !== 'Replace') attrs['data-update-strategy'] = 'morph'
    if (this.focusPolicy !== 'Keep') attrs['data-focus-policy'] = this.focusPolicy === 'Heading' ? 'heading' : 'first-invalid'
    return attrs
  }

  /** Renders `<div id>` (or `<span>` with RenderMode Inline); a refreshing panel also hands its content to the delta. */
  override render(writer: HtmlWriter): void {
    const inner = new Writer()
    // The announcement travels inside the panel's content, so every update carries its own.
    if (this.announceText) inner.write(`<span hidden data-df-announce>${htmlEncode(this.announceText)}</span>`)
    const clientScript = this.host?.clientScript
    if (clientScript?.inEventValidationSegment) clientScript.inEventValidationSegment(this.uniqueID, () => this.renderChildren(inner))
    else this.renderChildren(inner)
    const html = inner.toString()
    ScriptManager.getCurrent(this.host)?.capturePanel(this, html)
    const tag = this.renderMode === 'Inline' ? 'span' : 'div'
    writer.beginTag(tag, { id: this.clientID, ...this.clientBehaviour(), ...concurrencyAttribute(this.concurrency) })
    writer.write(html)
    writer.endTag(tag)
  }
}

defineStateProperties(UpdatePanel, {
  updateMode: { enum: ['Always', 'Conditional'], default: 'Always' },
  childrenAsTriggers: true,
  renderMode: { enum: ['Block', 'Inline'], default: 'Block' },
  announceText: '',
  updateStrategy: { enum: ['Replace', 'Morph'], default: 'Replace' },
  focusPolicy: { enum: ['Keep', 'FirstInvalid', 'Heading'], default: 'Keep' },
  concurrency: { enum: concurrencyValues, default: 'LastWins' },
})
declareMarkupProperties(UpdatePanel, [
  { name: 'contentTemplate', kind: 'singleTemplate' },
  { name: 'triggers', kind: 'collection' },
])
