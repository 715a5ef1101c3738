interface Entry {
  timer: NodeJS.Timeout | null;
  lastRunAt: number;
  running: boolean;
  /** Asked for again while running: run once more when this run ends. */
  again: boolean;
}

/**
 * Coalescing per key: `request(key)` runs `run(key)` at once if the last run of that key was at
 * least `intervalMs` ago, else when that time comes. Every request made before the run starts
 * merges into it, and runs of one key never overlap (a request during a run schedules one more).
 * This is what keeps broadcasts at most ~10 a second per workshop whatever the write rate.
 */
export class KeyedThrottle<K> {
  private readonly entries = new Map<K, Entry>();
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: (key: K) => Promise<void>,
  ) {}

  request(key: K): void {
    if (this.closed) return;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { timer: null, lastRunAt: 0, running: false, again: false };
      this.entries.set(key, entry);
    }
    if (entry.running) {
      entry.again = true;
      return;
    }
    if (entry.timer) return;
    const current = entry;
    const wait = Math.max(0, current.lastRunAt + this.intervalMs - Date.now());
    current.timer = setTimeout(() => void this.start(key, current), wait);
  }

  /** Drops the key's pending run (its owner went away). */
  forget(key: K): void {
    const entry = this.entries.get(key);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(key);
  }

  close(): void {
    this.closed = true;
    for (const key of [...this.entries.keys()]) this.forget(key);
  }

  private async start(key: K, entry: Entry): Promise<void> {
    entry.timer = null;
    entry.running = true;
    entry.again = false;
    entry.lastRunAt = Date.now();
    try {
      await this.run(key);
    } finally {
      entry.running = false;
      if (entry.again && this.entries.get(key) === entry) this.request(key);
    }
  }
}
