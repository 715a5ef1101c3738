import type { Viewer } from "../../shared/audience.js";
import type { RoundView } from "../../shared/breakout.js";
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
  /** The workshop's roster setting, learnt from `workshop:updated`. */
  rosterPrivate: boolean;
  /** The rooms of the current round that show their people's names (shared between memberships: never changed in place). */
  namedRooms: readonly RoomId[];
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

const NO_ROOMS: readonly RoomId[] = [];
/** Worked out once per round event, whatever the number of sockets it moves. */
const namedRoomsByRound = new WeakMap<RoundView, readonly RoomId[]>();

/**
 * The rooms of a round that show their people's names: one array per round object, shared by
 * every membership it moves (a node moves thousands of memberships through each round event:
 * this was O(rooms²) per socket, four seconds of a node's loop at 2,500 sockets and 500 rooms).
 */
export function namedRoomsOf(round: RoundView | null): readonly RoomId[] {
  if (!round) return NO_ROOMS;
  let named = namedRoomsByRound.get(round);
  if (!named) {
    named = round.rooms.filter((room) => room.namesVisible === true).map((room) => room.roomId);
    namedRoomsByRound.set(round, named);
  }
  return named;
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
    case "breakout:roundStatus":
      if (event.roundId === membership.roundId) membership.running = isRoundRunning(event);
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
