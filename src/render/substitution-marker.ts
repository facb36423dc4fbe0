// Post-cache substitution: a Substitution control's output sits between two comments so an
// output-cached copy of the page can have it replaced on every answer.
const open = (method: string) => `<!--df:sub:${method}-->`
const close = '<!--/df:sub-->'
const region = /<!--df:sub:([A-Za-z_$][\w$]*)-->[\s\S]*?<!--\/df:sub-->/g

/**
 * Wraps a substitution's output in its markers.
 *
 * @example
 * substitutionRegion('Now', '12:00') // '<!--df:sub:Now-->12:00<!--/df:sub-->'
 */
export function substitutionRegion(method: string, html: string): string {
  return open(method) + html + close
}

/**
 * The method names of the substitution regions in a page, in order.
 *
 * @example
 * substitutionMethods('<p><!--df:sub:Now-->1<!--/df:sub--></p>') // ['Now']
 */
export function substitutionMethods(html: string): string[] {
  return [...html.matchAll(region)].map((m) => m[1]!)
}

/**
 * Replaces each substitution region's content with what `fill(method)` gives now.
 *
 * @example
 * await fillSubstitutions(cachedHtml, async (method) => PageClass[method](context))
 */
export async function fillSubstitutions(html: string, fill: (method: string) => Promise<string>): Promise<string> {
  const methods = substitutionMethods(html)
  if (methods.length === 0) return html
  const outputs = await Promise.all(methods.map(fill))
  let i = 0
  return html.replace(region, (_m, method: string) => substitutionRegion(method, outputs[i++]!))
}
