import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { RedisConnection, RedisUnavailableError } from './redis-connection.ts'
import { RedisStore } from './redis-store.ts'

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('RedisConnection without a Redis', () => {
  it('rejects at once with an error that says Redis is unreachable, without queueing', async () => {
    const port = await closedPort()
    const connection = new RedisConnection({ url: `redis://127.0.0.1:${port}` })
    const store = new RedisStore({ connection })
    try {
      const started = Date.now()
      const error = await store.get('k').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RedisUnavailableError)
      expect((error as Error).message).toMatch(new RegExp(`^Redis is unreachable at 127\\.0\\.0\\.1:${port}: `))
      await expect(store.set('k', { value: 1, tags: [], storedAt: 0 })).rejects.toThrow(/Redis is unreachable/)
      await expect(store.invalidateTag('t')).rejects.toThrow(/Redis is unreachable/)
      expect(Date.now() - started).toBeLessThan(1500)
    } finally {
      await connection.close()
    }
  })

  it('fails after close with the same kind of error', async () => {
    const connection = new RedisConnection({ url: `redis://127.0.0.1:${await closedPort()}` })
    await connection.close()
    await expect(connection.run((client) => client.ping())).rejects.toThrow(/Redis is unreachable.*closed/)
  })
})
