import type { Control } from '../controls/control.ts'

/** Per-build state: the page handlers bind to, and whether IDs become page properties. */
export interface BuildContext {
  page: Control
  pageScope: boolean
}

/** Adds the controls of one compiled markup node to `parent`. */
export type Builder = (parent: Control, ctx: BuildContext) => void

/**
 * A compiled inner template (`<ContentTemplate>`, `<ItemTemplate>`): creates its controls in
 * a container, once per instance (ASP.NET's ITemplate.InstantiateIn).
 *
 * @example
 * for (const row of rows) {
 *   const item = new RepeaterItem(index++, row)
 *   this.itemTemplate?.instantiateIn(item)
 *   this.controls.add(item)
 * }
 */
export class Template {
  constructor(
    private readonly builders: Builder[],
    private readonly ctx: BuildContext,
  ) {}

  instantiateIn(container: Control): void {
    for (const build of this.builders) build(container, this.ctx)
  }
}
