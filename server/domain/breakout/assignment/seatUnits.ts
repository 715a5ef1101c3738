import { leastCrowdedRoom, pickRoom, roomsToAvoid, roomWithMostSpace, type Tiers } from "./roomChoice.js";
import type { RoomTable } from "./rooms.js";
import type { Roster } from "./roster.js";
import type { Seating } from "./seating.js";
import type { Troubles } from "./troubles.js";
import type { Unit } from "./units.js";
import type { ValueRooms } from "./valueRooms.js";

/** Everything seating a unit reads or changes besides the unit itself. */
export interface SeatingPlan {
  seating: Seating;
  rooms: RoomTable;
  roster: Roster;
  apartPartners: ReadonlyMap<number, readonly number[]>;
  valueRooms: ValueRooms;
  troubles: Troubles;
  leadPerRoom: boolean;
  /** the tiers of a unit free to go to any room */
  anywhere: Tiers;
  /** the tiers of a unit of each value that has rooms (see `tiersByValue`) */
  tiersOf: Map<string, Tiers>;
}

export function seatingPlan(parts: Omit<SeatingPlan, "anywhere" | "tiersOf">): SeatingPlan {
  const anywhere = [parts.rooms.all] as const;
  return { ...parts, anywhere, tiersOf: tiersByValue(parts.valueRooms, anywhere) };
}

/** Notes why people of `unit.value` land outside that value's rooms, the first time they do. */
export function noteGroupOverflow(plan: SeatingPlan, unit: Unit, room: number, size: number): void {
  if (unit.value === null || plan.troubles.group.has(unit.value)) return;
  const { valueRooms, seating } = plan;
  if (valueRooms.roomSetOf.get(unit.value)?.has(room) ?? true) return;
  const ownRoomHadSpace = (valueRooms.roomsOf.get(unit.value) ?? []).some((own) => seating.spaceIn(own) >= size);
  plan.troubles.group.set(
    unit.value,
    unit.anchor >= 0
      ? "some of them are kept with a keepTogether partner fixed in another room"
      : ownRoomHadSpace
        ? "someone was kept away from a keepApart partner"
        : "its rooms had no space left",
  );
}

/**
 * Rooms for a unit of each value: its own, then rooms no value claimed, then any (overflow
 * mixes with another value only when it must). A unit whose value has no rooms, or that has
 * no value, uses `anywhere`. Built once, not per unit.
 */
export function tiersByValue(valueRooms: ValueRooms, anywhere: readonly [readonly number[]]): Map<string, Tiers> {
  const tiers = new Map<string, Tiers>();
  for (const [value, own] of valueRooms.roomsOf) tiers.set(value, [own, valueRooms.open, anywhere[0]]);
  return tiers;
}

/**
 * A unit that fits nowhere whole: fill the roomiest room, then the next, member by member, in
 * pair order; each member still avoids a keepApart partner's room if another has space. Adds
 * whoever finds no seat at all to `unassigned`.
 */
export function splitUnit(
  plan: SeatingPlan,
  unit: Unit,
  tiers: Tiers,
  spreadLeads: boolean,
  unassigned: Set<number>,
): void {
  const { seating, rooms, roster, apartPartners } = plan;
  if (unit.members.length > 1 || unit.anchor >= 0) {
    plan.troubles.together.set(
      unit.root,
      unit.anchor >= 0
        ? `room ${rooms.ids[unit.anchor]}, where part of the group is fixed, has no space for the rest`
        : `the ${unit.members.length} people kept together do not fit in the free space of any one room`,
    );
  }
  const splitTiers = unit.anchor >= 0 ? [[unit.anchor], ...tiers] : tiers;
  let current = -1;
  for (const member of unit.members) {
    if (current < 0 || seating.spaceIn(current) <= 0) current = roomWithMostSpace(seating, splitTiers, rooms.rank);
    if (current < 0) {
      unassigned.add(member);
      continue;
    }
    const avoid = roomsToAvoid([member], apartPartners, seating);
    const elsewhere = avoid?.has(current)
      ? pickRoom(seating, splitTiers, 1, avoid, spreadLeads && roster.isLead[member]!)
      : -1;
    const target = elsewhere >= 0 ? elsewhere : current;
    noteGroupOverflow(plan, unit, target, 1);
    seating.place(member, target);
  }
}

/**
 * Seats one unit whole in the best room of its tiers (its anchor room only, when it has one),
 * or else splits it.
 */
export function seatUnit(plan: SeatingPlan, unit: Unit, tiers: Tiers, unassigned: Set<number>): void {
  const { seating } = plan;
  const spreadLeads = plan.leadPerRoom && unit.leads > 0;
  const wholeTiers = unit.anchor >= 0 ? [[unit.anchor]] : tiers;
  const avoid = roomsToAvoid(unit.members, plan.apartPartners, seating);
  const room = pickRoom(seating, wholeTiers, unit.members.length, avoid, spreadLeads);
  if (room < 0) {
    splitUnit(plan, unit, tiers, spreadLeads, unassigned);
    return;
  }
  noteGroupOverflow(plan, unit, room, unit.members.length);
  for (let i = 0; i < unit.members.length; i++) seating.place(unit.members[i]!, room);
}

/**
 * Someone free to go to any room: alone, with no anchor, no value with rooms of its own, and
 * not a lead to spread. The common case: everybody without the grouping tag.
 */
export function isFreePerson(plan: SeatingPlan, unit: Unit, tiers: Tiers): boolean {
  return (
    tiers === plan.anywhere && unit.anchor < 0 && unit.members.length === 1 && !(plan.leadPerRoom && unit.leads > 0)
  );
}

/**
 * Seats a free person (`isFreePerson`) where `seatUnit` would, faster: with no keepApart
 * partner placed yet, the least crowded room comes from the heap in O(log rooms) instead of a
 * scan of every room. No value rooms, so no group overflow to note.
 */
export function seatFreePerson(plan: SeatingPlan, unit: Unit, unassigned: Set<number>): void {
  const { seating } = plan;
  if (roomsToAvoid(unit.members, plan.apartPartners, seating) !== null) {
    seatUnit(plan, unit, plan.anywhere, unassigned);
    return;
  }
  const room = leastCrowdedRoom(seating);
  if (room < 0) splitUnit(plan, unit, plan.anywhere, false, unassigned);
  else seating.place(unit.members[0]!, room);
}

/**
 * Step 8. Seats every unit, in order. Returns who got no seat. (Free people go through their
 * own function: they come last in the order, and a function V8 optimized before seeing them
 * would be thrown away and compiled again on a first call.)
 */
export function seatUnits(plan: SeatingPlan, ordered: readonly Unit[]): Set<number> {
  const unassigned = new Set<number>();
  plan.seating.trackCrowding();
  for (let i = 0; i < ordered.length; i++) {
    const unit = ordered[i]!;
    const tiers = (unit.value !== null && plan.tiersOf.get(unit.value)) || plan.anywhere;
    if (isFreePerson(plan, unit, tiers)) seatFreePerson(plan, unit, unassigned);
    else seatUnit(plan, unit, tiers, unassigned);
  }
  return unassigned;
}
