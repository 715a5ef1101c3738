import { script } from "../redis/lua.js";
import { RETRACTED_BALLOT } from "./ballots.js";
import { TALLY_NOTICE_MAX_FIELDS } from "./tallyNotice.js";

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
local function tally_notice(tally_key, channel, poll_id, voter, voted)
  local notice = {poll_id, false, voter, voted}
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
tally_notice(KEYS[5], ARGV[10], ARGV[1], ARGV[2], true)
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
tally_notice(KEYS[5], ARGV[8], ARGV[1], ARGV[2], false)
return {'applied', tostring(version)}
`,
);
