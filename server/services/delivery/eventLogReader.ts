import type { RoundId, WorkshopId } from "../../../shared/ids.js";
import type { WorkshopEvent } from "../../../shared/workshop.js";
import { RosterDirectory } from "../../domain/rosterDirectory.js";
import type { Unsubscribe } from "../../domain/unsubscribe.js";
import type { Stores } from "../../store/stores.js";

/**
 * A workshop's event log as delivery reads it: where it stands, what came after a version, a
 * call whenever it moves, and the rooms' head-counts sent beside each batch. The event feed
 * decides nothing from these reads but which version comes next; who may see each event is
 * the audience rule's (domain/audience.ts).
 */
export class EventLogReader {
  constructor(private readonly stores: Pick<Stores, "workshops" | "breakout">) {}

  /** Who is listed and where people sit, at one version (null: no such workshop). */
  async directory(workshopId: WorkshopId): Promise<RosterDirectory | null> {
    const full = await this.stores.workshops.fullSnapshot(workshopId);
    return full ? new RosterDirectory(full) : null;
  }

  version(workshopId: WorkshopId): Promise<number> {
    return this.stores.workshops.currentVersion(workshopId);
  }

  /** The first `limit` events after `sinceVersion`, in order; null when the log no longer reaches back that far. */
  since(workshopId: WorkshopId, sinceVersion: number, limit: number): Promise<WorkshopEvent[] | null> {
    return this.stores.workshops.eventsSince(workshopId, sinceVersion, limit);
  }

  follow(workshopId: WorkshopId, onChange: () => void): Promise<Unsubscribe> {
    return this.stores.workshops.subscribe(workshopId, onChange);
  }

  headCounts(workshopId: WorkshopId, roundId: RoundId): Promise<Record<string, number>> {
    return this.stores.breakout.getCounts(workshopId, roundId);
  }

  /** False once the workshop was deleted (its record is the last thing a deletion leaves). */
  async exists(workshopId: WorkshopId): Promise<boolean> {
    return (await this.stores.workshops.getWorkshop(workshopId)) !== null;
  }
}
