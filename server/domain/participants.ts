import type { Role } from "../../shared/workshop.js";
import { DomainError } from "./errors.js";
import type { ParticipantRecord } from "./records.js";

/** Pure rules about people; the service reads, asks these, then commits atomically. */

function requireActiveTarget(target: ParticipantRecord | null): ParticipantRecord {
  if (target?.status !== "active") throw new DomainError("NOT_FOUND", "no such participant");
  return target;
}

/** Facilitators cannot change their own role: the last facilitator must not lock everyone out. */
export function changeRole(actor: ParticipantRecord, target: ParticipantRecord | null, role: Role): ParticipantRecord {
  const current = requireActiveTarget(target);
  if (current.participantId === actor.participantId) {
    throw new DomainError("FORBIDDEN", "you cannot change your own role");
  }
  return { ...current, role };
}

export function removeParticipant(actor: ParticipantRecord, target: ParticipantRecord | null): ParticipantRecord {
  const current = requireActiveTarget(target);
  if (current.participantId === actor.participantId) {
    throw new DomainError("FORBIDDEN", "use leave to remove yourself");
  }
  return { ...current, status: "removed" };
}

export function leave(actor: ParticipantRecord): ParticipantRecord {
  return { ...actor, status: "left" };
}
