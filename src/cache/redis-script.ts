import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * A Lua script run by its SHA (EVALSHA), sent in full (EVAL) only when Redis does not know it
 * yet, e.g. after a restart. Scripts keep each multi-key step atomic and one round trip long.
 *
 * @example
 * const bump = new RedisScript('return redis.call("HINCRBY", KEYS[1], ARGV[1], 1)')
 * const generation = await connection.run((client) => bump.run(client, ['gens'], ['tag:news']))
 */
export class RedisScript {
  readonly sha: string

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex')
  }

  /** Runs the script with `keys` and `args`; resolves to its reply. */
  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return await client.eval(this.lua, keys.length, ...keys, ...args)
    }
  }
}
