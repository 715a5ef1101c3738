import type { ProgrammeSessionId, WorkshopId } from "../../../shared/ids.js";
import type { ProgrammeSessionView } from "../../../shared/programme.js";

/**
 * The forum's programme: one record per session, written by the workshop's commit (kind
 * "programme", with its events) and read here.
 */
export interface ProgrammeStore {
  getSession(workshopId: WorkshopId, sessionId: ProgrammeSessionId): Promise<ProgrammeSessionView | null>;
  /** Every session, in programme order (shared/programme.ts `orderedProgramme`). */
  listSessions(workshopId: WorkshopId): Promise<ProgrammeSessionView[]>;
}
