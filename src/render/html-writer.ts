import { cspSafeAttribute, isRenderingCspSafe } from './csp-attributes.ts'
import { htmlEncode } from './encode.ts'

/** Attribute values: `undefined`/`null`/`false` leave the attribute out, `true` writes it bare. */
export type AttributeMap = Record<string, string | number | boolean | null | undefined>

/**
 * Collects rendered HTML. Text goes through {@link HtmlWriter.text}, which encodes it;
 * only {@link HtmlWriter.write} writes markup as it is.
 *
 * @example
 * const w = new HtmlWriter()
 * w.beginTag('span', { id: 'Label1', class: 'note' })
 * w.text('1 < 2')
 * w.endTag('span')
 * w.toString() // '<span id="Label1" class="note">1 &lt; 2</span>'
 */
export class HtmlWriter {
  private readonly parts: string[] = []

  /** Writes markup as it is. */
  write(markup: string): void {
    this.parts.push(markup)
  }

  /** Writes text, HTML-encoded. */
  text(value: unknown): void {
    this.parts.push(htmlEncode(value))
  }

  /** Writes `<tag attr="value"…>`. */
  beginTag(tag: string, attributes?: AttributeMap): void {
    this.parts.push('<', tag, renderAttributes(attributes), '>')
  }

  /** Writes `<tag attr="value"… />`. */
  selfClosingTag(tag: string, attributes?: AttributeMap): void {
    this.parts.push('<', tag, renderAttributes(attributes), ' />')
  }

  /** Writes `</tag>`. */
  endTag(tag: string): void {
    this.parts.push('</', tag, '>')
  }

  toString(): string {
    return this.parts.join('')
  }
}

/**
 * Renders attributes as ` name="value"` pairs, encoding values.
 *
 * @example
 * renderAttributes({ type: 'text', disabled: true, title: undefined }) // ' type="text" disabled="disabled"'
 */
export function renderAttributes(attributes: AttributeMap | undefined): string {
  if (!attributes) return ''
  let out = ''
  for (const name in attributes) {
    const value = attributes[name]
    if (value === undefined || value === null || value === false) continue
    // Nonce-CSP pages: handlers and javascript: links as data attributes (see csp-attributes.ts).
    const safe = typeof value === 'string' && (name[0] === 'o' || name[0] === 'O' || name === 'href') && isRenderingCspSafe() ? cspSafeAttribute(name, value) : undefined
    if (safe) for (const [n, v] of safe) out += ` ${n}="${htmlEncode(v)}"`
    else out += value === true ? ` ${name}="${name}"` : ` ${name}="${htmlEncode(value)}"`
  }
  return out
}
