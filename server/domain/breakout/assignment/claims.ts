import type { RoomTable } from "./rooms.js";
import { noteGroupTrouble, type Troubles } from "./troubles.js";

/** The rooms given so far, and the seats they add up to per value. */
export class Claims {
  readonly roomsOf = new Map<string, number[]>();
  readonly seatsOf = new Map<string, number>();
  private readonly owner: Array<string | null>;

  constructor(private readonly rooms: RoomTable) {
    this.owner = new Array<string | null>(rooms.ids.length).fill(null);
  }

  claim(room: number, value: string): void {
    this.owner[room] = value;
    this.seatsOf.set(value, (this.seatsOf.get(value) ?? 0) + this.rooms.capacity[room]!);
    const rooms = this.roomsOf.get(value);
    if (rooms) rooms.push(room);
    else this.roomsOf.set(value, [room]);
  }

  /** Rooms nobody owns, biggest first: the largest values get the largest rooms. Ties by rank. */
  unclaimed(): number[] {
    const { capacity, rank } = this.rooms;
    return this.rooms.all
      .filter((room) => this.owner[room] === null)
      .sort((a, b) => capacity[b]! - capacity[a]! || rank[a]! - rank[b]!);
  }
}

/**
 * A room where people of a value are fixed belongs to the value with most of them there (ties:
 * the smallest value); the others fixed there are already mixed in.
 */
export function claimFixedRooms(
  fixedValues: ReadonlyMap<number, ReadonlyMap<string, number>>,
  claims: Claims,
  troubles: Troubles,
): void {
  for (const [room, counts] of fixedValues) {
    let best = "";
    let bestCount = 0;
    for (const [candidate, count] of counts) {
      if (count > bestCount || (count === bestCount && candidate < best)) {
        best = candidate;
        bestCount = count;
      }
    }
    claims.claim(room, best);
    for (const fixedValue of counts.keys()) {
      if (fixedValue !== best)
        noteGroupTrouble(troubles, fixedValue, "some of them are fixed in a room of another group");
    }
  }
}

/**
 * Largest value first, each value without a room gets the next unclaimed one; values left when
 * the rooms run out are returned. `next` is the first unclaimed room still free afterwards.
 */
export function claimOneRoomEach(
  groups: ReadonlyArray<readonly [string, number]>,
  unclaimed: readonly number[],
  claims: Claims,
): { next: number; homeless: string[] } {
  let next = 0;
  const homeless: string[] = [];
  for (const [groupValue] of groups) {
    if (claims.roomsOf.has(groupValue)) continue;
    const room = unclaimed[next];
    if (room === undefined) homeless.push(groupValue);
    else {
      claims.claim(room, groupValue);
      next++;
    }
  }
  return { next, homeless };
}

/**
 * More rooms go, one at a time, to the most crowded value while its rooms are fuller than the
 * average room or do not have the seats for it; what is left stays open for people without
 * the tag. Returns the first room left open.
 */
export function claimExtraRooms(
  groups: ReadonlyArray<readonly [string, number]>,
  unclaimed: readonly number[],
  next: number,
  averageRoom: number,
  claims: Claims,
): number {
  let at = next;
  while (at < unclaimed.length) {
    let neediest: string | null = null;
    let neediestLoad = -1;
    for (const [groupValue, size] of groups) {
      const rooms = claims.roomsOf.get(groupValue);
      if (!rooms) continue;
      const perRoom = size / rooms.length;
      const needsRoom = perRoom > averageRoom || (claims.seatsOf.get(groupValue) ?? 0) < size;
      if (needsRoom && perRoom > neediestLoad) {
        neediest = groupValue;
        neediestLoad = perRoom;
      }
    }
    if (neediest === null) break;
    claims.claim(unclaimed[at]!, neediest);
    at++;
  }
  return at;
}

/**
 * More values than rooms: each value left over (largest first) shares, as a whole, the room
 * with the fewest people expected so far (ties by rank), and is noted as trouble.
 */
export function shareRoomsForHomeless(
  homeless: readonly string[],
  sizes: ReadonlyMap<string, number>,
  rooms: RoomTable,
  roomsOf: Map<string, number[]>,
  troubles: Troubles,
): void {
  const roomCount = rooms.ids.length;
  const projected = new Array<number>(roomCount).fill(0);
  for (const [groupValue, owned] of roomsOf) {
    const share = (sizes.get(groupValue) ?? 0) / owned.length;
    for (const room of owned) projected[room]! += share;
  }
  for (const groupValue of homeless) {
    let best = -1;
    for (let room = 0; room < roomCount; room++) {
      if (
        best < 0 ||
        projected[room]! < projected[best]! ||
        (projected[room] === projected[best] && rooms.rank[room]! < rooms.rank[best]!)
      ) {
        best = room;
      }
    }
    if (best < 0) break;
    projected[best]! += sizes.get(groupValue) ?? 0;
    roomsOf.set(groupValue, [best]);
    // Set, not noted: sharing a room is the cause that explains the mixing.
    troubles.group.set(groupValue, "there are more groups than rooms");
  }
}
