import { describe, expect, it } from "vitest";
import type { CommandName, CommandPayload } from "../../shared/events.js";
import type { PollResultsUpdate } from "../../shared/poll.js";
import { openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { COLOURS, createPoll, singleChoice } from "../helpers/polls.js";
import { ask, moderate } from "../helpers/qna.js";

/**
 * Issue 18's forum-size scenario in CI, on the `redis-cluster` project's Redis Cluster (three
 * primaries) only: 300 people over two nodes join, vote in the plenary, upvote a question, are
 * placed in 15 rooms and vote in an every-room poll. Invariants, no timings: every ballot and
 * upvote counted once, in the store and in the host's live copy; every participant placed once
 * and told their own room. (The 10,000-person version of the same phases is a benchmark.)
 */
const PEOPLE = 300;
const ROOM_SIZE = 20;
/** Joins, rooms and polls of 300 people through one test process: its waits, not a timing. */
const SETTLES = 60_000;

const nodes = useTwoNodes();

/** Sends until answered with anything but UNAVAILABLE, the same commandId each time, as the browser's outbox does. */
async function sendOk<C extends CommandName>(client: TestClient, name: C, payload: CommandPayload<C>) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await client.send(name, payload).catch(() => null);
    if (answer?.ok) return answer.data;
    if (answer && answer.error.code !== "UNAVAILABLE") {
      throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} never got through`);
}

function countsOf(update: PollResultsUpdate | undefined, roomId?: string): Record<string, number> | null {
  const results = update?.results;
  if (results?.kind !== "single") return null;
  const tally = roomId === undefined ? results.combined : results.byRoom?.[roomId];
  return tally ? Object.fromEntries(tally.counts.map((count) => [count.optionId, count.count])) : null;
}

function tallyOf(choices: readonly string[]): Record<string, number> {
  return Object.fromEntries(COLOURS.map(({ optionId }) => [optionId, choices.filter((c) => c === optionId).length]));
}

describe(`a ${PEOPLE}-person forum on two nodes`, () => {
  it("everyone joins, votes, upvotes and is placed in a room, and votes there: every count exact, everyone placed once", async () => {
    const { a, b, stores } = await nodes.start();
    const world = await workshopWithPeople([a.url, b.url], PEOPLE);
    nodes.track(world.host, ...world.people);
    const { host, people } = world;
    const workshopId = host.session.workshopId;

    // The plenary poll: each person's choice counted once, in the store and live.
    const plenary = await createPoll(host, singleChoice());
    const choices = people.map((_, i) => COLOURS[i % COLOURS.length]?.optionId as string);
    await Promise.all(
      people.map((person, i) =>
        sendOk(person, "poll:vote", {
          commandId: newCommandId(),
          pollId: plenary.pollId,
          ballot: { kind: "single", optionId: choices[i] as string },
        }),
      ),
    );
    const plenaryCounts = tallyOf(choices);
    const stored = await stores.polls.listBallots(workshopId, plenary.pollId);
    expect(stored).toHaveLength(PEOPLE);
    await host.mirror.until(
      (state) => JSON.stringify(countsOf(state.pollResults.get(plenary.pollId))) === JSON.stringify(plenaryCounts),
      SETTLES,
    );
    // A participant on the other node than the host sees the same final tally.
    const farPerson = people[1] as TestClient;
    await farPerson.mirror.until(
      (state) => JSON.stringify(countsOf(state.pollResults.get(plenary.pollId))) === JSON.stringify(plenaryCounts),
      SETTLES,
    );

    // A question upvoted by everyone: counted once each.
    const { question } = await ask(host, "What should the outcomes say first?", false);
    const approved = await moderate(host, "qna:approve", question.questionId);
    expect(approved.ok).toBe(true);
    await Promise.all(
      people.map((person) =>
        sendOk(person, "qna:upvote", { commandId: newCommandId(), questionId: question.questionId, up: true }),
      ),
    );
    const board = await sendOk(host, "qna:board", { boardId: "plenary" });
    expect(board.questions.find((q) => q.questionId === question.questionId)?.votes).toBe(PEOPLE);

    // A round of 15 rooms: everyone placed exactly once, rooms balanced, each told their room.
    const round = await planRound(
      host,
      Array.from({ length: PEOPLE / ROOM_SIZE }, (_, i) => ({ name: `Room ${i + 1}` })),
    );
    await sendOk(host, "breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    await openRound(host, round);
    const assignments = await stores.breakout.getAssignments(workshopId, round.roundId);
    const participantIds = people.map((person) => person.session.participantId);
    expect([...assignments.keys()].sort()).toEqual([...participantIds].sort());
    const sizes = round.rooms.map(
      (room) => [...assignments.values()].filter((roomId) => roomId === room.roomId).length,
    );
    expect(sizes).toEqual(round.rooms.map(() => ROOM_SIZE));
    await Promise.all(
      people.map((person) =>
        person.mirror.until(
          (state) =>
            state.breakout.round?.status === "open" &&
            state.breakout.assignments.get(person.session.participantId) ===
              assignments.get(person.session.participantId),
          SETTLES,
        ),
      ),
    );

    // An every-room poll: each room's tally is its own people's choices, the combined one all of them.
    const everyRoom = await createPoll(host, singleChoice({ scope: { kind: "everyRoom", roundId: round.roundId } }));
    const roomChoices = people.map((_, i) => COLOURS[(i + 1) % COLOURS.length]?.optionId as string);
    await Promise.all(
      people.map((person, i) =>
        sendOk(person, "poll:vote", {
          commandId: newCommandId(),
          pollId: everyRoom.pollId,
          ballot: { kind: "single", optionId: roomChoices[i] as string },
        }),
      ),
    );
    const expectedByRoom = new Map(
      round.rooms.map((room) => [
        room.roomId,
        tallyOf(roomChoices.filter((_, i) => assignments.get(participantIds[i] as string) === room.roomId)),
      ]),
    );
    await host.mirror.until((state) => {
      const update = state.pollResults.get(everyRoom.pollId);
      if (JSON.stringify(countsOf(update)) !== JSON.stringify(tallyOf(roomChoices))) return false;
      return [...expectedByRoom].every(
        ([roomId, counts]) => JSON.stringify(countsOf(update, roomId)) === JSON.stringify(counts),
      );
    }, SETTLES);
    // A participant holds their own room's tally, exact.
    const roomOfFar = assignments.get(farPerson.session.participantId) as string;
    await farPerson.mirror.until(
      (state) =>
        JSON.stringify(countsOf(state.pollResults.get(everyRoom.pollId), roomOfFar)) ===
        JSON.stringify(expectedByRoom.get(roomOfFar)),
      SETTLES,
    );
  });
});
