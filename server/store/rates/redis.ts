import type { RedisCore } from "../redis/core.js";
import type { RateCounter, RateStore } from "./port.js";
import { rateCountersScript } from "./scripts.js";
import { rateWindowOf } from "./window.js";

/** Rate counters in Redis: a string per counter and window, a scope's counters under one hash tag. */
export class RedisRateStore implements RateStore {
  constructor(private readonly core: RedisCore) {}

  async countInWindows(scope: string, counters: readonly RateCounter[]): Promise<number[]> {
    const keys: string[] = [];
    const args: Array<string | number> = [];
    for (const counter of counters) {
      const window = rateWindowOf(this.core.now(), counter.windowMs);
      keys.push(
        this.core.global.rateCounter(scope, counter.name, window.index),
        this.core.global.rateCounter(scope, counter.name, window.index - 1),
      );
      args.push(counter.increment, window.covered, window.expiresAt);
    }
    return ((await this.core.run(rateCountersScript, keys, args)) as number[]).map(Number);
  }
}
