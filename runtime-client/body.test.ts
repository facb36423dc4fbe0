// The async postback body, byte for byte (PROTOCOL.md §1.4 and its own examples).
import { describe, expect, it } from 'vitest'
import { buildBody, formFields, panelField, submitterField } from './body.ts'
import { click, fakeFetch, form, page } from './test-dom.ts'

const Sys = () => (globalThis as any).Sys
const w = () => (globalThis as any).window

describe('panelField', () => {
  it('joins panels with , and appends |target before encoding', () => {
    expect(panelField('sm1', ['UP1', 'NC1$UP2'])).toBe('sm1=UP1%2CNC1%24UP2&')
    expect(panelField('sm1', null, 'target')).toBe('sm1=sm1%7Ctarget&')
    expect(panelField('ctl00$SM', ['UpdatePanel1'], 'Button1')).toBe('ctl00%24SM=UpdatePanel1%7CButton1&')
  })
})

describe('formFields / buildBody', () => {
  it('posts text-like inputs, checked boxes, selected options, textareas — disabled ones too — and skips the rest', () => {
    const { $ } = page(`<form id="f" action="./x.aspx">
      <input type="hidden" name="h" value="a b" />
      <input name="plain" value="no type" />
      <input type="TEXT" name="upper" value="x" />
      <input type="email" name="mail" value="a@b.c" />
      <input type="number" name="n" value="5" />
      <input type="text" name="dis" value="still posted" disabled />
      <input type="checkbox" name="cb1" value="on" checked />
      <input type="checkbox" name="cb2" value="on" />
      <input type="radio" name="r" value="r1" />
      <input type="radio" name="r" value="r2" checked />
      <select name="multi" multiple><option value="1" selected>1</option><option value="2">2</option><option selected>three</option></select>
      <textarea name="ta">line1
line2</textarea>
      <input type="file" name="up" />
      <input type="submit" name="go" value="Go" />
      <input type="button" name="btn" value="B" />
      <input type="image" name="img" src="x.png" />
      <input type="reset" name="rs" />
      <button type="submit" name="b2" value="v">b</button>
      <input type="text" name="SM1" value="history" />
      <input type="text" value="no name" />
      <input type="text" name="é&=" value="ü ?" />
    </form>`)
    expect(formFields($('f'), 'SM1')).toBe(
      'h=a%20b&plain=no%20type&upper=x&mail=a%40b.c&n=5&dis=still%20posted&cb1=on&r=r2&multi=1&multi=three&ta=line1%0Aline2&%C3%A9%26%3D=%C3%BC%20%3F&',
    )
    expect(buildBody($('f'), 'SM1', 'SM1=SM1&', 'go=Go')).toBe('SM1=SM1&' + formFields($('f'), 'SM1') + '__ASYNCPOST=true&go=Go')
    expect(buildBody($('f'), 'SM1', 'SM1=SM1&')).toMatch(/__ASYNCPOST=true&$/)
  })

  it('remembers submit buttons as name=value and image buttons as name.x / name.y', () => {
    const { $ } = page(`<input type="submit" id="s" name="a$b" value="Go &" /><input type="image" id="i" name="img" />
      <button id="b" name="bb" value="v" type="submit">x</button><button id="bt" name="bb" value="v" type="button">x</button>
      <input type="submit" id="nn" value="nameless" />`)
    expect(submitterField($('s'), 0, 0)).toBe('a%24b=Go%20%26')
    expect(submitterField($('i'), 3, 4.5)).toBe('img.x=3&img.y=4.5')
    expect(submitterField($('b'), 0, 0)).toBe('bb=v')
    expect(submitterField($('bt'), 0, 0)).toBeNull()
    expect(submitterField($('nn'), 0, 0)).toBeNull()
  })
})

describe('request body through the PageRequestManager', () => {
  it('click on a submit button inside a ChildrenAsTriggers panel (PROTOCOL §1.4 example)', () => {
    const sent = fakeFetch()
    const { $ } = page(
      form(`<div id="UpdatePanel1"><input type="text" name="TextBox1" id="TextBox1" value="hello world" /><input type="submit" name="Button1" value="Go" id="Button1" /></div>`).replace(
        // The example posts __EVENTVALIDATION before TextBox1: put the field there.
        '<div id="UpdatePanel1">',
        '<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAA..." /><div id="UpdatePanel1">',
      ).replace('<div class="aspNetHidden"><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAA..." /></div>', ''),
    )
    Sys().WebForms.PageRequestManager._initialize('ScriptManager1', 'form1', ['tUpdatePanel1', 'UpdatePanel1'], [], [], 90, '')
    click($('Button1'), true)
    expect(sent).toHaveLength(1)
    expect(sent[0].body).toBe(
      'ScriptManager1=UpdatePanel1%7CButton1&__EVENTTARGET=&__EVENTARGUMENT=&__VIEWSTATE=%2FwEPDw...&__VIEWSTATEGENERATOR=CA0B0334&__EVENTVALIDATION=%2FwEdAA...&TextBox1=hello%20world&__ASYNCPOST=true&Button1=Go',
    )
    expect(sent[0].url).toBe('./clock.aspx')
    expect(sent[0].headers).toEqual({
      'Idempotency-Key': expect.stringMatching(/^[0-9a-f]{24}$/),
      'X-MicrosoftAjax': 'Delta=true',
      'Cache-Control': 'no-cache',
      'X-Requested-With': 'XMLHttpRequest',
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
    })
  })

  it('LinkButton registered as async control, via master page (no submitter, no trailing field)', () => {
    const sent = fakeFetch()
    const { $ } = page(form(`<a id="Main_Link1" href="javascript:__doPostBack('ctl00$Main$Link1','')">go</a>`))
    w().__doPostBack = () => {
      throw new Error('full postback')
    }
    Sys().WebForms.PageRequestManager._initialize('ctl00$ScriptManager1', 'form1', [], ['ctl00$Main$Link1', 'Main_Link1'], [], 90, 'ctl00')
    click($('Main_Link1'))
    w().__doPostBack('ctl00$Main$Link1', '')
    expect(sent[0].body).toBe(
      'ctl00%24ScriptManager1=ctl00%24ScriptManager1%7Cctl00%24Main%24Link1&__EVENTTARGET=ctl00%24Main%24Link1&__EVENTARGUMENT=&__VIEWSTATE=%2FwEPDw...&__VIEWSTATEGENERATOR=CA0B0334&__EVENTVALIDATION=%2FwEdAA...&__ASYNCPOST=true&',
    )
  })

  it('beginAsyncPostBack: panels by UniqueID or ClientID, or none with a target', () => {
    const sent = fakeFetch()
    page(form('<div id="UP1"></div><div id="NC1_UP2"></div>'))
    const prm = Sys().WebForms.PageRequestManager
    prm._initialize('sm1', 'form1', ['tUP1', '', 'fNC1$UP2', ''], [], [], 90, '')
    prm.getInstance().beginAsyncPostBack(['UP1', 'NC1_UP2'])
    expect(sent[0].body.startsWith('sm1=UP1%2CNC1%24UP2&__EVENTTARGET=&__EVENTARGUMENT=&')).toBe(true)
    prm.getInstance().beginAsyncPostBack(null, 'target', 'arg')
    expect(sent[1].body.startsWith('sm1=sm1%7Ctarget&__EVENTTARGET=target&__EVENTARGUMENT=arg&')).toBe(true)
    expect(sent[1].body.endsWith('__ASYNCPOST=true&')).toBe(true)
  })
})
