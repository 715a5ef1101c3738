import { shuffleInPlace } from "./random.js";
import type { RoomSlot } from "./types.js";

/**
 * "No limit" as a small integer rather than Infinity: seat arithmetic then stays in V8's small
 * integers, which matters on a cold first call where every double is an allocation.
 */
export const UNLIMITED = 2 ** 30 - 1;

/** A whole number of seats in [0, UNLIMITED]; null (no limit) and Infinity become UNLIMITED. */
export function normalizeCapacity(capacity: number | null): number {
  if (capacity === null) return UNLIMITED;
  if (Number.isNaN(capacity)) return 0;
  return Math.min(UNLIMITED, Math.max(0, Math.floor(capacity)));
}

/** Rooms by index: every later step works on small integers, not ids. */
export interface RoomTable {
  ids: string[];
  capacity: number[];
  indexOf: Map<string, number>;
  /**
   * A random permutation of the room indexes. Ties between equally good rooms go by it, so the
   * extra person of an uneven split lands in any room, not always the first.
   */
  rank: number[];
  /** every room index, ascending */
  all: number[];
}

/**
 * Step 1. A repeated roomId is the same room (the first entry's capacity counts). Draws the
 * ranks from `random`; it is the first use of `random`, and a seed reproduces a plan only if
 * the draws stay in this order.
 */
export function indexRooms(slots: readonly RoomSlot[], random: () => number): RoomTable {
  const ids: string[] = [];
  const capacity: number[] = [];
  const indexOf = new Map<string, number>();
  for (const room of slots) {
    if (indexOf.has(room.roomId)) continue;
    indexOf.set(room.roomId, ids.length);
    ids.push(room.roomId);
    capacity.push(normalizeCapacity(room.capacity));
  }
  const rank = Array.from({ length: ids.length }, (_, i) => i);
  shuffleInPlace(rank, random);
  const all = Array.from({ length: ids.length }, (_, i) => i);
  return { ids, capacity, indexOf, rank, all };
}
