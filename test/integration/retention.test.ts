import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { RETENTION_TIMERS } from "../../server/domain/timers.js";
import { sessionBoardId } from "../../shared/programme.js";
import type { WorkshopView } from "../../shared/workshop.js";
import { closeAll, workshopWithPeople } from "../helpers/breakout.js";
import { sendChat } from "../helpers/chat.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { openEditor } from "../helpers/notes.js";
import { createPoll, singleChoice } from "../helpers/polls.js";
import { addSession, sessionDraft } from "../helpers/programme.js";
import { ask, loadBoard } from "../helpers/qna.js";
import { scanRedis } from "../helpers/redisScan.js";
import { serverForThisTest, startServer, type TestServer, uniquePrefix } from "../helpers/server.js";

/** 0.0001 days = 8.64 s: long enough for a test's own steps, short enough to wait for. */
const RETENTION_DAYS = 0.0001;
const RETENTION_MS = RETENTION_DAYS * 24 * 60 * 60 * 1000;

let nodes: TestServer[];
let prefix: string;
beforeAll(async () => {
  prefix = uniquePrefix();
  const options = {
    store: "redis" as const,
    keyPrefix: prefix,
    env: { RETENTION_DAYS: String(RETENTION_DAYS), ROUND_TIMER_POLL_MS: "100" },
  };
  nodes = [await startServer(options), await startServer(options)];
});
afterAll(async () => {
  for (const node of nodes) await node.close();
});

/** Every key (and every key's content) under the test's prefix that mentions the workshop. */
async function traces(workshopId: string): Promise<string[]> {
  const scan = await scanRedis(inject("redisUrl"), prefix);
  return scan
    .filter((key) => key.key.includes(workshopId) || key.records.some((record) => record.includes(workshopId)))
    .map((key) => key.key);
}

async function waitUntilGone(workshopId: string, timeoutMs: number): Promise<void> {
  await expect.poll(() => traces(workshopId), { timeout: timeoutMs, interval: 250 }).toEqual([]);
}

describe("retention: nothing is kept for ever", () => {
  it("RETENTION_DAYS after its end every key of a workshop is gone, on whichever node looks first; another workshop is untouched", async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const { host, people, joinCode } = await workshopWithPeople([nodeA.url, nodeB.url], 3);
    const other = await workshopWithPeople([nodeB.url], 1);
    const workshopId = host.session.workshopId;
    // A little of everything: polls (named and anonymous) with ballots, questions, notes, chat.
    const poll = await createPoll(host, singleChoice({ anonymous: true }));
    const named = await createPoll(host, singleChoice({ anonymous: false }));
    for (const person of people) {
      for (const pollId of [poll.pollId, named.pollId]) {
        await person.send("poll:vote", {
          commandId: newCommandId(),
          pollId,
          ballot: { kind: "single", optionId: "red" },
        });
      }
    }
    for (const client of [host, ...people]) await loadBoard(client);
    await ask(people[0] as TestClient, "What happens to our data?", true);
    // The programme, with a question on a session's own board.
    const session = await addSession(host, sessionDraft("Survivor panel", 0, 1, { speakers: ["Mira"] }));
    await ask(people[1] as TestClient, "Who keeps the testimony?", true, sessionBoardId(session.sessionId));
    expect(await nodeA.stores.programme.listSessions(workshopId)).toHaveLength(1);
    const editor = await openEditor(host, "plenary");
    editor.insert(0, "Kept only as long as needed.");
    await editor.saved();
    await sendChat(people[1] as TestClient, "plenary", "Kept only until the workshop is deleted");
    expect((await traces(workshopId)).length).toBeGreaterThan(10);
    expect((await traces(workshopId)).filter((key) => key.includes(":chat:"))).toHaveLength(2);

    const ended = await host.send("workshop:end", { commandId: newCommandId() });
    expect(ended.ok).toBe(true);
    const view = (ended as { data: WorkshopView }).data;
    expect(view.status).toBe("ended");
    expect(view.deleteAt).toBe((view.endedAt as number) + RETENTION_MS);
    // Kept until then (the report can still be made)...
    expect(await nodeA.stores.workshops.getWorkshop(workshopId)).not.toBeNull();
    // ...then gone, every key, with its join code and its timers.
    await waitUntilGone(workshopId, RETENTION_MS + 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(view.deleteAt as number);
    expect(await nodeB.stores.workshops.findWorkshopIdByJoinCode(joinCode)).toBeNull();
    expect(await nodeB.stores.programme.listSessions(workshopId)).toEqual([]);
    expect(await nodeA.stores.workshops.getWorkshop(other.host.session.workshopId)).not.toBeNull();
    const refused = await connectClient(nodeB.url, { sessionToken: host.session.sessionToken }).catch(
      (error: { data?: { code: string } }) => error.data?.code,
    );
    expect(refused).toBe("NOT_FOUND");
    closeAll([host, ...people, other.host, ...other.people]);
  });

  it("a workshop nobody uses for RETENTION_DAYS is ended (its people told), then deleted RETENTION_DAYS later", async () => {
    const [nodeA] = nodes as [TestServer, TestServer];
    const created = await createWorkshop(nodeA.url, "Forgotten");
    const facilitator = await connectClient(nodeA.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const revoked = new Promise((resolve) => facilitator.socket.once("session:revoked", resolve));
    // Connected but silent: no write, no new connection. The idle clock runs out.
    expect(await revoked).toEqual({ reason: "workshop_ended" });
    const ended = await nodeA.stores.workshops.getWorkshop(created.workshopId);
    expect(ended).toMatchObject({ status: "ended" });
    expect(ended?.deleteAt).toBe((ended?.endedAt as number) + RETENTION_MS);
    expect((ended?.endedAt as number) - (ended?.createdAt as number)).toBeGreaterThanOrEqual(RETENTION_MS);
    await waitUntilGone(created.workshopId, RETENTION_MS + 15_000);
    facilitator.close();
  });

  it("activity postpones the idle end: a workshop in use is not ended under its people", async () => {
    const [nodeA] = nodes as [TestServer, TestServer];
    const { host, people } = await workshopWithPeople([nodeA.url], 1);
    const workshopId = host.session.workshopId;
    // Made after anyone last used the first one: its idle clock runs out no sooner than the first
    // one's would have. Once it has been ended, the first one would have been too (the shared
    // timers advance the due clocks earliest first), had nobody used it since.
    const untouched = await createWorkshop(nodeA.url, "Untouched");
    const untouchedEnded = async () =>
      (await nodeA.stores.workshops.getWorkshop(untouched.workshopId))?.status === "ended";
    const idleClockWithin = async (ms: number) =>
      (await nodeA.stores.timers.dueTimers(Date.now() + ms, 10_000)).some(
        (timer) => timer.workshopId === workshopId && timer.subjectId === RETENTION_TIMERS.idle,
      );
    // Someone writes whenever the idle clock is within half a retention period of running out.
    let writes = 0;
    for (;;) {
      const next = await vi.waitFor(
        async () => {
          if (await untouchedEnded()) return "done";
          if (await idleClockWithin(RETENTION_MS / 2)) return "write";
          throw new Error("the untouched workshop is not ended yet, and the idle clock is not near");
        },
        { timeout: RETENTION_MS + 15_000, interval: 100 },
      );
      if (next === "done") break;
      const answer = await host.send("participant:setTags", {
        commandId: newCommandId(),
        participantId: (people[0] as TestClient).session.participantId,
        tags: { language: `l${writes % 7}` },
      });
      expect(answer.ok).toBe(true);
      writes++;
      // The write postponed the clock (that happens beside the command, not in it).
      await expect.poll(() => idleClockWithin(RETENTION_MS / 2)).toBe(false);
    }
    expect(writes).toBeGreaterThan(0);
    expect(await nodeA.stores.workshops.getWorkshop(workshopId)).toMatchObject({ status: "active" });
  });

  it("a workshop stored before it had a retention clock gets one when a node starts", async () => {
    const [nodeA] = nodes as [TestServer, TestServer];
    const legacy = {
      workshopId: "wlegacy00000001",
      title: "From an older version",
      joinCode: "LGCY22",
      status: "ended" as const,
      createdAt: Date.now() - 2 * RETENTION_MS,
      facilitatorKeyHash: "hash",
    };
    await nodeA.stores.workshops.createWorkshop(legacy);
    expect(await traces(legacy.workshopId)).not.toEqual([]);
    await serverForThisTest({
      store: "redis",
      keyPrefix: prefix,
      env: { RETENTION_DAYS: String(RETENTION_DAYS), ROUND_TIMER_POLL_MS: "100" },
    });
    // Ended long enough ago (counted from its creation: the record says no end time): deleted at once.
    await waitUntilGone(legacy.workshopId, 15_000);
  });
});
