import { epochNow } from "./workshopClient.js";

/**
 * Runs `act(item)` for each item at startAt + offsetMs(item) (epoch ms), in order, catching up
 * when late; `late(ms)` hears how far behind its time each item ran (a load generator that
 * falls behind says so). Shared by the load generators of bench/votes.ts, bench/reactions.ts,
 * bench/assign.ts and bench/forum.ts.
 */
export function onSchedule<T>(
  items: readonly T[],
  startAt: number,
  offsetMs: (item: T) => number,
  act: (item: T) => void,
  late: (ms: number) => void = () => {},
): void {
  let next = 0;
  const tick = () => {
    const now = epochNow();
    for (; next < items.length; next++) {
      const item = items[next] as T;
      const due = startAt + offsetMs(item);
      if (due > now) break;
      late(now - due);
      act(item);
    }
    const upcoming = items[next];
    if (upcoming !== undefined) setTimeout(tick, Math.min(50, Math.max(0, startAt + offsetMs(upcoming) - now)));
  };
  setTimeout(tick, Math.max(0, startAt - epochNow()));
}
