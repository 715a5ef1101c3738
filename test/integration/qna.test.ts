import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import type { QnaChanged } from "../../shared/qna.js";
import { openQuestions } from "../../shared/qnaState.js";
import { currentRoomOf } from "../../shared/workshopState.js";
import { closeAll, openRound, planRound, workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { ask, loadBoard, moderate, newQuestionSecret, upvote, votesOf } from "../helpers/qna.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis", env: { QNA_QUESTIONS_PER_MINUTE: "3", QNA_VOTES_PER_SECOND: "5" } });
});
afterAll(() => server.close());

/**
 * Every payload a socket receives, as text, to look for what must never be in one. Workshop batches
 * up to `knownVersion` are left out: they hold the author's arrival (the roster is open), which a
 * loaded machine may deliver live after the mirror already had it from a resync.
 */
function capture(client: TestClient, knownVersion: number): string[] {
  const seen: string[] = [];
  client.socket.onAny((event, ...args) => {
    const batch = args[0] as { toVersion?: unknown } | undefined;
    if (event === "workshop:events" && typeof batch?.toVersion === "number" && batch.toVersion <= knownVersion) return;
    seen.push(`${event} ${JSON.stringify(args)}`);
  });
  return seen;
}

describe("moderated Q&A", () => {
  it("anonymity canary: nothing sent, stored, logged or exported ties the question or the upvote to its author", async () => {
    const canary = `canary${randomBytes(4).toString("hex")}`;
    const { host, people, joinCode } = await workshopWithPeople([server.url], 2);
    // Everyone knows the author's name here (the roster is open): the canary checks that nothing of
    // asking and upvoting ties the question to it, even for people who know who is present.
    await host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false });
    const author = await connectClient(server.url, { joinCode, displayName: `Survivor ${canary}` });
    const observers = [host, ...people];
    for (const client of observers) await client.mirror.until((state) => state.participants.size === 4);
    // From here on (the author's name is in the participant list, as it should be): what comes
    // with asking and upvoting must not carry it.
    const knownVersion = Math.max(...observers.map((client) => client.mirror.version));
    const captured = observers.map((client) => capture(client, knownVersion));
    for (const client of [...observers, author]) await loadBoard(client);
    const asked = await ask(author, "What protection do witnesses get?", true);
    expect(asked.question).toMatchObject({ anonymous: true, authorName: null, status: "pending" });
    await host.mirror.until(() => host.mirror.qna.questions.has(asked.question.questionId));
    await moderate(host, "qna:approve", asked.question.questionId);
    await host.send("qna:settings", { commandId: newCommandId(), boardId: "plenary", preModeration: false });
    const other = await ask(people[0] as TestClient, "Named question", false);
    expect((await upvote(author, other.question.questionId)).ok).toBe(true);
    expect((await upvote(author, asked.question.questionId)).ok).toBe(true);
    for (const client of observers) {
      await client.mirror.until(() => votesOf(client, asked.question.questionId) === 1);
      await client.mirror.until(() => votesOf(client, other.question.questionId) === 1);
    }
    const secrets = [canary, author.session.participantId, author.session.sessionToken, asked.secret];
    // 1. No payload sent to any other socket, facilitators included.
    for (const seen of captured) for (const secret of secrets) expect(seen.join("\n")).not.toContain(secret);
    // 2. No Redis key or value of the question or its votes.
    const prefix = server.config.REDIS_KEY_PREFIX;
    const redis = createClient({ url: inject("redisUrl") });
    onTestFinished(() => redis.destroy());
    await redis.connect();
    const keys = await redis.keys(`${prefix}wk:{${host.session.workshopId}}:qna*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const type = await redis.type(key);
      const dump =
        type === "hash"
          ? JSON.stringify(await redis.hGetAll(key))
          : type === "set"
            ? JSON.stringify(await redis.sMembers(key))
            : type === "zset"
              ? JSON.stringify(await redis.zRange(key, 0, -1))
              : String(await redis.get(key));
      for (const secret of [canary, author.session.participantId]) expect(`${key} ${dump}`).not.toContain(secret);
    }
    const commandResults = await redis.keys(
      `${prefix}wk:{${host.session.workshopId}}:cmd:${author.session.participantId}:*`,
    );
    expect(commandResults).toEqual([]);
    // 3. No log line.
    for (const secret of [canary, author.session.participantId, "What protection"]) {
      expect(server.logLines.join("")).not.toContain(secret);
    }
    // 4. No export of the board.
    for (const format of ["json", "csv"]) {
      const response = await fetch(
        `${server.url}/api/workshops/${host.session.workshopId}/qna/export?format=${format}`,
        { headers: { authorization: `Bearer ${host.session.sessionToken}` } },
      );
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(body).toContain("What protection do witnesses get?");
      for (const secret of secrets) expect(body).not.toContain(secret);
    }
    closeAll([...observers, author]);
  });

  it("moderation visibility: a pending question reaches no participant socket; the author sees it awaiting approval", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    const [author, ...others] = people as [TestClient, ...TestClient[]];
    const changes = others.map((client) => {
      const seen: QnaChanged[] = [];
      client.socket.on("qna:changed", (changed) => seen.push(changed));
      return seen;
    });
    for (const client of [host, ...people]) await loadBoard(client);
    const asked = await ask(author, "Pending until approved", true);
    await host.mirror.until(() => host.mirror.qna.questions.get(asked.question.questionId)?.status === "pending");
    for (const client of others) expect((await loadBoard(client)).questions).toEqual([]);
    // The author's own view, by secret.
    const mine = await author.send("qna:mine", {
      items: [{ questionId: asked.question.questionId, secret: asked.secret }],
    });
    expect(mine).toMatchObject({
      ok: true,
      data: { questions: [{ status: "pending", text: "Pending until approved" }] },
    });
    // Dismissed with a reason: only moderators and the author (by secret) learn it.
    await host.send("qna:dismiss", {
      commandId: newCommandId(),
      questionId: asked.question.questionId,
      reason: "Off topic",
    });
    const dismissed = await author.send("qna:mine", {
      items: [{ questionId: asked.question.questionId, secret: asked.secret }],
    });
    expect(dismissed).toMatchObject({
      ok: true,
      data: { questions: [{ status: "dismissed", dismissReason: "Off topic" }] },
    });
    await moderate(host, "qna:restore", asked.question.questionId);
    for (const client of others) {
      await client.mirror.until(
        () => client.mirror.qna.questions.get(asked.question.questionId)?.status === "approved",
      );
    }
    const everything = JSON.stringify(changes);
    expect(everything).not.toContain('"status":"pending"');
    expect(everything).not.toContain("Off topic");
    closeAll([host, ...people]);
  });

  it("withdraw and edit work with the right secret only", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [author, stranger] = people as [TestClient, TestClient];
    const asked = await ask(author, "Typo questoin", true);
    const wrong = randomBytes(32).toString("base64url");
    for (const client of [author, stranger]) {
      expect(
        await client.send("qna:edit", {
          commandId: newCommandId(),
          questionId: asked.question.questionId,
          secret: wrong,
          text: "hijacked",
        }),
      ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(
      await author.send("qna:edit", {
        commandId: newCommandId(),
        questionId: asked.question.questionId,
        secret: asked.secret,
        text: "Typo question",
      }),
    ).toMatchObject({ ok: true, data: { text: "Typo question", edited: false } });
    expect(
      await stranger.send("qna:withdraw", {
        commandId: newCommandId(),
        questionId: asked.question.questionId,
        secret: wrong,
      }),
    ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(
      await author.send("qna:withdraw", {
        commandId: newCommandId(),
        questionId: asked.question.questionId,
        secret: asked.secret,
      }),
    ).toEqual({ ok: true, data: { questionId: asked.question.questionId } });
    expect(await server.stores.qna.getQuestion(host.session.workshopId, asked.question.questionId)).toBeNull();
    closeAll([host, ...people]);
  });

  it("rate limits: three questions a minute pass, the fourth is RATE_LIMITED; five votes a second pass, the sixth not", async () => {
    const { host, people } = await workshopWithPeople([server.url], 1);
    const ana = people[0] as TestClient;
    await host.send("qna:settings", { commandId: newCommandId(), boardId: "plenary", preModeration: false });
    const asked = [];
    for (let i = 0; i < 3; i++) asked.push(await ask(ana, `Question ${i}`, i % 2 === 0));
    const fourth = await ana.send("qna:ask", {
      commandId: newCommandId(),
      secret: newQuestionSecret(),
      boardId: "plenary",
      text: "One more",
      anonymous: true,
    });
    expect(fourth).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    const questionIds = asked.map((answer) => answer.question.questionId);
    const answers = [];
    // Up and down on the same questions: six votes sent at once.
    for (let i = 0; i < 6; i++) answers.push(upvote(host, questionIds[i % 3] as string, i < 3));
    const settled = await Promise.all(answers);
    expect(settled.slice(0, 5).every((answer) => answer.ok)).toBe(true);
    expect(settled[5]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    closeAll([host, ...people]);
  });

  it("upvotes: once per person, undo allowed, retries change nothing; only approved questions take votes", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    await loadBoard(host);
    const asked = await ask(people[0] as TestClient, "Vote for me", true);
    expect(await upvote(people[1] as TestClient, asked.question.questionId)).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    await moderate(host, "qna:approve", asked.question.questionId);
    for (const person of people) {
      const commandId = newCommandId();
      const payload = { commandId, questionId: asked.question.questionId, up: true };
      await Promise.all([person.send("qna:upvote", payload), person.send("qna:upvote", payload)]);
      await person.send("qna:upvote", { ...payload, commandId: newCommandId() });
    }
    await host.mirror.until(() => votesOf(host, asked.question.questionId) === 3);
    expect(await upvote(people[2] as TestClient, asked.question.questionId, false)).toMatchObject({
      ok: true,
      data: { votes: 2, up: false },
    });
    await host.mirror.until(() => votesOf(host, asked.question.questionId) === 2);
    closeAll([host, ...people]);
  });

  it("pin one 'now answering', answer with a reply, correct a typo; the flagged word list holds a question", async () => {
    const { host, people } = await workshopWithPeople([server.url], 2);
    const [ana, bo] = people as [TestClient, TestClient];
    await host.send("qna:settings", { commandId: newCommandId(), boardId: "plenary", preModeration: false });
    for (const client of [host, ...people]) await loadBoard(client);
    const first = await ask(ana, "First", false);
    const second = await ask(bo, "Second", true);
    expect(first.question).toMatchObject({ status: "approved", authorName: "P0" });
    const pin = (questionId: string | null) =>
      host.send("qna:pin", { commandId: newCommandId(), boardId: "plenary", questionId });
    await pin(first.question.questionId);
    await pin(second.question.questionId);
    await ana.mirror.until(() => {
      const open = openQuestions(ana.mirror.qna, "plenary", "top");
      return open[0]?.questionId === second.question.questionId && open.filter((q) => q.pinned).length === 1;
    });
    expect(
      await host.send("qna:answer", {
        commandId: newCommandId(),
        questionId: second.question.questionId,
        reply: "Yes.",
      }),
    ).toMatchObject({ ok: true, data: { status: "answered", pinned: false, reply: "Yes." } });
    expect(
      await host.send("qna:correct", {
        commandId: newCommandId(),
        questionId: first.question.questionId,
        text: "First!",
      }),
    ).toMatchObject({ ok: true, data: { text: "First!", edited: true } });
    await bo.mirror.until(() => bo.mirror.qna.questions.get(second.question.questionId)?.status === "answered");
    // A word on the list sends the question to moderators, flagged, whatever the board's setting.
    const rude = await ask(bo, "Free money, click here", true);
    expect(rude.question).toMatchObject({ status: "pending", flagged: true });
    await host.mirror.until(() => host.mirror.qna.questions.get(rude.question.questionId)?.flagged === true);
    expect(ana.mirror.qna.questions.has(rude.question.questionId)).toBe(false);
    // Participants cannot moderate.
    expect(await moderate(ana, "qna:approve", rude.question.questionId)).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    closeAll([host, ...people]);
  });

  it("room boards: only the room's people use them; the room's lead moderates there", async () => {
    const { host, people } = await workshopWithPeople([server.url], 4);
    const round = await planRound(host, [{ name: "One" }, { name: "Two" }]);
    await host.send("breakout:assign", { commandId: newCommandId(), roundId: round.roundId });
    const [lead] = people as [TestClient];
    const assigned = await host.send("workshop:sync", {});
    if (!assigned.ok || assigned.data.kind !== "snapshot") throw new Error("no snapshot");
    const leadRoom = assigned.data.snapshot.breakout.assignments[lead.session.participantId] as string;
    await host.send("breakout:setLead", {
      commandId: newCommandId(),
      roundId: round.roundId,
      roomId: leadRoom,
      participantId: lead.session.participantId,
    });
    await openRound(host, round);
    for (const person of people) {
      await person.mirror.until((state) => currentRoomOf(state, person.session.participantId) !== null);
    }
    const roomOf = (person: TestClient) => currentRoomOf(person.mirror.state, person.session.participantId);
    const mates = people.filter((person) => person !== lead && roomOf(person) === leadRoom);
    const outsiders = people.filter((person) => roomOf(person) !== leadRoom);
    expect(mates.length + outsiders.length).toBe(3);
    for (const outsider of outsiders) {
      expect(await outsider.send("qna:board", { boardId: leadRoom })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
    }
    await loadBoard(lead, leadRoom);
    const asker = mates[0] ?? lead;
    const asked = await ask(asker, "Room question", true, leadRoom);
    await lead.mirror.until(() => lead.mirror.qna.questions.get(asked.question.questionId)?.status === "pending");
    expect(await moderate(lead, "qna:approve", asked.question.questionId)).toMatchObject({ ok: true });
    const plenaryQuestion = await ask(asker, "Plenary question", true);
    expect(await moderate(lead, "qna:approve", plenaryQuestion.question.questionId)).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    closeAll([host, ...people]);
  });
});
