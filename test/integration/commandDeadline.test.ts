import { describe, expect, it, onTestFinished } from "vitest";
import type { CommandName } from "../../shared/events.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { countOf, createPoll, singleChoice } from "../helpers/polls.js";
import { ask, loadBoard, moderate, votesOf } from "../helpers/qna.js";
import { startRedisServer } from "../helpers/redisServer.js";
import { serverForThisTest } from "../helpers/server.js";

/** REDIS_COMMAND_TIMEOUT_MS here: the one figure that bounds a command's answer, all its round trips together. */
const BOUND_MS = 1200;
/**
 * Room for a busy machine's event loop to run the deadline's timer late. Without the deadline a
 * vote made two round trips that each waited the full timeout (2 x BOUND_MS, measured 4,008 ms at 2,000).
 */
const SCHEDULING_SLACK_MS = 700;

async function timed<T>(work: Promise<T>): Promise<{ answer: T; elapsedMs: number }> {
  const started = performance.now();
  const answer = await work;
  return { answer, elapsedMs: performance.now() - started };
}

describe("every command answers within its bound", () => {
  it("with Redis hung, a vote, an upvote and a role change each answer UNAVAILABLE within REDIS_COMMAND_TIMEOUT_MS; their retries then count once", async () => {
    const redis = await startRedisServer();
    onTestFinished(() => redis.stop());
    const server = await serverForThisTest({
      store: "redis",
      redisUrl: redis.url,
      env: { REDIS_COMMAND_TIMEOUT_MS: String(BOUND_MS) },
    });
    const created = await createWorkshop(server.url);
    const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const guest = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Guest" });
    const poll = await createPoll(host, singleChoice());
    const { question } = await ask(host, "What happens to the outcomes?", false);
    await moderate(host, "qna:approve", question.questionId);
    await loadBoard(host);

    const commands = (
      [
        {
          client: guest,
          name: "poll:vote",
          payload: { pollId: poll.pollId, ballot: { kind: "single", optionId: "red" } },
        },
        { client: guest, name: "qna:upvote", payload: { questionId: question.questionId, up: true } },
        {
          client: host,
          name: "participant:setRole",
          payload: { participantId: guest.session.participantId, role: "note-taker" },
        },
      ] satisfies Array<{ client: TestClient; name: CommandName; payload: Record<string, unknown> }>
    ).map((command) => ({ ...command, payload: { ...command.payload, commandId: newCommandId() } }));

    redis.pause();
    let answers: Array<{ answer: Awaited<ReturnType<TestClient["send"]>>; elapsedMs: number }>;
    try {
      answers = await Promise.all(
        commands.map(({ client, name, payload }) => timed(client.send(name, payload as never))),
      );
    } finally {
      redis.resume();
    }
    for (const [index, { answer, elapsedMs }] of answers.entries()) {
      expect({ command: commands[index]?.name, answer }).toMatchObject({
        answer: { ok: false, error: { code: "UNAVAILABLE" } },
      });
      expect(elapsedMs, `${commands[index]?.name} answered after ${Math.round(elapsedMs)} ms`).toBeLessThan(
        BOUND_MS + SCHEDULING_SLACK_MS,
      );
    }

    // The client retries with the same commandIds: each lands (or is found landed) once.
    await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status).toBe(200);
    for (const { client, name, payload } of commands) {
      const retried = await client.send(name, payload as never);
      expect({ name, ok: retried.ok }).toEqual({ name, ok: true });
    }
    await expect.poll(() => countOf(host, poll.pollId, "red")).toBe(1);
    await expect.poll(() => votesOf(host, question.questionId)).toBe(1);
    await host.mirror.until((state) => state.participants.get(guest.session.participantId)?.role === "note-taker");
  });
});
