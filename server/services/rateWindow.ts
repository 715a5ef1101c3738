/**
 * At most `limit` actions per `windowMs` per key, counted in this process only. Q&A limits
 * are kept here on purpose, not in the store: a stored "person X asked at time T" would tie
 * an anonymous question to its author. With sticky sessions a person stays on one node; a
 * node restart forgets the counts, which errs towards letting people ask.
 */
export class RateWindow {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the action and says whether it is within the limit (a refused action is not counted). */
  allow(key: string): boolean {
    const now = this.now();
    const recent = (this.times.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.times.set(key, recent);
      return false;
    }
    recent.push(now);
    this.times.set(key, recent);
    if (this.times.size > 10_000) this.forgetIdle(now);
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.times) {
      if ((times[times.length - 1] ?? 0) <= now - this.windowMs) this.times.delete(key);
    }
  }
}
