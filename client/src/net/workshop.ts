import type { ParticipantId } from "../../../shared/ids.js";
import type { Role } from "../../../shared/workshop.js";
import { type ClientErrorCode, endedBy } from "../state/session.js";
import { type CommandOutcome, newCommandId } from "./commands.js";
import { connection } from "./connectionState.js";
import { runCommand } from "./session.js";
import { showWorkshopDeleted } from "./sessionEnd.js";

// Facilitators' commands on the workshop and its people.

export function setRole(participantId: ParticipantId, role: Role) {
  return runCommand("participant:setRole", { commandId: newCommandId(), participantId, role });
}

export function removeParticipant(participantId: ParticipantId) {
  return runCommand("participant:remove", { commandId: newCommandId(), participantId });
}

export function endWorkshop() {
  return runCommand("workshop:end", { commandId: newCommandId() });
}

/** Facilitators: whether new questions and polls start anonymous. The switch explains a refusal itself. */
export function setAnonymityDefault(anonymousByDefault: boolean) {
  return runCommand(
    "workshop:setAnonymityDefault",
    { commandId: newCommandId(), anonymousByDefault },
    { quiet: ["FORBIDDEN", "WORKSHOP_ENDED", "network", "timeout"] },
  );
}

/** Facilitators: whether participants see each other only as a count. The switch explains a refusal itself. */
export function setRosterPrivacy(rosterPrivate: boolean) {
  return runCommand(
    "workshop:setRosterPrivacy",
    { commandId: newCommandId(), rosterPrivate },
    { quiet: ["FORBIDDEN", "WORKSHOP_ENDED", "network", "timeout"] },
  );
}

/** Anyone: show or hide their own name to other participants. The switch explains a refusal itself. */
export function setListed(listed: boolean) {
  return runCommand(
    "participant:setListed",
    { commandId: newCommandId(), listed },
    { quiet: ["WORKSHOP_ENDED", "network", "timeout"] },
  );
}

const DELETE_ATTEMPTS = 3;
/** Refusals the delete dialog explains itself. */
const DELETE_QUIET: readonly ClientErrorCode[] = [
  "FORBIDDEN",
  "NOT_FOUND",
  "network",
  "timeout",
  "UNAVAILABLE",
  "CONFLICT",
  "INTERNAL",
  "RATE_LIMITED",
];

/**
 * Facilitators: deletes the workshop for good. The server revokes every session right after
 * (this one too, "workshop_deleted"); a retry after it worked answers NOT_FOUND, which is done
 * too. Either way the tab shows the "deleted" screen. Null: no session.
 */
export async function deleteWorkshopNow(): Promise<{ ok: true } | { ok: false; code: ClientErrorCode } | null> {
  const payload = { commandId: newCommandId() };
  let outcome: CommandOutcome<"workshop:delete"> | null = null;
  // Retried here, not by sendCommand, and only while this session lasts: once revoked there is
  // nothing left to delete (startSession also drops whatever still waits to be sent).
  for (let attempt = 1; attempt <= DELETE_ATTEMPTS && !connection.stopped; attempt++) {
    outcome = await runCommand("workshop:delete", payload, { quiet: DELETE_QUIET, send: { attempts: 1 } });
    if (!outcome || outcome.ok || (outcome.error.code !== "timeout" && outcome.error.code !== "network")) break;
  }
  // Revoked meanwhile: the server deleted it and the "deleted" screen is up already.
  if (connection.stopped && endedBy.value === "workshop_deleted") return { ok: true };
  if (!outcome) return null;
  if (outcome.ok || outcome.error.code === "NOT_FOUND") {
    showWorkshopDeleted();
    return { ok: true };
  }
  return { ok: false, code: outcome.error.code };
}
