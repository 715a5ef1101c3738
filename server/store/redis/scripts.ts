import { createHash } from "node:crypto";

/**
 * Lua scripts: each is one atomic step of the store. They share one event-append routine so
 * "bump version, log the event, trim the log, tell every node" is written once.
 * Events arrive as JSON objects without `v`; the script splices the version in front.
 */
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

export interface LuaScript {
  source: string;
  sha: string;
}

function script(body: string): LuaScript {
  const source = appendEvents + body;
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * KEYS: version, log, commandResult, then one key per record write.
 * ARGV: channel, cap, resultTtl, resultJson, writeCount, (field, expected, next) per write
 * (field '' = the key is a plain string), then the events.
 * Returns {'duplicate', result} | {'conflict'} | {'applied', version}.
 */
export const commitScript = script(`
local prior = redis.call('GET', KEYS[3])
if prior then return {'duplicate', prior} end
local writes = tonumber(ARGV[5])
for i = 1, writes do
  local key, field, expected = KEYS[3 + i], ARGV[3 + i * 3], ARGV[4 + i * 3]
  local current
  if field == '' then current = redis.call('GET', key) else current = redis.call('HGET', key, field) end
  if not current then current = '' end
  if current ~= expected then return {'conflict'} end
end
for i = 1, writes do
  local key, field, next_value = KEYS[3 + i], ARGV[3 + i * 3], ARGV[5 + i * 3]
  if field == '' then redis.call('SET', key, next_value) else redis.call('HSET', key, field, next_value) end
end
local events = {}
for i = 6 + writes * 3, #ARGV do events[#events + 1] = ARGV[i] end
local v = append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), events)
if not v then v = tonumber(redis.call('GET', KEYS[1]) or '0') end
redis.call('SET', KEYS[3], ARGV[4], 'EX', tonumber(ARGV[3]))
return {'applied', tostring(v)}
`);

/** KEYS: version, log, participants, sessions. ARGV: channel, cap, participantId, record, tokenHash, event. */
export const addParticipantScript = script(`
redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[4], ARGV[5], ARGV[3])
return append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), {ARGV[6]})
`);

/** KEYS: version, log, connections, onlineCounts. ARGV: channel, cap, connectionId, participantId. */
export const connectScript = script(`
if redis.call('HSETNX', KEYS[3], ARGV[3], ARGV[4]) == 0 then return 0 end
local count = redis.call('HINCRBY', KEYS[4], ARGV[4], 1)
if count == 1 then
  append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]),
    {'{"type":"participant:presence","participantId":"' .. ARGV[4] .. '","online":true}'})
end
return count
`);

/** KEYS: version, log, connections, onlineCounts. ARGV: channel, cap, connectionId. Idempotent. */
export const disconnectScript = script(`
local participant = redis.call('HGET', KEYS[3], ARGV[3])
if not participant then return -1 end
redis.call('HDEL', KEYS[3], ARGV[3])
local count = redis.call('HINCRBY', KEYS[4], participant, -1)
if count <= 0 then
  redis.call('HDEL', KEYS[4], participant)
  append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]),
    {'{"type":"participant:presence","participantId":"' .. participant .. '","online":false}'})
end
return count
`);

/**
 * KEYS: version, log. ARGV: sinceVersion. Returns false when the log no longer reaches back
 * to sinceVersion + 1, else the events after it (read atomically with the version).
 */
export const eventsSinceScript = script(`
local version = tonumber(redis.call('GET', KEYS[1]) or '0')
local since = tonumber(ARGV[1])
if since >= version then return {} end
local length = redis.call('LLEN', KEYS[2])
local oldest = version - length + 1
if since + 1 < oldest then return false end
return redis.call('LRANGE', KEYS[2], since + 1 - oldest, -1)
`);
