import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { countersOf } from "../../server/domain/polls/counters.js";
import { newPoll, openPoll } from "../../server/domain/polls/lifecycle.js";
import type { PollTally } from "../../server/domain/polls/records.js";
import type { WorkshopRecord } from "../../server/domain/records.js";
import { ServerKeys, type VoterKeys } from "../../server/security/serverKeys.js";
import type { BallotCast, BallotChange, VoterRef } from "../../server/store/polls/port.js";
import { TALLY_NOTICE_MAX_FIELDS } from "../../server/store/polls/tallyNotice.js";
import type { Stores } from "../../server/store/stores.js";
import { type Ballot, type PollDefinition, PollDefinitionSchema, type PollView } from "../../shared/poll.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** The poll rules both stores must keep (invariant 4 and 7), rule ids P1... */
const definition = (overrides: Record<string, unknown> = {}): PollDefinition =>
  PollDefinitionSchema.parse({
    kind: "single",
    question: "Which?",
    options: [
      { optionId: "a", label: "A" },
      { optionId: "b", label: "B" },
    ],
    anonymous: false,
    resultsVisibility: "live",
    scope: { kind: "plenary" },
    ...overrides,
  });

const alice = person("alice");
const bob = person("bob");

describe.each(Object.keys(factories) as Array<keyof typeof factories>)("poll store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  let commandSeq = 0;
  let voterKeys: VoterKeys;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
    voterKeys = ServerKeys.random().voterKeys(
      workshop.workshopId,
      (await stores.workshops.voterSalt(workshop.workshopId)) ?? "",
    );
  });

  /** Where a person's ballot of a poll is kept: their id, or in an anonymous poll a keyed hash of it. */
  function voter(poll: PollView, participantId: string): VoterRef {
    const { anonymous } = poll.definition;
    const voterKey = anonymous ? voterKeys.ballot(poll.pollId, participantId) : participantId;
    return { pollId: poll.pollId, voterKey, anonymous };
  }

  async function savePoll(poll: PollView, expected: PollView | null = null): Promise<PollView> {
    const outcome = await stores.workshops.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: `save-${++commandSeq}` },
      {
        writes: [{ kind: "poll", pollId: poll.pollId, expected, next: poll }],
        events: [{ type: "poll:upserted", poll }],
        result: null,
      },
    );
    expect(outcome.status).toBe("applied");
    return poll;
  }

  async function openedPoll(overrides: Record<string, unknown> = {}, pollId = "opoll00000001"): Promise<PollView> {
    return savePoll(newPoll(pollId, definition(overrides), alice.participantId, 1000, true));
  }

  function cast(poll: PollView, participantId: string, ballot: Ballot, now = 2000): BallotCast {
    return {
      ...voter(poll, participantId),
      ballot: { roomId: null, ballot, counters: countersOf(poll.definition, ballot, null) },
      now,
      resultChanged: JSON.stringify({ changed: true }),
      resultUnchanged: JSON.stringify({ changed: false }),
    };
  }

  const command = (actorId: string) => ({ actorId, commandId: `vote-${++commandSeq}` });

  it("P1 polls are stored, listed oldest first, and a draft can be deleted", async () => {
    const first = await savePoll(newPoll("opoll00000001", definition(), alice.participantId, 1000, false));
    const second = await savePoll(newPoll("opoll00000002", definition(), alice.participantId, 2000, false));
    expect(await stores.polls.listPolls(workshop.workshopId)).toEqual([first, second]);
    expect(await stores.polls.getPoll(workshop.workshopId, first.pollId)).toEqual(first);
    const deleted = await stores.workshops.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "delete" },
      {
        writes: [{ kind: "poll", pollId: first.pollId, expected: first, next: null }],
        events: [{ type: "poll:deleted", pollId: first.pollId, createdBy: first.createdBy }],
        result: null,
      },
    );
    expect(deleted.status).toBe("applied");
    expect(await stores.polls.getPoll(workshop.workshopId, first.pollId)).toBeNull();
    expect((await stores.workshops.fullSnapshot(workshop.workshopId))?.polls).toEqual([second]);
  });

  it("P2 one ballot per voter: a changed ballot moves the count, an equal one changes nothing", async () => {
    const poll = await openedPoll();
    const first = await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    expect(first).toMatchObject({ status: "applied", changed: true, tallyVersion: 1 });
    await stores.polls.castBallot(
      workshop.workshopId,
      command(bob.participantId),
      cast(poll, bob.participantId, { kind: "single", optionId: "a" }),
    );
    const same = await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    expect(same).toMatchObject({ status: "applied", changed: false, tallyVersion: 2 });
    await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "b" }),
    );
    const tally = await stores.polls.getTally(workshop.workshopId, poll.pollId);
    expect(tally.tallyVersion).toBe(3);
    expect(Object.fromEntries(tally.counters)).toMatchObject({ "*|n": 2, "*|o:a": 1, "*|o:b": 1 });
    expect(await stores.polls.listBallots(workshop.workshopId, poll.pollId)).toHaveLength(2);
    expect(await stores.polls.ballotOf(workshop.workshopId, voter(poll, alice.participantId))).toEqual({
      kind: "single",
      optionId: "b",
    });
  });

  it("P3 a retried command returns its first result and counts nothing twice", async () => {
    const poll = await openedPoll();
    const ref = command(alice.participantId);
    const first = await stores.polls.castBallot(
      workshop.workshopId,
      ref,
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    const retry = await stores.polls.castBallot(
      workshop.workshopId,
      ref,
      cast(poll, alice.participantId, { kind: "single", optionId: "b" }),
    );
    expect(first.status).toBe("applied");
    expect(retry).toEqual({ status: "duplicate", result: { changed: true } });
    const tally = await stores.polls.getTally(workshop.workshopId, poll.pollId);
    expect(Object.fromEntries(tally.counters)).toMatchObject({ "*|n": 1, "*|o:a": 1 });
  });

  it("P4 a closed poll, a draft, or an open poll past closesAt refuses ballots", async () => {
    const draft = await savePoll(newPoll("opoll00000009", definition(), alice.participantId, 1000, false));
    expect(
      await stores.polls.castBallot(
        workshop.workshopId,
        command(alice.participantId),
        cast(draft, alice.participantId, { kind: "single", optionId: "a" }),
      ),
    ).toEqual({ status: "closed" });
    const timed = await openedPoll({ autoCloseSeconds: 10 });
    expect(timed.closesAt).toBe(11_000);
    expect(
      await stores.polls.castBallot(
        workshop.workshopId,
        command(alice.participantId),
        cast(timed, alice.participantId, { kind: "single", optionId: "a" }, 11_000),
      ),
    ).toEqual({ status: "closed" });
    expect(
      (
        await stores.polls.castBallot(
          workshop.workshopId,
          command(alice.participantId),
          cast(timed, alice.participantId, { kind: "single", optionId: "a" }, 10_999),
        )
      ).status,
    ).toBe("applied");
    const closed = { ...timed, status: "closed" as const, closedAt: 12_000 };
    await savePoll(closed, timed);
    expect(
      await stores.polls.castBallot(
        workshop.workshopId,
        command(bob.participantId),
        cast(closed, bob.participantId, { kind: "single", optionId: "a" }),
      ),
    ).toEqual({ status: "closed" });
    expect(
      await stores.polls.castBallot(
        workshop.workshopId,
        command(bob.participantId),
        cast({ ...closed, pollId: "onothere00001" }, bob.participantId, { kind: "single", optionId: "a" }),
      ),
    ).toEqual({ status: "missing" });
    // Reopened: ballots are kept.
    await savePoll(openPoll(closed, 13_000), closed);
    expect((await stores.polls.getTally(workshop.workshopId, timed.pollId)).counters.get("*|n")).toBe(1);
  });

  it("P5 without vote change, a different second ballot is refused and an equal one is fine", async () => {
    const poll = await openedPoll({ allowVoteChange: false });
    await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    expect(
      await stores.polls.castBallot(
        workshop.workshopId,
        command(alice.participantId),
        cast(poll, alice.participantId, { kind: "single", optionId: "b" }),
      ),
    ).toEqual({ status: "alreadyVoted" });
    expect(
      (
        await stores.polls.castBallot(
          workshop.workshopId,
          command(alice.participantId),
          cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
        )
      ).status,
    ).toBe("applied");
  });

  it("P6 anonymous ballots carry no participant id; the voter finds their own until the key is forgotten", async () => {
    const poll = await openedPoll({ anonymous: true });
    await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "b" }),
    );
    await stores.polls.castBallot(
      workshop.workshopId,
      command(bob.participantId),
      cast(poll, bob.participantId, { kind: "single", optionId: "b" }),
    );
    const ballots = await stores.polls.listBallots(workshop.workshopId, poll.pollId);
    expect(ballots).toHaveLength(2);
    expect(JSON.stringify(ballots)).not.toContain(alice.participantId);
    expect(await stores.polls.ballotOf(workshop.workshopId, voter(poll, alice.participantId))).toEqual({
      kind: "single",
      optionId: "b",
    });
    expect(Object.fromEntries((await stores.polls.getTally(workshop.workshopId, poll.pollId)).counters)).toMatchObject({
      "*|n": 2,
      "*|o:b": 2,
      "*|o:a": 0,
    });
    // The end destroys the salt: no voter key can be made again, by anyone.
    await stores.workshops.commit(
      workshop.workshopId,
      { actorId: alice.participantId, commandId: "end" },
      {
        writes: [{ kind: "workshop", expected: workshop, next: { ...workshop, status: "ended" } }],
        events: [],
        result: null,
        ...{ forgetVoterSalt: true },
      },
    );
    expect(await stores.workshops.voterSalt(workshop.workshopId)).toBeNull();
  });

  it("P7 every node hears about each ballot change, with the tally right after it while it is small, and whose ballot it was", async () => {
    const poll = await openedPoll();
    const heard: Array<[string, PollTally | null]> = [];
    const changes: Array<BallotChange | null> = [];
    const unsubscribe = await stores.polls.subscribeTallies(workshop.workshopId, (pollId, tally, change) => {
      heard.push([pollId, tally]);
      changes.push(change);
    });
    await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]).toEqual([poll.pollId, await stores.polls.getTally(workshop.workshopId, poll.pollId)]);
    expect(heard[0]?.[1]?.tallyVersion).toBe(1);

    // A tally too big to travel with every ballot (a long word cloud): the poll id alone, read it.
    const words = Array.from({ length: TALLY_NOTICE_MAX_FIELDS }, (_, index) => `*|w:word${index}`);
    const big = cast(poll, bob.participantId, { kind: "single", optionId: "b" });
    await stores.polls.castBallot(workshop.workshopId, command(bob.participantId), {
      ...big,
      ballot: { ...big.ballot, counters: [...big.ballot.counters, ...words] },
    });
    await expect.poll(() => heard.length).toBe(2);
    expect(heard[1]).toEqual([poll.pollId, null]);
    expect((await stores.polls.getTally(workshop.workshopId, poll.pollId)).tallyVersion).toBe(2);
    expect(changes).toEqual([
      { voterKey: voter(poll, alice.participantId).voterKey, voted: true },
      { voterKey: voter(poll, bob.participantId).voterKey, voted: true },
    ]);

    // Taking a ballot back says so too ("results after voting" locks that voter's results again).
    await stores.polls.retractBallot(workshop.workshopId, command(alice.participantId), {
      ...voter(poll, alice.participantId),
      resultRetracted: "{}",
      resultNone: "{}",
    });
    await expect.poll(() => changes.length).toBe(3);
    expect(changes[2]).toEqual({ voterKey: voter(poll, alice.participantId).voterKey, voted: false });
    await unsubscribe();
  });

  it("P8 concurrent ballots of many voters are each counted once", async () => {
    const poll = await openedPoll();
    const voters = Array.from({ length: 50 }, (_, index) => person(`v${String(index).padStart(3, "0")}`).participantId);
    await Promise.all(
      voters.flatMap((voter, index) => {
        const ballot: Ballot = { kind: "single", optionId: index % 2 === 0 ? "a" : "b" };
        const ref = command(voter);
        // Each vote twice with one commandId (a retry) and once more with another (a second tab).
        return [ref, ref, command(voter)].map((r) =>
          stores.polls.castBallot(workshop.workshopId, r, cast(poll, voter, ballot)),
        );
      }),
    );
    const tally = await stores.polls.getTally(workshop.workshopId, poll.pollId);
    expect(Object.fromEntries(tally.counters)).toMatchObject({ "*|n": 50, "*|o:a": 25, "*|o:b": 25 });
    expect(tally.tallyVersion).toBe(50);
  });

  it("P9 a ballot with an expected workshop version counts only while the workshop is still at it", async () => {
    const poll = await openedPoll();
    const version = await stores.workshops.currentVersion(workshop.workshopId);
    const ballot: Ballot = { kind: "single", optionId: "a" };
    const current = await stores.polls.castBallot(workshop.workshopId, command(alice.participantId), {
      ...cast(poll, alice.participantId, ballot),
      expectVersion: version,
    });
    expect(current).toMatchObject({ status: "applied", changed: true });
    // Any logged change (here a poll edit) moves the version: a view as of before it is stale.
    await savePoll({ ...poll, definition: { ...poll.definition, question: "Which one?" } }, poll);
    const staleRef = command(bob.participantId);
    const stale = await stores.polls.castBallot(workshop.workshopId, staleRef, {
      ...cast(poll, bob.participantId, ballot),
      expectVersion: version,
    });
    expect(stale).toEqual({ status: "stale" });
    expect(await stores.polls.ballotOf(workshop.workshopId, voter(poll, bob.participantId))).toBeNull();
    expect(await stores.workshops.commandResult(workshop.workshopId, staleRef)).toBeNull();
    // The same command decided again from fresh state counts once.
    const fresh = await stores.polls.castBallot(workshop.workshopId, staleRef, cast(poll, bob.participantId, ballot));
    expect(fresh).toMatchObject({ status: "applied", changed: true });
    const tally = await stores.polls.getTally(workshop.workshopId, poll.pollId);
    expect(Object.fromEntries(tally.counters)).toMatchObject({ "*|n": 2, "*|o:a": 2 });
  });

  it("P10 a voter takes a ballot back (named and anonymous, open or closed): counters and ballot go, once", async () => {
    for (const anonymous of [false, true]) {
      const poll = await openedPoll({ anonymous }, anonymous ? "opoll0000000a" : "opoll0000000n");
      await stores.polls.castBallot(
        workshop.workshopId,
        command(alice.participantId),
        cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
      );
      await stores.polls.castBallot(
        workshop.workshopId,
        command(bob.participantId),
        cast(poll, bob.participantId, { kind: "single", optionId: "b" }),
      );
      const closed = { ...poll, status: "closed" as const, closedAt: 3000 };
      await savePoll(closed, poll);
      const heard: string[] = [];
      const unsubscribe = await stores.polls.subscribeTallies(workshop.workshopId, (pollId) => heard.push(pollId));
      const ref = command(alice.participantId);
      const retract = {
        ...voter(closed, alice.participantId),
        resultRetracted: JSON.stringify({ retracted: true }),
        resultNone: JSON.stringify({ retracted: false }),
      };
      const first = await stores.polls.retractBallot(workshop.workshopId, ref, retract);
      expect(first).toMatchObject({ status: "applied", retracted: true, tallyVersion: 3 });
      expect(await stores.polls.retractBallot(workshop.workshopId, ref, retract)).toEqual({
        status: "duplicate",
        result: { retracted: true },
      });
      expect(
        await stores.polls.retractBallot(workshop.workshopId, command(alice.participantId), retract),
      ).toMatchObject({
        status: "applied",
        retracted: false,
      });
      await expect.poll(() => heard.length).toBe(1);
      expect(await stores.polls.ballotOf(workshop.workshopId, voter(closed, alice.participantId))).toBeNull();
      expect(await stores.polls.listBallots(workshop.workshopId, poll.pollId)).toHaveLength(1);
      const tally = await stores.polls.getTally(workshop.workshopId, poll.pollId);
      expect(Object.fromEntries(tally.counters)).toMatchObject({ "*|n": 1, "*|o:a": 0, "*|o:b": 1 });
      await unsubscribe();
    }
  });

  it("P11 taking back a ballot of a poll without vote change leaves a mark: no second ballot, nothing counted", async () => {
    const poll = await openedPoll({ allowVoteChange: false, anonymous: true });
    await stores.polls.castBallot(
      workshop.workshopId,
      command(alice.participantId),
      cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
    );
    const retract = {
      ...voter(poll, alice.participantId),
      resultRetracted: JSON.stringify({ retracted: true }),
      resultNone: JSON.stringify({ retracted: false }),
    };
    expect(await stores.polls.retractBallot(workshop.workshopId, command(alice.participantId), retract)).toMatchObject({
      retracted: true,
    });
    expect(await stores.polls.ballotOf(workshop.workshopId, voter(poll, alice.participantId))).toBe("retracted");
    expect(await stores.polls.listBallots(workshop.workshopId, poll.pollId)).toEqual([]);
    expect(
      await stores.polls.castBallot(
        workshop.workshopId,
        command(alice.participantId),
        cast(poll, alice.participantId, { kind: "single", optionId: "b" }),
      ),
    ).toEqual({ status: "alreadyVoted" });
    expect(await stores.polls.retractBallot(workshop.workshopId, command(alice.participantId), retract)).toMatchObject({
      retracted: false,
    });
    expect(Object.fromEntries((await stores.polls.getTally(workshop.workshopId, poll.pollId)).counters)).toMatchObject({
      "*|n": 0,
      "*|o:a": 0,
    });
  });

  it("P12 a cast or a retraction that took the poll for named when it is anonymous (or back) is stale, changing nothing", async () => {
    const poll = await openedPoll({ anonymous: true });
    const asNamed = {
      ...cast(poll, alice.participantId, { kind: "single", optionId: "a" }),
      voterKey: alice.participantId,
      anonymous: false,
    };
    expect(await stores.polls.castBallot(workshop.workshopId, command(alice.participantId), asNamed)).toEqual({
      status: "stale",
    });
    expect(
      await stores.polls.retractBallot(workshop.workshopId, command(alice.participantId), {
        pollId: poll.pollId,
        voterKey: alice.participantId,
        anonymous: false,
        resultRetracted: "{}",
        resultNone: "{}",
      }),
    ).toEqual({ status: "stale" });
    expect(await stores.polls.listBallots(workshop.workshopId, poll.pollId)).toEqual([]);
  });

  it("P13 the voter salt is made once while the workshop runs, the same for every caller, and never after its end", async () => {
    const fresh = workshopRecord();
    await stores.workshops.createWorkshop(fresh);
    const salts = await Promise.all(Array.from({ length: 5 }, () => stores.workshops.voterSalt(fresh.workshopId)));
    expect(new Set(salts).size).toBe(1);
    expect(salts[0]).toMatch(/^[0-9a-f]{64}$/);
    await stores.workshops.commit(
      fresh.workshopId,
      { actorId: alice.participantId, commandId: "end" },
      {
        writes: [{ kind: "workshop", expected: fresh, next: { ...fresh, status: "ended" } }],
        events: [],
        result: null,
        ...{ forgetVoterSalt: true },
      },
    );
    expect(await stores.workshops.voterSalt(fresh.workshopId)).toBeNull();
    expect(await stores.workshops.voterSalt(fresh.workshopId)).toBeNull();
  });
});
