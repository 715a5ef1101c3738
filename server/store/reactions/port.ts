import type { WorkshopId } from "../../../shared/ids.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";

/**
 * How reaction counts reach every node: each node publishes its window's counts (one number per
 * kind, never who) once per tick, and every node following the workshop hears every window,
 * its own included. Nothing is stored: a node that is not listening at that moment misses
 * those reactions, which are gone a second later anyway.
 */
export interface ReactionsChannel {
  publishReactions(workshopId: WorkshopId, counts: readonly number[]): Promise<void>;
  subscribeReactions(workshopId: WorkshopId, onCounts: (counts: number[]) => void): Promise<Unsubscribe>;
}

/** The wire form between nodes: the counts joined by commas (`3,0,1,0,0`). */
export function encodeReactionCounts(counts: readonly number[]): string {
  return counts.join(",");
}

/** Junk from the channel counts as nothing: only whole non-negative numbers pass. */
export function decodeReactionCounts(message: string, kinds: number): number[] | null {
  const counts = message.split(",").map(Number);
  if (counts.length !== kinds || !counts.every((count) => Number.isSafeInteger(count) && count >= 0)) return null;
  return counts;
}
