// The XSS payload corpus of the hardening suite (e2e/xss.spec.ts in Chromium, and
// src/render/xss.test.ts in-process). Every payload, if it ever ran, would call the global
// marker `__xss(<id>)` (a few call `alert(<id>)` instead), where <id> names the payload and the
// sink it was pushed through (see markerId), so a hit says exactly what broke.

/** One attack string; `$ID` in its template is replaced by the marker id of a payload × sink. */
export interface XssPayload {
  /** Short name, shown in failure messages. */
  name: string
  /**
   * The attack with `$ID` where the marker id goes (`__xss($ID)`, `alert($ID)`); a trailing
   * `$B64(…)` is replaced by the base64 of its text.
   */
  template: string
  /** Where the payload is meant to bite (documentation only; every payload goes everywhere). */
  context: 'html' | 'attribute' | 'url' | 'script' | 'css' | 'text'
}

/**
 * The corpus. Order matters only for the marker ids (index × 1000 + sink), so add new payloads
 * at the end.
 */
export const xssPayloads: readonly XssPayload[] = [
  // ---- element content -----------------------------------------------------------------
  { name: 'script tag', context: 'html', template: '<script>__xss($ID)</script>' },
  { name: 'img onerror', context: 'html', template: '<img src=x onerror=__xss($ID)>' },
  { name: 'img onerror, alert', context: 'html', template: '<img src=x onerror=alert($ID)>' },
  { name: 'svg onload', context: 'html', template: '<svg onload=__xss($ID)>' },
  { name: 'svg/onload after quote-angle', context: 'html', template: '"><svg/onload=__xss($ID)>' },
  { name: 'script after quote-angle', context: 'html', template: "'\"><script>__xss($ID)</script>" },
  { name: 'iframe javascript src', context: 'html', template: '<iframe src="javascript:parent.__xss($ID)"></iframe>' },
  { name: 'iframe srcdoc', context: 'html', template: '<iframe srcdoc="<script>parent.__xss($ID)</script>"></iframe>' },
  { name: 'details ontoggle', context: 'html', template: '<details open ontoggle=__xss($ID)>x</details>' },
  { name: 'input autofocus onfocus', context: 'html', template: '<input autofocus onfocus=__xss($ID)>' },
  { name: 'video source onerror', context: 'html', template: '<video><source onerror=__xss($ID)></video>' },
  { name: 'style onload', context: 'html', template: '<style onload=__xss($ID)></style>' },
  { name: 'object data javascript', context: 'html', template: '<object data="javascript:__xss($ID)"></object>' },
  { name: 'svg script', context: 'html', template: '<svg><script>__xss($ID)</script></svg>' },
  { name: 'entity-encoded handler', context: 'html', template: '<img src=x onerror="__xss&#40;$ID&#41;">' },
  { name: 'closing tags then img', context: 'html', template: '</span></option></select></td></tr></table></a></label><img src=x onerror=__xss($ID)>' },
  { name: 'textarea breakout', context: 'html', template: '</textarea><script>__xss($ID)</script>' },
  { name: 'title breakout', context: 'html', template: '</title><script>__xss($ID)</script>' },
  { name: 'style/noscript breakout', context: 'html', template: '</style></noscript></xmp><img src=x onerror=__xss($ID)>' },
  { name: 'comment breakout', context: 'html', template: '--><img src=x onerror=__xss($ID)><!--' },
  { name: 'mutation xss (noscript title)', context: 'html', template: '<noscript><p title="</noscript><img src=x onerror=__xss($ID)>">' },
  // ---- attribute values ----------------------------------------------------------------
  { name: 'double-quote breakout', context: 'attribute', template: '" onmouseover="__xss($ID)" x="' },
  { name: 'single-quote breakout', context: 'attribute', template: "' autofocus onfocus='__xss($ID)' x='" },
  { name: 'unquoted breakout', context: 'attribute', template: 'x onfocus=__xss($ID) autofocus tabindex=1' },
  { name: 'backtick breakout', context: 'attribute', template: '` onmouseover=__xss($ID) x=`' },
  // ---- URLs ----------------------------------------------------------------------------
  { name: 'javascript: URL', context: 'url', template: 'javascript:__xss($ID)' },
  { name: 'mixed-case javascript: URL', context: 'url', template: 'JaVaScRiPt:__xss($ID)' },
  { name: 'entity-encoded javascript: URL', context: 'url', template: '&#106;avascript&#58;__xss($ID)' },
  { name: 'hex-entity javascript: URL', context: 'url', template: '&#x6A;&#x61;vascript:__xss($ID)' },
  { name: 'tab inside scheme', context: 'url', template: 'java\tscript:__xss($ID)' },
  { name: 'whitespace-prefixed scheme', context: 'url', template: ' \n\u0001javascript:__xss($ID)' },
  { name: 'percent-encoded javascript: URL', context: 'url', template: 'javascript:%5f%5fxss($ID)' },
  { name: 'data:text/html URL', context: 'url', template: 'data:text/html,<script>self.__xss($ID)</script>' },
  { name: 'data: base64 URL', context: 'url', template: 'data:text/html;base64,$B64(<script>self.__xss($ID)</script>)' },
  { name: 'vbscript: URL', context: 'url', template: 'vbscript:__xss($ID)' },
  { name: 'data:image/svg+xml URL', context: 'url', template: 'data:image/svg+xml,<svg onload="__xss($ID)"/>' },
  // ---- script contexts -----------------------------------------------------------------
  { name: 'script end tag', context: 'script', template: '</script><script>__xss($ID)</script>' },
  { name: 'CDATA end', context: 'script', template: ']]></script><script>__xss($ID)</script><![CDATA[' },
  { name: 'JS single-quote string breakout', context: 'script', template: "';__xss($ID);//" },
  { name: 'JS double-quote string breakout', context: 'script', template: '";__xss($ID);//' },
  { name: 'JS backslash-quote breakout', context: 'script', template: "\\';__xss($ID);//" },
  { name: 'U+2028/U+2029 in a JS string', context: 'script', template: "\u2028';__xss($ID);//\u2029" },
  { name: 'JSON breakout', context: 'script', template: '"});__xss($ID);//' },
  // ---- unicode tricks ------------------------------------------------------------------
  { name: 'fullwidth angle brackets', context: 'text', template: '\uff1cscript\uff1e__xss($ID)\uff1c/script\uff1e' },
  { name: 'NUL inside tag name', context: 'text', template: '<scr\u0000ipt>__xss($ID)</scr\u0000ipt><img src=x\u0000 onerror=__xss($ID)>' },
  { name: 'escaped \\u003c', context: 'text', template: '\\u003cscript\\u003e__xss($ID)\\u003c/script\\u003e' },
  { name: 'lone surrogate then script', context: 'text', template: '\ud800<script>__xss($ID)</script>\udfff' },
  { name: 'percent-encoded script', context: 'text', template: '%3Cscript%3E__xss($ID)%3C%2Fscript%3E' },
  // ---- templates and CSS ---------------------------------------------------------------
  { name: 'template braces', context: 'text', template: "{{constructor.constructor('__xss($ID)')()}}" },
  { name: 'template literal', context: 'script', template: '${__xss($ID)}`;__xss($ID);`' },
  { name: 'CSS expression()', context: 'css', template: 'width:expression(__xss($ID));' },
  { name: 'CSS url(javascript:)', context: 'css', template: 'red;background-image:url(javascript:__xss($ID))' },
  { name: 'CSS breakout to style tag', context: 'css', template: 'red}</style><img src=x onerror=__xss($ID)><style>' },
]

/**
 * The marker id of a payload pushed through a sink: `payloadIndex * 1000 + sinkId`.
 *
 * @example
 * markerId(3, 12) // 3012
 */
export function markerId(payloadIndex: number, sinkId: number): number {
  return payloadIndex * 1000 + sinkId
}

/**
 * The payload text for one payload × sink: the template with its marker id.
 *
 * @example
 * payloadText(1, 7) // '<img src=x onerror=__xss(1007)>'
 */
export function payloadText(payloadIndex: number, sinkId: number): string {
  const payload = xssPayloads[payloadIndex]
  if (!payload) throw new RangeError(`No XSS payload #${payloadIndex} (the corpus has ${xssPayloads.length}).`)
  const text = payload.template.replaceAll('$ID', String(markerId(payloadIndex, sinkId)))
  return text.replace(/\$B64\((.*)\)$/s, (_, inner: string) => btoa(inner))
}

/**
 * Names the payload and sink behind a marker id, for failure messages.
 *
 * @example
 * describeMarker(1007, (id) => sinks[id]?.name) // 'payload #1 "img onerror" through sink 7 (Label.Text)'
 */
export function describeMarker(id: number, sinkName: (sinkId: number) => string | undefined): string {
  const payloadIndex = Math.floor(id / 1000)
  const sinkId = id % 1000
  const payload = xssPayloads[payloadIndex]
  return `payload #${payloadIndex} "${payload?.name ?? '?'}" through sink ${sinkId} (${sinkName(sinkId) ?? 'unknown sink'})`
}
