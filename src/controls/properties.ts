/**
 * How markup sets a property: attribute kinds convert the attribute text; `template` and
 * `singleTemplate` take an inner `<XTemplate>` element (a single template's controls become
 * page properties, as UpdatePanel's ContentTemplate); `collection` takes child objects
 * (`<Triggers>`, `<Columns>`); `object` takes the attributes of an inner element
 * (`<HeaderStyle CssClass="x" />`).
 */
export type PropertyKind = 'string' | 'number' | 'boolean' | 'unit' | 'string[]' | 'template' | 'singleTemplate' | 'collection' | 'object'

/** One property a control accepts from markup. */
export interface PropertyInfo {
  /** The TypeScript name (camelCase). */
  name: string
  kind: PropertyKind
  /** Allowed values of an enum property, in their ASP.NET spelling. */
  values?: readonly string[]
  /** The markup spelling when it is not the name itself (`Font-Bold`). */
  markupName?: string
}

const registry = new WeakMap<Function, Map<string, PropertyInfo>>()

/**
 * The markup properties of a control class, inherited ones included, keyed by lowercase name.
 *
 * @example
 * markupProperties(Label).get('text') // { name: 'text', kind: 'string' }
 */
export function markupProperties(ctor: Function): Map<string, PropertyInfo> {
  const chain: Function[] = []
  for (let c: any = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c)
  const all = new Map<string, PropertyInfo>()
  for (const c of chain) for (const [k, v] of registry.get(c) ?? []) all.set(k, v)
  return all
}

/**
 * Registers markup properties that are plain fields or accessors of the class.
 *
 * @example
 * declareMarkupProperties(UpdatePanel, [{ name: 'triggers', kind: 'collection' }])
 */
export function declareMarkupProperties(ctor: Function, infos: PropertyInfo[]): void {
  const own = registry.get(ctor) ?? new Map<string, PropertyInfo>()
  for (const info of infos) own.set((info.markupName ?? info.name).toLowerCase(), info)
  registry.set(ctor, own)
}

type StateDefaults = Record<string, string | number | boolean | readonly string[] | { enum: readonly string[]; default: string }>

/**
 * Defines view-state-backed properties on a control class and registers them for markup.
 * A property's kind comes from its default; `{ enum, default }` declares an enum.
 *
 * @example
 * export class Label extends WebControl { declare text: string }
 * defineStateProperties(Label, { text: '' })
 * // markup: <asp:Label Text="Hello" runat="server" />  →  label.text === 'Hello'
 */
export function defineStateProperties(ctor: { prototype: object }, defaults: StateDefaults): void {
  const infos: PropertyInfo[] = []
  for (const [name, spec] of Object.entries(defaults)) {
    const isEnum = typeof spec === 'object' && !Array.isArray(spec)
    const fallback = isEnum ? (spec as { default: string }).default : spec
    const key = name[0]!.toUpperCase() + name.slice(1)
    Object.defineProperty(ctor.prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: { viewState: { get(k: string, d: unknown): unknown } }) {
        return this.viewState.get(key, fallback)
      },
      set(this: { viewState: { set(k: string, v: unknown): void } }, value: unknown) {
        this.viewState.set(key, value)
      },
    })
    const kind: PropertyKind = isEnum ? 'string' : Array.isArray(spec) ? 'string[]' : (typeof spec as PropertyKind)
    infos.push(isEnum ? { name, kind, values: (spec as { enum: readonly string[] }).enum } : { name, kind })
  }
  declareMarkupProperties(ctor as unknown as Function, infos)
}
