/** One rate counter of a scope (see RateStore.countInWindows). */
export interface RateCounter {
  name: string;
  windowMs: number;
  increment: number;
}

/** Rate counters shared by every node (limits at the door). */
export interface RateStore {
  /**
   * Counters of one subject (`scope`: e.g. a keyed client address) in one atomic step: each adds
   * its `increment` (0 only reads), and the answer is, per counter, the count of its last
   * `windowMs`, estimated as this fixed window's count plus the previous window's, weighted by how
   * much of it the sliding window still covers (no burst of twice a limit across a boundary).
   */
  countInWindows(scope: string, counters: readonly RateCounter[]): Promise<number[]>;
}
