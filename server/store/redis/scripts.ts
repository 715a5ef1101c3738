import { createHash } from "node:crypto";
import { RETRACTED_BALLOT } from "../records.js";
import { TALLY_NOTICE_MAX_FIELDS } from "../tallyNotice.js";

/**
 * Lua scripts: each is one atomic step of the store. They share one event-append routine so
 * "bump version, log the event, trim the log, tell every node" is written once.
 * Events arrive as JSON objects without `v`; the script splices the version in front.
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

export interface LuaScript {
  source: string;
  sha: string;
}

function script(body: string): LuaScript {
  const source = casWrites + appendEvents + commandRecords + workshopGuard + body;
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

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
 * A sliding-window estimate in Lua (the same rule as slidingCount in server/store/records.ts):
 * this window's count plus the previous one's weighted by how much of it is still covered.
 */
const slidingWindow = `
local function sliding_count(current_key, previous_key, covered)
  return tonumber(redis.call('GET', current_key) or '0') +
    math.floor(tonumber(redis.call('GET', previous_key) or '0') * tonumber(covered))
end
`;

/**
 * KEYS: meta, version, log, participants, sessions, connections, onlineCounts, joins, then the
 * workshop's join counters of this window and the previous one.
 * ARGV after joinId: the join limit per window ('' = none), the share of the previous window
 * still covered, and when this window's counter expires (epoch ms). Over the limit: {'limited'}.
 * ARGV: channel, cap, participantId, record, tokenHash, event, connectionId ('' = not connected
 * yet), joinId ('' = none). Returns {participantId, version}: the person an earlier attempt
 * of the same join created, or the new one.
 */
export const addParticipantScript = script(
  slidingWindow +
    `
require_workshop(KEYS[1])
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
    return {earlier, redis.call('GET', KEYS[2]) or '0'}
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
return {ARGV[3], tostring(append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), {ARGV[6]}))}
`,
);

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

/**
 * KEYS: meta, version, log, commands today, commands yesterday, assignments, counts.
 * ARGV: channel, cap, recordId, recordExpireAt, resultTemplate, roundId, allOrNothing ('1'/'0'),
 * the room member set key with `%ROOM%` for the room id, then
 * (participantId, roomId or '', capacity or -1) per move. The same rule as planMoves():
 * in order, counts updated as it goes, no-op moves dropped, over-capacity moves refused.
 * Returns {'duplicate', result} | {'full', refusedJson} | {'applied', version, moved, refusedJson, result}.
 */
export const moveScript = script(`
local prior = cmd_prior(KEYS[4], KEYS[5], ARGV[3])
if prior then return {'duplicate', prior} end
require_workshop(KEYS[1])
local counts, rooms, applied, refused = {}, {}, {}, {}
local function count_of(room)
  if counts[room] == nil then counts[room] = tonumber(redis.call('HGET', KEYS[7], room) or '0') end
  return counts[room]
end
for i = 9, #ARGV, 3 do
  local participant, target, capacity = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local from = rooms[participant]
  if from == nil then from = redis.call('HGET', KEYS[6], participant) or '' end
  if from ~= target then
    if target ~= '' and capacity >= 0 and count_of(target) >= capacity then
      refused[#refused + 1] = participant
    else
      if from ~= '' then counts[from] = count_of(from) - 1 end
      if target ~= '' then counts[target] = count_of(target) + 1 end
      rooms[participant] = target
      applied[#applied + 1] = {participant, from, target}
    end
  end
end
local refused_json = '[]'
if #refused > 0 then refused_json = cjson.encode(refused) end
if ARGV[7] == '1' and #refused > 0 then return {'full', refused_json} end
local events = {}
for _, move in ipairs(applied) do
  local participant, from, target = move[1], move[2], move[3]
  if target == '' then redis.call('HDEL', KEYS[6], participant) else redis.call('HSET', KEYS[6], participant, target) end
  -- Per-room member sets (same hash tag, so the same slot) let one room be read alone.
  if from ~= '' then redis.call('SREM', (string.gsub(ARGV[8], '%%ROOM%%', from)), participant) end
  if target ~= '' then redis.call('SADD', (string.gsub(ARGV[8], '%%ROOM%%', target)), participant) end
  local from_json, target_json = 'null', 'null'
  if from ~= '' then from_json = '"' .. from .. '"' end
  if target ~= '' then target_json = '"' .. target .. '"' end
  events[#events + 1] = '{"type":"breakout:assigned","roundId":"' .. ARGV[6] .. '","participantId":"' .. participant ..
    '","roomId":' .. target_json .. ',"fromRoomId":' .. from_json .. '}'
end
for room, count in pairs(counts) do redis.call('HSET', KEYS[7], room, count) end
local v = append_events(KEYS[2], KEYS[3], ARGV[1], tonumber(ARGV[2]), events)
if not v then v = tonumber(redis.call('GET', KEYS[2]) or '0') end
-- People moved, not moves: a leave-then-enter of one person counts once.
local people, moved = {}, 0
for _, move in ipairs(applied) do
  if not people[move[1]] then people[move[1]] = true; moved = moved + 1 end
end
local result = (string.gsub(ARGV[5], '"__MOVED__"', tostring(moved)))
result = (string.gsub(result, '"__REFUSED__"', function() return refused_json end))
cmd_remember(KEYS[4], ARGV[3], result, ARGV[4])
return {'applied', tostring(v), tostring(moved), refused_json, result}
`);

/**
 * KEYS: version, meta, participants, online, rounds, helps, broadcasts, tags, assignments, counts, polls, notesAccess
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
}
`);

/**
 * A voter's ballot. Named polls keep it in a hash under the participant id. Anonymous polls
 * keep it in a sorted set as `<voter key>|<encoded ballot>` with score 0: ordered by the voter
 * key (a keyed hash, ServerKeys), so the order says nothing about who voted when (a hash would
 * keep small sets in the order they were written). The script never sees a participant id for
 * an anonymous poll: the caller derives the voter key.
 */
const ballots = `
local function ballot_get(anonymous, named_key, anon_key, voter)
  if anonymous then
    local found = redis.call('ZRANGEBYLEX', anon_key, '[' .. voter .. '|', '(' .. voter .. '}', 'LIMIT', 0, 1)
    if found[1] then return string.sub(found[1], #voter + 2) end
    return false
  end
  return redis.call('HGET', named_key, voter)
end
local function ballot_put(anonymous, named_key, anon_key, voter, old, encoded)
  if anonymous then
    if old then redis.call('ZREM', anon_key, voter .. '|' .. old) end
    if encoded then redis.call('ZADD', anon_key, 0, voter .. '|' .. encoded) end
  elseif encoded then
    redis.call('HSET', named_key, voter, encoded)
  else
    redis.call('HDEL', named_key, voter)
  end
end
local function tally_notice(tally_key, channel, poll_id)
  local notice = {poll_id}
  if redis.call('HLEN', tally_key) <= ${TALLY_NOTICE_MAX_FIELDS} then notice[2] = redis.call('HGETALL', tally_key) end
  redis.call('SPUBLISH', channel, cjson.encode(notice))
end
local function poll_anonymous(poll)
  return poll['definition']['anonymous'] == true
end
`;

/**
 * One vote, atomically (invariant 4): the poll must be open and not past closesAt; one ballot
 * per voter; an equal ballot changes nothing; a different one takes back the old ballot's
 * counters and adds the new one's, bumps the tally version and tells every node (with the
 * poll's counters when they are small: `server/store/tallyNotice.ts`). With an
 * expected workshop version, nothing happens unless the workshop is still at it (the node
 * decided from its in-memory view of the voter and the poll). The caller's idea of the poll's
 * anonymity must match the record (it chose the voter key by it), else `stale`.
 * KEYS: meta, polls, named ballots, anonymous ballots, tally, commands today, commands yesterday, version.
 * ARGV: pollId, voterKey, anonymous ('1'/'0'), encodedBallot, now, recordId, recordExpireAt,
 * resultChanged, resultUnchanged, talliesChannel, expectedVersion ('' = no check), then the counters.
 * Returns {'duplicate', result} | {'stale'} | {'missing'} | {'closed'} | {'already'} |
 * {'applied'|'same', tallyVersion}.
 */
export const castBallotScript = script(
  ballots +
    `
local prior = cmd_prior(KEYS[6], KEYS[7], ARGV[6])
if prior then return {'duplicate', prior} end
require_workshop(KEYS[1])
if ARGV[11] ~= '' and (redis.call('GET', KEYS[8]) or '0') ~= ARGV[11] then return {'stale'} end
local poll_json = redis.call('HGET', KEYS[2], ARGV[1])
if not poll_json then return {'missing'} end
local poll = cjson.decode(poll_json)
local anonymous = poll_anonymous(poll)
if anonymous ~= (ARGV[3] == '1') then return {'stale'} end
if poll['status'] ~= 'open' then return {'closed'} end
local closes_at = poll['closesAt']
if type(closes_at) == 'number' and tonumber(ARGV[5]) >= closes_at then return {'closed'} end
local old = ballot_get(anonymous, KEYS[3], KEYS[4], ARGV[2])
if old == ARGV[4] then
  cmd_remember(KEYS[6], ARGV[6], ARGV[9], ARGV[7])
  return {'same', redis.call('HGET', KEYS[5], '#v') or '0'}
end
-- A retracted ballot ('${RETRACTED_BALLOT}') of a poll that forbids changing counts as voted.
if old and not poll['definition']['allowVoteChange'] then return {'already'} end
if old and old ~= '${RETRACTED_BALLOT}' then
  for _, counter in ipairs(cjson.decode(old)['counters']) do redis.call('HINCRBY', KEYS[5], counter, -1) end
end
for i = 12, #ARGV do redis.call('HINCRBY', KEYS[5], ARGV[i], 1) end
local version = redis.call('HINCRBY', KEYS[5], '#v', 1)
ballot_put(anonymous, KEYS[3], KEYS[4], ARGV[2], old, ARGV[4])
cmd_remember(KEYS[6], ARGV[6], ARGV[8], ARGV[7])
tally_notice(KEYS[5], ARGV[10], ARGV[1])
return {'applied', tostring(version)}
`,
);

/**
 * A voter takes their ballot back (open or closed poll): its counters are taken back, the tally
 * version bumped and every node told, like a vote. Idempotent per command. In a poll that does
 * not allow changing a vote the ballot is replaced by RETRACTED_BALLOT (the vote script then
 * refuses another one); otherwise it is removed.
 * KEYS: meta, polls, named ballots, anonymous ballots, tally, commands today, commands yesterday.
 * ARGV: pollId, voterKey, anonymous ('1'/'0'), recordId, recordExpireAt, resultRetracted,
 * resultNone, talliesChannel.
 * Returns {'duplicate', result} | {'missing'} | {'stale'} | {'none'} | {'applied', tallyVersion}.
 */
export const retractBallotScript = script(
  ballots +
    `
local prior = cmd_prior(KEYS[6], KEYS[7], ARGV[4])
if prior then return {'duplicate', prior} end
require_workshop(KEYS[1])
local poll_json = redis.call('HGET', KEYS[2], ARGV[1])
if not poll_json then return {'missing'} end
local poll = cjson.decode(poll_json)
local anonymous = poll_anonymous(poll)
if anonymous ~= (ARGV[3] == '1') then return {'stale'} end
local old = ballot_get(anonymous, KEYS[3], KEYS[4], ARGV[2])
if not old or old == '${RETRACTED_BALLOT}' then
  cmd_remember(KEYS[6], ARGV[4], ARGV[7], ARGV[5])
  return {'none'}
end
for _, counter in ipairs(cjson.decode(old)['counters']) do redis.call('HINCRBY', KEYS[5], counter, -1) end
local version = redis.call('HINCRBY', KEYS[5], '#v', 1)
-- A poll that forbids changing a vote keeps an empty mark: taking a ballot back is not a way to change it.
local mark = false
if not poll['definition']['allowVoteChange'] then mark = '${RETRACTED_BALLOT}' end
ballot_put(anonymous, KEYS[3], KEYS[4], ARGV[2], old, mark)
cmd_remember(KEYS[6], ARGV[4], ARGV[6], ARGV[5])
tally_notice(KEYS[5], ARGV[8], ARGV[1])
return {'applied', tostring(version)}
`,
);

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

/**
 * Q&A writes (questions, board settings), compare-and-set, outside the workshop's event log.
 * Each written record is marked with a new revision in the changes set (newest QNA_CHANGES_CAP
 * kept; the highest revision dropped is remembered so a reader further behind knows to reset).
 * A deleted question takes its upvoters and its count with it.
 * KEYS: meta, commands today, commands yesterday, rev, changes, trimmedRev, votes, then one key
 * per write, then the upvoters key of each deleted question.
 * ARGV: channel, cap, recordId ('' = no record: the write is idempotent by itself),
 * recordExpireAt, resultJson, writeCount, (field, expected, next, mark) per write, then the
 * ids of the deleted questions. Returns {'duplicate', result} | {'conflict'} | {'applied', rev}.
 */
export const qnaCommitScript = script(`
local dedupe = ARGV[3] ~= ''
if dedupe then
  local prior = cmd_prior(KEYS[2], KEYS[3], ARGV[3])
  if prior then return {'duplicate', prior} end
end
require_workshop(KEYS[1])
local writes = tonumber(ARGV[6])
if not cas_ok(7, 6, 4, writes) then return {'conflict'} end
cas_write(7, 6, 4, writes)
for i = 7 + writes * 4, #ARGV do
  local key_index = 7 + writes + (i - 6 - writes * 4)
  redis.call('DEL', KEYS[key_index])
  redis.call('HDEL', KEYS[7], ARGV[i])
end
local rev = tonumber(redis.call('GET', KEYS[4]) or '0')
for i = 1, writes do
  rev = redis.call('INCR', KEYS[4])
  redis.call('ZADD', KEYS[5], rev, ARGV[6 + (i - 1) * 4 + 4])
end
local excess = redis.call('ZCARD', KEYS[5]) - tonumber(ARGV[2])
if excess > 0 then
  local dropped = redis.call('ZRANGE', KEYS[5], 0, excess - 1, 'WITHSCORES')
  redis.call('SET', KEYS[6], dropped[#dropped])
  redis.call('ZREMRANGEBYRANK', KEYS[5], 0, excess - 1)
end
if dedupe then cmd_remember(KEYS[2], ARGV[3], ARGV[5], ARGV[4]) end
if writes > 0 then redis.call('SPUBLISH', ARGV[1], rev) end
return {'applied', tostring(rev)}
`);

/**
 * One person's upvote on or off. The voter is a keyed hash the caller derived (ServerKeys), never
 * an id; kept in a sorted set with score 0, ordered by that hash, not by when.
 * KEYS: meta, questions, upvoters (of this question), votes, rev, changes.
 * ARGV: questionId, voterKey, up ('1'/'0'), channel.
 * Returns {'missing'} | {'notOpen'} | {'applied', changed ('1'/'0'), votes}.
 */
export const upvoteScript = script(`
require_workshop(KEYS[1])
local question = redis.call('HGET', KEYS[2], ARGV[1])
if not question then return {'missing'} end
if cjson.decode(question)['status'] ~= 'approved' then return {'notOpen'} end
local changed
if ARGV[3] == '1' then changed = redis.call('ZADD', KEYS[3], 'NX', 0, ARGV[2]) else changed = redis.call('ZREM', KEYS[3], ARGV[2]) end
local votes
if changed == 1 then
  if ARGV[3] == '1' then votes = redis.call('HINCRBY', KEYS[4], ARGV[1], 1) else votes = redis.call('HINCRBY', KEYS[4], ARGV[1], -1) end
  local rev = redis.call('INCR', KEYS[5])
  redis.call('ZADD', KEYS[6], rev, 'q:' .. ARGV[1])
  redis.call('SPUBLISH', ARGV[4], rev)
else
  votes = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
end
return {'applied', tostring(changed), tostring(votes)}
`);

/** The next seq of a Q&A board. KEYS: meta, seqs. ARGV: boardId. */
export const nextSeqScript = script(`
require_workshop(KEYS[1])
return redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
`);

/**
 * What changed after a revision. KEYS: rev, changes, trimmedRev. ARGV: rev.
 * Returns {currentRev, trimmedRev, member1, member2, ...}.
 */
export const qnaChangesScript = script(`
local members = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf')
local reply = {redis.call('GET', KEYS[1]) or '0', redis.call('GET', KEYS[3]) or '0'}
for _, member in ipairs(members) do reply[#reply + 1] = member end
return reply
`);

/**
 * One notes update. KEYS: meta, updates (list), bytes. ARGV: update (base64), its bytes, maxBytes.
 * Returns {'applied', count, bytes} | {'tooLarge', bytes}.
 */
export const appendNoteScript = script(`
require_workshop(KEYS[1])
local total = tonumber(redis.call('GET', KEYS[3]) or '0')
local size = tonumber(ARGV[2])
if total + size > tonumber(ARGV[3]) then return {'tooLarge', tostring(total)} end
local count = redis.call('RPUSH', KEYS[2], ARGV[1])
total = redis.call('INCRBY', KEYS[3], size)
return {'applied', tostring(count), tostring(total)}
`);

/** A named notes snapshot. KEYS: meta, snapshots. ARGV: snapshotId, JSON. */
export const saveSnapshotScript = script(`
require_workshop(KEYS[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
`);

/**
 * Rate counters of one scope in one step. Each counter is a string per fixed window; a window's
 * key lives until the end of the next window (where it is the previous one), a boundary: the
 * expiry says nothing about when it was first hit. KEYS: per counter, this window's key and the
 * previous window's. ARGV: per counter, its increment (0 reads), the share of the previous window
 * still covered, and this window's expiry (epoch ms). Returns the estimate per counter.
 */
export const rateCountersScript = script(
  slidingWindow +
    `
local counts = {}
for i = 1, #KEYS, 2 do
  local a = (i - 1) / 2 * 3
  local increment = tonumber(ARGV[a + 1])
  if increment > 0 and redis.call('INCRBY', KEYS[i], increment) == increment then
    redis.call('PEXPIREAT', KEYS[i], tonumber(ARGV[a + 3]))
  end
  counts[#counts + 1] = sliding_count(KEYS[i], KEYS[i + 1], ARGV[a + 2])
end
return counts
`,
);

/** Deletes a key only while it still holds the expected value (a join code still pointing at its workshop). */
export const deleteIfScript = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Compaction. KEYS: meta, updates, bytes. ARGV: replaced (n), lastReplaced, merged, mergedBytes,
 * removedBytes. Replaces the first n entries by the merged one if entry n is still lastReplaced.
 * Returns 1 when applied, 0 when the list changed at its head (try again later).
 */
export const compactNotesScript = script(`
require_workshop(KEYS[1])
local n = tonumber(ARGV[1])
if redis.call('LINDEX', KEYS[2], n - 1) ~= ARGV[2] then return 0 end
redis.call('LTRIM', KEYS[2], n, -1)
redis.call('LPUSH', KEYS[2], ARGV[3])
redis.call('INCRBY', KEYS[3], tonumber(ARGV[4]) - tonumber(ARGV[5]))
return 1
`);
