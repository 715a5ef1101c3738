import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { CallsRecord } from "../../server/domain/calls.js";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

import { EVENT_LOG_CAP } from "../../server/store/workshop/port.js";

/** The people a snapshot would list: active ones, with presence. */
async function activeView(stores: Stores, workshopId: string) {
  const full = await stores.workshops.fullSnapshot(workshopId);
  if (!full) return null;
  return { version: full.version, participants: full.participants.filter((p) => p.status === "active") };
}

/** The workshop, its people, the event log and commits, snapshots, deletion (rule ids S...). */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("workshop store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("S1 a workshop is found by id and by join code; a taken join code is a CONFLICT", async () => {
    expect(await stores.workshops.getWorkshop(workshop.workshopId)).toEqual(workshop);
    expect(await stores.workshops.findWorkshopIdByJoinCode(workshop.joinCode)).toBe(workshop.workshopId);
    expect(await stores.workshops.findWorkshopIdByJoinCode("ZZZZZZ")).toBeNull();
    await expect(
      stores.workshops.createWorkshop({ ...workshopRecord(), joinCode: workshop.joinCode }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("S2 adding a participant stores the record and session, and logs one upsert", async () => {
    const alice = person("alice");
    const added = await stores.workshops.addParticipant(workshop.workshopId, {
      record: alice,
      sessionTokenHash: "tokenhash-a",
    });
    // The workshop as the join saw it comes back with it: a joining session starts without reading it.
    expect(added).toEqual({ version: 1, participantId: alice.participantId, workshop });
    expect(await stores.workshops.getParticipant(workshop.workshopId, alice.participantId)).toEqual(alice);
    expect(await stores.workshops.findParticipantIdBySession(workshop.workshopId, "tokenhash-a")).toBe(
      alice.participantId,
    );
    expect(await stores.workshops.findParticipantIdBySession(workshop.workshopId, "other")).toBeNull();
    expect(await stores.workshops.eventsSince(workshop.workshopId, 0)).toEqual([
      {
        v: 1,
        type: "participant:upserted",
        participant: {
          participantId: alice.participantId,
          displayName: "Person alice",
          role: "participant",
          listed: false,
        },
      },
    ]);
  });

  it("S2c a retried join (same join id) gets a new session for the same person, not a second person", async () => {
    const carol = person("carol");
    await stores.workshops.addParticipant(workshop.workshopId, {
      record: carol,
      sessionTokenHash: "t1",
      connectionId: "n1/a",
      joinId: "join-id-0123456789",
    });
    await stores.presence.disconnect(workshop.workshopId, ["n1/a"]);
    const retry = await stores.workshops.addParticipant(workshop.workshopId, {
      record: person("carol2"),
      sessionTokenHash: "t2",
      connectionId: "n1/b",
      joinId: "join-id-0123456789",
    });
    expect(retry).toMatchObject({ participantId: carol.participantId });
    expect(await stores.workshops.findParticipantIdBySession(workshop.workshopId, "t2")).toBe(carol.participantId);
    const view = await activeView(stores, workshop.workshopId);
    expect(view?.participants.map((p) => [p.participantId, p.online])).toEqual([[carol.participantId, true]]);
  });

  it("S2d nobody joins a workshop that ended, not even by retrying an earlier join: nothing is stored or logged", async () => {
    const carol = person("carol");
    const joinId = "join-id-ended-000001";
    await stores.workshops.addParticipant(workshop.workshopId, { record: carol, sessionTokenHash: "t1", joinId });
    const ended = { ...workshop, status: "ended" as const };
    await stores.workshops.commit(
      workshop.workshopId,
      { actorId: carol.participantId, commandId: "command-end-0001" },
      { writes: [{ kind: "workshop", expected: workshop, next: ended }], events: [], result: 1 },
    );
    const dave = person("dave");
    expect(
      await stores.workshops.addParticipant(workshop.workshopId, { record: dave, sessionTokenHash: "t2" }),
    ).toEqual({
      ended: true,
    });
    expect(
      await stores.workshops.addParticipant(workshop.workshopId, {
        record: person("carol2"),
        sessionTokenHash: "t3",
        connectionId: "n1/c",
        joinId,
      }),
    ).toEqual({ ended: true });
    expect(await stores.workshops.getParticipant(workshop.workshopId, dave.participantId)).toBeNull();
    expect(await stores.workshops.findParticipantIdBySession(workshop.workshopId, "t2")).toBeNull();
    expect(await stores.workshops.findParticipantIdBySession(workshop.workshopId, "t3")).toBeNull();
    expect((await stores.workshops.eventsSince(workshop.workshopId, 0))?.map((event) => event.type)).toEqual([
      "participant:upserted",
    ]);
  });

  it("S4 commit applies once per command id and returns the first result to a retry", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "t" });
    const promoted = { ...alice, role: "note-taker" as const };
    const command = { actorId: alice.participantId, commandId: "command-0001" };
    const write = [{ kind: "participant" as const, expected: alice, next: promoted }];
    const events = [
      {
        type: "participant:upserted" as const,
        participant: {
          participantId: alice.participantId,
          displayName: "x",
          role: "note-taker" as const,
          listed: false,
        },
      },
    ];
    const first = await stores.workshops.commit(workshop.workshopId, command, {
      writes: write,
      events: events,
      result: { answer: 1 },
    });
    expect(first).toEqual({ status: "applied", version: 2, result: { answer: 1 } });
    const retry = await stores.workshops.commit(workshop.workshopId, command, {
      writes: write,
      events: events,
      result: { answer: 2 },
    });
    expect(retry).toEqual({ status: "duplicate", result: { answer: 1 } });
    expect(await stores.workshops.commandResult(workshop.workshopId, command)).toEqual({ answer: 1 });
    expect(await stores.workshops.currentVersion(workshop.workshopId)).toBe(2);
  });

  it("S5 commit refuses a stale expected record (optimistic concurrency) and changes nothing", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "t" });
    const stale = { ...alice, role: "facilitator" as const };
    const outcome = await stores.workshops.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "command-0002" },
      {
        writes: [{ kind: "participant", expected: stale, next: { ...alice, status: "removed" } }],
        events: [{ type: "participant:removed", participantId: alice.participantId, reason: "removed" }],
        result: {},
      },
    );
    expect(outcome).toEqual({ status: "conflict" });
    expect(await stores.workshops.getParticipant(workshop.workshopId, alice.participantId)).toEqual(alice);
    expect(await stores.workshops.currentVersion(workshop.workshopId)).toBe(1);
    expect(
      await stores.workshops.commandResult(workshop.workshopId, {
        actorId: alice.participantId,
        commandId: "command-0002",
      }),
    ).toBeNull();
  });

  it("S6 workshop record writes are compare-and-set too", async () => {
    const ended = { ...workshop, status: "ended" as const };
    const actor = { actorId: "p000000000000000", commandId: "command-0003" };
    const applied = await stores.workshops.commit(workshop.workshopId, actor, {
      writes: [{ kind: "workshop", expected: workshop, next: ended }],
      events: [],
      result: 1,
    });
    expect(applied.status).toBe("applied");
    expect((await stores.workshops.getWorkshop(workshop.workshopId))?.status).toBe("ended");
    const stale = await stores.workshops.commit(
      workshop.workshopId,
      { ...actor, commandId: "command-0004" },
      { writes: [{ kind: "workshop", expected: workshop, next: ended }], events: [], result: 1 },
    );
    expect(stale.status).toBe("conflict");
  });

  it("S7 snapshot lists active people only, with presence, at the current version", async () => {
    const alice = person("alice");
    const bob = person("bob");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "ta" });
    await stores.workshops.addParticipant(workshop.workshopId, { record: bob, sessionTokenHash: "tb" });
    await stores.workshops.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "command-0005" },
      {
        writes: [{ kind: "participant", expected: bob, next: { ...bob, status: "removed" } }],
        events: [{ type: "participant:removed", participantId: bob.participantId, reason: "removed" }],
        result: {},
      },
    );
    const snapshot = await activeView(stores, workshop.workshopId);
    expect(snapshot?.version).toBe(3);
    expect(snapshot?.participants.map((p) => p.participantId)).toEqual([alice.participantId]);
    expect(await stores.workshops.fullSnapshot("wnonexistent0000")).toBeNull();
  });

  it("S8 eventsSince returns consecutive events, [] when current, null when the log no longer reaches", async () => {
    for (let i = 0; i < 5; i++)
      await stores.workshops.addParticipant(workshop.workshopId, {
        record: person(`p${i}`),
        sessionTokenHash: `t${i}`,
      });
    const events = await stores.workshops.eventsSince(workshop.workshopId, 2);
    expect(events?.map((event) => event.v)).toEqual([3, 4, 5]);
    expect(await stores.workshops.eventsSince(workshop.workshopId, 5)).toEqual([]);
    expect(await stores.workshops.eventsSince(workshop.workshopId, 9)).toEqual([]);
    // A page: the first `limit` events after the version, in order (a reader that fell far
    // behind catches up page by page instead of in one megabyte reply).
    expect((await stores.workshops.eventsSince(workshop.workshopId, 1, 2))?.map((event) => event.v)).toEqual([2, 3]);
    expect((await stores.workshops.eventsSince(workshop.workshopId, 4, 2))?.map((event) => event.v)).toEqual([5]);
    expect((await stores.workshops.eventsSince(workshop.workshopId, 0, 10))?.map((event) => event.v)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it("S9 the log is capped; a client older than the cap gets null (full snapshot)", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "t" });
    // Distinct people, each going online once, pipelined in slices so none waits past the timeout.
    for (let start = 0; start < EVENT_LOG_CAP + 5; start += 1000) {
      const slice = Math.min(1000, EVENT_LOG_CAP + 5 - start);
      await Promise.all(
        Array.from({ length: slice }, (_, i) =>
          stores.presence.connect(workshop.workshopId, {
            participantId: `p${String(start + i).padStart(15, "0")}`,
            connectionId: `n/${start + i}`,
          }),
        ),
      );
    }
    const version = await stores.workshops.currentVersion(workshop.workshopId);
    expect(version).toBe(1 + EVENT_LOG_CAP + 5);
    expect(await stores.workshops.eventsSince(workshop.workshopId, 0)).toBeNull();
    expect((await stores.workshops.eventsSince(workshop.workshopId, version - EVENT_LOG_CAP))?.length).toBe(
      EVENT_LOG_CAP,
    );
  }, 60_000);

  it("S10 subscribers hear every change with its version; unsubscribe stops that", async () => {
    const heard: number[] = [];
    const unsubscribe = await stores.workshops.subscribe(workshop.workshopId, (version) => heard.push(version));
    await stores.workshops.addParticipant(workshop.workshopId, { record: person("alice"), sessionTokenHash: "t" });
    await expect.poll(() => heard).toEqual([1]);
    await unsubscribe();
    // A subscriber that stays: once it heard the next change, that change has been handed to
    // every listener it would reach (both stores hand a change to all its listeners at once).
    const witness: number[] = [];
    const unsubscribeWitness = await stores.workshops.subscribe(workshop.workshopId, (version) =>
      witness.push(version),
    );
    await stores.workshops.addParticipant(workshop.workshopId, { record: person("bob"), sessionTokenHash: "t2" });
    await expect.poll(() => witness).toEqual([2]);
    await unsubscribeWitness();
    expect(heard).toEqual([1]);
  });

  it("S13 round, help, tag and banner records are compare-and-set and appear in the full snapshot", async () => {
    const round = {
      roundId: "rround0000002",
      number: 1,
      status: "planned" as const,
      rooms: [{ roomId: "mroom00000003", name: "A", topic: "", capacity: null, leadId: null, closed: false }],
      durationSeconds: 600,
      warningSeconds: 60,
      endsAt: null,
      selfSelect: false,
      createdAt: 1,
    };
    const actor = { actorId: "p000000000000000", commandId: "records-0001" };
    const withRound = { ...workshop, currentRoundId: round.roundId, roundCount: 1 };
    const help = {
      helpId: "hhelp00000001",
      roundId: round.roundId,
      roomId: "mroom00000003",
      text: "stuck",
      status: "open" as const,
      createdAt: 2,
      takenBy: null,
      updatedAt: 2,
    };
    const applied = await stores.workshops.commit(workshop.workshopId, actor, {
      writes: [
        { kind: "workshop", expected: workshop, next: withRound },
        { kind: "round", expected: null, next: round },
        { kind: "help", expected: null, next: help },
        { kind: "tags", participantId: "pa00000000000000", expected: null, next: { language: "th" } },
        {
          kind: "broadcast",
          broadcastId: "b1",
          expected: null,
          next: { roundId: round.roundId, roomId: null, text: "hi", sentAt: 3 },
        },
      ],
      events: [{ type: "breakout:round", round }],
      result: null,
    });
    expect(applied.status).toBe("applied");
    const again = await stores.workshops.commit(
      workshop.workshopId,
      { ...actor, commandId: "records-0002" },
      { writes: [{ kind: "round", expected: null, next: round }], events: [], result: null },
    );
    expect(again.status).toBe("conflict");
    expect(await stores.breakout.getRound(workshop.workshopId, round.roundId)).toEqual(round);
    expect(await stores.breakout.listRounds(workshop.workshopId)).toEqual([round]);
    expect(await stores.breakout.getHelp(workshop.workshopId, help.helpId)).toEqual(help);
    const full = await stores.workshops.fullSnapshot(workshop.workshopId);
    expect(full?.breakout.round).toEqual(round);
    expect(full?.breakout.helps).toEqual([help]);
    expect(full?.breakout.broadcasts.map((b) => b.text)).toEqual(["hi"]);
    expect(full?.breakout.tags.get("pa00000000000000")).toEqual({ language: "th" });
  });

  it("S13c the call links record is compare-and-set, read back whole, and in the full snapshot", async () => {
    const actor = { actorId: "p000000000000000", commandId: "calls-0001" };
    const calls: CallsRecord = {
      plenary: "https://stream.example.org/p",
      template: "https://meet.example.org/{workshop}-{room}",
      workshopSlug: "abcd1234",
      roundId: null,
      roomSlugs: {},
      pasted: {},
    };
    expect(await stores.calls.getCalls(workshop.workshopId)).toBeNull();
    expect((await stores.workshops.fullSnapshot(workshop.workshopId))?.calls).toBeNull();
    const write = (expected: CallsRecord | null, next: CallsRecord, commandId: string) =>
      stores.workshops.commit(
        workshop.workshopId,
        { ...actor, commandId },
        { writes: [{ kind: "calls", expected, next }], events: [], result: null },
      );
    expect((await write(null, calls, "calls-0001")).status).toBe("applied");
    const changed = { ...calls, plenary: null };
    // Expecting nothing where there is a record: refused, nothing changed.
    expect((await write(null, changed, "calls-0002")).status).toBe("conflict");
    expect(await stores.calls.getCalls(workshop.workshopId)).toEqual(calls);
    expect((await write(calls, changed, "calls-0003")).status).toBe("applied");
    expect(await stores.calls.getCalls(workshop.workshopId)).toEqual(changed);
    expect((await stores.workshops.fullSnapshot(workshop.workshopId))?.calls).toEqual(changed);
  });

  it("S15 a purged workshop is gone for good: every write refuses it, nothing comes back, purging again is fine", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, {
      record: alice,
      sessionTokenHash: "tokenhash-a",
      connectionId: "n1/a",
    });
    await stores.workshops.addParticipant(workshop.workshopId, {
      record: person("counted"),
      sessionTokenHash: "tokenhash-c",
      joinLimit: {
        perWindow: 10,
        windowMs: 60_000,
      },
    });
    await stores.workshops.purgeWorkshop(workshop.workshopId);
    expect(await stores.workshops.getWorkshop(workshop.workshopId)).toBeNull();
    expect(await stores.workshops.findWorkshopIdByJoinCode(workshop.joinCode)).toBeNull();
    expect(await stores.workshops.fullSnapshot(workshop.workshopId)).toBeNull();
    expect(await stores.workshops.getParticipant(workshop.workshopId, alice.participantId)).toBeNull();
    expect(await stores.workshops.currentVersion(workshop.workshopId)).toBe(0);
    const { workshopId } = workshop;
    const command = { actorId: alice.participantId, commandId: "late-write" };
    const writes: Array<[string, () => Promise<unknown>]> = [
      [
        "addParticipant",
        () => stores.workshops.addParticipant(workshopId, { record: person("bob"), sessionTokenHash: "tokenhash-b" }),
      ],
      [
        "commit",
        () =>
          stores.workshops.commit(workshopId, command, {
            writes: [],
            events: [{ type: "participant:presence", participantId: alice.participantId, online: true }],
            result: null,
          }),
      ],
      [
        "connect",
        () => stores.presence.connect(workshopId, { participantId: alice.participantId, connectionId: "n1/late" }),
      ],
      [
        "moveParticipants",
        () =>
          stores.breakout.moveParticipants(workshopId, command, {
            roundId: "rround0000001",
            moves: [{ participantId: alice.participantId, roomId: "mroom00000001", capacity: null }],
            allOrNothing: false,
            resultTemplate: "{}",
          }),
      ],
      ["commitQna", () => stores.qna.commitQna(workshopId, command, { writes: [], result: null })],
      ["upvote", () => stores.qna.upvote(workshopId, { questionId: "qquestion0001", voterKey: "voterkey", up: true })],
      ["nextQuestionSeq", () => stores.qna.nextQuestionSeq(workshopId, "plenary")],
      [
        "appendNoteUpdate",
        () => stores.notes.appendNoteUpdate(workshopId, { docId: "plenary", update: "AAAA", bytes: 3, maxBytes: 1000 }),
      ],
      [
        "saveSnapshot",
        () =>
          stores.notes.saveSnapshot(
            workshopId,
            { snapshotId: "s1", docId: "plenary", name: "x", createdAt: 1 } as never,
            "AAAA",
          ),
      ],
      ["voterSalt", () => stores.workshops.voterSalt(workshopId)],
    ];
    for (const [name, write] of writes) {
      await expect(write(), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await stores.workshops.getWorkshop(workshopId)).toBeNull();
    expect(await stores.workshops.getParticipant(workshopId, person("bob").participantId)).toBeNull();
    await stores.workshops.purgeWorkshop(workshopId);
    // Another workshop is untouched.
    const other = workshopRecord();
    await stores.workshops.createWorkshop(other);
    await stores.workshops.purgeWorkshop(workshopId);
    expect(await stores.workshops.getWorkshop(other.workshopId)).toEqual(other);
  });
});
