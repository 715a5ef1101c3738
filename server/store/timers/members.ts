import type { WorkshopId } from "../../../shared/ids.js";
import type { TimerSubject } from "../../domain/timers.js";

/** A shared timer is kept as the member `<workshopId>|<subject>` (both stores). */
export function timerMember(workshopId: WorkshopId, subjectId: TimerSubject): string {
  return `${workshopId}|${subjectId}`;
}

export function parseTimerMember(member: string): { workshopId: WorkshopId; subjectId: TimerSubject } {
  const [workshopId = "", subjectId = ""] = member.split("|");
  return { workshopId, subjectId };
}
