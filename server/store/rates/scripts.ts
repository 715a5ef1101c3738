import { script, slidingWindow } from "../redis/lua.js";

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
