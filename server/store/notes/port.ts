import type { WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess, NoteDocId, SnapshotId, SnapshotView } from "../../../shared/notes.js";

/** One Yjs update (base64) for a document, with its size and the document's limit. */
export interface NoteAppend {
  docId: NoteDocId;
  update: string;
  bytes: number;
  maxBytes: number;
}

/** A stored notes update: the list's new length and the document's bytes, or a refusal at the size limit. */
export type NoteAppendOutcome =
  | { status: "applied"; count: number; bytes: number }
  | { status: "tooLarge"; bytes: number };

/** The first `replaced` updates of a document by their merge, if they are still the first ones. */
export interface NoteCompaction {
  docId: NoteDocId;
  replaced: number;
  /** The last of the replaced updates as read: if another is there now, nothing happens. */
  lastReplaced: string;
  merged: string;
  mergedBytes: number;
}

/**
 * Shared notes: each document is the list of its Yjs updates (acknowledged = stored), its byte
 * count, named snapshots, and who may edit it (records written by the workshop's commit).
 */
export interface NotesStore {
  /** Appends one update atomically with the document's byte count; refused past maxBytes. */
  appendNoteUpdate(workshopId: WorkshopId, append: NoteAppend): Promise<NoteAppendOutcome>;
  getNoteAccess(workshopId: WorkshopId, docId: NoteDocId): Promise<NoteAccess | null>;
  /** A document's stored updates (base64), oldest first. */
  noteUpdates(workshopId: WorkshopId, docId: NoteDocId): Promise<string[]>;
  /** Updates appended meanwhile stay after the merged one; false when the head changed (try later). */
  compactNoteUpdates(workshopId: WorkshopId, compaction: NoteCompaction): Promise<boolean>;
  saveSnapshot(workshopId: WorkshopId, snapshot: SnapshotView, state: string): Promise<void>;
  listSnapshots(workshopId: WorkshopId, docId: NoteDocId): Promise<SnapshotView[]>;
  /** A snapshot's document state (base64 update), or null. */
  snapshotState(workshopId: WorkshopId, docId: NoteDocId, snapshotId: SnapshotId): Promise<string | null>;
}
