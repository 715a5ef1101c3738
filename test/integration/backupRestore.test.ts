import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { describe, expect, it, onTestFinished } from "vitest";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { countOf, createPoll, singleChoice } from "../helpers/polls.js";
import { ask, loadBoard, moderate } from "../helpers/qna.js";
import { startRedisServer } from "../helpers/redisServer.js";
import { serverForThisTest, uniquePrefix } from "../helpers/server.js";

/** A node-redis client on `url`, closed when the test ends. */
async function redisClient(url: string) {
  const client = createClient({ url });
  client.on("error", () => undefined);
  await client.connect();
  onTestFinished(() => client.close());
  return client;
}

/** What a person's copy of the workshop holds that a backup must keep: people, polls and counts, questions. */
async function heldBy(client: TestClient, pollId: string) {
  const board = await loadBoard(client);
  const { state } = client.mirror;
  return {
    title: state.workshop?.title,
    people: [...state.participants.values()].map((person) => `${person.displayName}:${person.role}`).sort(),
    polls: [...state.polls.values()].map((poll) => `${poll.pollId}:${poll.definition.question}:${poll.status}`),
    red: countOf(client, pollId, "red"),
    green: countOf(client, pollId, "green"),
    questions: board.questions.map((question) => `${question.text}:${question.status}:${question.votes}`).sort(),
  };
}

describe("backup and restore (docs/OPERATIONS.md, Backups)", () => {
  it("an RDB snapshot copied onto a fresh Redis brings the workshop back: a node on it joins people by its code and shows the people, polls and questions as before", async () => {
    const keyPrefix = uniquePrefix();
    const original = await startRedisServer();
    onTestFinished(() => original.stop());
    const before = await serverForThisTest({ store: "redis", redisUrl: original.url, keyPrefix });

    const created = await createWorkshop(before.url, "Forum on safe migration");
    const host = await connectClient(before.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const amina = await connectClient(before.url, { joinCode: created.joinCode, displayName: "Amina" });
    const bo = await connectClient(before.url, { joinCode: created.joinCode, displayName: "Bo" });
    const promoted = await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: bo.session.participantId,
      role: "note-taker",
    });
    expect(promoted.ok).toBe(true);
    const poll = await createPoll(host, singleChoice());
    for (const [voter, optionId] of [
      [amina, "red"],
      [bo, "green"],
      [host, "red"],
    ] as const) {
      const voted = await voter.send("poll:vote", {
        commandId: newCommandId(),
        pollId: poll.pollId,
        ballot: { kind: "single", optionId },
      });
      expect(voted.ok).toBe(true);
    }
    const { question } = await ask(amina, "Who keeps the outcomes?", true);
    await moderate(host, "qna:approve", question.questionId);
    await ask(bo, "Can the report name my organisation?", false);
    await host.mirror.until((state) => state.pollResults.get(poll.pollId)?.results.combined.voters === 3);
    const expected = await heldBy(host, poll.pollId);
    expect(expected.people).toEqual(["Amina:participant", "Bo:note-taker", "Host:facilitator"]);
    expect([expected.red, expected.green]).toEqual([2, 1]);
    expect(expected.questions).toHaveLength(2);

    // The backup, as the procedure says: SAVE (or BGSAVE and wait), then copy dump.rdb out of Redis's dir.
    const originalClient = await redisClient(original.url);
    expect(await originalClient.sendCommand(["SAVE"])).toBe("OK");
    const backupDir = mkdtempSync(path.join(tmpdir(), "wk-backup-"));
    onTestFinished(() => rmSync(backupDir, { recursive: true, force: true }));
    const backup = path.join(backupDir, "dump.rdb");
    copyFileSync(path.join(original.dir, "dump.rdb"), backup);
    for (const client of [host, amina, bo]) client.close();
    await before.close();
    await original.stop();

    // The restore: a fresh Redis loads the copy with AOF off, then AOF is turned on (it is written from memory).
    const restored = await startRedisServer(undefined, { restoreRdb: backup });
    onTestFinished(() => restored.stop());
    const restoredClient = await redisClient(restored.url);
    await restoredClient.configSet("appendonly", "yes");
    await expect
      .poll(async () => (await restoredClient.info("persistence")).includes("aof_rewrite_in_progress:0"))
      .toBe(true);
    expect(existsSync(path.join(restored.dir, "appendonlydir"))).toBe(true);
    const after = await serverForThisTest({ store: "redis", redisUrl: restored.url, keyPrefix });

    const newcomer = await connectClient(after.url, { joinCode: created.joinCode, displayName: "Chen" });
    expect(newcomer.mirror.state.workshop?.title).toBe("Forum on safe migration");
    // The facilitator's session (its token is in the backup) resumes on the restored store as the same person.
    const hostAgain = await connectClient(after.url, { sessionToken: host.session.sessionToken });
    expect(hostAgain.session.participantId).toBe(host.session.participantId);
    await hostAgain.mirror.until(
      (state) => state.participants.size >= 4 && state.pollResults.get(poll.pollId)?.results.combined.voters === 3,
    );
    const held = await heldBy(hostAgain, poll.pollId);
    expect({ ...held, people: held.people.filter((person) => !person.startsWith("Chen:")) }).toEqual(expected);
    expect(held.people).toContain("Chen:participant");
    // The restored workshop takes new writes: the newcomer votes once, counted with the restored ballots.
    const voted = await newcomer.send("poll:vote", {
      commandId: newCommandId(),
      pollId: poll.pollId,
      ballot: { kind: "single", optionId: "green" },
    });
    expect(voted.ok).toBe(true);
    await hostAgain.mirror.until((state) => state.pollResults.get(poll.pollId)?.results.combined.voters === 4);
    expect(countOf(hostAgain, poll.pollId, "green")).toBe(2);
  });
});
