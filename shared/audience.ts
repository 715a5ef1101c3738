import type { BroadcastView, HelpView } from "./breakout.js";
import type { ParticipantId, RoomId, RoundId } from "./ids.js";
import type { PollView } from "./poll.js";
import type { ParticipantProfile, Role, WorkshopEvent } from "./workshop.js";

/**
 * Who may see an event: everyone in the workshop, or facilitators plus named people and rooms;
 * `wholeRoster`: every viewer sent the whole roster too (`seesWholeRoster`: staff, and
 * participants watching an open roster); `revealsPeople`: it tells who is in a room, so the room
 * clause holds only for viewers who see their roommates (`seesRoommates`).
 */
export type Audience =
  | { everyone: true }
  | {
      everyone: false;
      participants: readonly ParticipantId[];
      rooms: readonly RoomId[];
      wholeRoster?: true;
      revealsPeople?: true;
    };

/**
 * What a viewer is, as far as visibility goes (events, snapshots, polls, Q&A): facilitators see
 * everything; the role is kept whole so rules that tell note-takers apart can.
 */
export interface Viewer {
  participantId: ParticipantId;
  role: Role;
  /** Their room in the current round while it runs, else null (the plenary). */
  roomId: RoomId | null;
  /** The workshop's roster is private (`WorkshopView.rosterPrivate`). */
  rosterPrivate: boolean;
  /** Their room (while the round runs) lets its people see each other's names (`RoomView.namesVisible`). */
  roomNamesVisible: boolean;
  /**
   * They look at the people list (`roster:watch`, or `watchRoster` in the handshake): only then
   * is a participant sent every person of an open roster, live. Everyone else is sent counts
   * (`workshop:people`) and the people they meet: staff, the listed, their roommates.
   */
  watchesRoster: boolean;
}

/**
 * Where the people events' audience comes from, as of each event (the feed moves one along the
 * log: server/domain/rosterDirectory.ts): the setting, who is listed to all, who sits in a room
 * that shows names.
 */
export interface PeopleContext {
  rosterPrivate: boolean;
  listedToAll(participantId: ParticipantId): boolean;
  /** The person's room while the round runs (whether that room shows names is the viewer's rule); else null. */
  roomOf(participantId: ParticipantId): RoomId | null;
}

const everyone: Audience = { everyone: true };

/** Staff run the forum or support people in it: everyone may know who they are. */
export function isStaff(role: Role): boolean {
  return role !== "participant";
}

/** Shown to every participant whatever the setting: staff, and people who chose to be listed. */
export function isListedToAll(person: Pick<ParticipantProfile, "role" | "listed">): boolean {
  return isStaff(person.role) || person.listed;
}

/** Every participant may know this person by name: the roster is open, or they are listed to all. */
export function isNamedToAll(rosterPrivate: boolean, person: Pick<ParticipantProfile, "role" | "listed">): boolean {
  return !rosterPrivate || isListedToAll(person);
}

/** The viewer may know every person by name: the roster is open, or they are staff. */
export function knowsWholeRoster(viewer: Pick<Viewer, "role" | "rosterPrivate">): boolean {
  return !viewer.rosterPrivate || isStaff(viewer.role);
}

/**
 * The viewer is sent every person, live: staff always; a participant of an open roster only
 * while they look at the people list. What grows with the forum reaches only those who look.
 */
export function seesWholeRoster(viewer: Pick<Viewer, "role" | "rosterPrivate" | "watchesRoster">): boolean {
  return isStaff(viewer.role) || (!viewer.rosterPrivate && viewer.watchesRoster);
}

/** The viewer may know who is in their own room: the whole roster, or a room that shows names. */
export function seesRoommates(viewer: Viewer): boolean {
  return knowsWholeRoster(viewer) || viewer.roomNamesVisible;
}

/**
 * THE roster rule: whom a viewer is sent (name, id, presence). Themself, everyone when they are
 * sent the whole roster, anyone listed to all, and their roommates when they may know them
 * (`personRoom`: the person's room in the running round, as far as the viewer knows).
 */
export function seesPerson(
  viewer: Viewer,
  person: Pick<ParticipantProfile, "participantId" | "role" | "listed">,
  personRoom: RoomId | null,
): boolean {
  if (person.participantId === viewer.participantId || seesWholeRoster(viewer) || isListedToAll(person)) return true;
  return viewer.roomId !== null && personRoom === viewer.roomId && seesRoommates(viewer);
}

export function isPeopleEvent(
  event: WorkshopEvent,
): event is Extract<WorkshopEvent, { type: "participant:upserted" | "participant:presence" | "participant:removed" }> {
  return (
    event.type === "participant:upserted" ||
    event.type === "participant:presence" ||
    event.type === "participant:removed"
  );
}

/**
 * The audience of an event about one person: everyone when the person is listed to all (before
 * or after the event: an un-listing must reach those who held them); else whoever is sent the
 * whole roster, the person, and their room (for viewers who may know their roommates). An open
 * roster's join storm therefore reaches the people list's watchers, not every phone.
 */
function personAudience(participantId: ParticipantId, listed: boolean, people: PeopleContext): Audience {
  if (listed || people.listedToAll(participantId)) return everyone;
  const room = people.roomOf(participantId);
  return {
    everyone: false,
    participants: [participantId],
    rooms: room ? [room] : [],
    wholeRoster: true,
    revealsPeople: true,
  };
}

/**
 * THE isolation rule (one place): a participant receives the events of the plenary and of
 * their own room only, and events about people they may know of (`seesPerson`); facilitators
 * receive all. `people` is the roster as of the event (before it is applied).
 */
export function audienceOf(event: WorkshopEvent, people: PeopleContext): Audience {
  switch (event.type) {
    case "participant:upserted":
      return personAudience(event.participant.participantId, isListedToAll(event.participant), people);
    case "participant:presence":
    case "participant:removed":
      return personAudience(event.participantId, false, people);
    case "workshop:updated":
    case "breakout:round":
    case "breakout:roundStatus":
      return everyone;
    case "participant:tagged":
      return { everyone: false, participants: [event.participantId], rooms: [] };
    case "breakout:assigned":
      return {
        everyone: false,
        participants: [event.participantId],
        rooms: [event.roomId, event.fromRoomId].filter((room): room is RoomId => room !== null),
        revealsPeople: true,
      };
    case "breakout:broadcast":
      return event.broadcast.roomId === null
        ? everyone
        : { everyone: false, participants: [], rooms: [event.broadcast.roomId] };
    case "help:updated":
      return { everyone: false, participants: [], rooms: [event.help.roomId] };
    case "notes:access":
    case "programme:upserted":
    case "programme:deleted":
      return everyone;
    case "call:link":
      // A room's link may carry its meeting's password: its people (and facilitators) only.
      return event.roomId === null ? everyone : { everyone: false, participants: [], rooms: [event.roomId] };
    case "call:settings":
      // The template would let anyone work out every room's link: facilitators only.
      return { everyone: false, participants: [], rooms: [] };
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
  if (audience.wholeRoster && seesWholeRoster(viewer)) return true;
  if (viewer.roomId === null || !audience.rooms.includes(viewer.roomId)) return false;
  return !audience.revealsPeople || seesRoommates(viewer);
}

/**
 * What one viewer may hold of a workshop's state: THE rules a snapshot is cut by on the server
 * (server/domain/visibility.ts) and a client's copy is kept within after every batch
 * (shared/workshopState.ts), so live state and a fresh snapshot never differ.
 */
export function seesRoom(viewer: Viewer, roomId: RoomId | null): boolean {
  return seesEverything(viewer) || (roomId !== null && roomId === viewer.roomId);
}

/**
 * Where someone sits: their own seat, anyone's for facilitators, and the viewer's room's people
 * (while it runs) when they may know who their roommates are.
 */
export function seesAssignment(viewer: Viewer, participantId: ParticipantId, roomId: RoomId | null): boolean {
  return participantId === viewer.participantId || (seesRoom(viewer, roomId) && seesRoommates(viewer));
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
export function seesPoll(
  viewer: Pick<Viewer, "participantId" | "role" | "roomId">,
  poll: Pick<PollView, "status" | "createdBy" | "definition">,
): boolean {
  return seesPollAs(viewer.participantId, viewer.role, viewer.roomId, poll);
}

/** `seesPoll` without a viewer object: asked per socket per results tick, where each would be garbage. */
export function seesPollAs(
  participantId: Viewer["participantId"],
  role: Viewer["role"],
  roomId: Viewer["roomId"],
  poll: Pick<PollView, "status" | "createdBy" | "definition">,
): boolean {
  const audience = pollAudience(poll);
  // An open plenary poll needs no viewer at all.
  if (audience.everyone) return true;
  // A poll's audience names rooms and its maker, never a room's people: the roster plays no part.
  return canSee(
    { participantId, role, roomId, rosterPrivate: false, roomNamesVisible: false, watchesRoster: false },
    audience,
  );
}

/**
 * The head-counts one viewer is sent (`breakout:counts`, snapshots, catch-ups): every room's to
 * staff, and to everyone in a round where people pick their room (free seats); otherwise a
 * participant's own room's only (their seat, whether or not the round runs yet). A participant is
 * told how many share their room, not how 499 other rooms filled: at 500 rooms every room's
 * counts were ~6 KB per participant per change.
 */
export function countsFor(
  counts: Readonly<Record<string, number>>,
  viewer: Pick<Viewer, "role">,
  seat: RoomId | null,
  selfSelect: boolean,
): Record<string, number> {
  if (viewer.role !== "participant" || selfSelect) return { ...counts };
  const own = seat === null ? undefined : counts[seat];
  return seat === null || own === undefined ? {} : { [seat]: own };
}
