import { shuffleInPlace } from "./random.js";
import type { Unit } from "./units.js";

/**
 * Which of 16 buckets a unit is placed in, lowest first: clusters tied to a fixed room, then
 * leads to be spread one per room, then clusters, then people whose value limits their rooms,
 * then everyone else. Among leads, those limited to their value's rooms go first, so that leads
 * without the tag cover the rooms still lacking one.
 */
export function orderKey(unit: Unit, leadPerRoom: boolean): number {
  const spreadsLead = leadPerRoom && unit.leads > 0;
  const cluster = unit.members.length > 1 ? 0 : 1;
  const unrestricted = unit.value !== null ? 0 : 1;
  return (unit.anchor >= 0 ? 0 : 8) + (spreadsLead ? 2 * unrestricted + cluster : 4 + 2 * cluster + unrestricted);
}

/**
 * Step 7. The order in which units are seated: shuffled (the second and last use of `random`),
 * then stably bucketed by `orderKey`, so the shuffle decides within each bucket. A bucket holds
 * either clusters or single people; clusters also go largest first, while rooms are emptiest.
 */
export function placementOrder(units: readonly Unit[], random: () => number, leadPerRoom: boolean): Unit[] {
  const shuffled = [...units];
  shuffleInPlace(shuffled, random);
  const buckets: Unit[][] = Array.from({ length: 16 }, () => []);
  // Indexed loops over people, here and in the other steps: a first call runs them before V8
  // has optimized anything, and for…of costs most there.
  for (let i = 0; i < shuffled.length; i++) buckets[orderKey(shuffled[i]!, leadPerRoom)]!.push(shuffled[i]!);
  const ordered: Unit[] = [];
  for (const bucket of buckets) {
    if (bucket.length > 1 && bucket[0]!.members.length > 1) bucket.sort((a, b) => b.members.length - a.members.length);
    for (let i = 0; i < bucket.length; i++) ordered.push(bucket[i]!);
  }
  return ordered;
}
