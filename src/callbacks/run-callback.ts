import type { Control } from '../controls/control.ts'
import { HttpError } from '../errors.ts'
import { htmlEncode } from '../render/encode.ts'
import { isCallbackTarget } from './callback-target.ts'

/** What the callback dispatcher needs from the page. */
export interface CallbackHost extends Control {
  readonly postData: { get(name: string): string | undefined } | null
  readonly isDevelopment: boolean
}

/**
 * Runs a client callback after LoadComplete (ASP.NET's PrepareCallback + RenderCallback):
 * finds the target named by `__CALLBACKID` (`__Page` for the page), calls
 * `raiseCallbackEvent(__CALLBACKPARAM)` and returns the response body: `s<result>`, or with
 * event validation `<length>|<eventValidation><result>`, or `e<message>` on failure.
 *
 * @example
 * const body = await runCallback(page, () => encodedEventValidationOrNull())
 */
export async function runCallback(page: CallbackHost, eventValidation: (() => string) | null): Promise<string> {
  const form = page.postData
  const targetId = form?.get('__CALLBACKID') ?? ''
  const argument = form?.get('__CALLBACKPARAM') ?? ''
  try {
    const target = targetId.toLowerCase() === '__page' ? page : targetId.length <= 1024 ? page.findControl(targetId) : null
    if (!isCallbackTarget(target)) {
      throw new CallbackError(`The target '${targetId}' for the callback could not be found or did not implement ICallbackEventHandler.`)
    }
    await target.raiseCallbackEvent(argument)
    const result = String((await target.getCallbackResult()) ?? '')
    if (!eventValidation) return 's' + result
    const ev = eventValidation()
    return `${ev.length}|${ev}${result}`
  } catch (error) {
    // A client's mistake (bad argument) is safe to name; other failures only in development.
    const safe = error instanceof CallbackError || error instanceof HttpError
    const message = safe || page.isDevelopment ? (error as Error).message : 'There was an error in the callback.'
    if (!safe) console.error(error)
    return 'e' + htmlEncode(message)
  }
}

/**
 * A callback mistake whose message is safe to show (the ASP.NET wording).
 *
 * @example
 * throw new CallbackError('The argument is not valid.')
 */
export class CallbackError extends Error {}

/**
 * Thrown when code calls redirect() during a callback.
 *
 * @example
 * if (this.isCallback) throw new RedirectInCallback()
 */
export class RedirectInCallback extends CallbackError {
  constructor() {
    super('Response.Redirect cannot be called in a Page callback.')
  }
}
