// Reading a posted form within limits and telling postbacks, async postbacks and callbacks apart.
export { defaultFormLimits, FormCollection, parseUrlEncoded, readForm, type FormLimits } from './form.ts'
export { classifyRequest, isSystemPostField, systemPostFields, type RequestKind } from './classify.ts'
