import { createHash } from "node:crypto";
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

export interface LuaScript {
  source: string;
  sha: string;
}

function script(body: string): LuaScript {
  const source = casWrites + appendEvents + body;
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * KEYS: version, log, commandResult, then one key per record write.
 * ARGV: channel, cap, resultTtl, resultJson, writeCount, (field, expected, next) per write
 * (field '' = the key is a plain string; next '' = delete the field), then the events.
 * Returns {'duplicate', result} | {'conflict'} | {'applied', version}.
 */
export const commitScript = script(`
local prior = redis.call('GET', KEYS[3])
if prior then return {'duplicate', prior} end
local writes = tonumber(ARGV[5])
if not cas_ok(3, 5, 3, writes) then return {'conflict'} end
cas_write(3, 5, 3, writes)
local events = {}
for i = 6 + writes * 3, #ARGV do events[#events + 1] = ARGV[i] end
local v = append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), events)
if not v then v = tonumber(redis.call('GET', KEYS[1]) or '0') end
redis.call('SET', KEYS[3], ARGV[4], 'EX', tonumber(ARGV[3]))
return {'applied', tostring(v)}
`);

/**
 * KEYS: version, log, participants, sessions, connections, onlineCounts, joins.
 * ARGV: channel, cap, participantId, record, tokenHash, event, connectionId ('' = not connected
 * yet), joinId ('' = none). Returns {participantId, version}: the person an earlier attempt
 * of the same join created, or the new one.
 */
export const addParticipantScript = script(`
if ARGV[8] ~= '' then
  local earlier = redis.call('HGET', KEYS[7], ARGV[8])
  if earlier then
    redis.call('HSET', KEYS[4], ARGV[5], earlier)
    if ARGV[7] ~= '' and redis.call('HSETNX', KEYS[5], ARGV[7], earlier) == 1 then
      if redis.call('HINCRBY', KEYS[6], earlier, 1) == 1 then
        append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]),
          {'{"type":"participant:presence","participantId":"' .. earlier .. '","online":true}'})
      end
    end
    return {earlier, redis.call('GET', KEYS[1]) or '0'}
  end
  redis.call('HSET', KEYS[7], ARGV[8], ARGV[3])
end
redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[4], ARGV[5], ARGV[3])
if ARGV[7] ~= '' and redis.call('HSETNX', KEYS[5], ARGV[7], ARGV[3]) == 1 then
  redis.call('HINCRBY', KEYS[6], ARGV[3], 1)
end
return {ARGV[3], tostring(append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), {ARGV[6]}))}
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

/**
 * KEYS: version, log, commandResult, assignments, counts.
 * ARGV: channel, cap, resultTtl, resultTemplate, roundId, allOrNothing ('1'/'0'), the room
 * member set key with `%ROOM%` for the room id, then
 * (participantId, roomId or '', capacity or -1) per move. The same rule as planMoves():
 * in order, counts updated as it goes, no-op moves dropped, over-capacity moves refused.
 * Returns {'duplicate', result} | {'full', refusedJson} | {'applied', version, moved, refusedJson, result}.
 */
export const moveScript = script(`
local prior = redis.call('GET', KEYS[3])
if prior then return {'duplicate', prior} end
local counts, rooms, applied, refused = {}, {}, {}, {}
local function count_of(room)
  if counts[room] == nil then counts[room] = tonumber(redis.call('HGET', KEYS[5], room) or '0') end
  return counts[room]
end
for i = 8, #ARGV, 3 do
  local participant, target, capacity = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local from = rooms[participant]
  if from == nil then from = redis.call('HGET', KEYS[4], participant) or '' end
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
if ARGV[6] == '1' and #refused > 0 then return {'full', refused_json} end
local events = {}
for _, move in ipairs(applied) do
  local participant, from, target = move[1], move[2], move[3]
  if target == '' then redis.call('HDEL', KEYS[4], participant) else redis.call('HSET', KEYS[4], participant, target) end
  -- Per-room member sets (same hash tag, so the same slot) let one room be read alone.
  if from ~= '' then redis.call('SREM', (string.gsub(ARGV[7], '%%ROOM%%', from)), participant) end
  if target ~= '' then redis.call('SADD', (string.gsub(ARGV[7], '%%ROOM%%', target)), participant) end
  local from_json, target_json = 'null', 'null'
  if from ~= '' then from_json = '"' .. from .. '"' end
  if target ~= '' then target_json = '"' .. target .. '"' end
  events[#events + 1] = '{"type":"breakout:assigned","roundId":"' .. ARGV[5] .. '","participantId":"' .. participant ..
    '","roomId":' .. target_json .. ',"fromRoomId":' .. from_json .. '}'
end
for room, count in pairs(counts) do redis.call('HSET', KEYS[5], room, count) end
local v = append_events(KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), events)
if not v then v = tonumber(redis.call('GET', KEYS[1]) or '0') end
-- People moved, not moves: a leave-then-enter of one person counts once.
local people, moved = {}, 0
for _, move in ipairs(applied) do
  if not people[move[1]] then people[move[1]] = true; moved = moved + 1 end
end
local result = (string.gsub(ARGV[4], '"__MOVED__"', tostring(moved)))
result = (string.gsub(result, '"__REFUSED__"', function() return refused_json end))
redis.call('SET', KEYS[3], result, 'EX', tonumber(ARGV[3]))
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

/** Finds a voter's ballot key: the participant id, or for anonymous polls sha1(secret|poll|participant). */
const voterKey = `
local function voter_key(poll, secret_key, poll_id, participant_id, create_secret)
  if not poll['definition']['anonymous'] then return participant_id end
  local secret = redis.call('GET', secret_key)
  if not secret then
    if create_secret == '' then return false end
    redis.call('SET', secret_key, create_secret)
    secret = create_secret
  end
  return redis.sha1hex(secret .. '|' .. poll_id .. '|' .. participant_id)
end
`;

/**
 * One vote, atomically (invariant 4): the poll must be open and not past closesAt; one ballot
 * per voter; an equal ballot changes nothing; a different one takes back the old ballot's
 * counters and adds the new one's, bumps the tally version and tells every node (with the
 * poll's counters when they are small: `server/store/tallyNotice.ts`). With an
 * expected workshop version, nothing happens unless the workshop is still at it (the node
 * decided from its in-memory view of the voter and the poll).
 * KEYS: polls, ballots, tally, commandResult, voterSecret, version.
 * ARGV: pollId, participantId, encodedBallot, now, resultTtl, resultChanged, resultUnchanged,
 * talliesChannel, newSecret, expectedVersion ('' = no check), then the ballot's counters.
 * Returns {'duplicate', result} | {'stale'} | {'missing'} | {'closed'} | {'already'} |
 * {'applied'|'same', tallyVersion}.
 */
export const castBallotScript = script(
  voterKey +
    `
local prior = redis.call('GET', KEYS[4])
if prior then return {'duplicate', prior} end
if ARGV[10] ~= '' and (redis.call('GET', KEYS[6]) or '0') ~= ARGV[10] then return {'stale'} end
local poll_json = redis.call('HGET', KEYS[1], ARGV[1])
if not poll_json then return {'missing'} end
local poll = cjson.decode(poll_json)
if poll['status'] ~= 'open' then return {'closed'} end
local closes_at = poll['closesAt']
if type(closes_at) == 'number' and tonumber(ARGV[4]) >= closes_at then return {'closed'} end
local voter = voter_key(poll, KEYS[5], ARGV[1], ARGV[2], ARGV[9])
if not voter then return {'missing'} end
local old = redis.call('HGET', KEYS[2], voter)
if old == ARGV[3] then
  redis.call('SET', KEYS[4], ARGV[7], 'EX', tonumber(ARGV[5]))
  return {'same', redis.call('HGET', KEYS[3], '#v') or '0'}
end
if old and not poll['definition']['allowVoteChange'] then return {'already'} end
if old then
  for _, counter in ipairs(cjson.decode(old)['counters']) do redis.call('HINCRBY', KEYS[3], counter, -1) end
end
for i = 11, #ARGV do redis.call('HINCRBY', KEYS[3], ARGV[i], 1) end
local version = redis.call('HINCRBY', KEYS[3], '#v', 1)
redis.call('HSET', KEYS[2], voter, ARGV[3])
redis.call('SET', KEYS[4], ARGV[6], 'EX', tonumber(ARGV[5]))
local notice = {ARGV[1]}
if redis.call('HLEN', KEYS[3]) <= ${TALLY_NOTICE_MAX_FIELDS} then notice[2] = redis.call('HGETALL', KEYS[3]) end
redis.call('SPUBLISH', ARGV[8], cjson.encode(notice))
return {'applied', tostring(version)}
`,
);

/** KEYS: polls, ballots, voterSecret. ARGV: pollId, participantId. Returns the encoded ballot or false. */
export const ballotOfScript = script(
  voterKey +
    `
local poll_json = redis.call('HGET', KEYS[1], ARGV[1])
if not poll_json then return false end
local voter = voter_key(cjson.decode(poll_json), KEYS[3], ARGV[1], ARGV[2], '')
if not voter then return false end
return redis.call('HGET', KEYS[2], voter)
`,
);

/**
 * Q&A writes (questions, board settings), compare-and-set, outside the workshop's event log.
 * Each written record is marked with a new revision in the changes set (newest QNA_CHANGES_CAP
 * kept; the highest revision dropped is remembered so a reader further behind knows to reset).
 * KEYS: commandResult (ignored when ARGV[5] is '0'), rev, changes, trimmedRev, then one key per write.
 * ARGV: channel, cap, resultTtl, resultJson, dedupe ('1'/'0'), writeCount, then
 * (field, expected, next, mark) per write. Returns {'duplicate', result} | {'conflict'} | {'applied', rev}.
 */
export const qnaCommitScript = script(`
local dedupe = ARGV[5] == '1'
if dedupe then
  local prior = redis.call('GET', KEYS[1])
  if prior then return {'duplicate', prior} end
end
local writes = tonumber(ARGV[6])
if not cas_ok(4, 6, 4, writes) then return {'conflict'} end
cas_write(4, 6, 4, writes)
local rev = tonumber(redis.call('GET', KEYS[2]) or '0')
for i = 1, writes do
  rev = redis.call('INCR', KEYS[2])
  redis.call('ZADD', KEYS[3], rev, ARGV[6 + (i - 1) * 4 + 4])
end
local excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[2])
if excess > 0 then
  local dropped = redis.call('ZRANGE', KEYS[3], 0, excess - 1, 'WITHSCORES')
  redis.call('SET', KEYS[4], dropped[#dropped])
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1)
end
if dedupe then redis.call('SET', KEYS[1], ARGV[4], 'EX', tonumber(ARGV[3])) end
if writes > 0 then redis.call('SPUBLISH', ARGV[1], rev) end
return {'applied', tostring(rev)}
`);

/**
 * One person's upvote on or off. The voter is sha1(secret|question|person), never the id.
 * KEYS: questions, voters (set of this question), votes, rev, changes, voterSecret.
 * ARGV: questionId, participantId, up ('1'/'0'), channel, newSecret.
 * Returns {'missing'} | {'notOpen'} | {'applied', changed ('1'/'0'), votes}.
 */
export const upvoteScript = script(`
local question = redis.call('HGET', KEYS[1], ARGV[1])
if not question then return {'missing'} end
if cjson.decode(question)['status'] ~= 'approved' then return {'notOpen'} end
local secret = redis.call('GET', KEYS[6])
if not secret then
  redis.call('SET', KEYS[6], ARGV[5])
  secret = ARGV[5]
end
local voter = redis.sha1hex(secret .. '|' .. ARGV[1] .. '|' .. ARGV[2])
local changed
if ARGV[3] == '1' then changed = redis.call('SADD', KEYS[2], voter) else changed = redis.call('SREM', KEYS[2], voter) end
local votes
if changed == 1 then
  if ARGV[3] == '1' then votes = redis.call('HINCRBY', KEYS[3], ARGV[1], 1) else votes = redis.call('HINCRBY', KEYS[3], ARGV[1], -1) end
  local rev = redis.call('INCR', KEYS[4])
  redis.call('ZADD', KEYS[5], rev, 'q:' .. ARGV[1])
  redis.call('SPUBLISH', ARGV[4], rev)
else
  votes = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
end
return {'applied', tostring(changed), tostring(votes)}
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
 * One notes update. KEYS: updates (list), bytes. ARGV: update (base64), its bytes, maxBytes.
 * Returns {'applied', count, bytes} | {'tooLarge', bytes}.
 */
export const appendNoteScript = script(`
local total = tonumber(redis.call('GET', KEYS[2]) or '0')
local size = tonumber(ARGV[2])
if total + size > tonumber(ARGV[3]) then return {'tooLarge', tostring(total)} end
local count = redis.call('RPUSH', KEYS[1], ARGV[1])
total = redis.call('INCRBY', KEYS[2], size)
return {'applied', tostring(count), tostring(total)}
`);

/**
 * Compaction. KEYS: updates, bytes. ARGV: replaced (n), lastReplaced, merged, mergedBytes,
 * removedBytes. Replaces the first n entries by the merged one if entry n is still lastReplaced.
 * Returns 1 when applied, 0 when the list changed at its head (try again later).
 */
export const compactNotesScript = script(`
local n = tonumber(ARGV[1])
if redis.call('LINDEX', KEYS[1], n - 1) ~= ARGV[2] then return 0 end
redis.call('LTRIM', KEYS[1], n, -1)
redis.call('LPUSH', KEYS[1], ARGV[3])
redis.call('INCRBY', KEYS[2], tonumber(ARGV[4]) - tonumber(ARGV[5]))
return 1
`);
