import {
  audienceOf,
  canSee,
  seesAssignment,
  seesBroadcast,
  seesHelp,
  seesPoll,
  seesTags,
  type Viewer,
} from "../../shared/audience.js";
import type { BreakoutState, RoundView } from "../../shared/breakout.js";
import type { ParticipantId, RoomId } from "../../shared/ids.js";
import { type RosterEntry, rosterEntry, type WorkshopEvent, type WorkshopSnapshot } from "../../shared/workshop.js";
import type { FullSnapshot } from "../domain/snapshot.js";
import { isRunning } from "./breakout/rounds.js";
import { type ParticipantRecord, toParticipantView, toWorkshopView } from "./records.js";

/** Who the viewer is for visibility: role, and their room while the current round runs. */
export function viewerOf(
  actor: Pick<ParticipantRecord, "participantId" | "role">,
  round: RoundView | null,
  roomOfActor: RoomId | null,
): Viewer {
  return {
    participantId: actor.participantId,
    role: actor.role,
    roomId: isRunning(round) ? roomOfActor : null,
  };
}

export function viewerInSnapshot(full: FullSnapshot, participantId: ParticipantId): Viewer | null {
  const actor = full.participants.find((participant) => participant.participantId === participantId);
  if (!actor) return null;
  return viewerOf(actor, full.breakout.round, full.breakout.assignments.get(participantId) ?? null);
}

/**
 * The roster is the same for every viewer. A join storm shares one snapshot read among the joins
 * that arrive while it runs (WorkshopService), so the roster is built once per read, not once
 * per join (O(N) entries each: most of a join's garbage).
 */
const rosters = new WeakMap<FullSnapshot, RosterEntry[]>();

function rosterOf(full: FullSnapshot): RosterEntry[] {
  let roster = rosters.get(full);
  if (!roster) {
    roster = full.participants
      .filter((participant) => participant.status === "active")
      .map((participant) => rosterEntry(toParticipantView(participant, participant.online)));
    rosters.set(full, roster);
  }
  return roster;
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
    roster: rosterOf(full),
    breakout: {
      round: breakout.round,
      assignments,
      counts: breakout.counts,
      helps: breakout.helps.filter((help) => seesHelp(viewer, help, roundId)),
      broadcasts: breakout.broadcasts.filter((broadcast) => seesBroadcast(viewer, broadcast, roundId)),
      tags,
    },
    polls: full.polls.filter((poll) => seesPoll(viewer, poll)),
    notesAccess: full.notesAccess,
  };
}

export function eventsFor(events: readonly WorkshopEvent[], viewer: Viewer): WorkshopEvent[] {
  return events.filter((event) => canSee(viewer, audienceOf(event)));
}
