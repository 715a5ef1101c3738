import { batch } from "@preact/signals";
import type { RevokeReason } from "../../../shared/events.js";
import type { ErrorCode } from "../../../shared/protocol.js";
import { forgetNotesOnDevice } from "../notes/notesStore.js";
import { navigate } from "../router.js";
import { myRole } from "../state/myRole.js";
import { forgetQnaOnDevice } from "../state/qnaStore.js";
import {
  endedBy,
  joinError,
  notice,
  type ReportAccess,
  reportAccess,
  session,
  socketStatus,
} from "../state/session.js";
import { clearSessionStorage } from "../state/sessionStore.js";
import { workshopState } from "../state/workshopState.js";
import { connection } from "./connectionState.js";
import { exitToNeutralPage } from "./exit.js";
import { clearRetry } from "./reconnect.js";

/** Stops for a reason the person must act on (e.g. reload for a new version). */
export function fail(code: ErrorCode): void {
  clearRetry();
  connection.socket?.disconnect();
  batch(() => {
    notice.value = code;
    socketStatus.value = "gaveUp";
  });
}

/** The stored token no longer works: back to the join form with the reason. */
export function forgetSession(code: ErrorCode): void {
  connection.stopped = true;
  clearRetry();
  connection.socket?.disconnect();
  clearSessionStorage();
  batch(() => {
    session.value = null;
    socketStatus.value = "idle";
    joinError.value = code;
    workshopState.reset();
  });
  navigate("/join", { replace: true });
}

/** The session is over (left, removed, ended, deleted): never reconnect, and keep only what the ended screen needs. */
export function endSession(reason: RevokeReason): void {
  if (connection.stopped) return;
  connection.stopped = true;
  clearRetry();
  clearSessionStorage();
  // The session is over: nothing on this device should keep saying which questions were this person's.
  const workshopId = session.value?.workshopId;
  if (workshopId) {
    forgetQnaOnDevice(workshopId);
    forgetNotesOnDevice(workshopId);
  }
  connection.socket?.disconnect();
  if (reason === "left") {
    exitToNeutralPage();
    return;
  }
  // A deleted workshop leaves nothing to report on: the tab keeps nothing.
  const reportAfterEnd = reason === "workshop_ended" ? reportAccessOf() : null;
  batch(() => {
    reportAccess.value = reportAfterEnd;
    endedBy.value = reason;
    session.value = null;
    socketStatus.value = "idle";
    notice.value = null;
    workshopState.reset();
  });
}

/** Ends the session once the state says the workshop has ended; true when it did. */
export function endIfOver(): boolean {
  if (workshopState.workshop.value?.status !== "ended") return false;
  endSession("workshop_ended");
  return true;
}

/** What staff keep to take the outcome report once the workshop has ended (null for participants). */
function reportAccessOf(): ReportAccess | null {
  const me = session.value;
  const role = myRole.value;
  const workshop = workshopState.workshop.value;
  if (!me || !workshop || (role !== "facilitator" && role !== "note-taker")) return null;
  return {
    workshopId: me.workshopId,
    sessionToken: me.sessionToken,
    role,
    title: workshop.title,
    joinCode: workshop.joinCode,
    reportAttribution: workshop.reportAttribution,
    deleteAt: workshop.deleteAt,
    participantNames: workshopState.sorted.value.map((person) => person.displayName),
  };
}

/**
 * The workshop is gone for good (this tab deleted it, or was told so): the neutral "deleted"
 * screen, and nothing of it kept in the tab, the report access included.
 */
export function showWorkshopDeleted(): void {
  if (!connection.stopped) {
    endSession("workshop_deleted");
    return;
  }
  batch(() => {
    reportAccess.value = null;
    endedBy.value = "workshop_deleted";
  });
}
