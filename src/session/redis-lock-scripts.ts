import { RedisScript } from '../cache/redis-script.ts'

/**
 * Takes a session lock (KEYS: lock, next-in-line; ARGV: token, ttl ms, reservation ms). Replies
 * 1 when taken. A free lock goes to the waiter that reserved the next turn, if any: a waiter
 * that failed reserves it (unless someone else holds the reservation), so two instances take
 * turns instead of the releasing one winning again and again. A reservation expires by itself
 * if its waiter goes away.
 *
 * @example
 * const taken = await acquireLock.run(client, [lockKey, nextKey], [token, 10000, 200])
 */
export const acquireLock = new RedisScript(`
local nextInLine = redis.call('GET', KEYS[2])
local mayTake = (not nextInLine) or nextInLine == ARGV[1]
if mayTake and redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  if nextInLine then redis.call('DEL', KEYS[2]) end
  return 1
end
if mayTake then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3]) end
return 0
`)

/**
 * Releases a lock held with `token` and tells waiters (KEYS: lock; ARGV: token, channel,
 * session id). Replies 1 when it was still ours.
 *
 * @example
 * await releaseLock.run(client, [lockKey], [token, 'deltaform:unlock', sessionId])
 */
export const releaseLock = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`)

/**
 * Extends a lock still held with `token` (KEYS: lock; ARGV: token, ttl ms). Replies 1 when it was.
 *
 * @example
 * await renewLock.run(client, [lockKey], [token, 10000])
 */
export const renewLock = new RedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`)

/**
 * Gives up a reservation of the next turn made with `token` (KEYS: next-in-line; ARGV: token),
 * so a waiter that stops waiting does not hold up the others until the reservation expires.
 *
 * @example
 * await dropReservation.run(client, [nextKey], [token])
 */
export const dropReservation = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)
