import { script } from "../redis/lua.js";

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
