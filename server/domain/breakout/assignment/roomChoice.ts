import type { Seating } from "./seating.js";

/** Rooms to try, in tiers: a room of a later tier is taken only when no earlier tier has one. */
export type Tiers = readonly (readonly number[])[];

/** Rooms holding someone these people must be kept apart from, or null when there are none. */
export function roomsToAvoid(
  members: readonly number[],
  apartPartners: ReadonlyMap<number, readonly number[]>,
  seating: Seating,
): Set<number> | null {
  let avoid: Set<number> | null = null;
  for (let m = 0; m < members.length; m++) {
    const partners = apartPartners.get(members[m]!);
    if (partners === undefined) continue;
    for (let p = 0; p < partners.length; p++) {
      const room = seating.roomOf[partners[p]!]!;
      if (room < 0) continue;
      avoid ??= new Set<number>();
      avoid.add(room);
    }
  }
  return avoid;
}

/**
 * The least crowded room (fewest leads first, when spreading leads) with space for `size`, ties
 * by rank, or -1. Rooms in `avoid` (they would break a keepApart) are tried last, after every
 * tier, because keepApart outranks groupByTag.
 */
export function pickRoom(
  seating: Seating,
  tiers: Tiers,
  size: number,
  avoid: Set<number> | null,
  spreadLeads: boolean,
): number {
  const { capacity, load, order, leadsIn } = seating;
  // One number orders rooms: fewer leads (when spreading leads), then fewer people, then rank.
  // A room's order is below (people + 1) × rooms, so one lead more always weighs more.
  const leadWeight = (seating.peopleCount + 1) * seating.roomCount;
  // Indexed loops, not for…of: this runs once per person, often before V8 has optimized it.
  for (let pass = avoid ? 0 : 1; pass < 2; pass++) {
    const honourApart = pass === 0;
    for (let t = 0; t < tiers.length; t++) {
      const tier = tiers[t]!;
      let best = -1;
      let bestKey = Number.POSITIVE_INFINITY;
      for (let i = 0; i < tier.length; i++) {
        const room = tier[i]!;
        if (capacity[room]! - load[room]! < size) continue;
        const key = spreadLeads ? leadsIn[room]! * leadWeight + order[room]! : order[room]!;
        if (key >= bestKey) continue;
        if (honourApart && avoid?.has(room)) continue;
        best = room;
        bestKey = key;
      }
      if (best >= 0) return best;
    }
  }
  return -1;
}

/** The room with the most free seats (ties by rank) in the first tier that has any, or -1. */
export function roomWithMostSpace(seating: Seating, tiers: Tiers, rank: readonly number[]): number {
  for (const tier of tiers) {
    let best = -1;
    for (const room of tier) {
      const space = seating.spaceIn(room);
      if (space <= 0) continue;
      const bestSpace = best < 0 ? 0 : seating.spaceIn(best);
      if (best < 0 || space > bestSpace || (space === bestSpace && rank[room]! < rank[best]!)) best = room;
    }
    if (best >= 0) return best;
  }
  return -1;
}

/**
 * The least crowded room with a free seat, ties by rank, or -1: the same answer as
 * `pickRoom(seating, [rooms.all], 1, null, false)`, from the heap in O(log rooms). Entries
 * whose room has moved on are stale and dropped; so is a full room, as rooms never empty
 * during an assignment.
 */
export function leastCrowdedRoom(seating: Seating): number {
  const heap = seating.crowding!;
  const { order, roomOfRank, roomCount } = seating;
  for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
    const room = roomOfRank[top % roomCount]!;
    if (top === order[room] && seating.spaceIn(room) >= 1) return room;
    heap.pop();
  }
  return -1;
}
