import { describe, expect, it } from "vitest";
import type { Ballot } from "../../shared/poll.js";
import { workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { COLOURS, countOf, createPoll, singleChoice, votersOf } from "../helpers/polls.js";

const cluster = useTwoNodes();

function vote(client: TestClient, pollId: string, ballot: Ballot, commandId = newCommandId()) {
  return client.send("poll:vote", { commandId, pollId, ballot });
}

const pick = (index: number) => ({ kind: "single", optionId: COLOURS[index % 3]?.optionId as string }) as const;

describe("polls on two nodes", () => {
  it("200 voters over two nodes with retries, duplicate emits and second tabs: each counted exactly once", async () => {
    const { a, b, stores } = await cluster.start();
    const world = await workshopWithPeople([a.url, b.url], 200);
    cluster.track(world.host, ...world.people);
    const poll = await createPoll(world.host, singleChoice({ anonymous: true }));
    // A second tab for every tenth person, on the other node.
    const tabs = await Promise.all(
      world.people
        .filter((_, index) => index % 10 === 0)
        .map((person, index) =>
          connectClient(index % 2 ? a.url : b.url, { sessionToken: person.session.sessionToken }),
        ),
    );
    cluster.track(...tabs);
    const finalBallot = new Map<string, number>();
    await Promise.all(
      world.people.map(async (person, index) => {
        const commandId = newCommandId();
        // The same command three times at once (a flaky network's duplicates), then a plain retry.
        const answers = await Promise.all([0, 1, 2].map(() => vote(person, poll.pollId, pick(index), commandId)));
        answers.push(await vote(person, poll.pollId, pick(index), commandId));
        expect(answers.every((answer) => answer.ok)).toBe(true);
        finalBallot.set(person.session.participantId, index);
        // Every fourth person changes their mind.
        if (index % 4 === 0) {
          expect((await vote(person, poll.pollId, pick(index + 1))).ok).toBe(true);
          finalBallot.set(person.session.participantId, index + 1);
        }
      }),
    );
    // Second tabs re-send the person's current ballot under new command ids: nothing changes.
    await Promise.all(
      tabs.map(async (tab) => {
        const choice = finalBallot.get(tab.session.participantId) as number;
        expect(await vote(tab, poll.pollId, pick(choice))).toMatchObject({ ok: true, data: { changed: false } });
      }),
    );
    const expected = new Map(COLOURS.map((colour) => [colour.optionId, 0]));
    for (const choice of finalBallot.values()) {
      const optionId = pick(choice).optionId;
      expected.set(optionId, (expected.get(optionId) ?? 0) + 1);
    }
    const watchers = [world.host, world.people[0] as TestClient, world.people[1] as TestClient];
    for (const watcher of watchers) {
      await watcher.mirror.until(
        () =>
          votersOf(watcher, poll.pollId) === 200 &&
          COLOURS.every((colour) => countOf(watcher, poll.pollId, colour.optionId) === expected.get(colour.optionId)),
        20_000,
      );
    }
    const ballots = await stores.polls.listBallots(world.host.session.workshopId, poll.pollId);
    expect(ballots).toHaveLength(200);
    const stored = JSON.stringify(ballots);
    for (const person of world.people) expect(stored).not.toContain(person.session.participantId);
  });

  it("one person, two tabs on two nodes, changing their vote at once: one ballot, the count never grows", async () => {
    const { a, b } = await cluster.start();
    const world = await workshopWithPeople([a.url], 1);
    const tabOnA = world.people[0] as TestClient;
    const tabOnB = await connectClient(b.url, { sessionToken: tabOnA.session.sessionToken });
    cluster.track(world.host, tabOnA, tabOnB);
    const poll = await createPoll(world.host, singleChoice());
    await Promise.all(
      Array.from({ length: 30 }, (_, index) => vote(index % 2 ? tabOnA : tabOnB, poll.pollId, pick(index))),
    );
    const mine = await tabOnB.send("poll:mine", {});
    if (!mine.ok) throw new Error("poll:mine failed");
    const finalChoice = mine.data.ballots[poll.pollId];
    if (finalChoice?.kind !== "single") throw new Error("no ballot");
    await world.host.mirror.until(
      () =>
        votersOf(world.host, poll.pollId) === 1 &&
        COLOURS.every(
          (colour) =>
            countOf(world.host, poll.pollId, colour.optionId) === (colour.optionId === finalChoice.optionId ? 1 : 0),
        ),
    );
  });

  it("votes racing a close on the other node: every acked vote is counted, every other one is POLL_CLOSED", async () => {
    const { a, b, stores } = await cluster.start();
    const world = await workshopWithPeople([b.url], 40);
    const host = await connectClient(a.url, { sessionToken: world.host.session.sessionToken });
    cluster.track(world.host, host, ...world.people);
    const poll = await createPoll(host, singleChoice());
    const voting = Promise.all(world.people.map((person, index) => vote(person, poll.pollId, pick(index))));
    const closed = await host.send("poll:close", { commandId: newCommandId(), pollId: poll.pollId });
    expect(closed.ok).toBe(true);
    const answers = await voting;
    const acked = answers.filter((answer) => answer.ok).length;
    for (const answer of answers) if (!answer.ok) expect(answer.error.code).toBe("POLL_CLOSED");
    const tally = await stores.polls.getTally(host.session.workshopId, poll.pollId);
    expect(tally.counters.get("*|n") ?? 0).toBe(acked);
    // Nothing is counted after the close, whatever arrives later.
    expect((await vote(world.people[0] as TestClient, poll.pollId, pick(1))).ok).toBe(false);
    expect((await stores.polls.getTally(host.session.workshopId, poll.pollId)).counters.get("*|n") ?? 0).toBe(acked);
  });
});
