import type { PairWishes } from "./pairs.js";
import { unmetGroups } from "./reportGroups.js";
import { unmetApart, unmetTogether } from "./reportPairs.js";
import type { RoomTable } from "./rooms.js";
import type { Roster } from "./roster.js";
import type { Seating } from "./seating.js";
import type { Troubles } from "./troubles.js";
import type { UnmetConstraint } from "./types.js";

/** Rooms with people in them but no lead, by room index, when there are any. */
export function unmetLeads(rooms: RoomTable, seating: Seating): UnmetConstraint[] {
  const roomsWithoutLead = rooms.all.filter((room) => seating.load[room]! > 0 && seating.leadsIn[room] === 0);
  return roomsWithoutLead.length > 0
    ? [{ kind: "leadPerRoom", roomIds: roomsWithoutLead.map((room) => rooms.ids[room]!) }]
    : [];
}

/** Everything the report needs: the final placement and what was noted on the way. */
export interface Outcome {
  rooms: RoomTable;
  roster: Roster;
  seating: Seating;
  pairs: PairWishes;
  anchorOfRoot: ReadonlyMap<number, number>;
  troubles: Troubles;
  /** participantIds without a seat, in roster order (the report gets its own copy) */
  unassigned: string[];
  groupTag: string | undefined;
  leadPerRoom: boolean;
}

/**
 * Step 9. Every wish the placement does not meet, read from the final placement so that no
 * broken wish goes unreported whichever step broke it: capacity, keepTogether, keepApart,
 * groupByTag, leadPerRoom, in that order.
 */
export function reportUnmet(outcome: Outcome): UnmetConstraint[] {
  const { rooms, roster, seating, pairs, troubles, groupTag } = outcome;
  return [
    ...(outcome.unassigned.length > 0 ? [{ kind: "capacity" as const, participantIds: [...outcome.unassigned] }] : []),
    ...unmetTogether(pairs, roster, seating, troubles),
    ...unmetApart(pairs, roster, seating, rooms, outcome.anchorOfRoot),
    ...(groupTag !== undefined ? unmetGroups(groupTag, roster, seating, rooms, troubles) : []),
    ...(outcome.leadPerRoom ? unmetLeads(rooms, seating) : []),
  ];
}
