import type { ProgrammeSessionId } from "../../../shared/ids.js";
import type { SessionDraft } from "../../../shared/programme.js";
import { newCommandId } from "./commands.js";
import { runCommand } from "./session.js";

// Facilitators' commands on the programme.

export function addSession(session: SessionDraft) {
  return runCommand("programme:create", { commandId: newCommandId(), session });
}

export function updateSession(sessionId: ProgrammeSessionId, session: SessionDraft) {
  return runCommand("programme:update", { commandId: newCommandId(), sessionId, session });
}

export function deleteSession(sessionId: ProgrammeSessionId) {
  return runCommand("programme:delete", { commandId: newCommandId(), sessionId });
}
