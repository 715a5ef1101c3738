import type { WorkshopId } from "../../../shared/ids.js";
import type { CallsRecord } from "../../domain/calls.js";

/**
 * A workshop's call links: one record, written only by the workshop's commit (kind "calls",
 * compare-and-set with the events that announce it); this port reads it.
 */
export interface CallStore {
  getCalls(workshopId: WorkshopId): Promise<CallsRecord | null>;
}
