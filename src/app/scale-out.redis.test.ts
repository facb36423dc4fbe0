// Two app instances sharing one real redis-server (started here; installed when missing and
// running as root): the output cache, tag invalidation and session state are shared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type RedisServerHandle } from '../../scripts/redis-server.ts'
import { Page } from '../page/page.ts'
import { createApp, type DeltaformApp } from './create-app.ts'

let redis: RedisServerHandle
let one: DeltaformApp
let two: DeltaformApp
let renders = 0

class Products extends Page {
  Page_Load() {
    renders++
    this.title = `products ${renders}`
  }
}

class Counter extends Page {
  async Page_Load() {
    const count = this.session.get<number>('count') ?? 0
    await new Promise((r) => setTimeout(r, 1))
    this.session.set('count', count + 1)
    this.title = String(count + 1)
  }
}

const head = '<html><head runat="server"></head><body></body></html>'
const pages = {
  '/products.aspx': { markup: '<%@ OutputCache Duration="300" VaryByParam="none" Location="Server" Tags="products" %>' + head, codeBehind: Products },
  '/count.aspx': { markup: head, codeBehind: Counter },
}

beforeAll(async () => {
  redis = await startRedis()
  // Two instances, as two processes behind a load balancer would be: separate connections,
  // separate in-process state, one Redis.
  one = createApp({ pages, key: 'ab'.repeat(32), mode: 'production', redisUrl: redis.url, config: { redis: { prefix: 'scaleout:' } } })
  two = createApp({ pages, key: 'ab'.repeat(32), mode: 'production', redisUrl: redis.url, config: { redis: { prefix: 'scaleout:' } } })
}, 180_000)

afterAll(async () => {
  await one?.close()
  await two?.close()
  await redis?.stop()
})

const titleOf = async (response: Response) => /<title>([^<]*)<\/title>/.exec(await response.text())?.[1]

describe('two instances on one Redis', () => {
  it('share output-cached pages, and an invalidation on one is seen by the other in under 100 ms', async () => {
    const first = await titleOf(await one.request('/products.aspx'))
    expect(await titleOf(await two.request('/products.aspx'))).toBe(first)
    expect(renders).toBe(1)
    await one.cache.invalidate('products')
    const since = performance.now()
    let seen = false
    while (!seen && performance.now() - since < 1000) {
      seen = (await titleOf(await two.request('/products.aspx'))) !== first
      if (!seen) await new Promise((r) => setTimeout(r, 5))
    }
    const latency = performance.now() - since
    expect(seen).toBe(true)
    expect(latency).toBeLessThan(100)
  })

  it('share sessions: 1,000 concurrent increments split across both instances lose none', async () => {
    const created = await one.request('/count.aspx')
    const cookie = created.headers.get('Set-Cookie')!.split(';')[0]!
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? one : two).request('/count.aspx', { headers: { Cookie: cookie } })),
    )
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    expect(await titleOf(await two.request('/count.aspx', { headers: { Cookie: cookie } }))).toBe('1002')
  }, 60_000)

  it('answers 503 naming Redis for sessions while it is down, renders cached pages instead of failing, and recovers without a restart', async () => {
    const created = await one.request('/count.aspx')
    const cookie = created.headers.get('Set-Cookie')!.split(';')[0]!
    await redis.stop()
    const down = await one.request('/count.aspx', { headers: { Cookie: cookie } })
    expect(down.status).toBe(503)
    expect(await down.text()).toMatch(/Session state is unavailable: Redis is unreachable/)
    // The output cache falls back to rendering: 200 concurrent requests of a cached page, all answered.
    const before = renders
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).request('/products.aspx')))
    expect(answers.map((r) => r.status)).toEqual(Array(200).fill(200))
    expect(renders - before).toBeGreaterThan(0) // rendered, not served from a cache it cannot reach
    expect(renders - before).toBeLessThanOrEqual(200)
    await redis.start()
    let status = 0
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await one.request('/count.aspx', { headers: { Cookie: cookie } })).status
      if (status !== 200) await new Promise((r) => setTimeout(r, 50))
    }
    expect(status).toBe(200)
  }, 30_000)
})
