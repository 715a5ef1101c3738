import type { BroadcastView, HelpView } from "./breakout.js";
import type { ParticipantId, RoomId, RoundId } from "./ids.js";
import type { PollView } from "./poll.js";
import type { Role, WorkshopEvent } from "./workshop.js";

/** Who may see an event: everyone in the workshop, or facilitators plus named people and rooms. */
export type Audience =
  | { everyone: true }
  | { everyone: false; participants: readonly ParticipantId[]; rooms: readonly RoomId[] };

/**
 * What a viewer is, as far as visibility goes (events, snapshots, polls, Q&A): facilitators see
 * everything; the role is kept whole so rules that tell note-takers apart can.
 */
export interface Viewer {
  participantId: ParticipantId;
  role: Role;
  /** Their room in the current round while it runs, else null (the plenary). */
  roomId: RoomId | null;
}

const everyone: Audience = { everyone: true };

/**
 * THE isolation rule (one place): a participant receives the events of the plenary and of
 * their own room only; facilitators receive all.
 */
export function audienceOf(event: WorkshopEvent): Audience {
  switch (event.type) {
    case "participant:upserted":
    case "participant:presence":
    case "participant:removed":
    case "workshop:updated":
    case "breakout:round":
      return everyone;
    case "participant:tagged":
      return { everyone: false, participants: [event.participantId], rooms: [] };
    case "breakout:assigned":
      return {
        everyone: false,
        participants: [event.participantId],
        rooms: [event.roomId, event.fromRoomId].filter((room): room is RoomId => room !== null),
      };
    case "breakout:broadcast":
      return event.broadcast.roomId === null
        ? everyone
        : { everyone: false, participants: [], rooms: [event.broadcast.roomId] };
    case "help:updated":
      return { everyone: false, participants: [], rooms: [event.help.roomId] };
    case "notes:access":
      return everyone;
    case "poll:upserted":
      return pollAudience(event.poll);
    case "poll:deleted":
      return { everyone: false, participants: [event.createdBy], rooms: [] };
    default: {
      const exhaustive: never = event;
      throw new Error(`no audience for ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Drafts: facilitators and their maker. Otherwise a room's poll goes to that room, the rest to everyone. */
export function pollAudience(poll: Pick<PollView, "status" | "createdBy" | "definition">): Audience {
  if (poll.status === "draft") return { everyone: false, participants: [poll.createdBy], rooms: [] };
  const { scope } = poll.definition;
  return scope.kind === "room" ? { everyone: false, participants: [], rooms: [scope.roomId] } : everyone;
}

/** Facilitators see every room, every person's tags and every draft. */
export function seesEverything(viewer: Pick<Viewer, "role">): boolean {
  return viewer.role === "facilitator";
}

export function canSee(viewer: Viewer, audience: Audience): boolean {
  if (audience.everyone || seesEverything(viewer)) return true;
  if (audience.participants.includes(viewer.participantId)) return true;
  return viewer.roomId !== null && audience.rooms.includes(viewer.roomId);
}

/**
 * What one viewer may hold of a workshop's state: THE rules a snapshot is cut by on the server
 * (server/domain/visibility.ts) and a client's copy is kept within after every batch
 * (shared/workshopState.ts), so live state and a fresh snapshot never differ.
 */
export function seesRoom(viewer: Viewer, roomId: RoomId | null): boolean {
  return seesEverything(viewer) || (roomId !== null && roomId === viewer.roomId);
}

/** Where someone sits: in the viewer's room (while it runs), their own seat, or anyone's for facilitators. */
export function seesAssignment(viewer: Viewer, participantId: ParticipantId, roomId: RoomId | null): boolean {
  return seesRoom(viewer, roomId) || participantId === viewer.participantId;
}

export function seesTags(viewer: Viewer, participantId: ParticipantId): boolean {
  return seesEverything(viewer) || participantId === viewer.participantId;
}

/** Help requests and banners of the current round only, of the viewer's room (banners to all rooms too). */
export function seesHelp(viewer: Viewer, help: Pick<HelpView, "roundId" | "roomId">, roundId: RoundId | null): boolean {
  return help.roundId === roundId && seesRoom(viewer, help.roomId);
}

export function seesBroadcast(
  viewer: Viewer,
  broadcast: Pick<BroadcastView, "roundId" | "roomId">,
  roundId: RoundId | null,
): boolean {
  return broadcast.roundId === roundId && (broadcast.roomId === null || seesRoom(viewer, broadcast.roomId));
}

/** The same audience the poll's events have, so what one sees matches what one is sent. */
export function seesPoll(viewer: Viewer, poll: Pick<PollView, "status" | "createdBy" | "definition">): boolean {
  return canSee(viewer, pollAudience(poll));
}
