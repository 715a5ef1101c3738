/**
 * A fixed rate window at `now` (both stores, and their scripts): its index, how much of the
 * previous window a sliding window of the same length still covers, and when this window's
 * counter expires (the end of the next window, where it serves as the previous one). The count
 * of the last `windowMs` is estimated as this window's count + floor(previous × covered).
 */
export function rateWindowOf(now: number, windowMs: number) {
  const index = Math.floor(now / windowMs);
  return { index, covered: 1 - (now % windowMs) / windowMs, expiresAt: (index + 2) * windowMs };
}

export function slidingCount(count: number, previous: number, covered: number): number {
  return count + Math.floor(previous * covered);
}
