import type { WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess, NoteDocId, SnapshotId, SnapshotView } from "../../../shared/notes.js";
import { bySnapshotTime } from "../order.js";
import { parseOrNull, type RedisCore } from "../redis/core.js";
import { base64Bytes } from "./base64.js";
import type { NoteAppend, NoteAppendOutcome, NoteCompaction, NotesStore } from "./port.js";
import { appendNoteScript, compactNotesScript, saveSnapshotScript } from "./scripts.js";

/** Notes in Redis: a list of Yjs updates per document with its byte count, named snapshots. */
export class RedisNotesStore implements NotesStore {
  constructor(private readonly core: RedisCore) {}

  async appendNoteUpdate(workshopId: WorkshopId, append: NoteAppend): Promise<NoteAppendOutcome> {
    const keys = this.core.keys(workshopId);
    const reply = (await this.core.run(
      appendNoteScript,
      [keys.meta, keys.noteUpdates(append.docId), keys.noteBytes(append.docId)],
      [append.update, append.bytes, append.maxBytes],
    )) as string[];
    return reply[0] === "tooLarge"
      ? { status: "tooLarge", bytes: Number(reply[1]) }
      : { status: "applied", count: Number(reply[1]), bytes: Number(reply[2]) };
  }

  async getNoteAccess(workshopId: WorkshopId, docId: NoteDocId): Promise<NoteAccess | null> {
    const json = await this.core.bounded(this.core.client.hGet(this.core.keys(workshopId).notesAccess, docId));
    return parseOrNull<NoteAccess>(json);
  }

  async noteUpdates(workshopId: WorkshopId, docId: NoteDocId): Promise<string[]> {
    return this.core.bounded(this.core.client.lRange(this.core.keys(workshopId).noteUpdates(docId), 0, -1));
  }

  async compactNoteUpdates(workshopId: WorkshopId, compaction: NoteCompaction): Promise<boolean> {
    const keys = this.core.keys(workshopId);
    const { docId, replaced } = compaction;
    const head = await this.core.bounded(this.core.client.lRange(keys.noteUpdates(docId), 0, replaced - 1));
    const removedBytes = head.reduce((sum, update) => sum + base64Bytes(update), 0);
    const applied = await this.core.run(
      compactNotesScript,
      [keys.meta, keys.noteUpdates(docId), keys.noteBytes(docId)],
      [replaced, compaction.lastReplaced, compaction.merged, compaction.mergedBytes, removedBytes],
    );
    return Number(applied) === 1;
  }

  async saveSnapshot(workshopId: WorkshopId, snapshot: SnapshotView, state: string): Promise<void> {
    const keys = this.core.keys(workshopId);
    await this.core.run(
      saveSnapshotScript,
      [keys.meta, keys.noteSnapshots(snapshot.docId)],
      [snapshot.snapshotId, JSON.stringify({ view: snapshot, state })],
    );
  }

  async listSnapshots(workshopId: WorkshopId, docId: NoteDocId): Promise<SnapshotView[]> {
    const all = await this.core.bounded(this.core.client.hVals(this.core.keys(workshopId).noteSnapshots(docId)));
    return all.map((json) => (JSON.parse(json) as { view: SnapshotView }).view).sort(bySnapshotTime);
  }

  async snapshotState(workshopId: WorkshopId, docId: NoteDocId, snapshotId: SnapshotId): Promise<string | null> {
    const json = await this.core.bounded(
      this.core.client.hGet(this.core.keys(workshopId).noteSnapshots(docId), snapshotId),
    );
    return json ? (JSON.parse(json) as { state: string }).state : null;
  }
}
