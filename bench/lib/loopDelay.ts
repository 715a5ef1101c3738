import { type ELDHistogram, monitorEventLoopDelay } from "node:perf_hooks";

/** How often a load generator samples its own event loop, ms. */
export const LOOP_RESOLUTION_MS = 10;

/** A generator's event-loop delay histogram, sampled every LOOP_RESOLUTION_MS (enable it to start). */
export function loopDelayHistogram(): ELDHistogram {
  return monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
}

/**
 * A histogram value (ns) as the delay alone, ms: the histogram records the sampling interval
 * plus the delay, so the interval is taken off, as the servers' probe does (bench/memoryProbe.ts);
 * NaN when nothing was recorded. Shared by bench/reactionClient.ts and bench/forumClient.ts.
 */
export function delayBeyondResolutionMs(nanoseconds: number): number {
  return Number.isFinite(nanoseconds) ? Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS) : Number.NaN;
}
