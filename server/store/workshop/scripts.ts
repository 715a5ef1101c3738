import { script, slidingWindow } from "../redis/lua.js";

/**
 * KEYS: meta, version, log, commands today, commands yesterday, voterSalt, then one key per record write.
 * ARGV: channel, cap, recordId, recordExpireAt, resultJson, forgetSalt ('1'/'0'), writeCount,
 * (field, expected, next) per write (field '' = the key is a plain string; next '' = delete the
 * field), then the events. Returns {'duplicate', result} | {'conflict'} | {'applied', version}.
 */
export const commitScript = script(`
local prior = cmd_prior(KEYS[4], KEYS[5], ARGV[3])
if prior then return {'duplicate', prior} end
require_workshop(KEYS[1])
local writes = tonumber(ARGV[7])
if not cas_ok(6, 7, 3, writes) then return {'conflict'} end
cas_write(6, 7, 3, writes)
if ARGV[6] == '1' then redis.call('DEL', KEYS[6]) end
local events = {}
for i = 8 + writes * 3, #ARGV do events[#events + 1] = ARGV[i] end
local v = append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), events)
if not v then v = tonumber(redis.call('GET', KEYS[2]) or '0') end
cmd_remember(KEYS[4], ARGV[3], ARGV[5], ARGV[4])
return {'applied', tostring(v)}
`);

/**
 * KEYS: meta, version, log, participants, sessions, connections, onlineCounts, joins, then the
 * workshop's join counters of this window and the previous one.
 * ARGV after joinId: the join limit per window ('' = none), the share of the previous window
 * still covered, and when this window's counter expires (epoch ms). Over the limit: {'limited'}.
 * ARGV: channel, cap, participantId, record, tokenHash, event, connectionId ('' = not connected
 * yet), joinId ('' = none). Returns {participantId, version, meta}: the person an earlier attempt
 * of the same join created, or the new one, and the workshop's record as of the join; {'ended'} once the workshop ended (checked here, not
 * by a read before: one round trip less per join, and nobody joins a workshop that ended meanwhile).
 */
export const addParticipantScript = script(
  slidingWindow +
    `
local meta = redis.call('GET', KEYS[1])
if not meta then error({err = 'GONE no such workshop'}) end
if cjson.decode(meta)['status'] ~= 'active' then return {'ended'} end
if ARGV[8] ~= '' then
  local earlier = redis.call('HGET', KEYS[8], ARGV[8])
  if earlier then
    redis.call('HSET', KEYS[5], ARGV[5], earlier)
    if ARGV[7] ~= '' and redis.call('HSETNX', KEYS[6], ARGV[7], earlier) == 1 then
      if redis.call('HINCRBY', KEYS[7], earlier, 1) == 1 then
        append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]),
          {'{"type":"participant:presence","participantId":"' .. earlier .. '","online":true}'})
      end
    end
    return {earlier, redis.call('GET', KEYS[2]) or '0', meta}
  end
end
if ARGV[9] ~= '' then
  if sliding_count(KEYS[9], KEYS[10], ARGV[10]) >= tonumber(ARGV[9]) then return {'limited'} end
  if redis.call('INCR', KEYS[9]) == 1 then redis.call('PEXPIREAT', KEYS[9], tonumber(ARGV[11])) end
end
if ARGV[8] ~= '' then redis.call('HSET', KEYS[8], ARGV[8], ARGV[3]) end
redis.call('HSET', KEYS[4], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[5], ARGV[5], ARGV[3])
if ARGV[7] ~= '' and redis.call('HSETNX', KEYS[6], ARGV[7], ARGV[3]) == 1 then
  redis.call('HINCRBY', KEYS[7], ARGV[3], 1)
end
return {ARGV[3], tostring(append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), {ARGV[6]})), meta}
`,
);

/**
 * KEYS: version, log. ARGV: sinceVersion, limit (0: none). Returns false when the log no longer
 * reaches back to sinceVersion + 1, else the events after it, the first `limit` of them (read
 * atomically with the version).
 */
export const eventsSinceScript = script(`
local version = tonumber(redis.call('GET', KEYS[1]) or '0')
local since = tonumber(ARGV[1])
local limit = tonumber(ARGV[2] or '0')
if since >= version then return {} end
local length = redis.call('LLEN', KEYS[2])
local oldest = version - length + 1
if since + 1 < oldest then return false end
local stop = -1
if limit > 0 then stop = since - oldest + limit end
return redis.call('LRANGE', KEYS[2], since + 1 - oldest, stop)
`);

/**
 * KEYS: version, meta, participants, online, rounds, helps, broadcasts, tags, assignments, counts, polls, notesAccess, programme, calls
 * (the last two of ARGV[1], the round the caller read from meta). Everything at one version.
 * Returns false when meta's current round is no longer ARGV[1] (read meta again).
 */
export const fullSnapshotScript = script(`
local meta = redis.call('GET', KEYS[2])
if not meta then return {'missing'} end
local decoded = cjson.decode(meta)
local current = decoded['currentRoundId']
if current == nil or current == cjson.null then current = '' end
if current ~= ARGV[1] then return {'retry'} end
local round = false
if current ~= '' then round = redis.call('HGET', KEYS[5], current) end
return {
  'ok',
  redis.call('GET', KEYS[1]) or '0',
  meta,
  redis.call('HGETALL', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  round or '',
  redis.call('HGETALL', KEYS[9]),
  redis.call('HGETALL', KEYS[10]),
  redis.call('HVALS', KEYS[6]),
  redis.call('HVALS', KEYS[7]),
  redis.call('HGETALL', KEYS[8]),
  redis.call('HVALS', KEYS[11]),
  redis.call('HVALS', KEYS[12]),
  redis.call('HVALS', KEYS[13]),
  redis.call('GET', KEYS[14]) or '',
}
`);

/**
 * The salt of a workshop's anonymous voter keys (ServerKeys.voterKeys): made on first use, and
 * only while the workshop runs, so a late vote can never bring it back after the end deleted it.
 * KEYS: meta, voterSalt. ARGV: a new random salt. Returns the salt, or false once ended.
 */
export const voterSaltScript = script(`
require_workshop(KEYS[1])
local salt = redis.call('GET', KEYS[2])
if salt then return salt end
if cjson.decode(redis.call('GET', KEYS[1]))['status'] ~= 'active' then return false end
redis.call('SET', KEYS[2], ARGV[1])
return ARGV[1]
`);

/** Deletes a key only while it still holds the expected value (a join code still pointing at its workshop). */
export const deleteIfScript = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
