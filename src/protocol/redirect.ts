/**
 * Encodes a redirect location for a `pageRedirect` record the way ASP.NET 4 does, so the
 * client's `unescape()` restores it: each space-separated part is URL-encoded (UTF-8,
 * lowercase `%xx`, keeping `A-Z a-z 0-9 - _ . ! * ( )`), and the parts are joined by spaces.
 *
 * @example
 * encodeRedirectLocation('/Login.aspx?ReturnUrl=%2fDefault.aspx') // '%2fLogin.aspx%3fReturnUrl%3d%252fDefault.aspx'
 */
export function encodeRedirectLocation(location: string): string {
  return location.split(' ').map(urlEncode).join(' ')
}

function urlEncode(part: string): string {
  let out = ''
  for (const byte of new TextEncoder().encode(part)) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-_.!*()]/.test(c) ? c : '%' + byte.toString(16).padStart(2, '0')
  }
  return out
}
