import { describe, expect, it } from "vitest";
import type { WorkshopEvent } from "../../shared/workshop.js";
import { planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";

const cluster = useTwoNodes();
const twoNodes = cluster.start;

describe("breakout rooms on two nodes", () => {
  it("a self-select rush of 60 people for 30 seats never overfills a room, with retries and duplicate emits", async () => {
    const { a, b, stores } = await twoNodes();
    const world = await workshopWithPeople([a.url, b.url], 60);
    cluster.track(world.host, ...world.people);
    const round = await planRound(
      world.host,
      [
        { name: "One", capacity: 10 },
        { name: "Two", capacity: 10 },
        { name: "Three", capacity: 10 },
      ],
      { selfSelect: true },
    );
    await world.host.send("breakout:open", { commandId: newCommandId(), roundId: round.roundId });
    const outcomes = await Promise.all(
      world.people.map(async (person, i) => {
        const room = round.rooms[i % 3] as { roomId: string };
        const payload = { commandId: newCommandId(), roundId: round.roundId, roomId: room.roomId };
        // The same command three times at once (a retry storm), then a plain retry.
        const answers = await Promise.all([
          person.send("breakout:pick", payload),
          person.send("breakout:pick", payload),
          person.send("breakout:pick", payload),
        ]);
        answers.push(await person.send("breakout:pick", payload));
        return answers;
      }),
    );
    for (const answers of outcomes) {
      const first = answers[0];
      // Every copy of one command gets the same answer.
      for (const answer of answers) {
        expect(answer.ok).toBe(first?.ok);
        if (!answer.ok) expect(answer.error.code).toBe("ROOM_FULL");
      }
    }
    const seated = outcomes.filter((answers) => answers[0]?.ok).length;
    expect(seated).toBe(30);
    const assignments = await stores.breakout.getAssignments(world.host.session.workshopId, round.roundId);
    const counts = await stores.breakout.getCounts(world.host.session.workshopId, round.roundId);
    expect(assignments.size).toBe(30);
    for (const room of round.rooms) {
      const inRoom = [...assignments.values()].filter((roomId) => roomId === room.roomId).length;
      expect(inRoom).toBeLessThanOrEqual(10);
      expect(counts[room.roomId]).toBe(inRoom);
    }
    // The live head-counts reach a participant on the other node.
    const watcher = world.people[1] as TestClient;
    await watcher.mirror.until((state) => Object.values(state.breakout.counts).reduce((x, y) => x + y, 0) === 30);
  });

  it("the round closes exactly once on time although the node that opened it was killed", async () => {
    const { a, b, stores } = await twoNodes({ ROUND_TIMER_POLL_MS: "100" });
    const world = await workshopWithPeople([a.url, b.url], 4);
    cluster.track(world.host, ...world.people);
    const round = await planRound(world.host, [{ name: "A" }, { name: "B" }], { warningSeconds: 2 });
    await world.host.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    await world.host.send("breakout:open", { commandId: newCommandId(), roundId: round.roundId });
    // End with the 2 s countdown, through node A, then kill A before the countdown is over.
    const ending = await world.host.send("breakout:end", { commandId: newCommandId(), roundId: round.roundId });
    expect(ending).toMatchObject({ ok: true, data: { status: "closing" } });
    await a.kill();
    const survivor = world.people[1] as TestClient;
    await survivor.mirror.until((state) => state.breakout.round?.status === "closed", 15_000);
    const events = (await stores.workshops.eventsSince(world.host.session.workshopId, 0)) as WorkshopEvent[];
    const closings = events.filter(
      (event) =>
        (event.type === "breakout:round" && event.round.status === "closed") ||
        (event.type === "breakout:roundStatus" && event.status === "closed"),
    );
    expect(closings).toHaveLength(1);
    // Nothing is left scheduled for it.
    expect(await stores.timers.dueTimers(Date.now() + 3_600_000, 10)).toEqual([]);
  });

  it("isolation across nodes: room events stay in their room, commands aimed at another room are FORBIDDEN", async () => {
    const { a, b } = await twoNodes();
    const world = await workshopWithPeople([a.url, b.url], 4);
    cluster.track(world.host, ...world.people);
    const [inA1, inB1, inA2, inB2] = world.people as [TestClient, TestClient, TestClient, TestClient];
    const round = await planRound(world.host, [{ name: "A" }, { name: "B" }]);
    const [roomA, roomB] = round.rooms as unknown as [{ roomId: string }, { roomId: string }];
    for (const [people, room] of [
      [[inA1, inA2], roomA],
      [[inB1, inB2], roomB],
    ] as const) {
      await world.host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: people.map((person) => person.session.participantId),
        roomId: room.roomId,
      });
    }
    await world.host.send("breakout:setLead", {
      commandId: newCommandId(),
      roundId: round.roundId,
      roomId: roomA.roomId,
      participantId: inA1.session.participantId,
    });
    await world.host.send("breakout:open", { commandId: newCommandId(), roundId: round.roundId });
    const seenInA: WorkshopEvent[] = [];
    for (const person of [inA1, inA2]) person.socket.on("workshop:events", (batch) => seenInA.push(...batch.events));
    // Room B (one person on each node) asks for help; its lead-less room gets a banner.
    const help = await inB1.send("help:request", { commandId: newCommandId(), text: "B needs help" });
    if (!help.ok) throw new Error(help.error.code);
    await world.host.send("breakout:broadcast", { commandId: newCommandId(), roomId: roomB.roomId, text: "B only" });
    await inB2.mirror.until((state) => state.breakout.broadcasts.some((banner) => banner.text === "B only"));
    await inB2.mirror.until((state) => state.breakout.helps.has(help.data.helpId));
    // The lead of room A, on node A, aims at room B: refused.
    expect(
      await inA1.send("breakout:broadcast", { commandId: newCommandId(), roomId: roomB.roomId, text: "x" }),
    ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await inA1.send("help:take", { commandId: newCommandId(), helpId: help.data.helpId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await inA2.send("breakout:room", { roundId: round.roundId, roomId: roomB.roomId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    // A banner to every room reaches room A on both nodes; by then nothing of room B did.
    await world.host.send("breakout:broadcast", { commandId: newCommandId(), roomId: null, text: "All rooms" });
    for (const person of [inA1, inA2]) {
      await person.mirror.until((state) => state.breakout.broadcasts.some((banner) => banner.text === "All rooms"));
      expect(person.mirror.state.breakout.helps.size).toBe(0);
      expect(person.mirror.state.breakout.broadcasts.map((banner) => banner.text)).toEqual(["All rooms"]);
    }
    const roomBEvents = seenInA.filter((event) => event.type !== "breakout:round");
    expect(JSON.stringify(roomBEvents)).not.toContain(roomB.roomId);
  });
});
