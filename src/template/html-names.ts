/**
 * HTML element names, current and obsolete, lowercased. Inside a server control an un-prefixed
 * tag with one of these names is literal markup; any other un-prefixed name is a property
 * element (`<ContentTemplate>`, `<Items>`). SVG and MathML children need not be listed: the
 * parser treats everything inside a literal `<svg>` / `<math>` as markup.
 */
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big ' +
    'blink blockquote body br button canvas caption center cite code col colgroup data datalist ' +
    'dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form ' +
    'frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins ' +
    'isindex kbd keygen label legend li link listing main map mark marquee math menu menuitem ' +
    'meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup option ' +
    'output p param picture plaintext portal pre progress q rb rp rt rtc ruby s samp script ' +
    'search section select slot small source spacer span strike strong style sub summary sup svg ' +
    'table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
)

const VOID_ELEMENTS = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
)

/**
 * Whether `lower` (a lowercased tag name) is an HTML element name.
 *
 * @example
 * isHtmlElementName('div') // true
 * isHtmlElementName('contenttemplate') // false
 */
export function isHtmlElementName(lower: string): boolean {
  return HTML_ELEMENTS.has(lower)
}

/**
 * Whether `lower` is a void HTML element (never has an end tag).
 *
 * @example
 * isVoidElement('input') // true
 */
export function isVoidElement(lower: string): boolean {
  return VOID_ELEMENTS.has(lower)
}
