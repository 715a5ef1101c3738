import { script } from "../redis/lua.js";

/**
 * KEYS: meta, version, log, connections, onlineCounts. ARGV: channel, cap, connectionId,
 * participantId, maxConnections. Returns the person's open connections, 0 when this one was
 * already counted, or -2 when they already hold maxConnections (nothing written).
 */
export const connectScript = script(`
require_workshop(KEYS[1])
if redis.call('HEXISTS', KEYS[4], ARGV[3]) == 1 then return 0 end
if tonumber(redis.call('HGET', KEYS[5], ARGV[4]) or '0') >= tonumber(ARGV[5]) then return -2 end
redis.call('HSET', KEYS[4], ARGV[3], ARGV[4])
local count = redis.call('HINCRBY', KEYS[5], ARGV[4], 1)
if count == 1 then
  append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]),
    {'{"type":"participant:presence","participantId":"' .. ARGV[4] .. '","online":true}'})
end
return count
`);

/**
 * KEYS: meta, version, log, connections, onlineCounts. ARGV: channel, cap, connectionId... (one
 * or many). Idempotent per connection; the people whose last connection closed are logged
 * offline in one append (one notice). A workshop being deleted (meta gone first) is left alone:
 * a socket closing meanwhile must not write its log again behind the deletion's scan.
 */
export const disconnectScript = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local offline = {}
for index = 3, #ARGV do
  local participant = redis.call('HGET', KEYS[4], ARGV[index])
  if participant then
    redis.call('HDEL', KEYS[4], ARGV[index])
    if redis.call('HINCRBY', KEYS[5], participant, -1) <= 0 then
      redis.call('HDEL', KEYS[5], participant)
      offline[#offline + 1] = '{"type":"participant:presence","participantId":"' .. participant .. '","online":false}'
    end
  end
end
if #offline > 0 then append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), offline) end
return #offline
`);

/**
 * KEYS: meta, version, log, onlineCounts. ARGV: channel, cap, participantId. Logs the person's
 * presence as it is now, read and logged in one step, so no connection change can fall between.
 */
export const announceScript = script(`
require_workshop(KEYS[1])
local count = tonumber(redis.call('HGET', KEYS[4], ARGV[3]) or '0')
local online = 'false'
if count > 0 then online = 'true' end
append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]),
  {'{"type":"participant:presence","participantId":"' .. ARGV[3] .. '","online":' .. online .. '}'})
return count
`);
