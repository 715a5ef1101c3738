import { describe, expect, it } from "vitest";
import type { RoomId } from "../../shared/ids.js";
import type { Ballot } from "../../shared/poll.js";
import { openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { COLOURS, createPoll, singleChoice, storedBallotOf } from "../helpers/polls.js";

/**
 * A node decides votes from its own copy of the voter and the poll, moved along by its event
 * feed. These races change the voter on the OTHER node and vote at once, before this node's
 * feed can have heard of it: the ballot script's version check must send the vote down the
 * fresh path every time, whichever way the race goes.
 */
const cluster = useTwoNodes();

function vote(client: TestClient, pollId: string, ballot: Ballot) {
  return client.send("poll:vote", { commandId: newCommandId(), pollId, ballot });
}

const pick = (index: number) => ({ kind: "single", optionId: COLOURS[index % 3]?.optionId as string }) as const;

describe("votes decided from a node's copy, two nodes", () => {
  it("removed on node A, then voting on node B at once: never counted", async () => {
    const { a, b, stores } = await cluster.start();
    const world = await workshopWithPeople([b.url], 6);
    const hostOnA = await connectClient(a.url, { sessionToken: world.host.session.sessionToken });
    cluster.track(world.host, hostOnA, ...world.people);
    const poll = await createPoll(hostOnA, singleChoice());
    const [first, ...others] = world.people as [TestClient, ...TestClient[]];
    // B's copy is loaded and current: this vote is decided from it.
    expect(await vote(first, poll.pollId, pick(0))).toMatchObject({ ok: true });
    for (const [index, person] of others.entries()) {
      const removed = await hostOnA.send("participant:remove", {
        commandId: newCommandId(),
        participantId: person.session.participantId,
      });
      expect(removed.ok).toBe(true);
      // Either refused or cut off by the revocation; never counted.
      const answer = await vote(person, poll.pollId, pick(index)).catch(() => null);
      if (answer) expect(answer).toMatchObject({ ok: false, error: { code: "SESSION_REVOKED" } });
      expect(await storedBallotOf(stores, hostOnA.session.workshopId, poll, person.session.participantId)).toBeNull();
    }
    expect((await stores.polls.getTally(hostOnA.session.workshopId, poll.pollId)).counters.get("*|n")).toBe(1);
  });

  it("moved on node A, then voting on node B at once: the ballot counts in the new room", async () => {
    const { a, b, stores } = await cluster.start();
    const world = await workshopWithPeople([b.url], 4);
    const hostOnA = await connectClient(a.url, { sessionToken: world.host.session.sessionToken });
    cluster.track(world.host, hostOnA, ...world.people);
    const workshopId = hostOnA.session.workshopId;
    const round = await planRound(hostOnA, [{ name: "North" }, { name: "South" }]);
    await hostOnA.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    await openRound(hostOnA, round);
    const poll = await createPoll(hostOnA, singleChoice({ scope: { kind: "everyRoom", roundId: round.roundId } }));
    const [mover, steady] = world.people as [TestClient, TestClient];
    const assignments = await stores.breakout.getAssignments(workshopId, round.roundId);
    const steadyRoom = assignments.get(steady.session.participantId) as RoomId;
    expect(await vote(steady, poll.pollId, pick(0))).toMatchObject({ ok: true });
    const rooms = round.rooms.map((room) => room.roomId);
    let current = assignments.get(mover.session.participantId) as RoomId;
    for (let step = 0; step < 8; step++) {
      const target = rooms.find((roomId) => roomId !== current) as RoomId;
      const moved = await hostOnA.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [mover.session.participantId],
        roomId: target,
      });
      expect(moved).toMatchObject({ ok: true, data: { moved: 1 } });
      current = target;
      // A different option each time, so every vote moves the ballot and its room's counters.
      expect(await vote(mover, poll.pollId, pick(step + 1))).toMatchObject({ ok: true, data: { changed: true } });
      const counters = (await stores.polls.getTally(workshopId, poll.pollId)).counters;
      for (const roomId of rooms) {
        const expected = (roomId === current ? 1 : 0) + (roomId === steadyRoom ? 1 : 0);
        expect(counters.get(`${roomId}|n`) ?? 0).toBe(expected);
      }
      expect(counters.get("*|n")).toBe(2);
    }
  });
});
