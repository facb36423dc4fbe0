import { RedisScript } from './redis-script.ts'

// Layout shared by the scripts. An entry is a hash:
//   v = value (JSON)   st = storedAt   x = expiresAt   s = slidingMs   a = absoluteExpiresAt
//   f = flush generation when stored   tag:<name> = that tag's generation when stored
// Generations live in one hash (field `flush` and one `tag:<name>` per invalidated tag). An entry
// is live while every generation it recorded is still current, so invalidating a tag or flushing
// is one HINCRBY, seen by every instance on its next read.

/**
 * Reads a live entry (KEYS: entry, generations; ARGV: now). A dead one (expired, invalidated,
 * flushed) is deleted and reads as nil. A sliding entry's expiry moves on. Replies the entry's
 * hash as a flat field/value list.
 *
 * @example
 * const flat = await readEntry.run(client, [entryKey, gensKey], [Date.now()])
 */
export const readEntry = new RedisScript(`
local h = redis.call('HGETALL', KEYS[1])
if #h == 0 then return false end
local now = tonumber(ARGV[1])
local e = {}
for i = 1, #h, 2 do e[h[i]] = h[i + 1] end
local live = not (e.x and now >= tonumber(e.x))
if live and (redis.call('HGET', KEYS[2], 'flush') or '0') ~= e.f then live = false end
if live then
  for field, generation in pairs(e) do
    if string.sub(field, 1, 4) == 'tag:' and (redis.call('HGET', KEYS[2], field) or '0') ~= generation then
      live = false
      break
    end
  end
end
if not live then
  redis.call('DEL', KEYS[1])
  return false
end
if e.s then
  local x = now + tonumber(e.s)
  if e.a and tonumber(e.a) < x then x = tonumber(e.a) end
  local xs = string.format('%.0f', x)
  redis.call('HSET', KEYS[1], 'x', xs)
  redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.max(1, x - now)))
  for i = 1, #h, 2 do
    if h[i] == 'x' then h[i + 1] = xs end
  end
end
return h
`)

/**
 * Writes an entry stamped with the current generations of its tags (KEYS: entry, generations;
 * ARGV: ttl ms or 0, tag count n, n tags, then field/value pairs).
 *
 * @example
 * await writeEntry.run(client, [entryKey, gensKey], [60000, 1, 'news', 'v', '"hi"', 'st', now])
 */
export const writeEntry = new RedisScript(`
local n = tonumber(ARGV[2])
local fields = { 'f', redis.call('HGET', KEYS[2], 'flush') or '0' }
for i = 3, 2 + n do
  local field = 'tag:' .. ARGV[i]
  fields[#fields + 1] = field
  fields[#fields + 1] = redis.call('HGET', KEYS[2], field) or '0'
end
for i = 3 + n, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(fields))
if ARGV[1] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`)

/**
 * Moves one generation on and announces it (KEYS: generations; ARGV: field, channel, message).
 *
 * @example
 * await bumpGeneration.run(client, [gensKey], ['tag:news', 'deltaform:invalidate', 'tag:news'])
 */
export const bumpGeneration = new RedisScript(`
local generation = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PUBLISH', ARGV[2], ARGV[3])
return generation
`)
