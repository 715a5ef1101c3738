import { describe, expect, it } from "vitest";
import type { Ballot, PollView } from "../../shared/poll.js";
import { workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { countOf, createPoll, singleChoice, votersOf } from "../helpers/polls.js";

/**
 * "Results after voting" (issue 16): a participant receives a poll's results only once they hold
 * a ballot in it (or it closed); managers always. Exact across two nodes and across a person's
 * tabs, for anonymous ballots too, whose voters the store cannot name.
 */
const cluster = useTwoNodes();

const red = { kind: "single", optionId: "red" } as const;
const blue = { kind: "single", optionId: "blue" } as const;

function vote(client: TestClient, pollId: string, ballot: Ballot) {
  return client.send("poll:vote", { commandId: newCommandId(), pollId, ballot });
}

function updatesOf(client: TestClient, pollId: string) {
  return client.mirror.pollResults.filter((update) => update.pollId === pollId);
}

/**
 * Waits until every client received a live poll's results made after this point: results are
 * written in the order the ticks decide them, so whatever a hidden poll's tick would have sent
 * them before has arrived by then.
 */
async function barrier(host: TestClient, clients: TestClient[]): Promise<void> {
  const poll = await createPoll(host, singleChoice({ question: `Barrier ${newCommandId()}` }));
  await vote(host, poll.pollId, blue);
  for (const client of clients) await client.mirror.until(() => countOf(client, poll.pollId, "blue") === 1, 10_000);
}

async function afterVotingPoll(host: TestClient, anonymous: boolean): Promise<PollView> {
  return createPoll(host, singleChoice({ resultsVisibility: "afterVoting", anonymous }));
}

describe("results after voting, on two nodes", () => {
  for (const anonymous of [true, false]) {
    it(`${anonymous ? "anonymous" : "named"} poll: nobody gets results before voting, each voter after, the manager always`, async () => {
      const { a, b } = await cluster.start();
      const world = await workshopWithPeople([a.url, b.url], 4);
      cluster.track(world.host, ...world.people);
      const [ana, bo, chan, dee] = world.people as [TestClient, TestClient, TestClient, TestClient];
      const poll = await afterVotingPoll(world.host, anonymous);
      // The manager sees the (empty) results at once.
      await world.host.mirror.until(() => votersOf(world.host, poll.pollId) === 0);

      // Ana (node a) and Bo (node b) vote; Chan and Dee (one on each node) do not.
      expect((await vote(ana, poll.pollId, red)).ok).toBe(true);
      expect((await vote(bo, poll.pollId, red)).ok).toBe(true);
      await world.host.mirror.until(() => countOf(world.host, poll.pollId, "red") === 2);
      for (const voter of [ana, bo]) await voter.mirror.until(() => countOf(voter, poll.pollId, "red") === 2);
      await barrier(world.host, [chan, dee]);
      expect(updatesOf(chan, poll.pollId)).toEqual([]);
      expect(updatesOf(dee, poll.pollId)).toEqual([]);

      // Chan votes: from then on Chan gets every tally, Dee still none.
      expect((await vote(chan, poll.pollId, blue)).ok).toBe(true);
      await chan.mirror.until(
        () => countOf(chan, poll.pollId, "red") === 2 && countOf(chan, poll.pollId, "blue") === 1,
      );
      expect((await vote(bo, poll.pollId, blue)).ok).toBe(true);
      await chan.mirror.until(() => countOf(chan, poll.pollId, "blue") === 2);
      await barrier(world.host, [dee]);
      expect(updatesOf(dee, poll.pollId)).toEqual([]);
      // Every update a voter received came after their vote: none shows a count without their ballot.
      expect(updatesOf(chan, poll.pollId).every((update) => (update.results.combined.voters ?? 0) >= 3)).toBe(true);

      // The poll closes: Dee, who never voted, gets the results now.
      await world.host.send("poll:close", { commandId: newCommandId(), pollId: poll.pollId });
      await dee.mirror.until(() => countOf(dee, poll.pollId, "blue") === 2 && countOf(dee, poll.pollId, "red") === 1);
    });
  }

  it("a vote in one tab unlocks the results in the person's other tab on the other node; taking it back locks both again", async () => {
    const { a, b } = await cluster.start();
    const world = await workshopWithPeople([a.url], 2);
    const [ana, bo] = world.people as [TestClient, TestClient];
    const anaOnB = await connectClient(b.url, { sessionToken: ana.session.sessionToken });
    cluster.track(world.host, ana, bo, anaOnB);
    const poll = await afterVotingPoll(world.host, true);
    await anaOnB.mirror.until((state) => state.polls.get(poll.pollId)?.status === "open");
    expect((await vote(bo, poll.pollId, blue)).ok).toBe(true);
    await barrier(world.host, [ana, anaOnB]);
    expect(updatesOf(ana, poll.pollId)).toEqual([]);
    expect(updatesOf(anaOnB, poll.pollId)).toEqual([]);

    // Ana votes in her tab on node a: her tab on node b gets the results too.
    expect((await vote(ana, poll.pollId, red)).ok).toBe(true);
    await anaOnB.mirror.until(() => countOf(anaOnB, poll.pollId, "red") === 1 && votersOf(anaOnB, poll.pollId) === 2);
    await ana.mirror.until(() => votersOf(ana, poll.pollId) === 2);

    // She takes it back (from node b): neither tab receives the next tallies.
    expect(await anaOnB.send("poll:retract", { commandId: newCommandId(), pollId: poll.pollId })).toMatchObject({
      ok: true,
      data: { retracted: true },
    });
    await world.host.mirror.until(() => votersOf(world.host, poll.pollId) === 1);
    expect((await vote(bo, poll.pollId, red)).ok).toBe(true);
    await world.host.mirror.until(() => countOf(world.host, poll.pollId, "red") === 1);
    await barrier(world.host, [ana, anaOnB]);
    // Every tally after the retraction counts one voter (Bo): neither tab received one.
    for (const tab of [ana, anaOnB]) {
      expect(updatesOf(tab, poll.pollId).length).toBeGreaterThan(0);
      expect(updatesOf(tab, poll.pollId).some((update) => update.results.combined.voters === 1)).toBe(false);
    }

    // Voting again unlocks them again, in both tabs.
    expect((await vote(anaOnB, poll.pollId, blue)).ok).toBe(true);
    for (const tab of [ana, anaOnB]) {
      await tab.mirror.until(() => countOf(tab, poll.pollId, "blue") === 1 && countOf(tab, poll.pollId, "red") === 1);
    }
  });

  it("a person who voted and comes back on a new connection (the other node) gets the results at once", async () => {
    const { a, b } = await cluster.start();
    const world = await workshopWithPeople([a.url], 2);
    const [ana, bo] = world.people as [TestClient, TestClient];
    cluster.track(world.host, ana, bo);
    const poll = await afterVotingPoll(world.host, true);
    expect((await vote(ana, poll.pollId, red)).ok).toBe(true);
    expect((await vote(bo, poll.pollId, blue)).ok).toBe(true);
    await ana.mirror.until(() => votersOf(ana, poll.pollId) === 2);
    ana.close();
    const back = await connectClient(b.url, { sessionToken: ana.session.sessionToken });
    const boBack = await connectClient(b.url, { sessionToken: bo.session.sessionToken });
    const newcomer = await connectClient(b.url, { joinCode: world.joinCode, displayName: "Newcomer" });
    cluster.track(back, boBack, newcomer);
    await back.mirror.until(() => countOf(back, poll.pollId, "red") === 1 && countOf(back, poll.pollId, "blue") === 1);
    await boBack.mirror.until(() => votersOf(boBack, poll.pollId) === 2);
    await barrier(world.host, [newcomer]);
    expect(updatesOf(newcomer, poll.pollId)).toEqual([]);
  });

  it("live results are unchanged: everyone who sees the poll gets them before voting", async () => {
    const { a, b } = await cluster.start();
    const world = await workshopWithPeople([a.url, b.url], 2);
    cluster.track(world.host, ...world.people);
    const [ana, bo] = world.people as [TestClient, TestClient];
    const poll = await createPoll(world.host, singleChoice({ resultsVisibility: "live", anonymous: true }));
    expect((await vote(ana, poll.pollId, red)).ok).toBe(true);
    await bo.mirror.until(() => countOf(bo, poll.pollId, "red") === 1);
  });
});
