import { script } from "../redis/lua.js";

/**
 * A chat message appended with its channel's next seq, at most once per command.
 * KEYS: meta, commands today, commands yesterday, seqs (hash channel -> last seq), messages (hash
 * seq -> JSON) of the channel. ARGV: recordId, recordExpireAt, channelId, draft JSON (without
 * seq), historyMax, shard channel. The message `historyMax` seqs older is deleted (one HDEL, so
 * the bound costs O(1) per message). The command record keeps `{channelId, seq}` only: a record
 * holding the words would outlive a moderator's hiding them. Returns {'duplicate', ref JSON} |
 * {'applied', message JSON}.
 */
export const appendChatScript = script(`
local prior = cmd_prior(KEYS[2], KEYS[3], ARGV[1])
if prior then return {'duplicate', prior} end
require_workshop(KEYS[1])
local seq = redis.call('HINCRBY', KEYS[4], ARGV[3], 1)
local message = '{"seq":' .. seq .. ',' .. string.sub(ARGV[4], 2)
redis.call('HSET', KEYS[5], seq, message)
local dropped = seq - tonumber(ARGV[5])
if dropped > 0 then redis.call('HDEL', KEYS[5], dropped) end
cmd_remember(KEYS[2], ARGV[1], '{"channelId":' .. cjson.encode(ARGV[3]) .. ',"seq":' .. seq .. '}', ARGV[2])
redis.call('SPUBLISH', ARGV[6], ARGV[3] .. '|' .. seq)
return {'applied', message}
`);

/**
 * A stored message replaced compare-and-set (hiding it). KEYS: meta, messages of the channel.
 * ARGV: seq, expected JSON, next JSON, shard channel, channelId.
 * Returns 'missing' | 'conflict' | 'applied'.
 */
export const replaceChatScript = script(`
require_workshop(KEYS[1])
local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current then return 'missing' end
if current ~= ARGV[2] then return 'conflict' end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('SPUBLISH', ARGV[4], ARGV[5] .. '|' .. ARGV[1] .. '|h')
return 'applied'
`);

/**
 * A page of a channel: KEYS: seqs, messages. ARGV: channelId, beforeSeq ('' = the newest), limit.
 * Returns {latestSeq, message JSON...} (oldest first; trimmed seqs left out).
 */
export const chatPageScript = script(`
local latest = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local before = latest + 1
if ARGV[2] ~= '' then before = math.min(tonumber(ARGV[2]), before) end
local from = math.max(1, before - tonumber(ARGV[3]))
local reply = {tostring(latest)}
if before - 1 >= from then
  local seqs = {}
  for seq = from, before - 1 do seqs[#seqs + 1] = seq end
  for _, message in ipairs(redis.call('HMGET', KEYS[2], unpack(seqs))) do
    if message then reply[#reply + 1] = message end
  end
end
return reply
`);
