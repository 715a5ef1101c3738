import type { WorkshopId } from "../../../shared/ids.js";
import type { CallsRecord } from "../../domain/calls.js";
import type { MemoryCore } from "../memory/core.js";
import type { CallStore } from "./port.js";

/** The call links' record in this process, among the records commits write. */
export class MemoryCallStore implements CallStore {
  constructor(private readonly core: MemoryCore) {}

  async getCalls(workshopId: WorkshopId): Promise<CallsRecord | null> {
    return this.core.parsed<CallsRecord>(workshopId, "calls", "");
  }
}
