import { script } from "../redis/lua.js";

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
