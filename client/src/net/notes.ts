import type { NoteDocId, SnapshotId } from "../../../shared/notes.js";
import { ErrorCodeSchema } from "../../../shared/protocol.js";
import type { ClientErrorCode } from "../state/session.js";
import { newCommandId } from "./commands.js";
import { runCommand } from "./session.js";

/**
 * The notes commands the panel sends itself (access, snapshots). Editing goes through the sync
 * engine (client/src/notes/notesDoc.ts). The panel explains every refusal next to what failed.
 */
export const NOTES_QUIET: readonly ClientErrorCode[] = [...ErrorCodeSchema.options, "network", "timeout"];

/** Facilitators: everyone in the room (everyone, for the plenary) may edit, or note-takers only again. */
export function setNotesAccess(docId: NoteDocId, openToAll: boolean) {
  return runCommand("notes:setAccess", { commandId: newCommandId(), docId, openToAll }, { quiet: NOTES_QUIET });
}

export function saveSnapshot(docId: NoteDocId, name: string) {
  return runCommand("notes:snapshot", { commandId: newCommandId(), docId, name }, { quiet: NOTES_QUIET });
}

export function listSnapshots(docId: NoteDocId) {
  return runCommand("notes:snapshots", { docId }, { quiet: NOTES_QUIET });
}

/** One snapshot's content as a Yjs update (the browser receives it as an ArrayBuffer). */
export function snapshotState(docId: NoteDocId, snapshotId: SnapshotId) {
  return runCommand("notes:snapshotState", { docId, snapshotId }, { quiet: NOTES_QUIET });
}

/** The text becomes the snapshot's for everyone; the server sends it to every follower as an update. */
export function restoreSnapshot(docId: NoteDocId, snapshotId: SnapshotId) {
  return runCommand("notes:restore", { commandId: newCommandId(), docId, snapshotId }, { quiet: NOTES_QUIET });
}
