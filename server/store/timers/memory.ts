import type { WorkshopId } from "../../../shared/ids.js";
import type { TimerSubject } from "../../domain/timers.js";
import { parseTimerMember, timerMember } from "./members.js";
import type { TimerMode, TimerStore } from "./port.js";

/** Shared timers in this process: member -> due time. */
export class MemoryTimerStore implements TimerStore {
  private readonly timers = new Map<string, number>();

  async scheduleTimer(workshopId: WorkshopId, subjectId: TimerSubject, dueAt: number, mode: TimerMode): Promise<void> {
    const member = timerMember(workshopId, subjectId);
    const current = this.timers.get(member);
    if (current !== undefined && mode === "ifAbsent") return;
    const next =
      current === undefined || mode === "exact"
        ? dueAt
        : mode === "earliest"
          ? Math.min(current, dueAt)
          : Math.max(current, dueAt);
    this.timers.set(member, next);
  }

  async clearTimer(workshopId: WorkshopId, subjectId: TimerSubject): Promise<void> {
    this.timers.delete(timerMember(workshopId, subjectId));
  }

  async dueTimers(now: number, limit: number): Promise<Array<{ workshopId: WorkshopId; subjectId: TimerSubject }>> {
    return [...this.timers]
      .filter(([, dueAt]) => dueAt <= now)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([member]) => parseTimerMember(member));
  }

  async clearWorkshopTimers(workshopId: WorkshopId): Promise<void> {
    for (const member of [...this.timers.keys()]) {
      if (member.startsWith(`${workshopId}|`)) this.timers.delete(member);
    }
  }
}
