import type { ParticipantId, RoundId, WorkshopId } from "../../shared/ids.js";
import type { Attribution } from "../../shared/report.js";
import type { ParticipantProfile, ParticipantView, Role, WorkshopView } from "../../shared/workshop.js";

/** What the store keeps for a workshop. The facilitator key is only ever a hash here. */
export interface WorkshopRecord {
  workshopId: WorkshopId;
  title: string;
  joinCode: string;
  status: "active" | "ended";
  createdAt: number;
  facilitatorKeyHash: string;
  /** The latest round planned (rounds are numbered in order); absent on workshops without rounds. */
  currentRoundId?: RoundId | null;
  roundCount?: number;
  /**
   * Programme sessions ever created: the next one's position. Every create writes it
   * (compare-and-set), so creates on two nodes are ordered and the session bound holds.
   */
  programmeCount?: number;
  /** Absent: "none" (the default, no names in reports). */
  reportAttribution?: Attribution;
  /** New questions and polls start anonymous. New workshops: true; absent (older records): false. */
  anonymousByDefault?: boolean;
  /** Participants see each other only as a count. New workshops: true; absent (older records): true too, the safe side. */
  rosterPrivate?: boolean;
  /** When it ended; absent while it runs. */
  endedAt?: number;
  /** When everything it holds is deleted (its end + the retention in force then); absent while it runs. */
  deleteAt?: number;
}

/** What the store keeps for one person. Removed and departed people stay as tombstones so their session stays dead. */
export interface ParticipantRecord {
  participantId: ParticipantId;
  displayName: string;
  role: Role;
  status: "active" | "removed" | "left";
  joinedAt: number;
  /** Chose to be listed to other participants under a private roster; absent: not listed. */
  listed?: boolean;
}

/** A record without the setting (stored before it existed) is private: the safe default. */
export function isRosterPrivate(record: Pick<WorkshopRecord, "rosterPrivate">): boolean {
  return record.rosterPrivate ?? true;
}

export function toWorkshopView(record: WorkshopRecord): WorkshopView {
  return {
    workshopId: record.workshopId,
    title: record.title,
    joinCode: record.joinCode,
    status: record.status,
    createdAt: record.createdAt,
    reportAttribution: record.reportAttribution ?? "none",
    anonymousByDefault: record.anonymousByDefault ?? false,
    rosterPrivate: isRosterPrivate(record),
    endedAt: record.endedAt ?? null,
    deleteAt: record.deleteAt ?? null,
  };
}

export function toParticipantProfile(record: ParticipantRecord): ParticipantProfile {
  return {
    participantId: record.participantId,
    displayName: record.displayName,
    role: record.role,
    listed: record.listed ?? false,
  };
}

export function toParticipantView(record: ParticipantRecord, online: boolean): ParticipantView {
  return { ...toParticipantProfile(record), online };
}
