import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollDefinitionInput } from "../../shared/poll.js";
import type { Report } from "../../shared/report.js";
import { closeAll, workshopWithPeople } from "../helpers/breakout.js";
import { newCommandId, type TestClient } from "../helpers/client.js";
import { countOf, createPoll, singleChoice, storedBallotOf, votersOf } from "../helpers/polls.js";
import { ask, loadBoard, moderate, upvote } from "../helpers/qna.js";
import { fetchReport } from "../helpers/reportWorkshop.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(async () => {
  await server.close();
});

async function reportOf(host: TestClient): Promise<{ json: Report; text: string }> {
  const response = await fetchReport(server.url, host.session.workshopId, host.session.sessionToken, {
    format: "json",
  });
  const text = await response.text();
  return { json: JSON.parse(text) as Report, text };
}

describe("a person deletes what they contributed (named and anonymous)", () => {
  it("questions (any state), ballots, upvotes and replies taken back leave every live view and every later report", async () => {
    const { host, people } = await workshopWithPeople([server.url], 3);
    const [ana, bo, cy] = people as [TestClient, TestClient, TestClient];
    const everyone = [host, ana, bo, cy];
    for (const client of everyone) await loadBoard(client);

    // Questions: Ana's named one is approved, answered with a reply; Bo's anonymous one approved and upvoted.
    const named = await ask(ana, "Named question to delete later", false);
    const anonymous = await ask(bo, "Anonymous question to delete later", true);
    const kept = await ask(cy, "A question that stays", false);
    for (const asked of [named, anonymous, kept]) await moderate(host, "qna:approve", asked.question.questionId);
    await host.send("qna:answer", {
      commandId: newCommandId(),
      questionId: named.question.questionId,
      reply: "Reply to be removed",
    });
    for (const voter of [cy, host]) expect((await upvote(voter, anonymous.question.questionId)).ok).toBe(true);
    expect((await upvote(ana, kept.question.questionId)).ok).toBe(true);
    // Polls: a named and an anonymous one (with an open-text answer that names a place).
    const namedPoll = await createPoll(host, singleChoice({ anonymous: false }));
    const textPoll = await createPoll(host, {
      kind: "text",
      question: "Where did it happen?",
      anonymous: true,
      resultsVisibility: "live",
      scope: { kind: "plenary" },
    } as PollDefinitionInput);
    for (const person of [ana, bo, cy]) {
      await person.send("poll:vote", {
        commandId: newCommandId(),
        pollId: namedPoll.pollId,
        ballot: { kind: "single", optionId: "red" },
      });
    }
    await bo.send("poll:vote", {
      commandId: newCommandId(),
      pollId: textPoll.pollId,
      ballot: { kind: "text", text: "Sihanoukville harbour" },
    });
    await cy.send("poll:vote", {
      commandId: newCommandId(),
      pollId: textPoll.pollId,
      ballot: { kind: "text", text: "Mekong border" },
    });
    await cy.mirror.until(() => countOf(cy, namedPoll.pollId, "red") === 3 && votersOf(cy, textPoll.pollId) === 2);
    const before = await reportOf(host);
    for (const text of [
      "Named question to delete later",
      "Anonymous question to delete later",
      "Reply to be removed",
      "sihanoukville",
    ]) {
      expect(before.text.toLowerCase()).toContain(text.toLowerCase());
    }

    // 1. Ana deletes her named, answered question; Bo his anonymous, upvoted one (by its secret).
    for (const [author, asked] of [
      [ana, named],
      [bo, anonymous],
    ] as const) {
      const answer = await author.send("qna:withdraw", {
        commandId: newCommandId(),
        questionId: asked.question.questionId,
        secret: asked.secret,
      });
      expect(answer).toEqual({ ok: true, data: { questionId: asked.question.questionId } });
    }
    // Only by the secret: someone else cannot.
    expect(
      await ana.send("qna:withdraw", {
        commandId: newCommandId(),
        questionId: kept.question.questionId,
        secret: named.secret,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    // 2. The host removes the reply to the kept question... after writing one.
    await host.send("qna:reply", {
      commandId: newCommandId(),
      questionId: kept.question.questionId,
      reply: "A reply to remove",
    });
    await host.send("qna:reply", { commandId: newCommandId(), questionId: kept.question.questionId, reply: "" });
    // 3. Ana takes back her upvote; Ana and Bo their ballots (named, anonymous text answer).
    expect(await upvote(ana, kept.question.questionId, false)).toMatchObject({
      ok: true,
      data: { up: false, votes: 0 },
    });
    expect(await ana.send("poll:retract", { commandId: newCommandId(), pollId: namedPoll.pollId })).toEqual({
      ok: true,
      data: { pollId: namedPoll.pollId, retracted: true },
    });
    expect(await bo.send("poll:retract", { commandId: newCommandId(), pollId: textPoll.pollId })).toEqual({
      ok: true,
      data: { pollId: textPoll.pollId, retracted: true },
    });

    // Live views: every other person's copy follows.
    for (const viewer of [host, cy]) {
      await viewer.mirror.until(
        () =>
          !viewer.mirror.qna.questions.has(named.question.questionId) &&
          !viewer.mirror.qna.questions.has(anonymous.question.questionId) &&
          viewer.mirror.qna.questions.get(kept.question.questionId)?.reply === null &&
          viewer.mirror.qna.questions.get(kept.question.questionId)?.votes === 0 &&
          countOf(viewer, namedPoll.pollId, "red") === 2 &&
          votersOf(viewer, textPoll.pollId) === 1,
      );
    }
    expect((await host.send("poll:answers", { pollId: textPoll.pollId })) as unknown).toEqual({
      ok: true,
      data: { pollId: textPoll.pollId, answers: [{ roomId: null, text: "Mekong border" }] },
    });
    expect(await ana.send("poll:mine", {})).toMatchObject({ ok: true, data: { ballots: {}, retracted: [] } });
    expect(await storedBallotOf(server.stores, host.session.workshopId, textPoll, bo.session.participantId)).toBeNull();
    // A person can vote again where vote change is allowed.
    expect(
      (
        await ana.send("poll:vote", {
          commandId: newCommandId(),
          pollId: namedPoll.pollId,
          ballot: { kind: "single", optionId: "blue" },
        })
      ).ok,
    ).toBe(true);

    // Every report made afterwards.
    const after = await reportOf(host);
    for (const text of [
      "Named question to delete later",
      "Anonymous question to delete later",
      "Reply to be removed",
      "A reply to remove",
      "sihanoukville",
    ]) {
      expect(after.text.toLowerCase()).not.toContain(text.toLowerCase());
    }
    expect(after.text).toContain("A question that stays");
    expect(after.text.toLowerCase()).toContain("mekong");
    closeAll(everyone);
  });

  it("taking back a ballot in a poll without vote change is final: no second vote, even after a reload", async () => {
    const { host, people } = await workshopWithPeople([server.url], 1);
    const [ana] = people as [TestClient];
    const poll = await createPoll(host, singleChoice({ anonymous: true, allowVoteChange: false }));
    await ana.send("poll:vote", {
      commandId: newCommandId(),
      pollId: poll.pollId,
      ballot: { kind: "single", optionId: "red" },
    });
    expect(await ana.send("poll:retract", { commandId: newCommandId(), pollId: poll.pollId })).toMatchObject({
      ok: true,
      data: { retracted: true },
    });
    expect(
      await ana.send("poll:vote", {
        commandId: newCommandId(),
        pollId: poll.pollId,
        ballot: { kind: "single", optionId: "blue" },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "ALREADY_VOTED" },
    });
    expect(await ana.send("poll:mine", {})).toEqual({ ok: true, data: { ballots: {}, retracted: [poll.pollId] } });
    await host.mirror.until(() => votersOf(host, poll.pollId) === 0);
    closeAll([host, ana]);
  });
});
