import { PollIdSchema } from "../../shared/poll.js";
import type { Logger } from "../logger.js";
import type { BreakoutService } from "../services/breakoutService.js";
import type { PollService } from "../services/pollService.js";
import type { Store } from "../store/types.js";

/**
 * Clocks live in the store (a sorted set of due times), not in a node's memory: every node
 * polls, so a round still closes on time (and a poll auto-closes) when the node that opened
 * it has died, and the compare-and-set in advance() makes each transition happen exactly once.
 */
export function startSharedTimers(
  store: Store,
  services: { breakout: BreakoutService; polls: PollService },
  pollMs: number,
  logger: Logger,
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const { workshopId, subjectId } of await store.dueTimers(Date.now(), 50)) {
        const advance = PollIdSchema.safeParse(subjectId).success
          ? services.polls.advance(workshopId, subjectId)
          : services.breakout.advance(workshopId, subjectId);
        await advance.catch((error: unknown) => {
          logger.warn({ workshopId, subjectId, err: error instanceof Error ? error.message : String(error) }, "timer");
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
