/**
 * The CallbackValidator: server-side validation of one field at a time through client
 * callbacks, while the user fills in the form.
 *
 * @example
 * import { CallbackValidator } from './controls/callback-validator/index.ts'
 * const liveCheck = new CallbackValidator()
 * liveCheck.id = 'LiveCheck'
 */
export { CallbackValidator, type CallbackValidationResult } from './callback-validator.ts'
