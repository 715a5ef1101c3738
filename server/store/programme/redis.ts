import type { ProgrammeSessionId, WorkshopId } from "../../../shared/ids.js";
import { orderedProgramme, type ProgrammeSessionView } from "../../../shared/programme.js";
import { parseOrNull, type RedisCore } from "../redis/core.js";
import type { ProgrammeStore } from "./port.js";

/** The programme's records: one hash of the workshop, sessionId -> JSON (written by the commit script). */
export class RedisProgrammeStore implements ProgrammeStore {
  constructor(private readonly core: RedisCore) {}

  async getSession(workshopId: WorkshopId, sessionId: ProgrammeSessionId): Promise<ProgrammeSessionView | null> {
    const json = await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).programme, sessionId));
    return parseOrNull<ProgrammeSessionView>(json);
  }

  async listSessions(workshopId: WorkshopId): Promise<ProgrammeSessionView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).programme));
    return orderedProgramme(all.map((json) => JSON.parse(json) as ProgrammeSessionView));
  }
}
