import type { PairWishes } from "./pairs.js";
import type { Seating } from "./seating.js";

/** A cluster from `start`, breadth-first along the pairs, so that consecutive members are mostly paired. */
export function pairOrder(start: number, partners: ReadonlyMap<number, readonly number[]>): number[] {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of partners.get(queue[head]!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return queue;
}

/**
 * The room where most of these members are fixed (ties: the lower room index), or -1, and in
 * how many rooms they are fixed.
 */
export function anchorRoom(members: readonly number[], seating: Seating): { anchor: number; fixedRooms: number } {
  const fixedIn = new Map<number, number>();
  for (const member of members) {
    const room = seating.roomOf[member]!;
    if (seating.isFixed[member]) fixedIn.set(room, (fixedIn.get(room) ?? 0) + 1);
  }
  let anchor = -1;
  let anchorCount = 0;
  for (const [room, count] of fixedIn) {
    if (count > anchorCount || (count === anchorCount && room < anchor)) {
      anchor = room;
      anchorCount = count;
    }
  }
  return { anchor, fixedRooms: fixedIn.size };
}

/** The value most members carry (ties: the smallest value), or null when none carries one. */
export function pluralityValue(members: readonly number[], value: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const member of members) {
    const memberValue = value[member];
    if (memberValue) counts.set(memberValue, (counts.get(memberValue) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [candidate, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && candidate < best)) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Every cluster's members in ascending order, keyed by root, in the order of their first member. */
export function clustersOf(pairs: PairWishes, peopleCount: number): Map<number, number[]> {
  const clusters = new Map<number, number[]>();
  for (let person = 0; person < peopleCount; person++) {
    if (!pairs.togetherPartners.has(person)) continue;
    const root = pairs.clusters.find(person);
    const members = clusters.get(root);
    if (members) members.push(person);
    else clusters.set(root, [person]);
  }
  return clusters;
}
