import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEED_PAGE_EVENTS } from "../../server/realtime/eventFeed.js";
import { SYNC_EVENTS_MAX } from "../../server/services/workshopService.js";
import { EVENT_LOG_CAP } from "../../server/store/workshop/port.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { startServer, type TestServer } from "../helpers/server.js";

/** Invariant 6: versions on every state event; gaps and reconnects resync to the exact server state. */
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server.close());

async function serverState(client: TestClient) {
  const full = await server.stores.workshops.fullSnapshot(client.session.workshopId);
  if (!full) throw new Error("no workshop");
  const active = full.participants.filter((p) => p.status === "active");
  return {
    version: full.version,
    participants: new Map(
      active.map((p) => [
        p.participantId,
        {
          participantId: p.participantId,
          displayName: p.displayName,
          role: p.role,
          online: p.online,
          listed: p.listed ?? false,
        },
      ]),
    ),
  };
}

/**
 * Waits until the client's copy has caught up with the server's current version, then compares
 * with the state at that same version (a late event, e.g. a removed person's socket closing, may
 * move the server on after: then the client must catch up with that too).
 */
async function expectEqualToServer(client: TestClient) {
  let truth = await serverState(client);
  await expect
    .poll(
      async () => {
        truth = await serverState(client);
        return client.mirror.state.version === truth.version;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  expect(client.mirror.state.participants).toEqual(truth.participants);
}

async function setup(names: string[]) {
  const created = await createWorkshop(server.url);
  const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  // About resync, not privacy: everyone's copy holds everyone (test/multinode/rosterPrivacy.test.ts resyncs private ones).
  await host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false });
  const people: TestClient[] = [];
  for (const displayName of names)
    people.push(await connectClient(server.url, { joinCode: created.joinCode, displayName }));
  return { created, host, people };
}

describe("resync", () => {
  it("a client offline while the state changes comes back equal to the server (missed events only)", async () => {
    const { created, host, people } = await setup(["Lan", "Minh"]);
    const [lan, minh] = people as [TestClient, TestClient];
    await lan.mirror.until((state) => state.participants.size === 3);
    const batchesBefore = lan.mirror.batches;
    lan.socket.disconnect();
    await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: minh.session.participantId,
      role: "note-taker",
    });
    await host.send("participant:remove", { commandId: newCommandId(), participantId: minh.session.participantId });
    const newcomer = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Nam" });
    lan.socket.connect();
    await expectEqualToServer(lan);
    expect(lan.mirror.state.participants.has(newcomer.session.participantId)).toBe(true);
    expect(lan.mirror.state.participants.has(minh.session.participantId)).toBe(false);
    expect(lan.mirror.batches).toBeGreaterThanOrEqual(batchesBefore);
    newcomer.close();
    lan.close();
    host.close();
  });

  it("a client further behind than the event log reaches gets a full snapshot and is equal again", async () => {
    const { host, people } = await setup(["Oanh"]);
    const [oanh] = people as [TestClient];
    oanh.socket.disconnect();
    // More presence changes than the log keeps, in pipelined slices so none waits past the timeout.
    for (let start = 0; start < EVENT_LOG_CAP + 10; start += 1000) {
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          server.stores.presence.connect(host.session.workshopId, {
            participantId: `p${String(start + i).padStart(15, "0")}`,
            connectionId: `nghost/${start + i}`,
          }),
        ),
      );
    }
    expect(await server.stores.workshops.eventsSince(host.session.workshopId, oanh.mirror.version)).toBeNull();
    const ready = new Promise<string>((resolve) => oanh.socket.once("session:ready", ({ sync }) => resolve(sync.kind)));
    oanh.socket.connect();
    expect(await ready).toBe("snapshot");
    await expectEqualToServer(oanh);
    oanh.close();
    host.close();
  });

  it("a node far behind catches up in pages of the log: consecutive batches, none larger than a page", async () => {
    const { host, people } = await setup(["Sen", "Tam"]);
    const [sen, tam] = people as [TestClient, TestClient];
    await sen.mirror.until((state) => state.participants.size === 3);
    await tam.mirror.until((state) => state.participants.size === 3);
    tam.socket.disconnect();
    const sizes: number[] = [];
    let expectedFrom = sen.mirror.version + 1;
    let consecutive = true;
    sen.socket.on("workshop:events", (batch) => {
      sizes.push(batch.events.length);
      consecutive &&= batch.fromVersion === expectedFrom;
      expectedFrom = batch.toVersion + 1;
    });
    // Three pages' worth of changes committed at once (as assigning thousands of people is), far
    // faster than the feed's coalescing interval: its next read finds more than a page waiting.
    const total = FEED_PAGE_EVENTS * 3;
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        server.stores.presence.connect(host.session.workshopId, {
          participantId: `q${String(i).padStart(15, "0")}`,
          connectionId: `ngpage/${i}`,
        }),
      ),
    );
    await expectEqualToServer(sen);
    expect(consecutive).toBe(true);
    expect(Math.max(...sizes)).toBe(FEED_PAGE_EVENTS);
    // A client that missed more than a catch-up carries gets a snapshot instead of the events.
    expect(total).toBeGreaterThan(SYNC_EVENTS_MAX);
    const ready = new Promise<string>((resolve) => tam.socket.once("session:ready", ({ sync }) => resolve(sync.kind)));
    tam.socket.connect();
    expect(await ready).toBe("snapshot");
    await expectEqualToServer(tam);
    tam.close();
    sen.close();
    host.close();
  });

  it("fifty people leaving at once are all offline, each once, and no connection is left open", async () => {
    const { host, people } = await setup(Array.from({ length: 50 }, (_, index) => `Leaver ${index}`));
    await host.mirror.until((state) => [...state.participants.values()].filter((p) => p.online).length === 51);
    const since = host.mirror.version;
    for (const person of people) person.socket.disconnect();
    await host.mirror.until((state) => [...state.participants.values()].filter((p) => p.online).length === 1);
    await expectEqualToServer(host);
    const offline = ((await server.stores.workshops.eventsSince(host.session.workshopId, since)) ?? []).filter(
      (event) => event.type === "participant:presence" && !event.online,
    );
    expect(offline).toHaveLength(50);
    for (const person of people) {
      expect(await server.stores.presence.connectionCount(host.session.workshopId, person.session.participantId)).toBe(
        0,
      );
    }
    for (const person of people) person.close();
    host.close();
  });

  it("a client that sees a version gap asks for what it missed, without reconnecting", async () => {
    const { created, host, people } = await setup(["Phuong"]);
    const [phuong] = people as [TestClient];
    await phuong.mirror.until((state) => state.participants.size === 2);
    phuong.mirror.dropBatches = 1;
    const quiet = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Quynh" });
    await phuong.mirror.until(() => phuong.mirror.dropBatches === 0);
    const rang = await connectClient(server.url, { joinCode: created.joinCode, displayName: "Rang" });
    await expectEqualToServer(phuong);
    expect(phuong.mirror.gaps).toBeGreaterThanOrEqual(1);
    expect(phuong.socket.connected).toBe(true);
    for (const client of [quiet, rang, phuong, host]) client.close();
  });

  it("every batch carries consecutive versions", async () => {
    const { created, host } = await setup([]);
    const seen: Array<[number, number]> = [];
    host.socket.on("workshop:events", (batch) => {
      seen.push([batch.fromVersion, batch.toVersion]);
      expect(batch.events.map((event) => event.v)).toEqual(
        Array.from({ length: batch.toVersion - batch.fromVersion + 1 }, (_, i) => batch.fromVersion + i),
      );
    });
    const guests = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        connectClient(server.url, { joinCode: created.joinCode, displayName: `G${i}` }),
      ),
    );
    await host.mirror.until(
      (state) => state.participants.size === 21 && [...state.participants.values()].every((p) => p.online),
    );
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.[0]).toBe((seen[i - 1]?.[1] ?? 0) + 1);
    // Coalesced: 20 joins (40 events) arrive in far fewer batches than events.
    expect(seen.length).toBeLessThan(20);
    for (const guest of guests) guest.close();
    host.close();
  });
});
