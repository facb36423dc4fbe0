import { Control } from './control.ts'
import { declareMarkupProperties } from './properties.ts'
import type { HtmlWriter } from '../render/html-writer.ts'
import { substitutionRegion } from '../render/substitution-marker.ts'

/** What a substitution method gets: the request (url, headers, cookies) and the signed-in user. */
export interface SubstitutionContext {
  request: { url: URL; headers: Headers; cookies: Record<string, string> }
  user?: unknown
}

/** A static page method named by `MethodName`: returns the HTML for the hole (written as it is). */
export type SubstitutionMethod = (context: SubstitutionContext) => string | Promise<string>

/**
 * A live hole in an output-cached page (post-cache substitution): `MethodName` names a
 * **static** method of the page class that returns HTML; it runs on every answer, also when
 * the rest of the page comes from the output cache. Its output is written as it is (encode
 * what you did not write yourself).
 *
 * @example
 * <asp:Substitution runat="server" MethodName="Now" />
 * static Now() { return new Date().toLocaleTimeString() }
 */
export class Substitution extends Control {
  declare methodName: string
  private output = ''

  override async onPreRender(): Promise<void> {
    await super.onPreRender()
    const host = this.host as unknown as { constructor: Record<string, unknown>; request?: SubstitutionContext['request']; user?: unknown } | null
    if (!host) return
    this.output = await callSubstitution(host.constructor, this.methodName, { request: host.request!, user: host.user })
  }

  override render(writer: HtmlWriter): void {
    writer.write(substitutionRegion(this.methodName, this.output))
  }
}
declareMarkupProperties(Substitution, [{ name: 'methodName', kind: 'string' }])

/**
 * Calls a page class's static substitution method, with a clear error when it is missing.
 *
 * @example
 * await callSubstitution(Page1, 'Now', { request })
 */
export async function callSubstitution(pageClass: Record<string, unknown>, methodName: string, context: SubstitutionContext): Promise<string> {
  const method = pageClass[methodName]
  if (!/^[A-Za-z_$][\w$]*$/.test(methodName ?? '') || typeof method !== 'function') {
    throw new Error(`Substitution MethodName="${methodName ?? ''}" names no static method of the page class. Add static ${methodName || 'Method'}(context) { return '…' } to the code-behind.`)
  }
  return String(await (method as SubstitutionMethod).call(pageClass, context))
}
