import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESULTS_SLICE_SOCKETS } from "../../server/realtime/pollResultsFeed.js";
import type { PollResultsUpdate } from "../../shared/poll.js";
import { currentRoomOf } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { countOf, createPoll, singleChoice, storedBallotOf, votersOf } from "../helpers/polls.js";
import { serverForThisTest, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server.close());

const red = { kind: "single", optionId: "red" } as const;
const blue = { kind: "single", optionId: "blue" } as const;

/** Sends whatever ballot it is given (junk included): the server's parsing is under test. */
function voteFor(client: TestClient, pollId: string, ballot: unknown, commandId = newCommandId()) {
  return client.send("poll:vote", { commandId, pollId, ballot: ballot as never });
}

async function exportPoll(
  client: TestClient,
  pollId: string,
  format: "csv" | "json",
  token = client.session.sessionToken,
) {
  return fetch(`${server.url}/api/workshops/${client.session.workshopId}/polls/${pollId}/export?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("live polls", () => {
  it("plenary single choice: acked, counted once, live to everyone; a changed vote moves the count", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    const poll = await createPoll(host, singleChoice());
    for (const person of people) await person.mirror.until((state) => state.polls.get(poll.pollId)?.status === "open");
    const [ana, bo, chan] = people as [TestClient, TestClient, TestClient];
    expect(await voteFor(ana, poll.pollId, red)).toEqual({
      ok: true,
      data: { pollId: poll.pollId, ballot: red, changed: true },
    });
    await voteFor(bo, poll.pollId, red);
    await voteFor(chan, poll.pollId, blue);
    for (const client of [host, ...people]) {
      await client.mirror.until(
        () => countOf(client, poll.pollId, "red") === 2 && countOf(client, poll.pollId, "blue") === 1,
      );
    }
    await voteFor(chan, poll.pollId, red);
    await host.mirror.until(() => countOf(host, poll.pollId, "red") === 3 && countOf(host, poll.pollId, "blue") === 0);
    expect(votersOf(host, poll.pollId)).toBe(3);
    // The same ballot again changes nothing.
    expect(await voteFor(chan, poll.pollId, red)).toMatchObject({ ok: true, data: { changed: false } });
    // Own ballots come back after a reload.
    expect(await chan.send("poll:mine", {})).toEqual({
      ok: true,
      data: { ballots: { [poll.pollId]: red }, retracted: [] },
    });
    closeAll([host, ...people]);
  });

  it("close races: a retry of a counted vote gets its first answer; a new vote after close is POLL_CLOSED", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [ana, bo] = people as [TestClient, TestClient];
    const poll = await createPoll(host, singleChoice());
    const commandId = newCommandId();
    const first = await voteFor(ana, poll.pollId, red, commandId);
    await host.send("poll:close", { commandId: newCommandId(), pollId: poll.pollId });
    expect(await voteFor(ana, poll.pollId, red, commandId)).toEqual(first);
    expect(await voteFor(bo, poll.pollId, blue)).toMatchObject({ ok: false, error: { code: "POLL_CLOSED" } });
    // Votes fired while the close lands: each is either acked and counted, or refused.
    await host.send("poll:open", { commandId: newCommandId(), pollId: poll.pollId });
    const racing = Promise.all(
      Array.from({ length: 20 }, (_, index) => voteFor(index % 2 ? ana : bo, poll.pollId, index % 4 < 2 ? red : blue)),
    );
    const closed = await host.send("poll:close", { commandId: newCommandId(), pollId: poll.pollId });
    const answers = await racing;
    expect(closed.ok).toBe(true);
    expect(answers.every((answer) => answer.ok || answer.error.code === "POLL_CLOSED")).toBe(true);
    const truth = await (await exportPoll(host, poll.pollId, "json")).json();
    expect(truth.results.combined.voters).toBe(2);
    closeAll([host, ...people]);
  });

  it("after close: no participant socket receives a tally before the close; facilitators do", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    const poll = await createPoll(host, singleChoice({ resultsVisibility: "afterClose" }));
    for (const person of people) await voteFor(person, poll.pollId, red);
    await host.mirror.until(() => votersOf(host, poll.pollId) === 3);
    for (const person of people) expect(person.mirror.pollResults.filter((u) => u.pollId === poll.pollId)).toEqual([]);
    await host.send("poll:close", { commandId: newCommandId(), pollId: poll.pollId });
    for (const person of people) await person.mirror.until(() => countOf(person, poll.pollId, "red") === 3);
    closeAll([host, ...people]);
  });

  it("facilitators only: participants never receive results, not even after close", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const poll = await createPoll(host, singleChoice({ resultsVisibility: "facilitatorsOnly" }));
    for (const person of people) await voteFor(person, poll.pollId, blue);
    await host.send("poll:close", { commandId: newCommandId(), pollId: poll.pollId });
    await host.mirror.until(() => host.mirror.state.polls.get(poll.pollId)?.status === "closed");
    await host.mirror.until(() => countOf(host, poll.pollId, "blue") === 2);
    // A later poll with live results: once participants see it, the hidden one's would have come first.
    const later = await createPoll(host, singleChoice());
    await voteFor(people[0] as TestClient, later.pollId, red);
    for (const person of people) {
      await person.mirror.until(() => countOf(person, later.pollId, "red") === 1);
      expect(person.mirror.pollResults.some((update) => update.pollId === poll.pollId)).toBe(false);
    }
    closeAll([host, ...people]);
  });

  it("drafts are the managers' only; edit, delete, duplicate and reopen follow the lifecycle", async () => {
    const { host, people } = await workshopWithPeople([server.url], 1);
    const ana = people[0] as TestClient;
    const draft = await createPoll(host, singleChoice(), false);
    expect(await voteFor(ana, draft.pollId, red)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const edited = await host.send("poll:update", {
      commandId: newCommandId(),
      pollId: draft.pollId,
      definition: singleChoice({ question: "Which colour, really?" }),
    });
    expect(edited).toMatchObject({ ok: true, data: { definition: { question: "Which colour, really?" } } });
    const copy = await host.send("poll:duplicate", { commandId: newCommandId(), pollId: draft.pollId });
    if (!copy.ok) throw new Error("duplicate failed");
    expect(copy.data).toMatchObject({ status: "draft", definition: { question: "Which colour, really?" } });
    expect(await host.send("poll:delete", { commandId: newCommandId(), pollId: copy.data.pollId })).toEqual({
      ok: true,
      data: { pollId: copy.data.pollId },
    });
    await host.mirror.until((state) => !state.polls.has(copy.data.pollId));
    expect(await ana.send("poll:open", { commandId: newCommandId(), pollId: draft.pollId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    await host.send("poll:open", { commandId: newCommandId(), pollId: draft.pollId });
    await ana.mirror.until((state) => state.polls.get(draft.pollId)?.status === "open");
    expect(await host.send("poll:delete", { commandId: newCommandId(), pollId: draft.pollId })).toMatchObject({
      ok: false,
      error: { code: "INVALID_STATE" },
    });
    expect(ana.mirror.state.polls.size).toBe(1);
    closeAll([host, ...people]);
  });

  it("no vote change: a different second ballot is ALREADY_VOTED; junk ballots are BAD_REQUEST", async () => {
    const { host, people } = await workshopWithPeople([server.url], 1);
    const ana = people[0] as TestClient;
    const poll = await createPoll(host, singleChoice({ allowVoteChange: false }));
    await voteFor(ana, poll.pollId, red);
    expect(await voteFor(ana, poll.pollId, blue)).toMatchObject({ ok: false, error: { code: "ALREADY_VOTED" } });
    for (const junk of [
      { kind: "single", optionId: "purple" },
      { kind: "rating", value: 3 },
      { kind: "single" },
      null,
    ]) {
      expect(await voteFor(ana, poll.pollId, junk)).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    expect(await voteFor(ana, "onosuchpoll1", red)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    closeAll([host, ...people]);
  });

  it("anonymous: no stored ballot holds a participant id, the voter still finds theirs, the key dies with the workshop", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const poll = await createPoll(host, {
      kind: "text",
      question: "One word for today?",
      anonymous: true,
      resultsVisibility: "live",
      scope: { kind: "plenary" },
    });
    const [ana, bo] = people as [TestClient, TestClient];
    await voteFor(ana, poll.pollId, { kind: "text", text: "Safe   WORK for all" });
    await voteFor(bo, poll.pollId, { kind: "text", text: "safe work, fair pay" });
    await host.mirror.until(() => votersOf(host, poll.pollId) === 2);
    const results = host.mirror.state.pollResults.get(poll.pollId)?.results;
    expect(results?.kind === "text" && results.combined.words.slice(0, 2)).toEqual([
      { word: "safe", count: 2 },
      { word: "work", count: 2 },
    ]);
    const stored = JSON.stringify(await server.stores.polls.listBallots(host.session.workshopId, poll.pollId));
    for (const person of people) expect(stored).not.toContain(person.session.participantId);
    expect(await ana.send("poll:mine", {})).toMatchObject({
      ok: true,
      data: { ballots: { [poll.pollId]: { text: "Safe   WORK for all" } } },
    });
    const answers = await host.send("poll:answers", { pollId: poll.pollId });
    expect(answers).toEqual({
      ok: true,
      data: {
        pollId: poll.pollId,
        answers: [
          { roomId: null, text: "Safe   WORK for all" },
          { roomId: null, text: "safe work, fair pay" },
        ],
      },
    });
    expect(await ana.send("poll:answers", { pollId: poll.pollId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    await host.send("workshop:end", { commandId: newCommandId() });
    expect(await storedBallotOf(server.stores, host.session.workshopId, poll, ana.session.participantId)).toBeNull();
    closeAll([host, ...people]);
  });

  it("a rating poll in every room: results per room and combined; a room poll takes votes from its room only", async () => {
    const { host, people } = await workshopWithPeople([server.url], 4);
    const round = await planRound(host, [{ name: "Forced labour" }, { name: "Forced marriage" }]);
    await host.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    await openRound(host, round);
    for (const person of people) {
      await person.mirror.until((state) => currentRoomOf(state, person.session.participantId) !== null);
    }
    const poll = await createPoll(host, {
      kind: "rating",
      question: "How useful was this?",
      scale: 5,
      anonymous: false,
      resultsVisibility: "live",
      scope: { kind: "everyRoom", roundId: round.roundId },
    });
    const roomOf = (person: TestClient) => currentRoomOf(person.mirror.state, person.session.participantId) as string;
    for (const [index, person] of people.entries()) {
      expect(await voteFor(person, poll.pollId, { kind: "rating", value: index + 2 })).toMatchObject({ ok: true });
    }
    await host.mirror.until(() => votersOf(host, poll.pollId) === 4);
    const results = host.mirror.state.pollResults.get(poll.pollId)?.results;
    if (results?.kind !== "rating" || !results.byRoom) throw new Error("expected per-room rating results");
    expect(results.combined.mean).toBe(3.5);
    for (const room of round.rooms) {
      const members = people.filter((person) => roomOf(person) === room.roomId);
      const values = people.flatMap((person, index) => (roomOf(person) === room.roomId ? [index + 2] : []));
      expect(results.byRoom[room.roomId]?.voters).toBe(members.length);
      expect(results.byRoom[room.roomId]?.mean).toBe(values.reduce((a, b) => a + b, 0) / values.length);
    }
    // A room poll: only its room sees it and votes.
    const [first] = round.rooms;
    const roomPoll = await createPoll(host, singleChoice({ scope: { kind: "room", roomId: first?.roomId as string } }));
    for (const person of people) {
      const inRoom = roomOf(person) === first?.roomId;
      const answer = await voteFor(person, roomPoll.pollId, red);
      expect(answer.ok ? "ok" : answer.error.code).toBe(inRoom ? "ok" : "NOT_FOUND");
    }
    const csv = await (await exportPoll(host, poll.pollId, "csv")).text();
    expect(csv).toContain(`"Forced labour","value"`);
    expect(csv).toContain(`"All rooms","value","5",`);
    closeAll([host, ...people]);
  });

  it("a room's lead runs polls in their room and nowhere else", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const round = await planRound(host, [{ name: "One" }, { name: "Two" }]);
    const [lead, other] = people as [TestClient, TestClient];
    const [one, two] = round.rooms as [(typeof round.rooms)[0], (typeof round.rooms)[0]];
    await host.send("breakout:move", {
      commandId: newCommandId(),
      roundId: round.roundId,
      participantIds: [lead.session.participantId, other.session.participantId],
      roomId: one.roomId,
    });
    await host.send("breakout:setLead", {
      commandId: newCommandId(),
      roundId: round.roundId,
      roomId: one.roomId,
      participantId: lead.session.participantId,
    });
    await openRound(host, round);
    await lead.mirror.until((state) => currentRoomOf(state, lead.session.participantId) === one.roomId);
    const mine = await createPoll(lead, singleChoice({ scope: { kind: "room", roomId: one.roomId } }));
    expect(mine.createdBy).toBe(lead.session.participantId);
    await other.mirror.until((state) => state.polls.has(mine.pollId));
    for (const scope of [{ kind: "room", roomId: two.roomId }, { kind: "plenary" }] as const) {
      const refused = await lead.send("poll:create", {
        commandId: newCommandId(),
        definition: singleChoice({ scope }),
      });
      expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await other.send("poll:close", { commandId: newCommandId(), pollId: mine.pollId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await lead.send("poll:close", { commandId: newCommandId(), pollId: mine.pollId })).toMatchObject({
      ok: true,
    });
    closeAll([host, ...people]);
  });

  it("auto-close: the shared clock closes the poll and later votes are refused", async () => {
    const { host, people } = await workshopWithPeople([server.url], 1);
    const ana = people[0] as TestClient;
    const poll = await createPoll(host, singleChoice({ autoCloseSeconds: 10 }));
    expect(poll.closesAt).toBe((poll.openedAt as number) + 10_000);
    await voteFor(ana, poll.pollId, red);
    await ana.mirror.until((state) => state.polls.get(poll.pollId)?.status === "closed", 20_000);
    expect(ana.mirror.state.polls.get(poll.pollId)?.closedAt).toBe(poll.closesAt);
    expect(await voteFor(ana, poll.pollId, blue)).toMatchObject({ ok: false, error: { code: "POLL_CLOSED" } });
    closeAll([host, ...people]);
  });

  it("export: CSV and JSON for facilitators and note-takers only, formulas neutralised", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [noteTaker, ana] = people as [TestClient, TestClient];
    await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: noteTaker.session.participantId,
      role: "note-taker",
    });
    const poll = await createPoll(host, {
      kind: "multiple",
      question: "=cmd|' /C calc'!A0",
      options: [
        { optionId: "a", label: "@SUM(1+1)" },
        { optionId: "b", label: 'Fair, "paid" work' },
      ],
      anonymous: false,
      resultsVisibility: "live",
      scope: { kind: "plenary" },
    });
    await voteFor(ana, poll.pollId, { kind: "multiple", optionIds: ["b", "a"] });
    const csvResponse = await exportPoll(noteTaker, poll.pollId, "csv");
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toBe(`attachment; filename="poll-${poll.pollId}.csv"`);
    const csv = await csvResponse.text();
    expect(csv).toContain(`"'=cmd|' /C calc'!A0","multiple","","option","'@SUM(1+1)",1,100`);
    expect(csv).toContain(`"option","Fair, ""paid"" work",1,100`);
    expect(csv).not.toContain(ana.session.participantId);
    const json = await (await exportPoll(host, poll.pollId, "json")).json();
    expect(json.results.combined).toEqual({
      counts: [
        { optionId: "a", count: 1 },
        { optionId: "b", count: 1 },
      ],
      voters: 1,
    });
    expect(JSON.stringify(json)).not.toContain(host.session.participantId);
    expect((await exportPoll(ana, poll.pollId, "json")).status).toBe(403);
    expect(
      (await exportPoll(host, poll.pollId, "json", "wnotatoken00000.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")).status,
    ).toBe(401);
    const bad = await fetch(
      `${server.url}/api/workshops/${host.session.workshopId}/polls/${poll.pollId}/export?format=xml`,
    );
    expect(bad.status).toBe(400);
    closeAll([host, ...people]);
  });

  it("a voter's socket is written first in the tick that includes their ballot (ticks span several slices)", async () => {
    // A slow tick rate, so the second vote's tick waits for its timer (its ack long handled).
    const slow = await serverForThisTest({ store: "redis", env: { BROADCAST_INTERVAL_MS: "1000" } });
    const WAIT = { timeout: 15_000 };
    const { host, people } = await workshopWithPeople([slow.url], RESULTS_SLICE_SOCKETS + 5);
    // Every results message the node writes, in the order it writes them (broadcasts included).
    const written: Array<{ socketId: string; tallyVersion: number }> = [];
    for (const socket of slow.app.io.of("/").sockets.values()) {
      socket.onAnyOutgoing((event, update: PollResultsUpdate) => {
        if (event === "poll:results") written.push({ socketId: socket.id, tallyVersion: update.tallyVersion });
      });
    }
    const poll = await createPoll(host, singleChoice());
    const everyone = people.length + 1;
    await expect.poll(() => written.filter((entry) => entry.tallyVersion === 0).length, WAIT).toBe(everyone);
    // The participant written last when the poll opened: last in the node's own order.
    const ids = new Set(people.map((person) => person.socket.id));
    const opening = written.filter((entry) => entry.tallyVersion === 0 && ids.has(entry.socketId));
    const lastId = opening[opening.length - 1]?.socketId;
    const voter = people.find((person) => person.socket.id === lastId) as TestClient;
    const other = people.find((person) => person !== voter) as TestClient;

    expect(await voteFor(other, poll.pollId, red)).toMatchObject({ ok: true });
    expect(await voteFor(voter, poll.pollId, blue)).toMatchObject({ ok: true });
    await expect.poll(() => written.filter((entry) => entry.tallyVersion >= 2).length, WAIT).toBe(everyone);
    const including = written.filter((entry) => entry.tallyVersion >= 2).map((entry) => entry.socketId);
    // First, or second behind the other voter if that one's ballot came in the same tick.
    expect(including.indexOf(voter.socket.id as string)).toBeLessThan(2);
    expect(new Set(including).size).toBe(everyone);
    closeAll([host, ...people]);
  });

  it("a reconnecting client gets the current results of every poll it may see, without voting", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [ana, bo] = people as [TestClient, TestClient];
    const poll = await createPoll(host, singleChoice());
    await voteFor(ana, poll.pollId, red);
    await bo.mirror.until(() => countOf(bo, poll.pollId, "red") === 1);
    const before: PollResultsUpdate[] = [...bo.mirror.pollResults];
    bo.socket.disconnect();
    await voteFor(ana, poll.pollId, blue);
    bo.socket.connect();
    await bo.mirror.until(() => countOf(bo, poll.pollId, "blue") === 1 && countOf(bo, poll.pollId, "red") === 0);
    expect(bo.mirror.pollResults.length).toBeGreaterThan(before.length);
    closeAll([host, ...people]);
  });
});
