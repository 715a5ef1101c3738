import { anchorRoom, clustersOf, pairOrder, pluralityValue } from "./clusters.js";
import type { PairWishes } from "./pairs.js";
import type { Roster } from "./roster.js";
import type { Seating } from "./seating.js";
import { noteGroupTrouble, type Troubles } from "./troubles.js";

/** People who must share a room: one keepTogether cluster, or one person alone. */
export interface Unit {
  /** the cluster's root in the union-find, which keys its recorded trouble */
  root: number;
  /** not-yet-placed members, in pair order so that a forced split cuts as few pairs as possible */
  members: number[];
  /** room of the cluster's fixed members, or -1 */
  anchor: number;
  /** the groupByTag value the cluster goes with, or null */
  value: string | null;
  leads: number;
}

export interface Units {
  /** free people alone (in roster order), then clusters with someone free (in order of their first member) */
  units: Unit[];
  /** the anchor room of each cluster that has one and someone still to place, by root */
  anchorOfRoot: Map<number, number>;
}

/**
 * Step 5. Splits everyone not fixed into units. A cluster goes with its members' most common
 * value and follows its fixed members' room; members of another value, and clusters fixed in
 * several rooms, are noted as trouble now, since nothing later can undo them.
 */
export function buildUnits(
  roster: Roster,
  seating: Seating,
  pairs: PairWishes,
  groupTag: string | undefined,
  troubles: Troubles,
): Units {
  const units: Unit[] = [];
  const anchorOfRoot = new Map<number, number>();
  const { value, isLead } = roster;
  for (let person = 0; person < seating.peopleCount; person++) {
    if (seating.isFixed[person] || pairs.togetherPartners.has(person)) continue;
    units.push({
      root: person,
      members: [person],
      anchor: -1,
      value: value[person] ?? null,
      leads: isLead[person] ? 1 : 0,
    });
  }
  for (const [root, component] of clustersOf(pairs, seating.peopleCount)) {
    const ordered = pairOrder(component[0]!, pairs.togetherPartners);
    const { anchor, fixedRooms } = anchorRoom(ordered, seating);
    if (fixedRooms > 1) troubles.together.set(root, "some of them are fixed in different rooms");
    const unitValue = pluralityValue(ordered, value);
    if (groupTag !== undefined && unitValue !== null) {
      for (const member of ordered) {
        const memberValue = value[member];
        if (memberValue && memberValue !== unitValue) {
          noteGroupTrouble(
            troubles,
            memberValue,
            `someone is kept with a keepTogether partner of ${groupTag}=${unitValue}`,
          );
        }
      }
    }
    const members = ordered.filter((member) => !seating.isFixed[member]);
    if (members.length === 0) continue;
    if (anchor >= 0) anchorOfRoot.set(root, anchor);
    let leads = 0;
    for (const member of members) if (isLead[member]) leads++;
    units.push({ root, members, anchor, value: unitValue, leads });
  }
  return { units, anchorOfRoot };
}
