import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ROOMS } from "../../shared/breakout.js";
import type { WorkshopEvent } from "../../shared/workshop.js";
import { currentRoomOf } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server.close());

/** Every event a client receives, to check what it never saw. */
function recordEvents(client: TestClient): WorkshopEvent[] {
  const seen: WorkshopEvent[] = [];
  client.socket.on("workshop:events", (batch) => seen.push(...batch.events));
  return seen;
}

describe("breakout rounds", () => {
  it("plan, balanced assignment, open: everyone lands in a room of balanced size and sees it", async () => {
    const { host, people } = await workshopWithPeople([server.url], 7);
    const round = await planRound(host, [
      { name: "Forced labour" },
      { name: "Forced marriage" },
      { name: "Partnerships" },
    ]);
    const assigned = await host.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    expect(assigned).toMatchObject({ ok: true, data: { moved: 7, unassigned: [], unmet: [] } });
    await openRound(host, round);
    for (const person of people) {
      await person.mirror.until((state) => currentRoomOf(state, person.session.participantId) !== null);
    }
    const sizes = new Map<string, number>();
    for (const person of people) {
      const room = currentRoomOf(person.mirror.state, person.session.participantId) as string;
      sizes.set(room, (sizes.get(room) ?? 0) + 1);
    }
    expect([...sizes.values()].sort()).toEqual([2, 2, 3]);
    await host.mirror.until((state) => Object.values(state.breakout.counts).reduce((a, b) => a + b, 0) === 7);
    expect(Object.keys(host.mirror.state.breakout.counts)).toHaveLength(3);
    // A participant is told their own room's head-count, not every room's (the round is not self-select),
    // live and in a fresh snapshot alike.
    for (const person of people) {
      const room = currentRoomOf(person.mirror.state, person.session.participantId) as string;
      await person.mirror.until(
        (state) => JSON.stringify(state.breakout.counts) === JSON.stringify({ [room]: sizes.get(room) }),
      );
      const sync = await person.send("workshop:sync", {});
      if (!sync.ok || sync.data.kind !== "snapshot") throw new Error("expected a snapshot");
      expect(sync.data.snapshot.breakout.counts).toEqual({ [room]: sizes.get(room) });
    }
    closeAll([host, ...people]);
  });

  it("isolation: a participant sees their own room's people, help and banners, never another room's", async () => {
    const { host, people } = await workshopWithPeople([server.url], 4);
    // Rooms that show names: their people see each other (test/multinode/rosterPrivacy.test.ts has rooms that do not).
    const round = await planRound(host, [
      { name: "A", namesVisible: true },
      { name: "B", namesVisible: true },
    ]);
    const [roomA, roomB] = round.rooms as unknown as [{ roomId: string }, { roomId: string }];
    const [a1, a2, b1, b2] = people as [TestClient, TestClient, TestClient, TestClient];
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [a1.session.participantId, a2.session.participantId],
      roomId: roomA.roomId,
    });
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [b1.session.participantId, b2.session.participantId],
      roomId: roomB.roomId,
    });
    await openRound(host, round);
    const seenByA = recordEvents(a1);
    await a1.mirror.until((state) => currentRoomOf(state, a1.session.participantId) === roomA.roomId);
    await b1.mirror.until((state) => currentRoomOf(state, b1.session.participantId) === roomB.roomId);
    // Room B asks for help and gets a banner; room A must not hear of either.
    const help = await b1.send("help:request", { commandId: newCommandId(), text: "We are stuck" });
    expect(help).toMatchObject({ ok: true, data: { roomId: roomB.roomId, status: "open", text: "We are stuck" } });
    await host.send("breakout:broadcast", { commandId: newCommandId(), roomId: roomB.roomId, text: "Only for B" });
    await b2.mirror.until((state) => state.breakout.broadcasts.some((b) => b.text === "Only for B"));
    await b2.mirror.until((state) => state.breakout.helps.size === 1);
    await host.mirror.until((state) => state.breakout.helps.size === 1);
    // A banner to all rooms reaches A too: once it has, A has had every batch sent before it.
    await host.send("breakout:broadcast", { commandId: newCommandId(), roomId: null, text: "Everyone" });
    await a1.mirror.until((state) => state.breakout.broadcasts.some((b) => b.text === "Everyone"));
    expect(a1.mirror.state.breakout.helps.size).toBe(0);
    expect(a1.mirror.state.breakout.broadcasts.map((b) => b.text)).toEqual(["Everyone"]);
    expect([...a1.mirror.state.breakout.assignments.keys()].sort()).toEqual(
      [a1.session.participantId, a2.session.participantId].sort(),
    );
    // Room B's name and id are public (the round lists its rooms); nothing that happens in it is.
    expect(JSON.stringify(seenByA.filter((event) => event.type !== "breakout:round"))).not.toContain(roomB.roomId);
    // A fresh snapshot is filtered the same way.
    const sync = await a1.send("workshop:sync", {});
    if (!sync.ok || sync.data.kind !== "snapshot") throw new Error("expected a snapshot");
    expect(JSON.stringify(sync.data.snapshot.breakout.assignments)).not.toContain(b1.session.participantId);
    expect(sync.data.snapshot.breakout.helps).toEqual([]);
    // Commands aimed at another room are FORBIDDEN.
    expect(await a1.send("breakout:room", { roundId: round.roundId, roomId: roomB.roomId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    if (!help.ok) throw new Error("no help");
    expect(await a1.send("help:resolve", { commandId: newCommandId(), helpId: help.data.helpId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    closeAll([host, ...people]);
  });

  it("help round trip: ask, a facilitator takes it, resolves it; the room sees each status", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const round = await planRound(host, [{ name: "Room 7" }]);
    await host.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    await openRound(host, round);
    const [asker, roommate] = people as [TestClient, TestClient];
    await asker.mirror.until((state) => currentRoomOf(state, asker.session.participantId) !== null);
    const asked = await asker.send("help:request", { commandId: newCommandId() });
    if (!asked.ok) throw new Error(asked.error.code);
    await host.mirror.until((state) => state.breakout.helps.get(asked.data.helpId)?.status === "open");
    expect(await host.send("help:take", { commandId: newCommandId(), helpId: asked.data.helpId })).toMatchObject({
      ok: true,
      data: { status: "taken", takenBy: host.session.participantId },
    });
    await roommate.mirror.until((state) => state.breakout.helps.get(asked.data.helpId)?.status === "taken");
    await host.send("help:resolve", { commandId: newCommandId(), helpId: asked.data.helpId });
    await asker.mirror.until((state) => state.breakout.helps.get(asked.data.helpId)?.status === "resolved");
    // Who asked is not stored anywhere in the request.
    expect(
      JSON.stringify(await server.stores.breakout.getHelp(host.session.workshopId, asked.data.helpId)),
    ).not.toContain(asker.session.participantId);
    closeAll([host, ...people]);
  });

  it("room lead acts in their room only; leave room, close room and end round bring people back", async () => {
    const { host, people } = await workshopWithPeople([server.url], 4);
    const round = await planRound(host, [{ name: "A" }, { name: "B" }]);
    const [roomA, roomB] = round.rooms as unknown as [{ roomId: string }, { roomId: string }];
    const [lead, member, other, walker] = people as [TestClient, TestClient, TestClient, TestClient];
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [lead.session.participantId, member.session.participantId, walker.session.participantId],
      roomId: roomA.roomId,
    });
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [other.session.participantId],
      roomId: roomB.roomId,
    });
    await host.send("breakout:setLead", {
      commandId: newCommandId(),
      roundId: round.roundId,
      roomId: roomA.roomId,
      participantId: lead.session.participantId,
    });
    await openRound(host, round);
    expect(
      await lead.send("breakout:broadcast", { commandId: newCommandId(), roomId: roomA.roomId, text: "Lead speaks" }),
    ).toMatchObject({ ok: true });
    for (const roomId of [roomB.roomId, null]) {
      expect(
        await lead.send("breakout:broadcast", { commandId: newCommandId(), roomId, text: "Not my room" }),
      ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(
      await member.send("breakout:broadcast", { commandId: newCommandId(), roomId: roomA.roomId, text: "x" }),
    ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    // Leave room: back to the plenary.
    await walker.mirror.until((state) => currentRoomOf(state, walker.session.participantId) === roomA.roomId);
    expect(await walker.send("breakout:leaveRoom", { commandId: newCommandId() })).toEqual({ ok: true, data: {} });
    await walker.mirror.until((state) => currentRoomOf(state, walker.session.participantId) === null);
    // Close room B: its person returns; nobody can be moved there.
    await host.send("breakout:closeRoom", { commandId: newCommandId(), roundId: round.roundId, roomId: roomB.roomId });
    await other.mirror.until((state) => currentRoomOf(state, other.session.participantId) === null);
    expect(
      await host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [walker.session.participantId],
        roomId: roomB.roomId,
      }),
    ).toMatchObject({ ok: false, error: { code: "INVALID_STATE" } });
    // End now: everyone back.
    await host.send("breakout:end", { commandId: newCommandId(), roundId: round.roundId, immediate: true });
    for (const person of people) {
      await person.mirror.until((state) => state.breakout.round?.status === "closed");
      expect(currentRoomOf(person.mirror.state, person.session.participantId)).toBeNull();
    }
    closeAll([host, ...people]);
  });

  it("a new round can reuse the groups of the previous one", async () => {
    const { host, people } = await workshopWithPeople([server.url], 4);
    const first = await planRound(host, [{ name: "A" }, { name: "B" }]);
    await host.send("breakout:assign", { commandId: newCommandId(), roundId: first.roundId });
    await host.send("breakout:end", { commandId: newCommandId(), roundId: first.roundId, immediate: true });
    const before = await server.stores.breakout.getAssignments(host.session.workshopId, first.roundId);
    const second = await host.send("breakout:plan", {
      commandId: newCommandId(),
      rooms: [{ name: "A2", topic: "New prompt" }, { name: "B2" }],
      durationSeconds: 600,
      reuseGroupsFrom: first.roundId,
    });
    if (!second.ok) throw new Error(second.error.code);
    const after = await server.stores.breakout.getAssignments(host.session.workshopId, second.data.roundId);
    const index = (roundRooms: Array<{ roomId: string }>, roomId: string | undefined) =>
      roundRooms.findIndex((room) => room.roomId === roomId);
    for (const person of people) {
      const id = person.session.participantId;
      expect(index(second.data.rooms, after.get(id))).toBe(index(first.rooms, before.get(id)));
    }
    closeAll([host, ...people]);
  });

  it("pre-assign from a pasted list reports names it could not match", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3, "Name");
    const round = await planRound(host, [{ name: "Khmer room" }, { name: "Thai room", capacity: 1 }]);
    const text = [
      "Name0 -> Khmer room",
      "name1 , THAI ROOM",
      "Name2 -> Thai room",
      "Nobody -> Khmer room",
      "Name0 -> Nowhere",
    ].join("\n");
    const answer = await host.send("breakout:preassign", { commandId: newCommandId(), roundId: round.roundId, text });
    if (!answer.ok) throw new Error(answer.error.code);
    expect(answer.data.moved).toBe(2);
    expect(answer.data.unmatched.map((entry) => entry.reason).sort()).toEqual([
      "room full",
      "unknown person",
      "unknown room",
    ]);
    closeAll([host, ...people]);
  });

  it(`a round of ${MAX_ROOMS} rooms (10,000 people in rooms of 20) is planned and reaches everyone; one more room is refused`, async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    const names = Array.from({ length: MAX_ROOMS }, (_, index) => ({ name: `Room ${index + 1} Mekong` }));
    const round = await planRound(host, names);
    expect(round.rooms).toHaveLength(MAX_ROOMS);
    for (const person of people) {
      await person.mirror.until((state) => state.breakout.round?.rooms.length === MAX_ROOMS);
    }
    const tooMany = await host.send("breakout:plan", {
      commandId: newCommandId(),
      rooms: [...names, { name: "One too many" }],
      durationSeconds: 600,
      warningSeconds: 60,
      selfSelect: false,
    });
    expect(tooMany.ok ? null : tooMany.error.code).toBe("BAD_REQUEST");
  });

  it("a burst of moves reaches the facilitator as a few coalesced batches", async () => {
    const { host, people } = await workshopWithPeople([server.url], 40);
    const round = await planRound(host, [{ name: "A" }, { name: "B" }, { name: "C" }, { name: "D" }]);
    let batches = 0;
    let counts = 0;
    host.socket.on("workshop:events", () => batches++);
    host.socket.on("breakout:counts", () => counts++);
    for (let i = 0; i < 5; i++) {
      await host.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId, reshuffle: true });
    }
    await host.mirror.until((state) => state.breakout.assignments.size === 40);
    const moves = (await server.stores.workshops.currentVersion(host.session.workshopId)) - 0;
    expect(moves).toBeGreaterThan(100);
    expect(batches).toBeLessThan(15);
    expect(counts).toBeLessThanOrEqual(batches);
    closeAll([host, ...people]);
  });
});
