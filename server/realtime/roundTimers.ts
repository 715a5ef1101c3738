import type { Logger } from "../logger.js";
import type { BreakoutService } from "../services/breakoutService.js";
import type { Store } from "../store/types.js";

/**
 * Round clocks live in the store (a sorted set of due times), not in a node's memory: every
 * node polls, so a round still closes on time when the node that opened it has died, and
 * the compare-and-set in BreakoutService.advance makes it close exactly once.
 */
export function startRoundTimers(store: Store, breakout: BreakoutService, pollMs: number, logger: Logger) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const { workshopId, roundId } of await store.dueTimers(Date.now(), 50)) {
        await breakout.advance(workshopId, roundId).catch((error: unknown) => {
          logger.warn({ workshopId, roundId, err: error instanceof Error ? error.message : String(error) }, "timer");
        });
      }
    } catch {
      // Store unavailable: the next tick tries again.
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), pollMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
