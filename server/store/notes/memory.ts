import type { WorkshopId } from "../../../shared/ids.js";
import type { NoteAccess, NoteDocId, SnapshotId, SnapshotView } from "../../../shared/notes.js";
import { type MemoryCore, mapIn, WorkshopSlices } from "../memory/core.js";
import { bySnapshotTime } from "../order.js";
import { base64Bytes } from "./base64.js";
import type { NoteAppend, NoteAppendOutcome, NoteCompaction, NotesStore } from "./port.js";

interface NotesSlice {
  /** docId -> base64 updates, oldest first. */
  updates: Map<NoteDocId, string[]>;
  bytes: Map<NoteDocId, number>;
  /** docId -> snapshotId -> {view, state}. */
  snapshots: Map<NoteDocId, Map<SnapshotId, { view: SnapshotView; state: string }>>;
}

/** Notes in this process: each document's updates and byte count, named snapshots; access from commits. */
export class MemoryNotesStore implements NotesStore {
  private readonly slices: WorkshopSlices<NotesSlice>;

  constructor(private readonly core: MemoryCore) {
    this.slices = new WorkshopSlices(core, () => ({ updates: new Map(), bytes: new Map(), snapshots: new Map() }));
  }

  async appendNoteUpdate(workshopId: WorkshopId, append: NoteAppend): Promise<NoteAppendOutcome> {
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    const total = (slice.bytes.get(append.docId) ?? 0) + append.bytes;
    if (total > append.maxBytes) return { status: "tooLarge", bytes: total - append.bytes };
    const updates = mapIn(slice.updates, append.docId, () => [] as string[]);
    updates.push(append.update);
    slice.bytes.set(append.docId, total);
    return { status: "applied", count: updates.length, bytes: total };
  }

  async getNoteAccess(workshopId: WorkshopId, docId: NoteDocId): Promise<NoteAccess | null> {
    return this.core.parsed<NoteAccess>(workshopId, "noteAccess", docId);
  }

  async noteUpdates(workshopId: WorkshopId, docId: NoteDocId): Promise<string[]> {
    return [...(this.slices.peek(workshopId)?.updates.get(docId) ?? [])];
  }

  async compactNoteUpdates(workshopId: WorkshopId, compaction: NoteCompaction): Promise<boolean> {
    this.core.require(workshopId);
    const slice = this.slices.slice(workshopId);
    const { docId, replaced } = compaction;
    const updates = slice.updates.get(docId) ?? [];
    if (updates.length < replaced || updates[replaced - 1] !== compaction.lastReplaced) return false;
    const removedBytes = updates.slice(0, replaced).reduce((sum, update) => sum + base64Bytes(update), 0);
    slice.updates.set(docId, [compaction.merged, ...updates.slice(replaced)]);
    slice.bytes.set(docId, (slice.bytes.get(docId) ?? 0) - removedBytes + compaction.mergedBytes);
    return true;
  }

  async saveSnapshot(workshopId: WorkshopId, snapshot: SnapshotView, state: string): Promise<void> {
    this.core.require(workshopId);
    mapIn(this.slices.slice(workshopId).snapshots, snapshot.docId, () => new Map()).set(snapshot.snapshotId, {
      view: snapshot,
      state,
    });
  }

  async listSnapshots(workshopId: WorkshopId, docId: NoteDocId): Promise<SnapshotView[]> {
    const snapshots = this.slices.peek(workshopId)?.snapshots.get(docId);
    return [...(snapshots?.values() ?? [])].map((entry) => entry.view).sort(bySnapshotTime);
  }

  async snapshotState(workshopId: WorkshopId, docId: NoteDocId, snapshotId: SnapshotId): Promise<string | null> {
    return this.slices.peek(workshopId)?.snapshots.get(docId)?.get(snapshotId)?.state ?? null;
  }
}
