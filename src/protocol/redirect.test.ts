import { describe, expect, it } from 'vitest'
import { encodeRecord } from './delta.ts'
import { encodeRedirectLocation } from './redirect.ts'

describe('encodeRedirectLocation', () => {
  it('matches the PROTOCOL.md example byte for byte', () => {
    const content = encodeRedirectLocation('/Login.aspx?ReturnUrl=%2fDefault.aspx')
    expect(encodeRecord('pageRedirect', '', content)).toBe('45|pageRedirect||%2fLogin.aspx%3fReturnUrl%3d%252fDefault.aspx|')
  })

  it('matches captured ASP.NET redirects', () => {
    expect(encodeRedirectLocation('/SRoRFront_Uni.aspx')).toBe('%2fSRoRFront_Uni.aspx')
    expect(encodeRedirectLocation('http://gs.cqupt.edu.cn/Gstudent/Default.aspx')).toBe('http%3a%2f%2fgs.cqupt.edu.cn%2fGstudent%2fDefault.aspx')
  })

  it('keeps spaces as separators and encodes UTF-8', () => {
    expect(encodeRedirectLocation('/a b/é')).toBe('%2fa b%2f%c3%a9')
  })
})
