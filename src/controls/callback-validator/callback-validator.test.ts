import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { FormClient } from '../../testing/form-client.ts'

const key = 'ab'.repeat(32)
const sample = createApp({ pages: join(import.meta.dirname, '../../../samples/pages'), key })
const path = '/callback-validator.aspx'

type App = ReturnType<typeof createApp>

/** The answer of a callback: the result (`ok`) or the `e` message, and the event validation length prefix stripped. */
function parseCallback(text: string): { ok: true; result: string } | { ok: false; message: string } {
  if (text.startsWith('e')) return { ok: false, message: text.slice(1) }
  if (text.startsWith('s')) return { ok: true, result: text.slice(1) }
  const bar = text.indexOf('|')
  const length = Number(text.slice(0, bar))
  if (bar < 0 || !Number.isInteger(length)) throw new Error(`Not a callback answer: ${text.slice(0, 80)}`)
  return { ok: true, result: text.slice(bar + 1 + length) }
}

/** Loads the page, then posts its form plus the callback fields, as WebForm_DoCallback does (PROTOCOL.md §5.2). */
async function callback(param: string, options: { app?: App; path?: string; form?: Record<string, string>; target?: string } = {}) {
  const app = options.app ?? sample
  const client = new FormClient((r) => app.request(r))
  await client.get(options.path ?? path)
  for (const [name, value] of Object.entries(options.form ?? {})) client.set(name, value)
  const body = new URLSearchParams(client.formEntries([['__CALLBACKID', options.target ?? 'LiveCheck'], ['__CALLBACKPARAM', param]]))
  const response = await app.request(options.path ?? path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: body.toString(),
  })
  expect(response.status).toBe(200)
  return parseCallback(await response.text())
}

async function check(field: string, value: string, options: Parameters<typeof callback>[1] = {}) {
  const answer = await callback(JSON.stringify({ field, value }), options)
  if (!answer.ok) throw new Error(`The check was refused: ${answer.message}`)
  return JSON.parse(answer.result) as { field: string; valid: boolean; messages: string[] }
}

async function refused(param: string) {
  const answer = await callback(param)
  if (answer.ok) throw new Error(`Expected a refusal, got ${answer.result}`)
  return answer.message
}

describe('CallbackValidator on the sample page', () => {
  it('renders a hidden span, hooks each validated TextBox and lists the fields for its script', async () => {
    const client = new FormClient((r) => sample.request(r))
    await client.get(path)
    expect(client.html).toContain('<span id="LiveCheck" hidden="hidden"></span>')
    for (const id of ['UserId', 'Email', 'Password']) {
      const onchange = client.element(id).getAttribute('onchange')
      expect(onchange).toBe(
        `if(window.DeltaformCallbackValidator)WebForm_DoCallback('LiveCheck',DeltaformCallbackValidator.argument('${id}','${id}',this.value),` +
          `DeltaformCallbackValidator.receive,DeltaformCallbackValidator.context('${id}'),DeltaformCallbackValidator.error,true);`,
      )
    }
    expect(client.html).toContain(
      `DeltaformCallbackValidator.init('LiveCheck',[{"id":"UserId","name":"UserId"},{"id":"Email","name":"Email"},{"id":"Password","name":"Password"}]);`,
    )
    const src = /<script src="(\/__deltaform\/CallbackValidator\.[0-9a-f]{8}\.js)"><\/script>/.exec(client.html)?.[1]
    expect(src).toBeDefined()
    const script = await sample.request(src!)
    expect(script.status).toBe(200)
    expect(await script.text()).toContain('DeltaformCallbackValidator')
  })

  it('runs the CustomValidator of the User ID: "dino" is taken, whatever its case', async () => {
    expect(await check('UserId', 'dino')).toEqual({ field: 'UserId', valid: false, messages: ['That user ID is taken.'] })
    expect(await check('UserId', ' DiNo ')).toEqual({ field: 'UserId', valid: false, messages: ['That user ID is taken.'] })
    expect(await check('UserId', 'ann')).toEqual({ field: 'UserId', valid: true, messages: [] })
    expect(await check('UserId', '')).toEqual({ field: 'UserId', valid: false, messages: ['A user ID is required.'] })
  })

  it('checks the value of the argument, not the one in the posted form', async () => {
    expect((await check('UserId', 'dino', { form: { UserId: 'ann' } })).valid).toBe(false)
    expect((await check('UserId', 'ann', { form: { UserId: 'dino' } })).valid).toBe(true)
  })

  it('checks the email format', async () => {
    expect(await check('Email', 'ann@')).toEqual({ field: 'Email', valid: false, messages: ['The email address is not valid.'] })
    expect(await check('Email', 'ann@example.com')).toEqual({ field: 'Email', valid: true, messages: [] })
  })

  it('checks the password strength', async () => {
    const weak = 'The password needs at least 8 characters with a lower-case letter, an upper-case letter and a digit.'
    expect(await check('Password', 'password1')).toEqual({ field: 'Password', valid: false, messages: [weak] })
    expect(await check('Password', 'Pa55')).toEqual({ field: 'Password', valid: false, messages: [weak] })
    expect(await check('Password', 'Passw0rdX')).toEqual({ field: 'Password', valid: true, messages: [] })
  })

  it('runs only the validators of the checked field', async () => {
    // The other fields are empty in the posted form; their RequiredFieldValidators must not speak.
    expect(await check('Email', 'ann@example.com', { form: { UserId: '', Password: '' } })).toEqual({ field: 'Email', valid: true, messages: [] })
  })

  it('refuses a malformed argument with an e answer', async () => {
    const shape = 'The callback argument of CallbackValidator &#39;LiveCheck&#39; must be JSON {&quot;field&quot;:&quot;&lt;UniqueID&gt;&quot;,&quot;value&quot;:&quot;&lt;text&gt;&quot;}.'
    for (const bad of ['not json', '', 'null', '[]', '"UserId"', '{"field":"UserId"}', '{"field":"UserId","value":1}', '{"field":"UserId","value":"a","x":1}', '{"field":"","value":"a"}']) {
      expect(await refused(bad), bad).toBe(shape)
    }
  })

  it('refuses a field it does not check', async () => {
    expect(await refused('{"field":"Nope","value":"x"}')).toBe('CallbackValidator &#39;LiveCheck&#39; does not check a field named &#39;Nope&#39;.')
    // Controls that exist but have no validators on them are unknown fields too.
    expect(await refused('{"field":"Result","value":"x"}')).toMatch(/^CallbackValidator &#39;LiveCheck&#39; does not check a field named &#39;Result&#39;/)
    expect(await refused('{"field":"Submit","value":"x"}')).toMatch(/does not check a field named/)
  })

  it('still validates on the server in a full postback, and creates the account when valid', async () => {
    const client = new FormClient((r) => sample.request(r))
    await client.get(path)
    client.set('UserId', 'Dino').set('Email', 'dino@example.com').set('Password', 'weak')
    await client.click('Submit')
    expect(client.status).toBe(200)
    expect(client.text('Result')).toBe('')
    expect(client.text('Summary')).toContain('That user ID is taken.')
    expect(client.text('Summary')).toContain('The password needs at least 8 characters')
    expect(client.element('UserIdFree').getAttribute('style') ?? '').not.toContain('display:none')
    // The hook is not doubled by the attribute coming back from view state.
    expect(client.element('UserId').getAttribute('onchange').match(/WebForm_DoCallback/g)).toHaveLength(1)

    client.set('UserId', 'ann').set('Email', 'ann@example.com').set('Password', 'Passw0rdX')
    await client.click('Submit')
    expect(client.text('Result')).toBe('Account created for ann (ann@example.com).')
    expect(client.element('Summary').getAttribute('style')).toContain('display:none')
  })
})

describe('CallbackValidator hooks', () => {
  const markup = `<form id="f" runat="server">
  <asp:TextBox ID="Own" runat="server" onchange="track(this)" />
  <asp:RequiredFieldValidator runat="server" ControlToValidate="Own" ErrorMessage="Own is required." />
  <asp:TextBox ID="Auto" runat="server" AutoPostBack="true" />
  <asp:RequiredFieldValidator runat="server" ControlToValidate="Auto" ErrorMessage="Auto is required." />
  <asp:TextBox ID="Fixed" runat="server" ReadOnly="true" />
  <asp:RequiredFieldValidator runat="server" ControlToValidate="Fixed" ErrorMessage="Fixed is required." />
  <asp:TextBox ID="Short" runat="server" MaxLength="3" />
  <asp:RegularExpressionValidator runat="server" ControlToValidate="Short" ValidationExpression="a{4}" ErrorMessage="Four a's." />
  <asp:TextBox ID="Free" runat="server" />
  <asp:CallbackValidator ID="Live" runat="server" />
  <asp:Button ID="Go" runat="server" Text="Go" />
</form>`
  const app = createApp({ key, pages: { '/hooks.aspx': { markup } } })
  const options = { app, path: '/hooks.aspx', target: 'Live' }

  it('keeps the box own onchange after the check, and leaves AutoPostBack, read-only and unvalidated boxes alone', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/hooks.aspx')
    expect(client.element('Own').getAttribute('onchange')).toMatch(/^if\(window\.DeltaformCallbackValidator\)WebForm_DoCallback\('Live',.*,true\);track\(this\)$/)
    expect(client.element('Auto').getAttribute('onchange')).toMatch(/^setTimeout\(.*__doPostBack/)
    expect(client.element('Fixed').getAttribute('onchange')).toBeNull()
    expect(client.element('Free').getAttribute('onchange')).toBeNull()
    expect(client.html).toContain(`DeltaformCallbackValidator.init('Live',[{"id":"Own","name":"Own"},{"id":"Short","name":"Short"}]);`)
  })

  it('refuses the boxes it does not hook, and cuts the value to MaxLength as a postback would', async () => {
    const answer = await callback('{"field":"Auto","value":""}', options)
    expect(answer.ok).toBe(false)
    expect((await callback('{"field":"Fixed","value":""}', options)).ok).toBe(false)
    expect(await check('Own', '', options)).toEqual({ field: 'Own', valid: false, messages: ['Own is required.'] })
    expect(await check('Short', 'aaaa', options)).toEqual({ field: 'Short', valid: false, messages: ["Four a's."] })
  })
})

describe('CallbackValidator inside an UpdatePanel', () => {
  const markup = `<form id="f" runat="server"><asp:ScriptManager ID="SM" runat="server" />
    <asp:UpdatePanel ID="UP" runat="server"><ContentTemplate>
      <asp:TextBox ID="Email" runat="server" />
      <asp:RequiredFieldValidator ID="EmailRequired" runat="server" ControlToValidate="Email" ErrorMessage="Required" />
      <asp:CallbackValidator ID="LiveCheck" runat="server" />
      <asp:Button ID="Save" runat="server" Text="Save" CausesValidation="false" />
    </ContentTemplate></asp:UpdatePanel></form>`
  const app = createApp({ key, pages: { '/panel.aspx': { markup } } })

  it('registers its script and startup call through the ScriptManager, so an async postback that re-renders it carries them', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/panel.aspx')
    expect(client.html).toContain("DeltaformCallbackValidator.init('LiveCheck'")
    expect(client.html.match(/\/__deltaform\/CallbackValidator\.[0-9a-f]{8}\.js/g)).toHaveLength(1)
    const records = await client.asyncPostBack('SM', { panels: ['UP'], source: 'Save', submitter: ['Save', 'Save'] })
    const scripts = records.filter((r) => r.type === 'scriptBlock' || r.type === 'scriptStartupBlock').map((r) => r.content)
    expect(scripts.some((s) => s.includes("DeltaformCallbackValidator.init('LiveCheck'"))).toBe(true)
    expect(records.some((r) => r.type === 'scriptBlock' && r.id === 'ScriptPath' && /CallbackValidator\.[0-9a-f]{8}\.js/.test(r.content))).toBe(true)
  })
})
