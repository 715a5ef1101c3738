import { countInWindow, type WindowCounter } from "../memory/core.js";
import type { RateCounter, RateStore } from "./port.js";

/** Rate counters in this process. */
export class MemoryRateStore implements RateStore {
  private readonly counters = new Map<string, WindowCounter>();

  constructor(private readonly now: () => number = Date.now) {}

  async countInWindows(scope: string, counters: readonly RateCounter[]): Promise<number[]> {
    return counters.map((counter) =>
      countInWindow(this.counters, `${scope}|${counter.name}`, counter.windowMs, counter.increment, this.now()),
    );
  }
}
