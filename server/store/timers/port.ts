import type { WorkshopId } from "../../../shared/ids.js";
import type { TimerSubject } from "../../domain/timers.js";

/**
 * `earliest`: keep the earlier of the stored and the new time (commands racing each other can
 * only make the clock look sooner, never later: an early look finds nothing due and sets the
 * right time). `latest`: keep the later (activity postpones an idle workshop's end).
 * `ifAbsent`: only when there is none (a clock for a workshop stored before it had one).
 * `exact`: set it (the clock itself, after reading the round).
 */
export type TimerMode = "earliest" | "latest" | "ifAbsent" | "exact";

/**
 * Timers shared by all nodes (round transitions, poll auto-close, retention): whoever polls
 * first after dueAt acts.
 */
export interface TimerStore {
  scheduleTimer(workshopId: WorkshopId, subjectId: TimerSubject, dueAt: number, mode: TimerMode): Promise<void>;
  clearTimer(workshopId: WorkshopId, subjectId: TimerSubject): Promise<void>;
  dueTimers(now: number, limit: number): Promise<Array<{ workshopId: WorkshopId; subjectId: TimerSubject }>>;
  /** Every timer of a workshop (it was deleted). */
  clearWorkshopTimers(workshopId: WorkshopId): Promise<void>;
}
