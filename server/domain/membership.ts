import type { Viewer } from "../../shared/audience.js";
import { isRoundRunning } from "../../shared/breakout.js";
import type { ParticipantId, RoomId, RoundId } from "../../shared/ids.js";
import type { Role, WorkshopEvent } from "../../shared/workshop.js";

/**
 * Where one connected person stands, as far as what they may be sent goes: their role, the
 * current round and whether it runs, their room in it. A node keeps one per local socket and
 * moves it with the event log (updateMembership), so every feed judges a socket by the same
 * facts the snapshot it was sent was cut by (visibility.ts).
 */
export interface Membership {
  participantId: ParticipantId;
  role: Role;
  roundId: RoundId | null;
  running: boolean;
  assignedRoom: RoomId | null;
}

/** The viewer a membership is for every visibility rule (audience.ts, polls, Q&A). */
export function viewerOfMembership(membership: Membership): Viewer {
  return {
    participantId: membership.participantId,
    role: membership.role,
    roomId: membership.running ? membership.assignedRoom : null,
  };
}

/** Keeps a membership in step with the log it is being sent. */
export function updateMembership(membership: Membership, event: WorkshopEvent): void {
  switch (event.type) {
    case "participant:upserted":
      if (event.participant.participantId === membership.participantId) membership.role = event.participant.role;
      break;
    case "breakout:round":
      if (event.round.roundId !== membership.roundId) {
        membership.roundId = event.round.roundId;
        membership.assignedRoom = null;
      }
      membership.running = isRoundRunning(event.round);
      break;
    case "breakout:assigned":
      if (event.participantId === membership.participantId && event.roundId === membership.roundId) {
        membership.assignedRoom = event.roomId;
      }
      break;
    default:
      break;
  }
}
