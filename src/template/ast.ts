/**
 * The syntax tree of an `.aspx` / `.ascx` / `.master` file, as produced by `parseMarkup`.
 * It keeps the markup as written (names, attribute values, whitespace): deciding what a tag
 * or attribute means is the compiler's job.
 *
 * @example
 * const doc: MarkupDocument = parseMarkup('<asp:Label id="L" runat="server" />', 'pages/a.aspx')
 * // doc.nodes[0] is { kind: 'element', prefix: 'asp', tagName: 'Label', ... }
 */

/** 1-based line and column (in UTF-16 code units) in the source file. */
export interface Position {
  line: number
  column: number
}

/** `<%@ Page Title="x" %>`: name and attribute keys lowercased, values as written (unquoted). */
export interface Directive {
  kind: 'directive'
  /** 'page' | 'register' | 'control' | 'master' | 'outputcache' | 'import' ... */
  name: string
  /** Keys lowercased. */
  attributes: Record<string, string>
  pos: Position
}

export type Node = TextNode | ExpressionNode | ServerElement

/** Literal markup passed through to the response (HTML of non-server tags included). */
export interface TextNode {
  kind: 'text'
  text: string
  pos: Position
}

/**
 * A code nugget: `<%= %>` raw, `<%: %>` encoded, `<%# %>` bind, `<%#: %>` bindEncoded,
 * `<%$ %>` resource.
 */
export interface ExpressionNode {
  kind: 'expression'
  mode: 'raw' | 'encoded' | 'bind' | 'bindEncoded' | 'resource'
  /** Trimmed, never empty. */
  code: string
  /** Where the (trimmed) code starts. */
  pos: Position
  /** Where the `<%` of the nugget is (always set by parseMarkup). */
  nuggetPos?: Position
}

/**
 * `'x'` is `['x']`; `'<%# Eval("X") %>'` is one expression part; `'a<%= b %>c'` is three
 * parts. Never empty: `''` is `['']`. No two string parts are adjacent.
 */
export interface AttributeValue {
  parts: Array<string | ExpressionNode>
}

export interface ServerAttribute {
  /** As written. */
  name: string
  lower: string
  /** As written: entities are not decoded. A bare attribute (`disabled`) has the value `''`. */
  value: AttributeValue
  pos: Position
}

/**
 * A server element:
 * - `role: 'control'` — a prefixed tag (`<asp:Button>`, `<uc1:Foo>`), runat optional;
 * - `role: 'html'` — an HTML tag with `runat="server"` (`prefix` null);
 * - `role: 'property'` — an inner property / template tag of a control such as
 *   `<ContentTemplate>` or `<Items>` (`prefix` null).
 */
export interface ServerElement {
  kind: 'element'
  /** Lowercased prefix ('asp' for <asp:Button>); null for HTML server elements and property elements. */
  prefix: string | null
  /** As written, without prefix ('Button', 'ContentTemplate', 'div'). */
  tagName: string
  /** Lowercased tagName. */
  lower: string
  /** `runat` itself removed; order kept. */
  attributes: ServerAttribute[]
  children: Node[]
  /** True when written `<x ... />`. A void HTML server element (`<input runat=server>`) has no children either way. */
  selfClosing: boolean
  /** The `<` of the start tag. */
  pos: Position
  /** The `</` of the end tag, when there is one. */
  endPos?: Position
  /** What kind of server element this is (always set by parseMarkup). */
  role?: 'control' | 'html' | 'property'
  /** Whether `runat="server"` was written (always set by parseMarkup; prefixed tags may omit it). */
  hasRunat?: boolean
}

export interface MarkupDocument {
  file: string
  directives: Directive[]
  nodes: Node[]
}
