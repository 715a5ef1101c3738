import type { NoteAccess, SnapshotView } from "../../shared/notes.js";
import type { PollView } from "../../shared/poll.js";

/** How lists come back, the same from both stores. */

/** Snapshots oldest first, the same in both stores. */
export function bySnapshotTime(a: SnapshotView, b: SnapshotView): number {
  return a.takenAt - b.takenAt || (a.snapshotId < b.snapshotId ? -1 : 1);
}

/** Notes access in document order, the same in both stores. */
export function byDoc(a: NoteAccess, b: NoteAccess): number {
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
}

/** Polls oldest first; the id breaks ties so both stores list them in one order. */
export function byCreation(a: PollView, b: PollView): number {
  return a.createdAt - b.createdAt || (a.pollId < b.pollId ? -1 : a.pollId > b.pollId ? 1 : 0);
}
