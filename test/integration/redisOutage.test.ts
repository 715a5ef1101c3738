import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { participantOfRosterEntry } from "../../shared/workshop.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { type RedisProcess, startRedisServer } from "../helpers/redisServer.js";
import { startServer, type TestServer } from "../helpers/server.js";

/** Outages of a private Redis: a hung or dead Redis gives bounded UNAVAILABLE answers, never a hang. */
let redis: RedisProcess;
let server: TestServer;
let host: TestClient;
let guest: TestClient;
let workshopId: string;
beforeAll(async () => {
  redis = await startRedisServer();
  server = await startServer({ store: "redis", redisUrl: redis.url, env: { REDIS_COMMAND_TIMEOUT_MS: "500" } });
  const created = await createWorkshop(server.url);
  workshopId = created.workshopId;
  host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  guest = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Guest" });
});
afterAll(async () => {
  host.close();
  guest.close();
  await server.close();
  await redis.stop();
});

const readiness = async () => (await fetch(`${server.url}/readyz`)).status;

describe("Redis outages", () => {
  it("a hung Redis: commands get UNAVAILABLE within the timeout; readyz says not ready; healthz alive", async () => {
    redis.pause();
    try {
      const started = Date.now();
      const answer = await host.send("participant:setRole", {
        commandId: newCommandId(),
        participantId: guest.session.participantId,
        role: "note-taker",
      });
      expect(answer).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
      // Bounded: a few command timeouts at most, never the 10 s client timeout.
      expect(Date.now() - started).toBeLessThan(8000);
      expect(await readiness()).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      redis.resume();
    }
    await expect.poll(readiness).toBe(200);
  });

  it("a dead Redis, then restarted: UNAVAILABLE meanwhile, then everything acknowledged is still there", async () => {
    const promoted = await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: guest.session.participantId,
      role: "note-taker",
    });
    expect(promoted.ok).toBe(true);
    await redis.kill();
    const answer = await host.send("workshop:sync", {});
    expect(answer).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    expect(await readiness()).toBe(503);
    await redis.restart();
    await expect.poll(readiness, { timeout: 15_000 }).toBe(200);
    const after = await host.send("workshop:sync", {});
    if (!after.ok || after.data.kind !== "snapshot") throw new Error("expected a snapshot");
    const stored = after.data.snapshot.roster
      .map(participantOfRosterEntry)
      .find((p) => p.participantId === guest.session.participantId);
    expect(stored?.role).toBe("note-taker");
    expect(after.data.snapshot.workshop.workshopId).toBe(workshopId);
  });
});
