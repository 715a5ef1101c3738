import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import { EVENT_LOG_CAP, type Store } from "../../server/store/types.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** The people a snapshot would list: active ones, with presence. */
async function activeView(store: Store, workshopId: string) {
  const full = await store.fullSnapshot(workshopId);
  if (!full) return null;
  return { version: full.version, participants: full.participants.filter((p) => p.status === "active") };
}

describe.each(Object.keys(factories) as Array<keyof typeof factories>)("store contract: %s", (kind) => {
  let store: Store;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    store = await factories[kind]();
    workshop = workshopRecord();
    await store.createWorkshop(workshop);
  });

  it("S1 a workshop is found by id and by join code; a taken join code is a CONFLICT", async () => {
    expect(await store.getWorkshop(workshop.workshopId)).toEqual(workshop);
    expect(await store.findWorkshopIdByJoinCode(workshop.joinCode)).toBe(workshop.workshopId);
    expect(await store.findWorkshopIdByJoinCode("ZZZZZZ")).toBeNull();
    await expect(store.createWorkshop({ ...workshopRecord(), joinCode: workshop.joinCode })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("S2 adding a participant stores the record and session, and logs one upsert", async () => {
    const alice = person("alice");
    const added = await store.addParticipant(workshop.workshopId, alice, "tokenhash-a");
    expect(added).toEqual({ version: 1, participantId: alice.participantId });
    expect(await store.getParticipant(workshop.workshopId, alice.participantId)).toEqual(alice);
    expect(await store.findParticipantIdBySession(workshop.workshopId, "tokenhash-a")).toBe(alice.participantId);
    expect(await store.findParticipantIdBySession(workshop.workshopId, "other")).toBeNull();
    expect(await store.eventsSince(workshop.workshopId, 0)).toEqual([
      {
        v: 1,
        type: "participant:upserted",
        participant: { participantId: alice.participantId, displayName: "Person alice", role: "participant" },
      },
    ]);
  });

  it("S2b joining connected is one event, online from the start; connecting again changes nothing", async () => {
    const bob = person("bob");
    expect(await store.addParticipant(workshop.workshopId, bob, "tb", "n1/bob")).toMatchObject({ version: 1 });
    await store.connect(workshop.workshopId, bob.participantId, "n1/bob");
    const events = await store.eventsSince(workshop.workshopId, 0);
    expect(events).toEqual([
      {
        v: 1,
        type: "participant:upserted",
        participant: { participantId: bob.participantId, displayName: "Person bob", role: "participant" },
        online: true,
      },
    ]);
    expect((await activeView(store, workshop.workshopId))?.participants[0]?.online).toBe(true);
    await store.disconnect(workshop.workshopId, "n1/bob");
    expect((await activeView(store, workshop.workshopId))?.participants[0]?.online).toBe(false);
  });

  it("S2c a retried join (same join id) gets a new session for the same person, not a second person", async () => {
    const carol = person("carol");
    await store.addParticipant(workshop.workshopId, carol, "t1", "n1/a", "join-id-0123456789");
    await store.disconnect(workshop.workshopId, "n1/a");
    const retry = await store.addParticipant(workshop.workshopId, person("carol2"), "t2", "n1/b", "join-id-0123456789");
    expect(retry).toMatchObject({ participantId: carol.participantId });
    expect(await store.findParticipantIdBySession(workshop.workshopId, "t2")).toBe(carol.participantId);
    const view = await activeView(store, workshop.workshopId);
    expect(view?.participants.map((p) => [p.participantId, p.online])).toEqual([[carol.participantId, true]]);
  });

  it("S3 presence: first connection goes online, last goes offline, repeats change nothing", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "t");
    await store.connect(workshop.workshopId, alice.participantId, "n1/a");
    await store.connect(workshop.workshopId, alice.participantId, "n1/a");
    await store.connect(workshop.workshopId, alice.participantId, "n2/b");
    expect((await activeView(store, workshop.workshopId))?.participants[0]?.online).toBe(true);
    await store.disconnect(workshop.workshopId, "n1/a");
    await store.disconnect(workshop.workshopId, "n1/a");
    expect((await activeView(store, workshop.workshopId))?.participants[0]?.online).toBe(true);
    await store.disconnect(workshop.workshopId, "n2/b");
    const snapshot = await activeView(store, workshop.workshopId);
    expect(snapshot?.participants[0]?.online).toBe(false);
    const presence = (await store.eventsSince(workshop.workshopId, 0))?.filter(
      (e) => e.type === "participant:presence",
    );
    expect(presence?.map((event) => event.type === "participant:presence" && event.online)).toEqual([true, false]);
  });

  it("S4 commit applies once per command id and returns the first result to a retry", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "t");
    const promoted = { ...alice, role: "note-taker" as const };
    const command = { actorId: alice.participantId, commandId: "command-0001" };
    const write = [{ kind: "participant" as const, expected: alice, next: promoted }];
    const events = [
      {
        type: "participant:upserted" as const,
        participant: { participantId: alice.participantId, displayName: "x", role: "note-taker" as const },
      },
    ];
    const first = await store.commit(workshop.workshopId, command, write, events, { answer: 1 });
    expect(first).toEqual({ status: "applied", version: 2, result: { answer: 1 } });
    const retry = await store.commit(workshop.workshopId, command, write, events, { answer: 2 });
    expect(retry).toEqual({ status: "duplicate", result: { answer: 1 } });
    expect(await store.commandResult(workshop.workshopId, command)).toEqual({ answer: 1 });
    expect(await store.currentVersion(workshop.workshopId)).toBe(2);
  });

  it("S5 commit refuses a stale expected record (optimistic concurrency) and changes nothing", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "t");
    const stale = { ...alice, role: "facilitator" as const };
    const outcome = await store.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "command-0002" },
      [{ kind: "participant", expected: stale, next: { ...alice, status: "removed" } }],
      [{ type: "participant:removed", participantId: alice.participantId, reason: "removed" }],
      {},
    );
    expect(outcome).toEqual({ status: "conflict" });
    expect(await store.getParticipant(workshop.workshopId, alice.participantId)).toEqual(alice);
    expect(await store.currentVersion(workshop.workshopId)).toBe(1);
    expect(
      await store.commandResult(workshop.workshopId, { actorId: alice.participantId, commandId: "command-0002" }),
    ).toBeNull();
  });

  it("S6 workshop record writes are compare-and-set too", async () => {
    const ended = { ...workshop, status: "ended" as const };
    const actor = { actorId: "p000000000000000", commandId: "command-0003" };
    const applied = await store.commit(
      workshop.workshopId,
      actor,
      [{ kind: "workshop", expected: workshop, next: ended }],
      [],
      1,
    );
    expect(applied.status).toBe("applied");
    expect((await store.getWorkshop(workshop.workshopId))?.status).toBe("ended");
    const stale = await store.commit(
      workshop.workshopId,
      { ...actor, commandId: "command-0004" },
      [{ kind: "workshop", expected: workshop, next: ended }],
      [],
      1,
    );
    expect(stale.status).toBe("conflict");
  });

  it("S7 snapshot lists active people only, with presence, at the current version", async () => {
    const alice = person("alice");
    const bob = person("bob");
    await store.addParticipant(workshop.workshopId, alice, "ta");
    await store.addParticipant(workshop.workshopId, bob, "tb");
    await store.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "command-0005" },
      [{ kind: "participant", expected: bob, next: { ...bob, status: "removed" } }],
      [{ type: "participant:removed", participantId: bob.participantId, reason: "removed" }],
      {},
    );
    const snapshot = await activeView(store, workshop.workshopId);
    expect(snapshot?.version).toBe(3);
    expect(snapshot?.participants.map((p) => p.participantId)).toEqual([alice.participantId]);
    expect(await store.fullSnapshot("wnonexistent0000")).toBeNull();
  });

  it("S8 eventsSince returns consecutive events, [] when current, null when the log no longer reaches", async () => {
    for (let i = 0; i < 5; i++) await store.addParticipant(workshop.workshopId, person(`p${i}`), `t${i}`);
    const events = await store.eventsSince(workshop.workshopId, 2);
    expect(events?.map((event) => event.v)).toEqual([3, 4, 5]);
    expect(await store.eventsSince(workshop.workshopId, 5)).toEqual([]);
    expect(await store.eventsSince(workshop.workshopId, 9)).toEqual([]);
  });

  it("S9 the log is capped; a client older than the cap gets null (full snapshot)", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "t");
    // Distinct people, each going online once, pipelined in slices so none waits past the timeout.
    for (let start = 0; start < EVENT_LOG_CAP + 5; start += 250) {
      const slice = Math.min(250, EVENT_LOG_CAP + 5 - start);
      await Promise.all(
        Array.from({ length: slice }, (_, i) =>
          store.connect(workshop.workshopId, `p${String(start + i).padStart(15, "0")}`, `n/${start + i}`),
        ),
      );
    }
    const version = await store.currentVersion(workshop.workshopId);
    expect(version).toBe(1 + EVENT_LOG_CAP + 5);
    expect(await store.eventsSince(workshop.workshopId, 0)).toBeNull();
    expect((await store.eventsSince(workshop.workshopId, version - EVENT_LOG_CAP))?.length).toBe(EVENT_LOG_CAP);
  }, 60_000);

  it("S10 subscribers hear every change with its version; unsubscribe stops that", async () => {
    const heard: number[] = [];
    const unsubscribe = await store.subscribe(workshop.workshopId, (version) => heard.push(version));
    await store.addParticipant(workshop.workshopId, person("alice"), "t");
    await expect.poll(() => heard).toEqual([1]);
    await unsubscribe();
    await store.addParticipant(workshop.workshopId, person("bob"), "t2");
    await store.ping();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([1]);
  });

  it("S11 reaping a dead node closes exactly its connections", async () => {
    const alice = person("alice");
    const bob = person("bob");
    await store.addParticipant(workshop.workshopId, alice, "ta");
    await store.addParticipant(workshop.workshopId, bob, "tb");
    await store.connect(workshop.workshopId, alice.participantId, "ndead/1");
    await store.connect(workshop.workshopId, bob.participantId, "ndead/2");
    await store.connect(workshop.workshopId, bob.participantId, "nlive/3");
    await store.heartbeat("ndead", 1000);
    await store.heartbeat("nlive", 50_000);
    expect(await store.deadNodes(10_000)).toEqual(["ndead"]);
    expect(await store.reapNode("ndead")).toBe(2);
    const online = (await activeView(store, workshop.workshopId))?.participants.map((p) => [p.displayName, p.online]);
    expect(new Map(online as Array<[string, boolean]>)).toEqual(
      new Map([
        ["Person alice", false],
        ["Person bob", true],
      ]),
    );
    expect(await store.deadNodes(10_000)).toEqual([]);
  });

  it("S11b a live node's repair closes only the connections it no longer has", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "ta");
    await store.connect(workshop.workshopId, alice.participantId, "nself/1");
    await store.connect(workshop.workshopId, alice.participantId, "nself/2");
    await store.heartbeat("nself", 50_000);
    expect(await store.reapNode("nself", (connectionId) => connectionId === "nself/2")).toBe(1);
    expect((await activeView(store, workshop.workshopId))?.participants[0]?.online).toBe(true);
    expect(await store.reapNode("nself", () => false)).toBe(1);
    expect((await activeView(store, workshop.workshopId))?.participants[0]?.online).toBe(false);
    // A live node stays registered.
    expect(await store.deadNodes(60_000)).toEqual(["nself"]);
  });

  it("S12 moves respect capacity in order, skip no-ops, log one event per move and keep counts", async () => {
    const command = (id: string) => ({ actorId: "p000000000000000", commandId: `move-${id}-0001` });
    const moves = [
      { participantId: "pa00000000000000", roomId: "mroom00000001", capacity: 2 },
      { participantId: "pb00000000000000", roomId: "mroom00000001", capacity: 2 },
      { participantId: "pc00000000000000", roomId: "mroom00000001", capacity: 2 },
      { participantId: "pd00000000000000", roomId: "mroom00000002", capacity: null },
    ];
    const outcome = await store.moveParticipants(
      workshop.workshopId,
      command("a"),
      "rround0000001",
      moves,
      false,
      '{"moved":"__MOVED__","refused":"__REFUSED__"}',
    );
    expect(outcome).toMatchObject({ status: "applied", moved: 3, refused: ["pc00000000000000"] });
    expect(outcome.status === "applied" && outcome.result).toEqual({ moved: 3, refused: ["pc00000000000000"] });
    expect(await store.getCounts(workshop.workshopId, "rround0000001")).toEqual({ mroom00000001: 2, mroom00000002: 1 });
    expect(await store.getAssignment(workshop.workshopId, "rround0000001", "pd00000000000000")).toBe("mroom00000002");
    expect((await store.getRoomMembers(workshop.workshopId, "rround0000001", "mroom00000001")).sort()).toEqual([
      "pa00000000000000",
      "pb00000000000000",
    ]);
    const retry = await store.moveParticipants(workshop.workshopId, command("a"), "rround0000001", [], false, "{}");
    expect(retry).toEqual({ status: "duplicate", result: { moved: 3, refused: ["pc00000000000000"] } });
    // All-or-nothing refuses everything when one move does not fit.
    const full = await store.moveParticipants(
      workshop.workshopId,
      command("b"),
      "rround0000001",
      [
        { participantId: "pd00000000000000", roomId: null, capacity: null },
        { participantId: "pc00000000000000", roomId: "mroom00000001", capacity: 2 },
      ],
      true,
      "{}",
    );
    expect(full).toEqual({ status: "full", refused: ["pc00000000000000"] });
    expect(await store.getAssignment(workshop.workshopId, "rround0000001", "pd00000000000000")).toBe("mroom00000002");
    // Moving out frees a seat within the same command; a no-op move logs nothing.
    const version = await store.currentVersion(workshop.workshopId);
    const swap = await store.moveParticipants(
      workshop.workshopId,
      command("c"),
      "rround0000001",
      [
        { participantId: "pa00000000000000", roomId: null, capacity: null },
        { participantId: "pc00000000000000", roomId: "mroom00000001", capacity: 2 },
        { participantId: "pb00000000000000", roomId: "mroom00000001", capacity: 2 },
      ],
      true,
      "{}",
    );
    expect(swap).toMatchObject({ status: "applied", moved: 2 });
    const events = (await store.eventsSince(workshop.workshopId, version)) ?? [];
    expect(
      events.map(
        (event) => event.type === "breakout:assigned" && [event.participantId, event.roomId, event.fromRoomId],
      ),
    ).toEqual([
      ["pa00000000000000", null, "mroom00000001"],
      ["pc00000000000000", "mroom00000001", null],
    ]);
    expect(await store.getCounts(workshop.workshopId, "rround0000001")).toEqual({ mroom00000001: 2, mroom00000002: 1 });
    expect((await store.getRoomMembers(workshop.workshopId, "rround0000001", "mroom00000001")).sort()).toEqual([
      "pb00000000000000",
      "pc00000000000000",
    ]);
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
    const applied = await store.commit(
      workshop.workshopId,
      actor,
      [
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
      [{ type: "breakout:round", round }],
      null,
    );
    expect(applied.status).toBe("applied");
    const again = await store.commit(
      workshop.workshopId,
      { ...actor, commandId: "records-0002" },
      [{ kind: "round", expected: null, next: round }],
      [],
      null,
    );
    expect(again.status).toBe("conflict");
    expect(await store.getRound(workshop.workshopId, round.roundId)).toEqual(round);
    expect(await store.listRounds(workshop.workshopId)).toEqual([round]);
    expect(await store.getHelp(workshop.workshopId, help.helpId)).toEqual(help);
    const full = await store.fullSnapshot(workshop.workshopId);
    expect(full?.breakout.round).toEqual(round);
    expect(full?.breakout.helps).toEqual([help]);
    expect(full?.breakout.broadcasts.map((b) => b.text)).toEqual(["hi"]);
    expect(full?.breakout.tags.get("pa00000000000000")).toEqual({ language: "th" });
  });

  it("S14 round timers: due ones are listed oldest first, cleared ones are gone", async () => {
    await store.scheduleTimer(workshop.workshopId, "rround0000003", 2000, "exact");
    await store.scheduleTimer(workshop.workshopId, "rround0000004", 1000, "exact");
    await store.scheduleTimer(workshop.workshopId, "rround0000005", 9000, "exact");
    // "earliest" never moves a time later.
    await store.scheduleTimer(workshop.workshopId, "rround0000003", 7000, "earliest");
    const due = (await store.dueTimers(5000, 10)).filter((timer) => timer.workshopId === workshop.workshopId);
    expect(due.map((timer) => timer.subjectId)).toEqual(["rround0000004", "rround0000003"]);
    await store.scheduleTimer(workshop.workshopId, "rround0000004", 8000, "exact");
    await store.clearTimer(workshop.workshopId, "rround0000003");
    const later = (await store.dueTimers(5000, 10)).filter((timer) => timer.workshopId === workshop.workshopId);
    expect(later).toEqual([]);
  });

  it("S15 a purged workshop is gone for good: every write refuses it, nothing comes back, purging again is fine", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "tokenhash-a", "n1/a");
    await store.scheduleTimer(workshop.workshopId, "rround0000001", 1000, "exact");
    await store.scheduleTimer(workshop.workshopId, "idle", 2000, "exact");
    await store.addParticipant(workshop.workshopId, person("counted"), "tokenhash-c", undefined, undefined, {
      perWindow: 10,
      windowMs: 60_000,
    });
    await store.purgeWorkshop(workshop.workshopId);
    expect(await store.getWorkshop(workshop.workshopId)).toBeNull();
    expect(await store.findWorkshopIdByJoinCode(workshop.joinCode)).toBeNull();
    expect(await store.fullSnapshot(workshop.workshopId)).toBeNull();
    expect(await store.getParticipant(workshop.workshopId, alice.participantId)).toBeNull();
    expect(await store.currentVersion(workshop.workshopId)).toBe(0);
    expect((await store.dueTimers(10_000, 100)).filter((timer) => timer.workshopId === workshop.workshopId)).toEqual(
      [],
    );
    const { workshopId } = workshop;
    const command = { actorId: alice.participantId, commandId: "late-write" };
    const writes: Array<[string, () => Promise<unknown>]> = [
      ["addParticipant", () => store.addParticipant(workshopId, person("bob"), "tokenhash-b")],
      [
        "commit",
        () =>
          store.commit(
            workshopId,
            command,
            [],
            [{ type: "participant:presence", participantId: alice.participantId, online: true }],
            null,
          ),
      ],
      ["connect", () => store.connect(workshopId, alice.participantId, "n1/late")],
      [
        "moveParticipants",
        () =>
          store.moveParticipants(
            workshopId,
            command,
            "rround0000001",
            [{ participantId: alice.participantId, roomId: "mroom00000001", capacity: null }],
            false,
            "{}",
          ),
      ],
      ["commitQna", () => store.commitQna(workshopId, command, [], null)],
      ["upvote", () => store.upvote(workshopId, "qquestion0001", "voterkey", true)],
      ["nextQuestionSeq", () => store.nextQuestionSeq(workshopId, "plenary")],
      ["appendNoteUpdate", () => store.appendNoteUpdate(workshopId, "plenary", "AAAA", 3, 1000)],
      [
        "saveSnapshot",
        () =>
          store.saveSnapshot(
            workshopId,
            { snapshotId: "s1", docId: "plenary", name: "x", createdAt: 1 } as never,
            "AAAA",
          ),
      ],
      ["voterSalt", () => store.voterSalt(workshopId)],
    ];
    for (const [name, write] of writes) {
      await expect(write(), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await store.getWorkshop(workshopId)).toBeNull();
    expect(await store.getParticipant(workshopId, person("bob").participantId)).toBeNull();
    await store.purgeWorkshop(workshopId);
    // Another workshop is untouched.
    const other = workshopRecord();
    await store.createWorkshop(other);
    await store.purgeWorkshop(workshopId);
    expect(await store.getWorkshop(other.workshopId)).toEqual(other);
  });

  it("S16 connecting past a person's connection limit is refused and writes nothing", async () => {
    const alice = person("alice");
    await store.addParticipant(workshop.workshopId, alice, "tokenhash-a");
    expect(await store.connect(workshop.workshopId, alice.participantId, "n1/one", 2)).toBe(true);
    expect(await store.connect(workshop.workshopId, alice.participantId, "n1/two", 2)).toBe(true);
    expect(await store.connect(workshop.workshopId, alice.participantId, "n1/three", 2)).toBe(false);
    // The same connection again is no new connection.
    expect(await store.connect(workshop.workshopId, alice.participantId, "n1/two", 2)).toBe(true);
    expect(await store.connectionCount(workshop.workshopId, alice.participantId)).toBe(2);
    await store.disconnect(workshop.workshopId, "n1/one");
    expect(await store.connect(workshop.workshopId, alice.participantId, "n1/three", 2)).toBe(true);
  });
});

describe.each(Object.keys(factories) as Array<keyof typeof factories>)("clocked rules: %s", (kind) => {
  it("S17 rate counters: every caller's hits in one count over a sliding window; scopes and names apart", async () => {
    const minute = 60_000;
    const hour = 60 * minute;
    // A window in the future: Redis expires counters by its own clock.
    const start = (Math.floor(Date.now() / hour) + 100) * hour;
    let now = start;
    const store = await factories[kind]({ now: () => now });
    const scope = `address-${Math.random()}`;
    const joins = (increment: number) => ({ name: "join", windowMs: minute, increment });
    expect(await store.countInWindows(scope, [joins(0)])).toEqual([0]);
    expect(await store.countInWindows(scope, [joins(1)])).toEqual([1]);
    expect(await store.countInWindows(scope, [joins(2), { name: "fail", windowMs: hour, increment: 1 }])).toEqual([
      3, 1,
    ]);
    expect(await store.countInWindows(`${scope}-other`, [joins(0)])).toEqual([0]);
    // A quarter into the next window, three quarters of the last one still count: no fresh start at a boundary.
    now = start + minute + minute / 4;
    expect(await store.countInWindows(scope, [joins(0), { name: "fail", windowMs: hour, increment: 0 }])).toEqual([
      2, 1,
    ]);
    expect(await store.countInWindows(scope, [joins(1)])).toEqual([3]);
    now = start + 3 * minute;
    expect(await store.countInWindows(scope, [joins(0)])).toEqual([0]);
  });

  it("S19 a workshop's join limit is checked and counted with the join: over it nothing is written; a retried join is no new one", async () => {
    const minute = 60_000;
    const start = (Math.floor(Date.now() / minute) + 100) * minute;
    let now = start;
    const store = await factories[kind]({ now: () => now });
    const workshop = workshopRecord();
    await store.createWorkshop(workshop);
    const limit = { perWindow: 2, windowMs: minute };
    const join = (id: string, joinId?: string) =>
      store.addParticipant(workshop.workshopId, person(id), `token-${id}-${Math.random()}`, undefined, joinId, limit);
    expect(await join("a", "join-id-aaaaaaaaaaaaaaaa")).toMatchObject({ participantId: person("a").participantId });
    expect(await join("b")).toMatchObject({ participantId: person("b").participantId });
    expect(await join("c")).toEqual({ limited: true });
    // The first person's retried join resumes them: not counted, not refused.
    expect(await join("a2", "join-id-aaaaaaaaaaaaaaaa")).toMatchObject({ participantId: person("a").participantId });
    expect(await store.getParticipant(workshop.workshopId, person("c").participantId)).toBeNull();
    expect(await store.currentVersion(workshop.workshopId)).toBe(2);
    // Two windows later there is room again.
    now = start + 2 * minute;
    expect(await join("c")).toMatchObject({ participantId: person("c").participantId });
  });

  it("S18 a retry is recognised for 24 to 48 hours: the next UTC day still, not the day after", async () => {
    const day = 24 * 60 * 60 * 1000;
    // A day in the future: Redis expires the day's records by its own clock, at the end of the next day.
    const start = (Math.floor(Date.now() / day) + 10) * day + 60_000;
    let now = start;
    const store = await factories[kind]({ now: () => now });
    const workshop = workshopRecord();
    await store.createWorkshop(workshop);
    const ref = { actorId: person("alice").participantId, commandId: "retry-me" };
    expect(await store.commit(workshop.workshopId, ref, [], [], { first: true })).toMatchObject({ status: "applied" });
    now = start + day - 120_000;
    expect(await store.commit(workshop.workshopId, ref, [], [], { first: false })).toEqual({
      status: "duplicate",
      result: { first: true },
    });
    now = start + day + 120_000;
    expect(await store.commandResult(workshop.workshopId, ref)).toEqual({ first: true });
    now = start + 2 * day;
    expect(await store.commandResult(workshop.workshopId, ref)).toBeNull();
    // Another person's command with the same id is another command.
    expect(await store.commandResult(workshop.workshopId, { ...ref, actorId: person("bob").participantId })).toBeNull();
  });
});
