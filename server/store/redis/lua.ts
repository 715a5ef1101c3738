import { createHash } from "node:crypto";

/**
 * Lua scripts: each is one atomic step of a store. They share preludes, so "check the command
 * record", "check the workshop still exists", "bump version, log the event, trim the log, tell
 * every node" and "compare-and-set records" are each written once. Events arrive as JSON objects
 * without `v`; the script splices the version in front. Each feature's scripts live beside its
 * Redis store (server/store/<feature>/scripts.ts).
 */

/**
 * Compare-and-set of record writes: write i has its key at KEYS[key_base + i] and its
 * (field, expected, next) at ARGV[arg_base + (i - 1) * stride + 1..3] (field '' = a plain
 * string key; expected '' = absent; next '' = delete the field). Checks all, then writes all.
 */
const casWrites = `
local function cas_ok(key_base, arg_base, stride, writes)
  for i = 1, writes do
    local a = arg_base + (i - 1) * stride
    local key, field, expected = KEYS[key_base + i], ARGV[a + 1], ARGV[a + 2]
    local current
    if field == '' then current = redis.call('GET', key) else current = redis.call('HGET', key, field) end
    if not current then current = '' end
    if current ~= expected then return false end
  end
  return true
end
local function cas_write(key_base, arg_base, stride, writes)
  for i = 1, writes do
    local a = arg_base + (i - 1) * stride
    local key, field, next_value = KEYS[key_base + i], ARGV[a + 1], ARGV[a + 3]
    if field == '' then redis.call('SET', key, next_value)
    elseif next_value == '' then redis.call('HDEL', key, field)
    else redis.call('HSET', key, field, next_value) end
  end
end
`;

const appendEvents = `
local function append_events(version_key, log_key, channel, cap, events)
  local v = nil
  for _, event in ipairs(events) do
    v = redis.call('INCR', version_key)
    redis.call('RPUSH', log_key, '{"v":' .. v .. ',' .. string.sub(event, 2))
  end
  if v then
    redis.call('LTRIM', log_key, -cap, -1)
    redis.call('SPUBLISH', channel, v)
  end
  return v
end
`;

/**
 * Command records (the first result of a write, for retries). One sorted set per UTC day,
 * every member `<record id>|<result JSON>` with score 0: the set is ordered by the record id, a
 * keyed hash (ServerKeys.commandRecordId), so neither its order nor the key says whose or when;
 * it expires at the end of the next day, so a TTL tells the day at most. A retry is looked up
 * in today's and yesterday's set: a record lives 24 to 48 hours.
 */
const commandRecords = `
local function cmd_prior(today, yesterday, id)
  for _, key in ipairs({today, yesterday}) do
    local found = redis.call('ZRANGEBYLEX', key, '[' .. id .. '|', '(' .. id .. '}', 'LIMIT', 0, 1)
    if found[1] then return string.sub(found[1], #id + 2) end
  end
  return false
end
local function cmd_remember(today, id, result, expire_at)
  redis.call('ZADD', today, 0, id .. '|' .. result)
  redis.call('EXPIREAT', today, tonumber(expire_at))
end
`;

/**
 * Every script that writes a workshop's keys first checks that the workshop still exists, so a
 * deletion (which removes `meta` first, then every other key) can never be undone by a write
 * that arrives late: nothing of a deleted workshop is ever written again. The error reply
 * starts with GONE; the store turns it into NOT_FOUND.
 */
const workshopGuard = `
local function require_workshop(meta_key)
  if redis.call('EXISTS', meta_key) == 0 then error({err = 'GONE no such workshop'}) end
end
`;

/**
 * A sliding-window estimate in Lua (the same rule as slidingCount in server/store/rates/window.ts):
 * this window's count plus the previous one's weighted by how much of it is still covered.
 */
export const slidingWindow = `
local function sliding_count(current_key, previous_key, covered)
  return tonumber(redis.call('GET', current_key) or '0') +
    math.floor(tonumber(redis.call('GET', previous_key) or '0') * tonumber(covered))
end
`;

export interface LuaScript {
  source: string;
  sha: string;
}

export function script(body: string): LuaScript {
  const source = casWrites + appendEvents + commandRecords + workshopGuard + body;
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}
