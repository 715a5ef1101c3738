import type { WorkshopId } from "../../shared/ids.js";
import type { CommandContext } from "../domain/commands.js";
import { DomainError } from "../domain/errors.js";
import type { WorkshopRecord } from "../domain/records.js";
import { RETENTION_TIMERS, type RetentionTimer } from "../domain/timers.js";
import type { Stores } from "../store/stores.js";
import type { Authorizer } from "./authorizer.js";
import type { WorkshopService } from "./workshopService.js";

/** Activity postpones the idle clock at most this often per workshop and node. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/**
 * The data lifecycle: nothing a workshop holds is kept for ever. A workshop is deleted for good
 * (every key, on every node) `retentionMs` after it ended; one nobody used for that long is
 * ended first; facilitators can delete one at once. The clocks are the shared timers every
 * node polls, so a deletion happens on time whichever nodes are alive, and a purge cut short
 * is finished by the next node that looks.
 */
export class RetentionService {
  /** When this node last postponed each workshop's idle clock. */
  private readonly touched = new Map<WorkshopId, number>();
  /** Told after a workshop was deleted: its sockets, on every node, are closed. */
  readonly onDeleted: Array<(workshopId: WorkshopId) => void> = [];

  constructor(
    private readonly stores: Pick<Stores, "workshops" | "presence" | "timers">,
    private readonly workshops: WorkshopService,
    /** Deleting with a session token (after the end, no socket) is authorized here, by the same table. */
    private readonly authorizer: Authorizer,
    private readonly now: () => number = Date.now,
  ) {}

  private get retentionMs(): number {
    return this.workshops.options.retentionMs;
  }

  /**
   * Someone used the workshop (a connection, a command): its idle clock starts again. Cheap and
   * fire-and-forget; at most once an hour (or a tenth of the retention) per workshop and node.
   */
  touch(workshopId: WorkshopId): void {
    const now = this.now();
    const last = this.touched.get(workshopId);
    if (last !== undefined && now - last < Math.min(TOUCH_EVERY_MS, this.retentionMs / 10)) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(workshopId, now);
    this.stores.timers
      .scheduleTimer(workshopId, RETENTION_TIMERS.idle, now + this.retentionMs, "latest")
      .catch(() => this.touched.delete(workshopId));
  }

  /**
   * A facilitator deletes the workshop now, for good. A retry after it worked answers NOT_FOUND:
   * nothing is left to remember the first answer by.
   */
  async deleteNow(who: CommandContext): Promise<{ workshopId: WorkshopId }> {
    await this.purge(who.workshopId);
    return { workshopId: who.workshopId };
  }

  /** The same from a facilitator's session token (after the end the socket is gone; the token still works). */
  async deleteWithToken(sessionToken: string, workshopId: WorkshopId): Promise<void> {
    const { actor, workshop } = await this.workshops.contextOfToken(sessionToken);
    if (workshop.workshopId !== workshopId) throw new DomainError("UNAUTHORIZED", "session not recognised");
    this.authorizer.authorizeWith("workshop:delete", actor, workshop, null);
    await this.purge(workshopId);
  }

  /**
   * Gives a clock to every workshop that has none (stored before retention existed): an active
   * one its idle clock, an ended one its deletion. Run once when a node starts; cheap to repeat.
   */
  async adoptAll(): Promise<number> {
    let adopted = 0;
    for (const workshopId of await this.stores.workshops.listWorkshopIds()) {
      const workshop = await this.stores.workshops.getWorkshop(workshopId);
      if (!workshop) continue;
      if (workshop.status === "active") {
        const dueAt = this.now() + this.retentionMs;
        await this.stores.timers.scheduleTimer(workshopId, RETENTION_TIMERS.idle, dueAt, "ifAbsent");
      } else {
        await this.stores.timers.scheduleTimer(
          workshopId,
          RETENTION_TIMERS.purge,
          this.deleteAtOf(workshop),
          "ifAbsent",
        );
      }
      adopted++;
    }
    return adopted;
  }

  /** A retention clock is due (the shared timers call this on whichever node looks first). */
  async advance(workshopId: WorkshopId, timer: RetentionTimer): Promise<void> {
    const workshop = await this.stores.workshops.getWorkshop(workshopId);
    if (timer === RETENTION_TIMERS.idle) await this.advanceIdle(workshopId, workshop);
    else await this.advancePurge(workshopId, workshop);
  }

  private async advanceIdle(workshopId: WorkshopId, workshop: WorkshopRecord | null): Promise<void> {
    if (workshop?.status === "active") {
      // Due means nobody touched it for a whole retention period: end it (people are told),
      // which sets its deletion one more period away.
      await this.workshops.endIdle(workshopId);
    } else if (workshop) {
      await this.stores.timers.scheduleTimer(workshopId, RETENTION_TIMERS.purge, this.deleteAtOf(workshop), "earliest");
    }
    await this.stores.timers.clearTimer(workshopId, RETENTION_TIMERS.idle);
  }

  private async advancePurge(workshopId: WorkshopId, workshop: WorkshopRecord | null): Promise<void> {
    if (workshop?.status === "active") {
      await this.stores.timers.clearTimer(workshopId, RETENTION_TIMERS.purge);
      return;
    }
    const deleteAt = workshop ? this.deleteAtOf(workshop) : 0;
    if (deleteAt > this.now()) {
      await this.stores.timers.scheduleTimer(workshopId, RETENTION_TIMERS.purge, deleteAt, "exact");
      return;
    }
    // Also when the record is already gone: that is a purge cut short, finished here.
    await this.purge(workshopId);
  }

  /** Records ended before deleteAt existed count from their end, or from their creation. */
  private deleteAtOf(workshop: WorkshopRecord): number {
    return workshop.deleteAt ?? (workshop.endedAt ?? workshop.createdAt) + this.retentionMs;
  }

  /** Its data, then the nodes' reap lists, then its timers last: a purge cut short is run again by them. */
  private async purge(workshopId: WorkshopId): Promise<void> {
    await this.stores.workshops.purgeWorkshop(workshopId);
    await this.stores.presence.forgetWorkshop(workshopId);
    await this.stores.timers.clearWorkshopTimers(workshopId);
    this.touched.delete(workshopId);
    for (const listener of this.onDeleted) listener(workshopId);
  }
}
