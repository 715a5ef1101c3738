import { PollIdSchema } from "../../shared/poll.js";
import { DomainError } from "../domain/errors.js";
import { RETENTION_TIMERS, type RetentionTimer, type TimerSubject } from "../domain/timers.js";
import type { Logger } from "../logger.js";
import type { BreakoutService } from "../services/breakoutService.js";
import type { PollService } from "../services/pollService.js";
import type { RetentionService } from "../services/retentionService.js";
import type { Stores } from "../store/stores.js";

function isRetentionTimer(subjectId: TimerSubject): subjectId is RetentionTimer {
  return subjectId === RETENTION_TIMERS.idle || subjectId === RETENTION_TIMERS.purge;
}

/**
 * Clocks live in the store (a sorted set of due times), not in a node's memory: every node
 * polls, so a round still closes on time (and a poll auto-closes) when the node that opened
 * it has died, and the compare-and-set in advance() makes each transition happen exactly once.
 */
export function startSharedTimers(
  stores: Stores,
  services: { breakout: BreakoutService; polls: PollService; retention: RetentionService },
  pollMs: number,
  logger: Logger,
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const { workshopId, subjectId } of await stores.timers.dueTimers(Date.now(), 50)) {
        const advance = isRetentionTimer(subjectId)
          ? services.retention.advance(workshopId, subjectId)
          : PollIdSchema.safeParse(subjectId).success
            ? services.polls.advance(workshopId, subjectId)
            : services.breakout.advance(workshopId, subjectId);
        await advance.catch(async (error: unknown) => {
          // A clock of a workshop that no longer exists has nothing left to do.
          if (error instanceof DomainError && error.code === "NOT_FOUND") {
            await stores.timers.clearTimer(workshopId, subjectId).catch(() => undefined);
            return;
          }
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
