import { AsyncPostBackTrigger, PostBackTrigger, ScriptManager, Timer, UpdatePanel, UpdateProgress } from './ajax/index.ts'
import { Button } from './button.ts'
import { CallbackValidator } from './callback-validator/index.ts'
import { dataControls } from './data/index.ts'
import { CheckBox } from './check-box.ts'
import { HiddenField } from './hidden-field.ts'
import { HtmlAnchor } from './html/html-anchor.ts'
import { HtmlForm } from './html/html-form.ts'
import { HtmlGenericControl } from './html/html-generic-control.ts'
import { HtmlHead } from './html/html-head.ts'
import { HtmlInputControl } from './html/html-input.ts'
import { HyperLink } from './hyper-link.ts'
import { ImageButton } from './image-button.ts'
import { Image } from './image.ts'
import { Label } from './label.ts'
import { LinkButton } from './link-button.ts'
import { CheckBoxList, DropDownList, ListBox, ListItem, RadioButtonList } from './list/index.ts'
import { Literal } from './literal.ts'
import { Panel } from './panel.ts'
import { PlaceHolder } from './place-holder.ts'
import { Substitution } from './substitution.ts'
import { CachedRegion } from './cached-region.ts'
import { RadioButton } from './radio-button.ts'
import { TextBox } from './text-box.ts'
import {
  CompareValidator,
  CustomValidator,
  RangeValidator,
  RegularExpressionValidator,
  RequiredFieldValidator,
  ValidationSummary,
} from './validators/index.ts'

/** A class markup can instantiate: a control, or a sub-object such as ListItem. */
export type MarkupClass = new () => object

/**
 * Which class a markup tag creates. `asp:` holds the built-ins; apps add their own prefixes.
 *
 * @example
 * const registry = createControlRegistry()
 * registry.register('my', 'Badge', Badge) // <my:Badge runat="server" />
 */
export class ControlRegistry {
  private readonly prefixes = new Map<string, Map<string, MarkupClass>>()

  register(prefix: string, tagName: string, cls: MarkupClass): void {
    const key = prefix.toLowerCase()
    const tags = this.prefixes.get(key) ?? new Map<string, MarkupClass>()
    tags.set(tagName.toLowerCase(), cls)
    this.prefixes.set(key, tags)
  }

  /** Registers every class of a module under one prefix by its class name. */
  registerAll(prefix: string, classes: Record<string, unknown>): void {
    for (const [name, cls] of Object.entries(classes)) if (typeof cls === 'function') this.register(prefix, name, cls as MarkupClass)
  }

  resolve(prefix: string, tagName: string): MarkupClass | undefined {
    return this.prefixes.get(prefix.toLowerCase())?.get(tagName.toLowerCase())
  }

  hasPrefix(prefix: string): boolean {
    return this.prefixes.has(prefix.toLowerCase())
  }

  /** Adds another prefix for the classes of an existing one (`<%@ Register TagPrefix="x" Namespace="System.Web.UI.WebControls" %>`). */
  alias(prefix: string, existing: string): void {
    const tags = this.prefixes.get(existing.toLowerCase())
    if (tags && !this.prefixes.has(prefix.toLowerCase())) this.prefixes.set(prefix.toLowerCase(), tags)
  }

  /** A copy to which one page's `<%@ Register %>` directives can add. */
  clone(): ControlRegistry {
    const copy = new ControlRegistry()
    for (const [prefix, tags] of this.prefixes) copy.prefixes.set(prefix, new Map(tags))
    return copy
  }
}

/**
 * A factory for the control behind an HTML element with `runat="server"`.
 *
 * @example
 * htmlServerControl('form')() // a new HtmlForm
 */
export function htmlServerControl(tag: string): () => HtmlGenericControl {
  switch (tag.toLowerCase()) {
    case 'form':
      return () => new HtmlForm()
    case 'head':
      return () => new HtmlHead()
    case 'input':
      return () => new HtmlInputControl()
    case 'a':
      return () => new HtmlAnchor()
    default:
      return () => new HtmlGenericControl(tag.toLowerCase())
  }
}

const builtIns: Record<string, MarkupClass> = {
  Button, CheckBox, CheckBoxList, CompareValidator, CustomValidator, DropDownList, HiddenField, HyperLink,
  Image, ImageButton, Label, LinkButton, ListBox, ListItem, Literal, Panel, PlaceHolder, RadioButton,
  RadioButtonList, RangeValidator, RegularExpressionValidator, RequiredFieldValidator, TextBox, ValidationSummary,
  ScriptManager, UpdatePanel, AsyncPostBackTrigger, PostBackTrigger, UpdateProgress, Timer,
  CallbackValidator, Substitution, CachedRegion,
  ...dataControls,
}

/**
 * A registry holding the built-in `asp:` controls; features (partial rendering, data
 * controls) add theirs with {@link ControlRegistry.register}.
 *
 * @example
 * const registry = createControlRegistry()
 * registry.resolve('asp', 'label') === Label // true
 */
export function createControlRegistry(extra: Record<string, MarkupClass> = {}): ControlRegistry {
  const registry = new ControlRegistry()
  registry.registerAll('asp', { ...builtIns, ...extra })
  return registry
}
