import type { ProgrammeSessionId, WorkshopId } from "../../../shared/ids.js";
import { orderedProgramme, type ProgrammeSessionView } from "../../../shared/programme.js";
import type { MemoryCore } from "../memory/core.js";
import type { ProgrammeStore } from "./port.js";

/** The programme's records as the memory workshop store's commits keep them. */
export class MemoryProgrammeStore implements ProgrammeStore {
  constructor(private readonly core: MemoryCore) {}

  async getSession(workshopId: WorkshopId, sessionId: ProgrammeSessionId): Promise<ProgrammeSessionView | null> {
    return this.core.parsed<ProgrammeSessionView>(workshopId, "programme", sessionId);
  }

  async listSessions(workshopId: WorkshopId): Promise<ProgrammeSessionView[]> {
    return orderedProgramme(this.core.parsedAll<ProgrammeSessionView>(workshopId, "programme"));
  }
}
