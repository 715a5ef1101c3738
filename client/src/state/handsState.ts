import { signal } from "@preact/signals";
import type { HandsView } from "../../../shared/hands.js";

/**
 * The speaker queue as this tab may see it (its own hand and how many wait; everyone's for
 * facilitators), in memory only. The view with the highest version wins, so a push and an
 * answer that cross are harmless.
 */
export const hands = signal<HandsView | null>(null);

/** One burst of reactions shown for a moment (`id` keys its floating symbols). */
export interface ShownBurst {
  id: number;
  counts: readonly number[];
}

/** The bursts on screen now, newest last (a few at most: each leaves after a moment). */
export const reactionBursts = signal<readonly ShownBurst[]>([]);

/** How long a burst stays on screen, ms. */
export const BURST_SHOWN_MS = 2500;
const BURSTS_KEPT = 4;
let nextBurstId = 1;

export function applyHands(view: HandsView, { sameVersionToo = false } = {}): void {
  const known = hands.peek();
  if (known && (sameVersionToo ? view.version < known.version : view.version <= known.version)) return;
  hands.value = view;
}

export function showBurst(counts: readonly number[]): void {
  const burst = { id: nextBurstId++, counts };
  reactionBursts.value = [...reactionBursts.peek(), burst].slice(-BURSTS_KEPT);
  setTimeout(() => {
    reactionBursts.value = reactionBursts.peek().filter((shown) => shown.id !== burst.id);
  }, BURST_SHOWN_MS);
}

export function resetHands(): void {
  hands.value = null;
  reactionBursts.value = [];
}
