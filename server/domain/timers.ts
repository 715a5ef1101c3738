import type { RoundId } from "../../shared/ids.js";
import type { PollId } from "../../shared/poll.js";

/**
 * The retention clocks (server/services/retentionService.ts): `idle` ends a workshop nobody used
 * for the retention period (activity postpones it); `purge` deletes an ended one at its deleteAt.
 */
export const RETENTION_TIMERS = { idle: "idle", purge: "purge" } as const;
export type RetentionTimer = (typeof RETENTION_TIMERS)[keyof typeof RETENTION_TIMERS];

/** What a shared timer is for: a round (`r…`), a poll (`o…`), or one of the workshop's retention clocks. */
export type TimerSubject = RoundId | PollId | RetentionTimer;

export function isRetentionTimer(subjectId: TimerSubject): subjectId is RetentionTimer {
  return subjectId === RETENTION_TIMERS.idle || subjectId === RETENTION_TIMERS.purge;
}
