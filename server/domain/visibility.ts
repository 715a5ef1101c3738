import {
  audienceOf,
  canSee,
  countsFor,
  isListedToAll,
  isPeopleEvent,
  type PeopleContext,
  seesAssignment,
  seesBroadcast,
  seesEverything,
  seesHelp,
  seesPerson,
  seesPoll,
  seesRoom,
  seesTags,
  seesWholeRoster,
  type Viewer,
} from "../../shared/audience.js";
import { type BreakoutState, type RoundView, roomShowsNames } from "../../shared/breakout.js";
import type { CallsView } from "../../shared/calls.js";
import type { ParticipantId, RoomId } from "../../shared/ids.js";
import {
  type PeopleCount,
  type RosterEntry,
  rosterEntry,
  type WorkshopEvent,
  type WorkshopSnapshot,
} from "../../shared/workshop.js";
import type { FullSnapshot } from "../domain/snapshot.js";
import { isRunning } from "./breakout/rounds.js";
import { callSettingsOf, roundCallLinks } from "./calls.js";
import {
  isRosterPrivate,
  type ParticipantRecord,
  toParticipantView,
  toWorkshopView,
  type WorkshopRecord,
} from "./records.js";

/** Who the viewer is for visibility: role, the roster setting, and their room while the current round runs. */
export function viewerOf(
  actor: Pick<ParticipantRecord, "participantId" | "role">,
  workshop: Pick<WorkshopRecord, "rosterPrivate">,
  round: RoundView | null,
  roomOfActor: RoomId | null,
  /** The socket has the people list open: see shared/audience.ts `Viewer.watchesRoster`. */
  watchesRoster: boolean,
): Viewer {
  const roomId = isRunning(round) ? roomOfActor : null;
  return {
    participantId: actor.participantId,
    role: actor.role,
    roomId,
    rosterPrivate: isRosterPrivate(workshop),
    roomNamesVisible: roomShowsNames(round, roomId),
    watchesRoster,
  };
}

export function viewerInSnapshot(
  full: FullSnapshot,
  participantId: ParticipantId,
  watchesRoster: boolean,
): Viewer | null {
  const actor = rostersOf(full).records.get(participantId);
  if (!actor) return null;
  const room = full.breakout.assignments.get(participantId) ?? null;
  return viewerOf(actor, full.workshop, full.breakout.round, room, watchesRoster);
}

/**
 * What every viewer's roster is cut from, built once per snapshot read: a join storm shares one
 * read among the joins that arrive while it runs (WorkshopService), so the roster is built once
 * per read, not once per join (O(N) entries each: most of a join's garbage).
 */
interface Rosters {
  /** Every active person. */
  all: RosterEntry[];
  /** The active people listed to all (staff and those who chose to be listed). */
  listedToAll: RosterEntry[];
  people: PeopleCount;
  /** Every person's record by id (removed ones too): a joiner finds themself without a scan. */
  records: Map<ParticipantId, ParticipantRecord>;
  /**
   * Where in `all` each active person not listed to all is, and those of them in each room of the
   * round: the only people a viewer without the whole roster may see beyond `listedToAll` are
   * themself and roommates, so their cut is found without judging everyone (a join storm of N
   * judged N people per join: O(N^2), 50 M judgements at 10,000).
   */
  unlisted: Map<ParticipantId, number>;
  unlistedByRoom: Map<RoomId, number[]>;
}

const rosters = new WeakMap<FullSnapshot, Rosters>();

function rostersOf(full: FullSnapshot): Rosters {
  let cut = rosters.get(full);
  if (!cut) {
    const active = full.participants.filter((participant) => participant.status === "active");
    const all = active.map((participant) => rosterEntry(toParticipantView(participant, participant.online)));
    const unlisted = new Map<ParticipantId, number>();
    const unlistedByRoom = new Map<RoomId, number[]>();
    for (const [place, [participantId, , role, , listed]] of all.entries()) {
      if (isListedToAll({ role, listed })) continue;
      unlisted.set(participantId, place);
      const roomId = full.breakout.assignments.get(participantId);
      if (roomId === undefined) continue;
      const inRoom = unlistedByRoom.get(roomId);
      if (inRoom) inRoom.push(place);
      else unlistedByRoom.set(roomId, [place]);
    }
    cut = {
      all,
      listedToAll: all.filter(([, , role, , listed]) => isListedToAll({ role, listed })),
      people: {
        version: full.version,
        active: active.length,
        online: active.filter((participant) => participant.online).length,
      },
      records: new Map(full.participants.map((participant) => [participant.participantId, participant])),
      unlisted,
      unlistedByRoom,
    };
    rosters.set(full, cut);
  }
  return cut;
}

/** The roster one viewer may see (shared/audience.ts `seesPerson`), from the shared cuts. */
function rosterFor(full: FullSnapshot, viewer: Viewer): RosterEntry[] {
  const cut = rostersOf(full);
  if (seesWholeRoster(viewer)) return cut.all;
  const assignments = full.breakout.assignments;
  // Themself and their roommates are the only candidates; THE rule (seesPerson) still decides.
  const own = cut.unlisted.get(viewer.participantId);
  const places = own === undefined ? [] : [own];
  if (viewer.roomId !== null) {
    for (const place of cut.unlistedByRoom.get(viewer.roomId) ?? []) if (place !== own) places.push(place);
  }
  const extra = places
    .sort((a, b) => a - b)
    .map((place) => cut.all[place] as RosterEntry)
    .filter(([participantId, , role, , listed]) =>
      seesPerson(viewer, { participantId, role, listed }, assignments.get(participantId) ?? null),
    );
  return extra.length === 0 ? cut.listedToAll : [...cut.listedToAll, ...extra];
}

/** How many people there are at the snapshot's version. */
export function peopleCountOf(full: FullSnapshot): PeopleCount {
  return rostersOf(full).people;
}

/** The snapshot one viewer may see: the plenary, their own room, or everything for facilitators. */
export function snapshotFor(full: FullSnapshot, viewer: Viewer): WorkshopSnapshot {
  const { breakout } = full;
  const roundId = breakout.round?.roundId ?? null;
  const assignments: BreakoutState["assignments"] = {};
  for (const participantId of seatCandidates(full, viewer)) {
    const roomId = breakout.assignments.get(participantId);
    if (roomId !== undefined && seesAssignment(viewer, participantId, roomId)) assignments[participantId] = roomId;
  }
  const tags: BreakoutState["tags"] = {};
  const tagCandidates = seesEverything(viewer) ? breakout.tags.keys() : [viewer.participantId];
  for (const participantId of tagCandidates) {
    const personTags = breakout.tags.get(participantId);
    if (personTags !== undefined && seesTags(viewer, participantId)) tags[participantId] = personTags;
  }
  return {
    version: full.version,
    workshop: toWorkshopView(full.workshop),
    roster: rosterFor(full, viewer),
    wholeRoster: seesWholeRoster(viewer),
    people: rostersOf(full).people,
    breakout: {
      round: breakout.round,
      assignments,
      counts: countsFor(
        breakout.counts,
        viewer,
        breakout.assignments.get(viewer.participantId) ?? null,
        breakout.round?.selfSelect ?? false,
      ),
      helps: breakout.helps.filter((help) => seesHelp(viewer, help, roundId)),
      broadcasts: breakout.broadcasts.filter((broadcast) => seesBroadcast(viewer, broadcast, roundId)),
      tags,
    },
    polls: full.polls.filter((poll) => seesPoll(viewer, poll)),
    notesAccess: full.notesAccess,
    programme: full.programme,
    calls: callsFor(full, viewer),
  };
}

/** Who sits in each room at the snapshot's version, built once per read like the roster cuts. */
const seatsByRoom = new WeakMap<FullSnapshot, Map<RoomId, ParticipantId[]>>();

/**
 * Whose seats a viewer may be shown: everyone's for those who see every room, else their own and
 * their room's (seesAssignment decides among them), so a join in a 10,000-person round judges
 * about twenty seats, not 10,000.
 */
function seatCandidates(full: FullSnapshot, viewer: Viewer): Iterable<ParticipantId> {
  if (seesEverything(viewer)) return full.breakout.assignments.keys();
  if (viewer.roomId === null) return [viewer.participantId];
  let rooms = seatsByRoom.get(full);
  if (!rooms) {
    rooms = new Map();
    for (const [participantId, roomId] of full.breakout.assignments) {
      const seated = rooms.get(roomId);
      if (seated) seated.push(participantId);
      else rooms.set(roomId, [participantId]);
    }
    seatsByRoom.set(full, rooms);
  }
  const roommates = (rooms.get(viewer.roomId) ?? []).filter((participantId) => participantId !== viewer.participantId);
  return [viewer.participantId, ...roommates];
}

/** The plenary's link for everyone; a room's link for its people while the round runs; all of it for facilitators. */
function callsFor(full: FullSnapshot, viewer: Viewer): CallsView {
  const rooms: CallsView["rooms"] = {};
  for (const [roomId, url] of roundCallLinks(full.calls, full.breakout.round)) {
    if (seesRoom(viewer, roomId)) rooms[roomId] = url;
  }
  return {
    plenary: full.calls?.plenary ?? null,
    rooms,
    settings: seesEverything(viewer) ? callSettingsOf(full.calls) : null,
  };
}

/** A catch-up for a viewer who sees every person: people's events all reach them. */
const wholeRoster: PeopleContext = { rosterPrivate: false, listedToAll: () => true, roomOf: () => null };

/**
 * The missed events one viewer may see, judged as they are now; null when that cannot be
 * decided without the roster as of each event (people's events for a viewer who sees only some
 * people): the caller sends a snapshot instead, which for such a viewer is small.
 */
export function eventsFor(events: readonly WorkshopEvent[], viewer: Viewer): WorkshopEvent[] | null {
  if (!seesWholeRoster(viewer) && events.some(isPeopleEvent)) return null;
  return events.filter((event) => canSee(viewer, audienceOf(event, wholeRoster)));
}
