import type { RoomTable } from "./rooms.js";
import { addPerson, type Roster } from "./roster.js";

/**
 * Step 3. The fixed seats that can be honoured, as [person, room] in the map's order. Someone
 * fixed but not among the people (already in a room, not to be moved) joins the roster, with
 * no tag and not as a lead. A seat in a room that does not exist cannot be honoured: someone
 * on the roster is then placed like anyone else, and someone who is not is left out entirely.
 */
export function resolveFixedSeats(
  fixed: ReadonlyMap<string, string> | undefined,
  roster: Roster,
  rooms: RoomTable,
): Array<[person: number, room: number]> {
  const seats: Array<[number, number]> = [];
  for (const [participantId, roomId] of fixed ?? []) {
    const room = rooms.indexOf.get(roomId);
    if (room === undefined) continue;
    const person = roster.indexOf.get(participantId) ?? addPerson(roster, participantId, false, null);
    seats.push([person, room]);
  }
  return seats;
}
