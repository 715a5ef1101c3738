import { script } from "../redis/lua.js";

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
