import type { WorkshopSocket } from "./types.js";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per connection: a client flooding commands gets RATE_LIMITED before any
 * store work is done. Per-connection state is local by nature, so it needs no Redis.
 */
export function createRateLimiter(options: { perSecond: number; burst: number }, now: () => number = Date.now) {
  const buckets = new WeakMap<WorkshopSocket, Bucket>();
  return (socket: WorkshopSocket): boolean => {
    const time = now();
    const bucket = buckets.get(socket) ?? { tokens: options.burst, updatedAt: time };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((time - bucket.updatedAt) / 1000) * options.perSecond);
    bucket.updatedAt = time;
    buckets.set(socket, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
