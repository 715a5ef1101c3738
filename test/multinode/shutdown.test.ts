import { describe, expect, it } from "vitest";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { expectLiveEqualsFresh } from "../helpers/liveEqualsFresh.js";
import { countOf, createPoll, singleChoice } from "../helpers/polls.js";

const cluster = useTwoNodes();
const GRACE_MS = 5000;

/** As the browser's outbox: the same commandId again until an answer that is not UNAVAILABLE. */
async function voteUntilAnswered(client: TestClient, pollId: string, optionId: string) {
  const payload = { commandId: newCommandId(), pollId, ballot: { kind: "single" as const, optionId } };
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await client.send("poll:vote", payload).catch(() => null);
    if (answer && (answer.ok || answer.error.code !== "UNAVAILABLE")) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the vote never got an answer");
}

describe("a node that is told to stop (SIGTERM)", () => {
  it("drains under load: not ready first, every vote answered and counted once, its people resume on the other node, exit 0 within the grace time", async () => {
    const { a, b } = await cluster.start({ SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const created = await createWorkshop(b.url);
    const host = await connectClient(b.url, { facilitatorKey: created.facilitatorKey, displayName: "Host on B" });
    cluster.track(host);
    const onA: TestClient[] = [];
    for (let i = 0; i < 8; i++) {
      const client = await connectClient([a.url, b.url], { joinCode: created.joinCode, displayName: `A${i}` });
      cluster.track(client);
      onA.push(client);
    }
    await host.mirror.until((state) => state.participants.size === 9);
    const poll = await createPoll(host, singleChoice());
    const sessions = onA.map((client) => client.mirror.sessions);

    // Votes in flight on node A when it is told to stop.
    const votes = onA.map((client, index) => voteUntilAnswered(client, poll.pollId, index % 2 === 0 ? "red" : "blue"));
    const started = performance.now();
    const stopped = a.stop();
    const answers = await Promise.all(votes);
    await stopped;
    const tookMs = performance.now() - started;

    expect(answers.map((answer) => answer.ok)).toEqual(onA.map(() => true));
    expect(a.exitCode()).toBe(0);
    expect(tookMs).toBeLessThan(GRACE_MS + 5000);
    const log = a.output();
    const notReady = log.indexOf("draining: not ready");
    expect(notReady).toBeGreaterThan(-1);
    expect(log.indexOf('"msg":"shut down"')).toBeGreaterThan(notReady);
    // Everyone moved to B without being asked to do anything, and caught up there.
    for (const [index, client] of onA.entries()) {
      await client.mirror.until(
        (state) => client.mirror.sessions > (sessions[index] ?? 0) && client.socket.connected && state.version > 0,
      );
    }
    await expect.poll(() => countOf(host, poll.pollId, "red")).toBe(4);
    await expect.poll(() => countOf(host, poll.pollId, "blue")).toBe(4);
    await host.mirror.until((state) => [...state.participants.values()].every((person) => person.online), 15_000);
    for (const [index, client] of [host, ...onA].entries()) await expectLiveEqualsFresh(client, `client ${index}`);
  });
});
