import { createClient } from "redis";
import { describe, expect, it, onTestFinished } from "vitest";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { expectLiveEqualsFresh } from "../helpers/liveEqualsFresh.js";
import { type NodeProcess, spawnNode } from "../helpers/nodeProcess.js";
import { startRedisServer } from "../helpers/redisServer.js";
import { uniquePrefix } from "../helpers/server.js";

/** Faults a kill -9 does not show: a node that hangs and comes back, a store that loses its data. */
const cluster = useTwoNodes();

/** Fast liveness, so a test sees a node declared dead in about a second. */
const QUICK_LIVENESS = { NODE_HEARTBEAT_MS: "200", NODE_DEAD_AFTER_MS: "1000" };

/** About faults, not privacy: everyone sees everyone, so every copy can be checked whole. */
async function openRoster(host: TestClient): Promise<void> {
  await host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false });
}

function everyoneOnline(client: TestClient, count: number): Promise<void> {
  return client.mirror.until(
    (state) => state.participants.size === count && [...state.participants.values()].every((p) => p.online),
    15_000,
  );
}

describe("a hung node", () => {
  it("paused past the dead-after time: its people, still connected to it, are online again everywhere once it resumes", async () => {
    const { a, b } = await cluster.start(QUICK_LIVENESS);
    const created = await createWorkshop(a.url);
    const host = await connectClient(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host on A" });
    await openRoster(host);
    cluster.track(host);
    const onB: TestClient[] = [];
    for (let i = 0; i < 4; i++) {
      const client = await connectClient(b.url, { joinCode: created.joinCode, displayName: `B${i}` });
      cluster.track(client);
      onB.push(client);
    }
    for (const client of [host, ...onB]) await everyoneOnline(client, 5);
    const sessionsBefore = onB.map((client) => client.mirror.sessions);

    // As a long GC pause or a VM migration would: B answers nothing, beats no heartbeat.
    b.pause();
    try {
      await host.mirror.until(
        (state) => onB.every((client) => state.participants.get(client.session.participantId)?.online === false),
        15_000,
      );
    } finally {
      b.resume();
    }

    // B finds it was declared dead and opens its connections again: online for everyone, on both nodes.
    for (const client of [host, ...onB]) await everyoneOnline(client, 5);
    // Healed in place: nobody had to reconnect.
    expect(onB.map((client) => client.mirror.sessions)).toEqual(sessionsBefore);
    expect(onB.every((client) => client.socket.connected)).toBe(true);
    for (const [index, client] of [host, ...onB].entries()) await expectLiveEqualsFresh(client, `client ${index}`);
    expect(b.output()).toContain("declared dead while paused");
  });
});

describe("a store that lost its data", () => {
  it("Redis flushed: every node notices, logs it, is not ready for a while, and tells everyone their workshop is lost", async () => {
    const redis = await startRedisServer();
    onTestFinished(() => redis.stop());
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniquePrefix(),
      ...QUICK_LIVENESS,
      NODE_DEAD_AFTER_MS: "3000",
    };
    const nodes: NodeProcess[] = [];
    onTestFinished(() => Promise.all(nodes.map((node) => node.stop())).then(() => undefined));
    for (let i = 0; i < 2; i++) nodes.push(await spawnNode(env));
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const created = await createWorkshop(a.url);
    const host = await connectClient(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host on A" });
    await openRoster(host);
    const guests = [
      await connectClient(a.url, { joinCode: created.joinCode, displayName: "Guest on A" }),
      await connectClient(b.url, { joinCode: created.joinCode, displayName: "Guest on B" }),
    ];
    const everyone = [host, ...guests];
    for (const client of everyone) await everyoneOnline(client, 3);

    const admin = createClient({ url: redis.url });
    await admin.connect();
    onTestFinished(() => admin.quit().then(() => undefined));
    await admin.flushAll();

    // Told once, with the reason, on both nodes; then disconnected (no stream of NOT_FOUND).
    await expect
      .poll(() => everyone.map((client) => client.mirror.revoked))
      .toEqual(everyone.map(() => "workshop_lost"));
    await expect.poll(() => everyone.every((client) => !client.socket.connected)).toBe(true);
    for (const node of nodes) {
      const ready = await fetch(`${node.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ reason: "the store lost its data" });
      expect(await (await fetch(`${node.url}/metrics`)).text()).toMatch(/^workshop_store_data_lost_total 1$/m);
      const errors = node
        .output()
        .split("\n")
        .filter((line) => line.includes("the store lost its data"));
      expect(errors).toHaveLength(1);
      expect(JSON.parse(errors[0] as string)).toMatchObject({ level: 50 });
    }

    // Ready again after the hold; the deployment goes on with new workshops.
    for (const node of nodes) {
      await expect.poll(async () => (await fetch(`${node.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
    }
    const next = await createWorkshop(b.url);
    const newHost = await connectClient(b.url, { facilitatorKey: next.facilitatorKey, displayName: "Host again" });
    await everyoneOnline(newHost, 1);
  });
});
