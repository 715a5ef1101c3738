import { script } from "../redis/lua.js";

/**
 * Support writes (requests and the settings), compare-and-set, at most once per command, outside
 * the workshop's event log; every node is told which records changed (ids only).
 * KEYS: meta, commands today, commands yesterday, then one key per write.
 * ARGV: channel, recordId, recordExpireAt, resultJson, writeCount, changed (the notification),
 * then (field, expected, next) per write (field '' for the settings' plain key).
 * Returns {'duplicate', result} | {'conflict'} | {'applied', '0'}.
 */
export const supportCommitScript = script(`
local prior = cmd_prior(KEYS[2], KEYS[3], ARGV[2])
if prior then return {'duplicate', prior} end
require_workshop(KEYS[1])
local writes = tonumber(ARGV[5])
if not cas_ok(3, 6, 3, writes) then return {'conflict'} end
cas_write(3, 6, 3, writes)
cmd_remember(KEYS[2], ARGV[2], ARGV[4], ARGV[3])
if writes > 0 then redis.call('SPUBLISH', ARGV[1], ARGV[6]) end
return {'applied', '0'}
`);
