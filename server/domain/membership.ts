import type { Viewer } from "../../shared/audience.js";
import type { RoundView } from "../../shared/breakout.js";
import { isRoundRunning, roomShowsNames } from "../../shared/breakout.js";
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
  /** The workshop's roster setting, learnt from `workshop:updated`. */
  rosterPrivate: boolean;
  /** The rooms of the current round that show their people's names. */
  namedRooms: RoomId[];
  /** The socket has the people list open (`roster:watch`; shared/audience.ts `seesWholeRoster`). */
  watchesRoster: boolean;
}

/** The viewer a membership is for every visibility rule (audience.ts, polls, Q&A). */
export function viewerOfMembership(membership: Membership): Viewer {
  const roomId = membership.running ? membership.assignedRoom : null;
  return {
    participantId: membership.participantId,
    role: membership.role,
    roomId,
    rosterPrivate: membership.rosterPrivate,
    roomNamesVisible: roomId !== null && membership.namedRooms.includes(roomId),
    watchesRoster: membership.watchesRoster,
  };
}

/** The rooms of a round that show their people's names. */
export function namedRoomsOf(round: RoundView | null): RoomId[] {
  return round ? round.rooms.filter((room) => roomShowsNames(round, room.roomId)).map((room) => room.roomId) : [];
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
      membership.namedRooms = namedRoomsOf(event.round);
      break;
    case "workshop:updated":
      membership.rosterPrivate = event.workshop.rosterPrivate;
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
