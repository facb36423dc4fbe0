// The server part of a partial-page history point (ScriptManager EnableSecureHistoryState):
// a string dictionary sealed with the app key, carried after `&&` in the URL fragment.
import { HttpError } from '../errors.ts'
import { seal, unseal, type StateSigner } from './seal.ts'

/**
 * Turns the server state of a history point into fragment-safe text and back. `decode`
 * throws an `HttpError` 400 naming the problem when the text was edited by hand.
 *
 * @example
 * const codec: HistoryStateCodec = historyStateCodec(signer, '/history.aspx')
 * codec.decode(codec.encode({ step: '2' })) // { step: '2' }
 */
export interface HistoryStateCodec {
  encode(state: Readonly<Record<string, string>>): string
  decode(text: string): Record<string, string>
}

/**
 * What a signed history state may hold at most (characters): browsers and proxies start
 * failing on longer URLs.
 *
 * @example
 * if (text.length > historyStateMaxBytes) throw new Error('too long for a URL')
 */
export const historyStateMaxBytes = 4096

const fieldName = 'history state (URL fragment)'

/**
 * The signed codec of one page: state sealed for this page only (a fragment copied from
 * another page does not verify), but for any user, so a bookmarked or shared link works.
 * The state is signed, not encrypted: keep secrets out of it.
 *
 * @example
 * const codec = historyStateCodec({ key }, '/history.aspx')
 * location.hash = '&&' + codec.encode({ step: '2' })
 */
export function historyStateCodec(signer: StateSigner, pageId: string): HistoryStateCodec {
  const scope = { pageId }
  return {
    encode: (state) => seal('history', signer, scope, 0, Buffer.from(JSON.stringify(state), 'utf8')),
    decode(text) {
      const { payload } = unseal('history', fieldName, text, signer, scope, historyStateMaxBytes)
      return asStringDictionary(JSON.parse(payload.toString('utf8')))
    },
  }
}

// A sealed payload was written by this server, but a different version of the code may have
// written it: check the shape rather than trust it.
function asStringDictionary(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, `The ${fieldName} is not a dictionary of strings.`)
  const entries = Object.entries(value)
  if (entries.some(([, v]) => typeof v !== 'string')) throw new HttpError(400, `The ${fieldName} is not a dictionary of strings.`)
  // fromEntries defines own properties: a `__proto__` key stays a plain key.
  return Object.fromEntries(entries) as Record<string, string>
}
