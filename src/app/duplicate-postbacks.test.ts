import { afterAll, describe, expect, it } from 'vitest'
import { Page } from '../page/page.ts'
import { FormClient } from '../testing/form-client.ts'
import { createApp } from './create-app.ts'

let clicks = 0
let failNext = false

class Orders extends Page {
  declare Placed: { text: string }
  async Place_Click() {
    clicks++
    await new Promise((r) => setTimeout(r, 30))
    if (failNext) {
      failNext = false
      throw new Error('the order service did not answer')
    }
    this.Placed.text = `order ${clicks}`
  }
}

const markup = `<html><head runat="server"></head><body><form id="form1" runat="server">
<asp:ScriptManager id="ScriptManager1" runat="server" />
<asp:UpdatePanel id="Panel1" runat="server"><ContentTemplate>
<asp:Label id="Placed" runat="server" Text="none" /><asp:Button id="Place" runat="server" Text="Place" OnClick="Place_Click" />
</ContentTemplate></asp:UpdatePanel></form></body></html>`

const app = createApp({ key: '5c'.repeat(32), mode: 'production', pages: { '/orders.aspx': { markup, codeBehind: Orders } } })
afterAll(() => app.close())

async function loaded(): Promise<FormClient> {
  const client = new FormClient((r) => app.request(r))
  await client.get('/orders.aspx')
  return client
}

/** A full postback of the Place button (plus `extra` fields) with `key` in the __IDEMPOTENCYKEY field (none when undefined). */
const fullPost = (client: FormClient, key?: string, extra: Array<[string, string]> = [], init: RequestInit & { headers?: Record<string, string> } = {}) =>
  app.request('/orders.aspx', {
    ...init,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    body: new URLSearchParams(client.formEntries([...extra, ['Place', 'Place'], ...(key ? [['__IDEMPOTENCYKEY', key] as [string, string]] : [])])).toString(),
  })

/** The same postback, async, with the key in the Idempotency-Key header. */
const asyncPost = (client: FormClient, key: string) =>
  app.request('/orders.aspx', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-microsoftajax': 'Delta=true', 'idempotency-key': key },
    body: `ScriptManager1=Panel1%7CPlace&${new URLSearchParams(client.formEntries()).toString()}&__ASYNCPOST=true&Place=Place`,
  })

describe('duplicate postbacks', () => {
  it('a full postback sent twice with one key runs once; the duplicate gets the first answer, marked replayed', async () => {
    const client = await loaded()
    clicks = 0
    const first = await fullPost(client, 'key-aaaaaaaa')
    const second = await fullPost(client, 'key-aaaaaaaa')
    expect(clicks).toBe(1)
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()
    expect(second.headers.get('Idempotent-Replayed')).toBe('true')
    const [a, b] = [await first.text(), await second.text()]
    expect(a).toContain('order 1')
    expect(b).toBe(a)
  })

  it('duplicates in flight at the same time wait for the first: async postbacks with the Idempotency-Key header', async () => {
    const client = await loaded()
    clicks = 0
    const answers = await Promise.all([asyncPost(client, 'key-bbbbbbbb'), asyncPost(client, 'key-bbbbbbbb'), asyncPost(client, 'key-bbbbbbbb')])
    expect(clicks).toBe(1)
    const texts = await Promise.all(answers.map((r) => r.text()))
    expect(texts[0]).toContain('|updatePanel|Panel1|')
    expect(texts[0]).toContain('order 1')
    expect(new Set(texts).size).toBe(1)
    expect(answers.filter((r) => r.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(2)
  })

  it('another key, other fields, or no key: the postback runs again', async () => {
    const client = await loaded()
    clicks = 0
    await fullPost(client, 'key-cccccccc')
    await fullPost(client, 'key-dddddddd')
    await fullPost(client)
    await fullPost(client)
    await fullPost(client, 'key-cccccccc', [['__SCROLLPOSITIONY', '120']])
    expect(clicks).toBe(5)
  })

  it('a failed answer is not kept: the retry runs the handler again', async () => {
    const client = await loaded()
    clicks = 0
    failNext = true
    const failed = await fullPost(client, 'key-eeeeeeee')
    expect(failed.status).toBe(500)
    const retried = await fullPost(client, 'key-eeeeeeee')
    expect(retried.status).toBe(200)
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull()
    expect(clicks).toBe(2)
  })

  it('a postback whose client went away still runs to its end, and its retry gets that answer', async () => {
    const client = await loaded()
    clicks = 0
    const gone = new AbortController()
    const first = fullPost(client, 'key-gggggggg', [], { signal: gone.signal })
    setTimeout(() => gone.abort(), 5) // the handler takes 30 ms
    await Promise.resolve(first).catch(() => undefined)
    const retry = await fullPost(client, 'key-gggggggg')
    expect(retry.status).toBe(200)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await retry.text()).toContain('order 1')
    expect(clicks).toBe(1)
  })

  it('an async postback answered with an error record is not kept: the retry runs again', async () => {
    const client = await loaded()
    clicks = 0
    failNext = true
    const failed = await asyncPost(client, 'key-hhhhhhhh')
    expect(await failed.text()).toMatch(/\|error\|500\|/)
    const retried = await asyncPost(client, 'key-hhhhhhhh')
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull()
    expect(await retried.text()).toContain('order 2')
    expect(clicks).toBe(2)
  })

  it("another user's identical post (another session cookie) never gets the first one's answer", async () => {
    const client = await loaded()
    clicks = 0
    await fullPost(client, 'key-iiiiiiii', [], { headers: { cookie: 'deltaform.sid=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } })
    const other = await fullPost(client, 'key-iiiiiiii', [], { headers: { cookie: 'deltaform.sid=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } })
    expect(other.headers.get('Idempotent-Replayed')).toBeNull()
    expect(clicks).toBe(2)
  })

  it('a multipart post (an upload: its files are not hashed) always runs', async () => {
    const client = await loaded()
    clicks = 0
    const post = () => {
      const body = new FormData()
      for (const [name, value] of client.formEntries([['Place', 'Place'], ['__IDEMPOTENCYKEY', 'key-ffffffff']])) body.append(name, value)
      return app.request('/orders.aspx', { method: 'POST', body })
    }
    expect((await post()).status).toBe(200)
    expect((await post()).status).toBe(200)
    expect(clicks).toBe(2)
  })

  it('refuses a malformed key with 400 naming it', async () => {
    const client = await loaded()
    const response = await fullPost(client, 'bad key!')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('The idempotency key (the Idempotency-Key header or the __IDEMPOTENCYKEY field) must be 8–64 letters')
  })
})
