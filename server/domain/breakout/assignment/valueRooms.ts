import { Claims, claimExtraRooms, claimFixedRooms, claimOneRoomEach, shareRoomsForHomeless } from "./claims.js";
import type { RoomTable } from "./rooms.js";
import type { Roster } from "./roster.js";
import type { Seating } from "./seating.js";
import type { Troubles } from "./troubles.js";
import type { Unit } from "./units.js";

/** Which rooms each groupByTag value may fill, and which rooms no value claimed. */
export interface ValueRooms {
  /** a value's own rooms, in the order they were given */
  roomsOf: Map<string, number[]>;
  roomSetOf: Map<string, Set<number>>;
  /** rooms nobody's value claimed, biggest first, then by rank: where overflow goes first */
  open: number[];
}

/** Without groupByTag: no value owns a room and every room is open. */
export function noValueRooms(rooms: RoomTable): ValueRooms {
  return { roomsOf: new Map(), roomSetOf: new Map(), open: rooms.all };
}

/** How many people carry each value: fixed people and everyone in a unit of that value. */
export function valueSizes(roster: Roster, seating: Seating, units: readonly Unit[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (let person = 0; person < seating.peopleCount; person++) {
    const personValue = roster.value[person];
    if (seating.isFixed[person] && personValue) sizes.set(personValue, (sizes.get(personValue) ?? 0) + 1);
  }
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit.value !== null) sizes.set(unit.value, (sizes.get(unit.value) ?? 0) + unit.members.length);
  }
  return sizes;
}

/** How many fixed people of each value sit in each room, rooms in the order first seen. */
export function fixedValuesByRoom(roster: Roster, seating: Seating): Map<number, Map<string, number>> {
  const byRoom = new Map<number, Map<string, number>>();
  for (let person = 0; person < seating.peopleCount; person++) {
    const personValue = roster.value[person];
    if (!seating.isFixed[person] || !personValue) continue;
    const room = seating.roomOf[person]!;
    const counts = byRoom.get(room) ?? new Map<string, number>();
    counts.set(personValue, (counts.get(personValue) ?? 0) + 1);
    byRoom.set(room, counts);
  }
  return byRoom;
}

/**
 * Step 6, groupByTag: gives every value rooms of its own, roughly in proportion to its size.
 * Rooms with fixed people go to their main value first, then one room per value, largest
 * first, then extra rooms to the most crowded values; the rest stay open.
 */
export function claimValueRooms(
  roster: Roster,
  seating: Seating,
  units: readonly Unit[],
  rooms: RoomTable,
  troubles: Troubles,
): ValueRooms {
  const sizes = valueSizes(roster, seating, units);
  const claims = new Claims(rooms);
  claimFixedRooms(fixedValuesByRoom(roster, seating), claims, troubles);
  const unclaimed = claims.unclaimed();
  const groups = [...sizes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const { next, homeless } = claimOneRoomEach(groups, unclaimed, claims);
  const averageRoom = seating.roomCount === 0 ? 0 : seating.peopleCount / seating.roomCount;
  const open = unclaimed.slice(claimExtraRooms(groups, unclaimed, next, averageRoom, claims));
  if (homeless.length > 0) shareRoomsForHomeless(homeless, sizes, rooms, claims.roomsOf, troubles);
  const roomSetOf = new Map<string, Set<number>>();
  for (const [groupValue, owned] of claims.roomsOf) roomSetOf.set(groupValue, new Set(owned));
  return { roomsOf: claims.roomsOf, roomSetOf, open };
}
