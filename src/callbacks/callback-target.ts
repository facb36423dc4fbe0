/**
 * A page or control that answers client callbacks (ASP.NET's ICallbackEventHandler): the
 * client's `WebForm_DoCallback` runs `raiseCallbackEvent(argument)` then sends back
 * `getCallbackResult()`. Either may be async.
 *
 * @example
 * export default class Hello extends Page implements CallbackTarget {
 *   private arg = ''
 *   raiseCallbackEvent(argument: string) { this.arg = argument }
 *   getCallbackResult() { return `The passed argument was ${this.arg}.` }
 * }
 */
export interface CallbackTarget {
  raiseCallbackEvent(argument: string): void | Promise<void>
  getCallbackResult(): string | Promise<string>
}

/** @example if (isCallbackTarget(control)) await control.raiseCallbackEvent(arg) */
export function isCallbackTarget(value: unknown): value is CallbackTarget {
  const v = value as Partial<CallbackTarget> | null
  return !!v && typeof v.raiseCallbackEvent === 'function' && typeof v.getCallbackResult === 'function'
}
