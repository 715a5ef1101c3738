import { inOneCluster, type PairWishes } from "./pairs.js";
import type { RoomTable } from "./rooms.js";
import type { Roster } from "./roster.js";
import type { Seating } from "./seating.js";
import type { Troubles } from "./troubles.js";
import type { UnmetConstraint } from "./types.js";

/** Every keepTogether pair not in one room, in pair order, with the cause noted while placing. */
export function unmetTogether(
  pairs: PairWishes,
  roster: Roster,
  seating: Seating,
  troubles: Troubles,
): UnmetConstraint[] {
  const unmet: UnmetConstraint[] = [];
  for (const [a, b] of pairs.together) {
    const ia = roster.indexOf.get(a);
    const ib = roster.indexOf.get(b);
    let reason: string;
    if (ia === undefined || ib === undefined) {
      reason = `${ia === undefined ? a : b} is not among the people being assigned`;
    } else {
      const ra = seating.roomOf[ia]!;
      const rb = seating.roomOf[ib]!;
      if (ra >= 0 && ra === rb) continue;
      reason =
        ra < 0 || rb < 0
          ? "no seat was left for one of them"
          : (troubles.together.get(pairs.clusters.find(ia)) ?? "they could not be placed in one room");
    }
    unmet.push({ kind: "keepTogether", participantIds: [a, b], reason });
  }
  return unmet;
}

/**
 * Every keepApart pair of two people on the roster who share a room, in pair order. The cause
 * is read from the final state, strongest first: keepTogether and fixed seats outrank keepApart.
 */
export function unmetApart(
  pairs: PairWishes,
  roster: Roster,
  seating: Seating,
  rooms: RoomTable,
  anchorOfRoot: ReadonlyMap<number, number>,
): UnmetConstraint[] {
  const unmet: UnmetConstraint[] = [];
  const { isFixed, roomOf } = seating;
  const clustered = (x: number) => pairs.togetherPartners.has(x);
  for (const [a, b] of pairs.apart) {
    const ia = roster.indexOf.get(a);
    const ib = roster.indexOf.get(b);
    if (ia === undefined || ib === undefined) continue;
    const room = roomOf[ia]!;
    if (room < 0 || room !== roomOf[ib]) continue;
    let reason: string;
    if (inOneCluster(pairs, ia, ib)) {
      reason = "they are also to be kept together (directly or through other pairs)";
    } else if (isFixed[ia] && isFixed[ib]) {
      reason = `both are fixed in room ${rooms.ids[room]}`;
    } else if (rooms.ids.length === 1) {
      reason = "there is only one room";
    } else if ([ia, ib].some((x) => !isFixed[x] && clustered(x) && anchorOfRoot.get(pairs.clusters.find(x)) === room)) {
      reason = `one of them is kept with a keepTogether partner fixed in room ${rooms.ids[room]}`;
    } else if (clustered(ia) || clustered(ib)) {
      reason = "no other room had space for the whole keepTogether group";
    } else {
      reason = "no other room had space";
    }
    unmet.push({ kind: "keepApart", participantIds: [a, b], reason });
  }
  return unmet;
}
