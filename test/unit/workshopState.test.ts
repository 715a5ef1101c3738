import { describe, expect, it } from "vitest";
import type { WorkshopEvent, WorkshopSnapshot } from "../../shared/workshop.js";
import { applyEventBatch, applySyncResult, emptyWorkshopState } from "../../shared/workshopState.js";

const workshop = {
  workshopId: "w000000000000001",
  title: "T",
  joinCode: "ABCDEF",
  status: "active" as const,
  createdAt: 0,
  reportAttribution: "none" as const,
  anonymousByDefault: true,
  // About keeping a copy exact, not about who sees whom: the roster is open.
  rosterPrivate: false,
  endedAt: null,
  deleteAt: null,
};
const ana = { participantId: "pana000000000000", displayName: "Ana", role: "participant" as const, listed: false };
const snapshot: WorkshopSnapshot = {
  version: 3,
  workshop,
  roster: [[ana.participantId, ana.displayName, ana.role, true, false]],
  wholeRoster: true,
  people: { version: 3, active: 1, online: 1 },
  breakout: { round: null, assignments: {}, counts: {}, helps: [], broadcasts: [], tags: {} },
  polls: [],
  notesAccess: [],
  programme: [],
  calls: { plenary: null, rooms: {}, settings: null },
};

function fresh() {
  const state = emptyWorkshopState();
  applySyncResult(state, { kind: "snapshot", snapshot });
  return state;
}

describe("client state rules (shared by browser and tests)", () => {
  it("ignores batches before the first snapshot and batches it already has", () => {
    const state = emptyWorkshopState();
    expect(applyEventBatch(state, { fromVersion: 1, toVersion: 1, events: [] })).toBe("ignored");
    const ready = fresh();
    expect(applyEventBatch(ready, { fromVersion: 2, toVersion: 3, events: [] })).toBe("ignored");
  });

  it("applies only events newer than its version from an overlapping batch", () => {
    const state = fresh();
    const events: WorkshopEvent[] = [
      { v: 3, type: "participant:removed", participantId: ana.participantId, reason: "left" },
      { v: 4, type: "participant:upserted", participant: { ...ana, role: "note-taker" } },
    ];
    expect(applyEventBatch(state, { fromVersion: 3, toVersion: 4, events })).toBe("applied");
    expect(state.version).toBe(4);
    // The v3 removal was already in the snapshot, so Ana stays, promoted, still online.
    expect(state.participants.get(ana.participantId)).toEqual({ ...ana, role: "note-taker", online: true });
  });

  it("reports a gap instead of applying past it", () => {
    const state = fresh();
    expect(applyEventBatch(state, { fromVersion: 5, toVersion: 6, events: [] })).toBe("gap");
    expect(state.version).toBe(3);
  });

  it("treats an empty batch past the version as a resync hint", () => {
    const state = fresh();
    expect(applyEventBatch(state, { fromVersion: 10, toVersion: 9, events: [] })).toBe("gap");
  });

  it("presence, removal and workshop updates", () => {
    const state = fresh();
    applyEventBatch(state, {
      fromVersion: 4,
      toVersion: 6,
      events: [
        { v: 4, type: "participant:presence", participantId: ana.participantId, online: false },
        { v: 5, type: "workshop:updated", workshop: { ...workshop, status: "ended" } },
        { v: 6, type: "participant:removed", participantId: ana.participantId, reason: "removed" },
      ],
    });
    expect(state.participants.size).toBe(0);
    expect(state.workshop?.status).toBe("ended");
  });

  it("applies missed events from sync, or refuses when they do not connect", () => {
    const state = fresh();
    expect(
      applySyncResult(state, {
        kind: "events",
        fromVersion: 4,
        events: [{ v: 4, type: "participant:presence", participantId: ana.participantId, online: false }],
      }),
    ).toBe(true);
    expect(state.participants.get(ana.participantId)?.online).toBe(false);
    expect(applySyncResult(state, { kind: "events", fromVersion: 9, events: [] })).toBe(false);
  });

  it("a first state with its catch-up is whole once applied: the snapshot, then what followed, then the head-counts", () => {
    const state = emptyWorkshopState();
    const bo = { participantId: "pbo0000000000000", displayName: "Bo", role: "participant" as const, listed: false };
    expect(
      applySyncResult(state, {
        kind: "snapshot",
        snapshot,
        catchUp: {
          fromVersion: 3,
          toVersion: 6,
          events: [{ v: 5, type: "participant:upserted", participant: bo, online: true }],
          people: { version: 6, active: 2, online: 2 },
        },
        counts: { roundId: "r000000000000001", counts: {} },
      }),
    ).toBe(true);
    expect(state.version).toBe(6);
    expect(state.participants.get(bo.participantId)?.online).toBe(true);
    expect(state.people).toEqual({ version: 6, active: 2, online: 2 });
    // A catch-up that does not start at or before the state's version is refused (ask again).
    expect(
      applySyncResult(emptyWorkshopState(), {
        kind: "snapshot",
        snapshot,
        catchUp: { fromVersion: 5, toVersion: 6, events: [] },
      }),
    ).toBe(false);
  });
});
