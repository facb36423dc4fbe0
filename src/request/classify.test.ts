import { describe, expect, it } from 'vitest'
import { classifyRequest, isSystemPostField, systemPostFields } from './classify.ts'
import { FormCollection } from './form.ts'

const postback = (extra: Array<[string, string]> = []) =>
  new FormCollection([['__EVENTTARGET', ''], ['__EVENTARGUMENT', ''], ['__VIEWSTATE', 'vs0'], ...extra])
const none = new Headers()

describe('classifyRequest', () => {
  it('treats GET and HEAD as get, whatever the form says', () => {
    expect(classifyRequest('GET', none, null)).toBe('get')
    expect(classifyRequest('HEAD', none, postback())).toBe('get')
    expect(classifyRequest('GET', new Headers({ 'X-MicrosoftAjax': 'Delta=true' }), postback())).toBe('get')
  })

  it('recognises a full postback by __VIEWSTATE, __VIEWSTATEFIELDCOUNT or __EVENTTARGET', () => {
    expect(classifyRequest('POST', none, postback())).toBe('postback')
    expect(classifyRequest('post', none, new FormCollection([['__VIEWSTATE', '']]))).toBe('postback')
    expect(classifyRequest('POST', none, new FormCollection([['__VIEWSTATEFIELDCOUNT', '2']]))).toBe('postback')
    expect(classifyRequest('POST', none, new FormCollection([['__EVENTTARGET', 'Button1']]))).toBe('postback')
  })

  it('treats a POST without postback fields as get', () => {
    expect(classifyRequest('POST', none, new FormCollection([['name', 'x']]))).toBe('get')
    expect(classifyRequest('POST', none, null)).toBe('get')
    expect(classifyRequest('POST', new Headers({ 'X-MicrosoftAjax': 'Delta=true' }), new FormCollection([['__ASYNCPOST', 'true']]))).toBe('get')
  })

  it('recognises an async postback by the X-MicrosoftAjax header', () => {
    expect(classifyRequest('POST', new Headers({ 'X-MicrosoftAjax': 'Delta=true' }), postback())).toBe('asyncPostback')
    const h = new Headers()
    h.append('X-MicrosoftAjax', 'Something=else')
    h.append('x-microsoftajax', ' Delta=true ')
    expect(classifyRequest('POST', h, postback())).toBe('asyncPostback')
    expect(classifyRequest('POST', new Headers({ 'X-MicrosoftAjax': 'Delta=false' }), postback())).toBe('postback')
    expect(classifyRequest('POST', new Headers({ 'X-MicrosoftAjax': 'Delta=true;x' }), postback())).toBe('postback')
  })

  it('falls back to the __ASYNCPOST field when a proxy strips the header', () => {
    expect(classifyRequest('POST', none, postback([['__ASYNCPOST', 'true']]))).toBe('asyncPostback')
    expect(classifyRequest('POST', none, postback([['__ASYNCPOST', ' true ']]))).toBe('asyncPostback')
    expect(classifyRequest('POST', none, postback([['__ASYNCPOST', 'false']]))).toBe('postback')
  })

  it('recognises a client callback, which wins over the async marker', () => {
    const form = postback([['__CALLBACKID', '__Page'], ['__CALLBACKPARAM', 'null']])
    expect(classifyRequest('POST', none, form)).toBe('callback')
    expect(classifyRequest('POST', new Headers({ 'X-MicrosoftAjax': 'Delta=true' }), form)).toBe('callback')
    expect(classifyRequest('POST', none, new FormCollection([['__CALLBACKID', '__Page']]))).toBe('get')
  })
})

describe('isSystemPostField', () => {
  it('knows the framework fields and every __VIEWSTATE* name', () => {
    for (const name of ['__EVENTTARGET', '__EVENTVALIDATION', '__ASYNCPOST', '__SCROLLPOSITIONY', '__VIEWSTATE3', '__IDEMPOTENCYKEY']) {
      expect(isSystemPostField(name)).toBe(true)
    }
    expect(isSystemPostField('TextBox1')).toBe(false)
    expect(isSystemPostField('ScriptManager1')).toBe(false)
    expect(isSystemPostField('__eventtarget')).toBe(false)
    expect(systemPostFields.size).toBe(15)
  })
})
