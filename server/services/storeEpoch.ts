import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { Stores } from "../store/stores.js";

/**
 * Notices that the store lost its data (Redis restarted without it, flushed): the store's epoch
 * id is made again whenever it is missing, so a node that finds another id than the one it knew
 * knows that everything it was serving is gone. It then says so loudly (an error log, a metric,
 * `/readyz` not ready for `holdMs` so a probe sees it), and listeners close the sockets of the
 * workshops that went with it, telling their people (`workshop_lost`) instead of leaving them to
 * a stream of NOT_FOUND.
 */
export class StoreEpoch {
  private known: string | null = null;
  private lostAt: number | null = null;
  /** Called once per loss this node notices. */
  readonly onLost: Array<() => void> = [];

  constructor(
    private readonly stores: Pick<Stores, "presence">,
    private readonly holdMs: number,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {}

  private inFlight: Promise<boolean> | null = null;

  /**
   * Reads the store's epoch; true when it is not the one this node knew (the data was lost).
   * Callers at the same time share one read, so one loss is noticed once.
   */
  check(): Promise<boolean> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async read(): Promise<boolean> {
    const current = await this.stores.presence.storeEpoch();
    const lost = this.known !== null && current !== this.known;
    this.known = current;
    if (lost) {
      this.lostAt = this.now();
      this.metrics.storeDataLost.inc();
      this.logger.error(
        "the store lost its data (Redis restarted without it, or was flushed): every workshop it held is gone",
      );
      for (const listener of this.onLost) listener();
    }
    return lost;
  }

  /** Whether a loss was noticed within the last `holdMs` (readiness, and why a workshop is gone). */
  lostRecently(): boolean {
    return this.lostAt !== null && this.now() - this.lostAt < this.holdMs;
  }
}
