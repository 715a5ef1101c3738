import { script } from "../redis/lua.js";

/**
 * One hands step, atomic: raise (at the end of the line, once), lower, or call (the first
 * waiting hand, or a given one). Every change bumps the queue's seq, which is both a new hand's
 * place and the queue's version, and tells every node the new version.
 * KEYS: meta, commands today, commands yesterday, waiting, called, seq.
 * ARGV: channel, recordId ('' = no command record: a drop), recordExpireAt, action, participantId
 * ('' = the first waiting hand, for call).
 * Returns {'duplicate', result} | {'none'} | {'applied' | 'unchanged', result}, result the JSON
 * HandChange of the hand acted on.
 */
export const handsStepScript = script(`
local record = ARGV[2] ~= ''
if record then
  local prior = cmd_prior(KEYS[2], KEYS[3], ARGV[2])
  if prior then return {'duplicate', prior} end
end
require_workshop(KEYS[1])
local waiting, called, seq = KEYS[4], KEYS[5], KEYS[6]
local action, who = ARGV[4], ARGV[5]
local changed = false
if action == 'raise' then
  if not redis.call('ZSCORE', waiting, who) and not redis.call('ZSCORE', called, who) then
    redis.call('ZADD', waiting, redis.call('INCR', seq), who)
    changed = true
  end
elseif action == 'lower' then
  if redis.call('ZREM', waiting, who) + redis.call('ZREM', called, who) > 0 then
    redis.call('INCR', seq)
    changed = true
  end
elseif action == 'call' then
  if who == '' then
    who = redis.call('ZRANGE', waiting, 0, 0)[1]
    if not who then return {'none'} end
  end
  if redis.call('ZSCORE', waiting, who) then
    redis.call('ZREM', waiting, who)
    redis.call('ZADD', called, redis.call('INCR', seq), who)
    changed = true
  elseif not redis.call('ZSCORE', called, who) then
    return {'none'}
  end
end
local version = tonumber(redis.call('GET', seq) or '0')
local hand = cjson.null
local rank = redis.call('ZRANK', waiting, who)
if rank then
  hand = {status = 'waiting', position = rank + 1}
elseif redis.call('ZSCORE', called, who) then
  hand = {status = 'called', position = cjson.null}
end
local result = cjson.encode({version = version, participantId = who, hand = hand})
if record then cmd_remember(KEYS[2], ARGV[2], result, ARGV[3]) end
if changed then redis.call('SPUBLISH', ARGV[1], version) end
return {changed and 'applied' or 'unchanged', result}
`);
