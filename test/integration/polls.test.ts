import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId } from "../helpers/client.js";
import { countOf, createPoll, singleChoice, votersOf } from "../helpers/polls.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server.close());

describe("live polls", () => {
  it("a plenary single-choice poll: votes are acked, counted once, and everyone sees the live tally", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    const poll = await createPoll(host, singleChoice());
    for (const person of people) await person.mirror.until((state) => state.polls.get(poll.pollId)?.status === "open");
    const [ana, bo, chan] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const ack = await ana.send("poll:vote", {
      commandId: newCommandId(),
      pollId: poll.pollId,
      ballot: { kind: "single", optionId: "red" },
    });
    expect(ack).toEqual({ ok: true, data: { pollId: poll.pollId, ballot: { kind: "single", optionId: "red" }, changed: true } });
    await bo.send("poll:vote", { commandId: newCommandId(), pollId: poll.pollId, ballot: { kind: "single", optionId: "red" } });
    await chan.send("poll:vote", { commandId: newCommandId(), pollId: poll.pollId, ballot: { kind: "single", optionId: "blue" } });
    for (const client of [host, ...people]) {
      await client.mirror.until(() => countOf(client, poll.pollId, "red") === 2 && countOf(client, poll.pollId, "blue") === 1);
    }
    // A changed vote moves the count, never adds one.
    await chan.send("poll:vote", { commandId: newCommandId(), pollId: poll.pollId, ballot: { kind: "single", optionId: "red" } });
    await host.mirror.until(() => countOf(host, poll.pollId, "red") === 3 && countOf(host, poll.pollId, "blue") === 0);
    expect(votersOf(host, poll.pollId)).toBe(3);
    closeAll([host, ...people]);
  });
});
