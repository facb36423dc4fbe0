// View state and event validation codecs (signing, limits) and the signing key.
export {
  decodeViewState,
  defaultViewStateMaxBytes,
  encodeViewState,
  viewStateGenerator,
  type StateScope,
  type StateSigner,
} from './view-state.ts'
export { EventValidation } from './event-validation.ts'
export { resolveSigningKey, type KeyOptions } from './keys.ts'
