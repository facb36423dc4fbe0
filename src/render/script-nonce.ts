/**
 * Gives every `<script>` start tag in trusted markup that has no nonce yet the page's nonce
 * attribute (` nonce="…"`, as ClientScriptManager's `nonceAttr` writes it); `<script-x>` custom
 * elements are left alone. Only for markup the app wrote itself (template text, registered
 * scripts) — never for data.
 *
 * @example
 * addScriptNonce('<p>hi</p><script>go()</script>', ' nonce="r4nd0m"') // '<p>hi</p><script nonce="r4nd0m">go()</script>'
 */
export function addScriptNonce(html: string, nonceAttr: string): string {
  return nonceAttr ? html.replace(/<script(?=[\s>/])(?![^>]*\bnonce=)/gi, `<script${nonceAttr}`) : html
}
