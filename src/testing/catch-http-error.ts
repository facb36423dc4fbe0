import { HttpError } from '../errors.ts'

/**
 * Runs `fn` and returns the HttpError it throws; throws if it returns or throws anything else.
 * For tests of code that refuses bad input.
 *
 * @example
 * expect(catchHttpError(() => decodeViewState('x', signer, scope)).status).toBe(400)
 */
export function catchHttpError(fn: () => unknown): HttpError {
  try {
    fn()
  } catch (error) {
    if (error instanceof HttpError) return error
    throw new Error(`expected an HttpError, got ${String(error)}`)
  }
  throw new Error('expected an HttpError, but nothing was thrown')
}
