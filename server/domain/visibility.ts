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
  const actor = full.participants.find((participant) => participant.participantId === participantId);
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
}

const rosters = new WeakMap<FullSnapshot, Rosters>();

function rostersOf(full: FullSnapshot): Rosters {
  let cut = rosters.get(full);
  if (!cut) {
    const active = full.participants.filter((participant) => participant.status === "active");
    const all = active.map((participant) => rosterEntry(toParticipantView(participant, participant.online)));
    cut = {
      all,
      listedToAll: all.filter(([, , role, , listed]) => isListedToAll({ role, listed })),
      people: {
        version: full.version,
        active: active.length,
        online: active.filter((participant) => participant.online).length,
      },
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
  const extra = cut.all.filter(
    ([participantId, , role, , listed]) =>
      !isListedToAll({ role, listed }) &&
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
  for (const [participantId, roomId] of breakout.assignments) {
    if (seesAssignment(viewer, participantId, roomId)) assignments[participantId] = roomId;
  }
  const tags: BreakoutState["tags"] = {};
  for (const [participantId, personTags] of breakout.tags) {
    if (seesTags(viewer, participantId)) tags[participantId] = personTags;
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
