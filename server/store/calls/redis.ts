import type { WorkshopId } from "../../../shared/ids.js";
import type { CallsRecord } from "../../domain/calls.js";
import { parseOrNull, type RedisCore } from "../redis/core.js";
import type { CallStore } from "./port.js";

/** The call links' record in Redis: one JSON string, `wk:{W}:calls`. */
export class RedisCallStore implements CallStore {
  constructor(private readonly core: RedisCore) {}

  async getCalls(workshopId: WorkshopId): Promise<CallsRecord | null> {
    return parseOrNull<CallsRecord>(await this.core.bounded(this.core.client.get(this.core.keys(workshopId).calls)));
  }
}
