const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * HTML-encodes text for element content or a quoted attribute value.
 *
 * @example
 * htmlEncode('<b>"Tom" & Jerry</b>') // '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
 */
export function htmlEncode(value: unknown): string {
  const text = value == null ? '' : String(value)
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!) : text
}

/**
 * Decodes the few entities HTML encoding produces plus numeric references; used on
 * attribute values written in markup (`Text="Tom &amp; Jerry"`).
 *
 * @example
 * htmlDecode('Tom &amp; Jerry &#39;x&#39;') // "Tom & Jerry 'x'"
 */
export function htmlDecode(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const lower = e.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[lower]!
  })
}

/**
 * Encodes a value as the inside of a single- or double-quoted JavaScript string literal
 * that is safe inside an HTML `<script>` element and inside an HTML attribute.
 *
 * @example
 * `__doPostBack('${jsStringEncode("a'b")}','')` // "__doPostBack('a\\'b','')"
 */
export function jsStringEncode(value: string): string {
  return value.replace(/[\\'"<>&\u0000-\u001f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\'
      case "'": return "\\'"
      case '"': return '\\"'
      case '\n': return '\\n'
      case '\r': return '\\r'
      case '\t': return '\\t'
      default: return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
    }
  })
}

/**
 * Replaces lone UTF-16 surrogates with U+FFFD, as a browser's UTF-8 encoding would, so that
 * `encodeURIComponent` (which throws on them) can take any string from data or input.
 *
 * @example
 * encodeURIComponent(wellFormed('a\ud800b')) // 'a%EF%BF%BDb'
 */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}
