/**
 * What Deltaform's client does with an async postback asked for while another is in flight
 * (the page's view state is one, so two never run at once): `LastWins` aborts the one in flight
 * (ASP.NET's behaviour, the default), `Queue` sends it when the current one has ended, `Drop`
 * ignores it, `AbortConflicting` aborts the one in flight only when both target the same panel
 * and otherwise waits its turn. Set on an UpdatePanel (its controls), an AsyncPostBackTrigger
 * or a Timer; any element may also carry `data-concurrency="drop"` itself.
 *
 * @example
 * <asp:Timer ID="Poll" runat="server" Interval="2000" Concurrency="Drop" />
 */
export type Concurrency = 'LastWins' | 'Queue' | 'Drop' | 'AbortConflicting'

/**
 * The values of {@link Concurrency}, for property declarations.
 *
 * @example
 * defineStateProperties(Timer, { concurrency: { enum: concurrencyValues, default: 'LastWins' } })
 */
export const concurrencyValues: readonly Concurrency[] = ['LastWins', 'Queue', 'Drop', 'AbortConflicting']

/**
 * The `data-concurrency` attribute the client reads, or nothing for `LastWins` (the element then
 * renders exactly as in ASP.NET).
 *
 * @example
 * writer.beginTag('div', { id, ...concurrencyAttribute('Queue') }) // data-concurrency="queue"
 */
export function concurrencyAttribute(policy: Concurrency | undefined): Record<string, string> {
  if (!policy || policy === 'LastWins') return {}
  return { 'data-concurrency': policy === 'AbortConflicting' ? 'abort-conflicting' : policy.toLowerCase() }
}
