import { describe, expect, it } from "vitest";
import { workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { ask, loadBoard, moderate, votesOf } from "../helpers/qna.js";

const cluster = useTwoNodes();

describe("Q&A on two nodes", () => {
  it("upvotes are exact with retries, duplicate emits and second tabs on the other node", async () => {
    const { a, b, stores } = await cluster.start({ QNA_VOTES_PER_SECOND: "50" });
    const world = await workshopWithPeople([a.url, b.url], 60);
    cluster.track(world.host, ...world.people);
    const tabs = await Promise.all(
      world.people
        .filter((_, index) => index % 5 === 0)
        .map((person, index) =>
          connectClient(index % 2 ? a.url : b.url, { sessionToken: person.session.sessionToken }),
        ),
    );
    cluster.track(...tabs);
    const watcherOnB = world.people[1] as TestClient;
    for (const client of [world.host, watcherOnB]) await loadBoard(client);
    const asked = await ask(world.people[0] as TestClient, "Who funds the shelters?", true);
    await moderate(world.host, "qna:approve", asked.question.questionId);
    const questionId = asked.question.questionId;
    const send = (client: TestClient, up: boolean, commandId = newCommandId()) =>
      client.send("qna:upvote", { commandId, questionId, up });
    await Promise.all(
      world.people.map(async (person) => {
        const commandId = newCommandId();
        const answers = await Promise.all([send(person, true, commandId), send(person, true, commandId)]);
        answers.push(await send(person, true, commandId), await send(person, true));
        expect(answers.every((answer) => answer.ok)).toBe(true);
      }),
    );
    await Promise.all(tabs.map((tab) => send(tab, true)));
    for (const client of [world.host, watcherOnB]) {
      await client.mirror.until(() => votesOf(client, questionId) === 60, 20_000);
    }
    // Every other person takes their vote back, from the tab on the other node where there is one.
    await Promise.all(
      world.people.map((person, index) => {
        if (index % 2 === 1) return null;
        const tab = tabs.find((candidate) => candidate.session.participantId === person.session.participantId);
        return Promise.all([send(tab ?? person, false), send(person, false)]);
      }),
    );
    for (const client of [world.host, watcherOnB]) {
      await client.mirror.until(() => votesOf(client, questionId) === 30, 20_000);
    }
    expect(await stores.qna.questionVotes(world.host.session.workshopId, [questionId])).toEqual([30]);
  });

  it("a moderator's 'I'm handling this' reaches the co-facilitator on the other node, once under retries, and leaves with approval", async () => {
    const { a, b } = await cluster.start();
    const world = await workshopWithPeople([a.url, b.url], 4);
    cluster.track(world.host, ...world.people);
    // A co-facilitator on node B: promoted by the host on node A.
    const coHost = world.people[1] as TestClient;
    const promoted = await world.host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: coHost.session.participantId,
      role: "facilitator",
    });
    expect(promoted.ok).toBe(true);
    await coHost.mirror.until(
      (state) => state.participants.get(coHost.session.participantId)?.role === "facilitator",
      20_000,
    );
    const asker = world.people[0] as TestClient;
    for (const client of [world.host, coHost]) await loadBoard(client);
    const asked = await ask(asker, "Is the shelter list shared with the police?", true);
    const questionId = asked.question.questionId;
    await coHost.mirror.until(() => coHost.mirror.qna.questions.has(questionId), 20_000);

    const commandId = newCommandId();
    const claims = await Promise.all([
      world.host.send("qna:claim", { commandId, questionId, claim: true }),
      world.host.send("qna:claim", { commandId, questionId, claim: true }),
    ]);
    for (const claim of claims) {
      expect(claim.ok && claim.data.claimedBy).toBe(world.host.session.participantId);
    }
    await coHost.mirror.until(
      () => coHost.mirror.qna.questions.get(questionId)?.claimedBy === world.host.session.participantId,
      20_000,
    );
    // The author is not told who is looking at it; a participant cannot claim.
    const mine = await asker.send("qna:mine", { items: [{ questionId, secret: asked.secret }] });
    expect(mine.ok && mine.data.questions[0]?.claimedBy).toBeUndefined();
    const refused = await asker.send("qna:claim", { commandId: newCommandId(), questionId, claim: true });
    expect(refused.ok ? "ok" : refused.error.code).toBe("FORBIDDEN");

    await moderate(coHost, "qna:approve", questionId);
    await world.host.mirror.until(() => {
      const question = world.host.mirror.qna.questions.get(questionId);
      return question?.status === "approved" && question.claimedBy === undefined;
    }, 20_000);
    const late = await world.host.send("qna:claim", { commandId: newCommandId(), questionId, claim: true });
    expect(late.ok ? "ok" : late.error.code).toBe("INVALID_STATE");
  });
});
