import type { RoomTable } from "./rooms.js";
import type { Roster } from "./roster.js";
import type { Seating } from "./seating.js";
import type { Troubles } from "./troubles.js";
import type { UnmetConstraint } from "./types.js";

/** The values present in each room that holds any, and the values in order of their first carrier. */
export function valuesByRoom(
  roster: Roster,
  seating: Seating,
): { valuesIn: Map<number, Set<string>>; values: string[] } {
  const valuesIn = new Map<number, Set<string>>();
  const values: string[] = [];
  const seen = new Set<string>();
  for (let person = 0; person < seating.peopleCount; person++) {
    const personValue = roster.value[person];
    const room = seating.roomOf[person]!;
    if (!personValue || room < 0) continue;
    if (!seen.has(personValue)) {
      seen.add(personValue);
      values.push(personValue);
    }
    const present = valuesIn.get(room);
    if (present) present.add(personValue);
    else valuesIn.set(room, new Set([personValue]));
  }
  return { valuesIn, values };
}

/**
 * Every value that shares a room with another, once, in order of its first carrier: the
 * lowest-numbered such room, what else it holds, and the cause noted while placing, if any.
 */
export function unmetGroups(
  groupTag: string,
  roster: Roster,
  seating: Seating,
  rooms: RoomTable,
  troubles: Troubles,
): UnmetConstraint[] {
  const { valuesIn, values } = valuesByRoom(roster, seating);
  const mixedRoomOf = new Map<string, number>();
  for (const [room, present] of valuesIn) {
    if (present.size < 2) continue;
    for (const presentValue of present) {
      const known = mixedRoomOf.get(presentValue);
      if (known === undefined || room < known) mixedRoomOf.set(presentValue, room);
    }
  }
  const unmet: UnmetConstraint[] = [];
  for (const groupValue of values) {
    const room = mixedRoomOf.get(groupValue);
    if (room === undefined) continue;
    const others = [...(valuesIn.get(room) ?? [])].filter((other) => other !== groupValue).sort();
    const where = `room ${rooms.ids[room]} also holds ${groupTag}=${others.join(", ")}`;
    const cause = troubles.group.get(groupValue);
    unmet.push({ kind: "groupByTag", tag: groupTag, value: groupValue, reason: cause ? `${cause} (${where})` : where });
  }
  return unmet;
}
