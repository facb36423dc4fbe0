import { afterAll, describe, expect, it } from 'vitest'
import { Page } from '../page/page.ts'
import { FormClient } from '../testing/form-client.ts'
import { createApp } from './create-app.ts'

class Counter extends Page {
  async Page_Load() {
    if (this.request.url.searchParams.has('abandon')) return this.session.abandon()
    const count = this.session.get<number>('count') ?? 0
    await new Promise((r) => setTimeout(r, Math.random() * 3)) // widen the read-modify-write window
    this.session.set('count', count + 1)
    this.title = String(count + 1)
  }
}

class Reader extends Page {
  Page_Load() {
    this.title = String(this.session.get<number>('count') ?? 0)
    this.session.set('count', 999) // ReadOnly: never saved
  }
}

class NoSession extends Page {
  Page_Load() {
    this.title = String(this.session.get('count'))
  }
}

const head = '<html><head runat="server"></head><body></body></html>'
const app = createApp({
  key: 'ee'.repeat(32),
  mode: 'development',
  pages: {
    '/count.aspx': { markup: head, codeBehind: Counter },
    '/read.aspx': { markup: '<%@ Page EnableSessionState="ReadOnly" %>' + head, codeBehind: Reader },
    '/off.aspx': { markup: '<%@ Page EnableSessionState="false" %>' + head, codeBehind: NoSession },
  },
})
afterAll(() => app.close())

const title = (client: FormClient) => /<title>([^<]*)<\/title>/.exec(client.html)?.[1]

describe('session state', () => {
  it('keeps a counter per user behind an HttpOnly, SameSite=Lax cookie, Secure over https', async () => {
    const ann = new FormClient((r) => app.request(r))
    const bob = new FormClient((r) => app.request(r))
    await ann.get('/count.aspx')
    await ann.get('/count.aspx')
    await bob.get('/count.aspx')
    expect(title(ann)).toBe('2')
    expect(title(bob)).toBe('1')
    expect(ann.cookies.get('deltaform.sid')).not.toBe(bob.cookies.get('deltaform.sid'))
    const secure = await app.request('https://shop.example/count.aspx')
    expect(secure.headers.get('Set-Cookie')).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure$/)
  })

  it('runs the requests of one session one at a time: 200 concurrent increments lose none', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/count.aspx')
    const cookie = `deltaform.sid=${client.cookies.get('deltaform.sid')}`
    const answers = await Promise.all(Array.from({ length: 200 }, () => app.request('/count.aspx', { headers: { Cookie: cookie } })))
    expect(answers.every((r) => r.status === 200 && !r.headers.has('Set-Cookie'))).toBe(true)
    await client.get('/count.aspx')
    expect(title(client)).toBe('202')
  })

  it('never adopts a session id it did not issue', async () => {
    const response = await app.request('/count.aspx', { headers: { Cookie: 'deltaform.sid=AAAAAAAAAAAAAAAAAAAAAAAA' } })
    expect(response.headers.get('Set-Cookie')).not.toContain('AAAAAAAAAAAAAAAAAAAAAAAA')
  })

  it('reads without saving on EnableSessionState="ReadOnly", and abandons with an expired cookie', async () => {
    const client = new FormClient((r) => app.request(r))
    await client.get('/count.aspx')
    await client.get('/read.aspx')
    expect(title(client)).toBe('1')
    await client.get('/count.aspx')
    expect(title(client)).toBe('2')
    const response = await app.request('/count.aspx?abandon', { headers: { Cookie: `deltaform.sid=${client.cookies.get('deltaform.sid')}` } })
    expect(response.headers.get('Set-Cookie')).toMatch(/^deltaform\.sid=; Max-Age=0;/)
    await client.get('/count.aspx?abandon')
    expect(client.cookies.has('deltaform.sid')).toBe(false)
  })

  it('names EnableSessionState="false" when a page without session state reads it', async () => {
    const response = await app.request('/off.aspx')
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('Session state is off for this page')
  })
})

describe('superseded postbacks', () => {
  class Steps extends Page {
    declare Step: import('../controls/label.ts').Label
    Next_Click() {
      this.Step.text = String(Number(this.Step.text) + 1)
      this.session.set('touched', true)
    }
  }
  const markup = (directive = '') => `<%@ Page ${directive} %><form id="form1" runat="server"><asp:Label ID="Step" runat="server" Text="0" /><asp:Button ID="Next" runat="server" Text="Next" OnClick="Next_Click" /></form>`
  const guarded = createApp({
    key: 'ee'.repeat(32),
    mode: 'development',
    pages: { '/steps.aspx': { markup: markup(), codeBehind: Steps }, '/replay.aspx': { markup: markup('AllowStateReplay="true"'), codeBehind: Steps } },
  })
  afterAll(() => guarded.close())

  async function replay(path: string) {
    const client = new FormClient((r) => guarded.request(r))
    await client.get(path)
    await client.click('Next') // creates the session
    await client.get(path) // a page view known to the session
    const first = client.formEntries([['Next', 'Next']])
    await client.click('Next')
    await client.click('Next')
    await client.click('Next')
    expect(client.text('Step')).toBe('3')
    const again = await guarded.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `deltaform.sid=${client.cookies.get('deltaform.sid')}` },
      body: new URLSearchParams(first).toString(),
    })
    return { client, again }
  }

  it('refuses a copy of the form older than the last two postbacks of that page view, naming why', async () => {
    const { again } = await replay('/steps.aspx')
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('This form was superseded: the page was posted back 3 times since this copy was made')
  })

  it('accepts the copy one step behind (an aborted request) and pages that allow replays', async () => {
    const client = new FormClient((r) => guarded.request(r))
    await client.get('/steps.aspx')
    await client.click('Next')
    await client.get('/steps.aspx')
    const before = client.formEntries([['Next', 'Next']])
    await client.click('Next')
    const oneBehind = await guarded.request('/steps.aspx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `deltaform.sid=${client.cookies.get('deltaform.sid')}` },
      body: new URLSearchParams(before).toString(),
    })
    expect(oneBehind.status).toBe(200)
    const replayed = await replay('/replay.aspx')
    expect(replayed.again.status).toBe(200)
    // Replays allowed, but the state is still bound to its session.
    const other = new FormClient((r) => guarded.request(r))
    await other.get('/replay.aspx')
    await other.click('Next')
    const stolen = await guarded.request('/replay.aspx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `deltaform.sid=${other.cookies.get('deltaform.sid')}` },
      body: new URLSearchParams(replayed.client.formEntries([['Next', 'Next']])).toString(),
    })
    expect(stolen.status).toBe(400)
  })
})

describe('view state bound to the session', () => {
  class Note extends Page {
    Save_Click() {
      this.session.set('saved', (this.session.get<number>('saved') ?? 0) + 1)
    }
    Forget_Click() {
      this.session.abandon()
    }
  }
  const bound = createApp({
    key: 'ee'.repeat(32),
    mode: 'development',
    pages: { '/note.aspx': { markup: '<form id="form1" runat="server"><asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" /><asp:Button ID="Forget" runat="server" Text="Forget" OnClick="Forget_Click" /></form>', codeBehind: Note } },
  })
  afterAll(() => bound.close())

  it('accepts state made before the session existed, then refuses one user’s state posted with another’s session', async () => {
    const ann = new FormClient((r) => bound.request(r))
    await ann.get('/note.aspx') // unbound state: no session yet
    await ann.click('Save') // accepted; creates the session
    expect(ann.status).toBe(200)
    await ann.click('Save') // state now bound to Ann's session
    expect(ann.status).toBe(200)
    const bob = new FormClient((r) => bound.request(r))
    await bob.get('/note.aspx')
    await bob.click('Save')
    const stolen = await bound.request('/note.aspx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `deltaform.sid=${bob.cookies.get('deltaform.sid')}` },
      body: new URLSearchParams(ann.formEntries([['Save', 'Save']])).toString(),
    })
    expect(stolen.status).toBe(400)
    expect(await stolen.text()).toContain('__VIEWSTATE')
  })

  it('keeps working after the session is abandoned or expires on the server', async () => {
    const ann = new FormClient((r) => bound.request(r))
    await ann.get('/note.aspx')
    await ann.click('Save')
    await ann.click('Save')
    await ann.click('Forget') // the cookie goes; the new state must not be bound to it
    expect(ann.cookies.has('deltaform.sid')).toBe(false)
    await ann.click('Save')
    expect(ann.status).toBe(200)
    await ann.click('Save') // bound to the new session now
    // The session ends on the server (another tab abandons it) while this page stays open with
    // state bound to it, and the browser still sends its cookie: like an expired session.
    const sid = ann.cookies.get('deltaform.sid')!
    const expire = await bound.request('/note.aspx', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `deltaform.sid=${sid}` },
      body: new URLSearchParams(ann.formEntries([['Forget', 'Forget']])).toString(),
    })
    expect(expire.status).toBe(200)
    ann.cookies.set('deltaform.sid', sid)
    await ann.click('Save')
    expect(ann.status).toBe(200)
  })
})
