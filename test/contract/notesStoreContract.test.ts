import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** A stand-in for a Yjs update: the store never decodes them. */
const update = (index: number) => Buffer.from(`update ${index}`).toString("base64");

/** Notes documents: updates with their byte count, compaction, snapshots, access (rule ids N...). */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("notes store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("N1 updates are kept in order with the document's bytes; past the limit nothing is stored", async () => {
    const { workshopId } = workshop;
    const append = (index: number, maxBytes = 100) =>
      stores.notes.appendNoteUpdate(workshopId, { docId: "plenary", update: update(index), bytes: 40, maxBytes });
    expect(await append(1)).toEqual({ status: "applied", count: 1, bytes: 40 });
    expect(await append(2)).toEqual({ status: "applied", count: 2, bytes: 80 });
    expect(await append(3)).toEqual({ status: "tooLarge", bytes: 80 });
    expect(await stores.notes.noteUpdates(workshopId, "plenary")).toEqual([update(1), update(2)]);
    expect(await stores.notes.noteUpdates(workshopId, "mroom00000001")).toEqual([]);
  });

  it("N2 compaction replaces the head it read, keeps what came after, and refuses a head that moved", async () => {
    const { workshopId } = workshop;
    for (const index of [1, 2, 3]) {
      await stores.notes.appendNoteUpdate(workshopId, {
        docId: "plenary",
        update: update(index),
        bytes: 8,
        maxBytes: 1000,
      });
    }
    const merged = Buffer.from("merged").toString("base64");
    const compaction = { docId: "plenary", replaced: 2, lastReplaced: update(2), merged, mergedBytes: 6 };
    expect(await stores.notes.compactNoteUpdates(workshopId, compaction)).toBe(true);
    expect(await stores.notes.noteUpdates(workshopId, "plenary")).toEqual([merged, update(3)]);
    // The head is no longer what that compaction read: nothing changes.
    expect(await stores.notes.compactNoteUpdates(workshopId, compaction)).toBe(false);
    expect(await stores.notes.noteUpdates(workshopId, "plenary")).toEqual([merged, update(3)]);
  });

  it("N3 snapshots are kept by id, listed oldest first, and their state read back", async () => {
    const { workshopId } = workshop;
    const later = { snapshotId: "s2", docId: "plenary", name: "After", takenAt: 2000 };
    const earlier = { snapshotId: "s1", docId: "plenary", name: "Before", takenAt: 1000 };
    await stores.notes.saveSnapshot(workshopId, later, update(2));
    await stores.notes.saveSnapshot(workshopId, earlier, update(1));
    expect(await stores.notes.listSnapshots(workshopId, "plenary")).toEqual([earlier, later]);
    expect(await stores.notes.snapshotState(workshopId, "plenary", "s1")).toBe(update(1));
    expect(await stores.notes.snapshotState(workshopId, "plenary", "nope")).toBeNull();
  });

  it("N4 who may edit a document is a record the workshop's commit writes, compare-and-set", async () => {
    const { workshopId } = workshop;
    expect(await stores.notes.getNoteAccess(workshopId, "plenary")).toBeNull();
    const access = { docId: "plenary", openToAll: true };
    const command = { actorId: person("host").participantId, commandId: "open-notes" };
    const change = {
      writes: [{ kind: "noteAccess" as const, expected: null, next: access }],
      events: [],
      result: null,
    };
    expect(await stores.workshops.commit(workshopId, command, change)).toMatchObject({ status: "applied" });
    expect(await stores.notes.getNoteAccess(workshopId, "plenary")).toEqual(access);
    expect((await stores.workshops.fullSnapshot(workshopId))?.notesAccess).toEqual([access]);
  });

  it("N5 a deleted workshop's documents refuse every write", async () => {
    const { workshopId } = workshop;
    await stores.workshops.purgeWorkshop(workshopId);
    const snapshot = { snapshotId: "s1", docId: "plenary", name: "x", takenAt: 1 };
    await expect(
      stores.notes.appendNoteUpdate(workshopId, { docId: "plenary", update: update(1), bytes: 8, maxBytes: 100 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stores.notes.saveSnapshot(workshopId, snapshot, update(1))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await stores.notes.noteUpdates(workshopId, "plenary")).toEqual([]);
  });
});
