import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkshopRecord } from "../../server/domain/records.js";
import type { Stores } from "../../server/store/stores.js";
import { closeStores, factories, person, workshopRecord } from "../helpers/contractStores.js";

afterAll(closeStores);

/** The people a snapshot would list: active ones, with presence. */
async function activeView(stores: Stores, workshopId: string) {
  const full = await stores.workshops.fullSnapshot(workshopId);
  if (!full) return null;
  return { version: full.version, participants: full.participants.filter((p) => p.status === "active") };
}

/** Open connections, presence events, node liveness and reaping (rule ids S...). */
describe.each(Object.keys(factories) as Array<keyof typeof factories>)("presence store contract: %s", (kind) => {
  let stores: Stores;
  let workshop: WorkshopRecord;
  beforeEach(async () => {
    stores = await factories[kind]();
    workshop = workshopRecord();
    await stores.workshops.createWorkshop(workshop);
  });

  it("S2b joining connected is one event, online from the start; connecting again changes nothing", async () => {
    const bob = person("bob");
    expect(
      await stores.workshops.addParticipant(workshop.workshopId, {
        record: bob,
        sessionTokenHash: "tb",
        connectionId: "n1/bob",
      }),
    ).toMatchObject({ version: 1 });
    await stores.presence.connect(workshop.workshopId, { participantId: bob.participantId, connectionId: "n1/bob" });
    const events = await stores.workshops.eventsSince(workshop.workshopId, 0);
    expect(events).toEqual([
      {
        v: 1,
        type: "participant:upserted",
        participant: {
          participantId: bob.participantId,
          displayName: "Person bob",
          role: "participant",
          listed: false,
        },
        online: true,
      },
    ]);
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(true);
    await stores.presence.disconnect(workshop.workshopId, ["n1/bob"]);
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(false);
  });

  it("S3b announcing logs the person's presence as it is now (online, then offline)", async () => {
    const dana = person("dana");
    await stores.workshops.addParticipant(workshop.workshopId, { record: dana, sessionTokenHash: "td" });
    await stores.presence.connect(workshop.workshopId, { participantId: dana.participantId, connectionId: "n1/dana" });
    await stores.presence.announce(workshop.workshopId, dana.participantId);
    await stores.presence.disconnect(workshop.workshopId, ["n1/dana"]);
    await stores.presence.announce(workshop.workshopId, dana.participantId);
    const events = await stores.workshops.eventsSince(workshop.workshopId, 0);
    expect(events?.slice(2)).toEqual([
      { v: 3, type: "participant:presence", participantId: dana.participantId, online: true },
      { v: 4, type: "participant:presence", participantId: dana.participantId, online: false },
      { v: 5, type: "participant:presence", participantId: dana.participantId, online: false },
    ]);
  });

  it("S3 presence: first connection goes online, last goes offline, repeats change nothing", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "t" });
    await stores.presence.connect(workshop.workshopId, { participantId: alice.participantId, connectionId: "n1/a" });
    await stores.presence.connect(workshop.workshopId, { participantId: alice.participantId, connectionId: "n1/a" });
    await stores.presence.connect(workshop.workshopId, { participantId: alice.participantId, connectionId: "n2/b" });
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(true);
    await stores.presence.disconnect(workshop.workshopId, ["n1/a"]);
    await stores.presence.disconnect(workshop.workshopId, ["n1/a"]);
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(true);
    await stores.presence.disconnect(workshop.workshopId, ["n2/b"]);
    const snapshot = await activeView(stores, workshop.workshopId);
    expect(snapshot?.participants[0]?.online).toBe(false);
    const presence = (await stores.workshops.eventsSince(workshop.workshopId, 0))?.filter(
      (e) => e.type === "participant:presence",
    );
    expect(presence?.map((event) => event.type === "participant:presence" && event.online)).toEqual([true, false]);
  });

  it("S3c many connections close in one call: each person's last one logs them offline once, in one append", async () => {
    const people = Array.from({ length: 600 }, (_, index) => person(`m${String(index).padStart(14, "0")}`));
    for (const one of people) {
      await stores.workshops.addParticipant(workshop.workshopId, {
        record: one,
        sessionTokenHash: `t${one.participantId}`,
      });
    }
    await Promise.all(
      people.map((one, index) =>
        stores.presence.connect(workshop.workshopId, { participantId: one.participantId, connectionId: `n1/${index}` }),
      ),
    );
    // The first person has a second tab, which stays open.
    const first = people[0] as (typeof people)[number];
    await stores.presence.connect(workshop.workshopId, { participantId: first.participantId, connectionId: "n2/tab" });
    const before = await stores.workshops.currentVersion(workshop.workshopId);
    // More than one script's worth, with repeats and an unknown id: each closes once, the rest is ignored.
    const closing = [...people.map((_, index) => `n1/${index}`), "n1/0", "n9/unknown"];
    await stores.presence.disconnect(workshop.workshopId, closing);
    await stores.presence.disconnect(workshop.workshopId, closing);
    const events = (await stores.workshops.eventsSince(workshop.workshopId, before)) ?? [];
    expect(events.every((event) => event.type === "participant:presence" && !event.online)).toBe(true);
    expect(events.map((event) => (event.type === "participant:presence" ? event.participantId : "")).sort()).toEqual(
      people
        .slice(1)
        .map((one) => one.participantId)
        .sort(),
    );
    expect(await stores.presence.connectionCount(workshop.workshopId, first.participantId)).toBe(1);
    const online = (await activeView(stores, workshop.workshopId))?.participants.filter((one) => one.online);
    expect(online?.map((one) => one.participantId)).toEqual([first.participantId]);
  });

  it("S11 reaping a dead node closes exactly its connections", async () => {
    const alice = person("alice");
    const bob = person("bob");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "ta" });
    await stores.workshops.addParticipant(workshop.workshopId, { record: bob, sessionTokenHash: "tb" });
    await stores.presence.connect(workshop.workshopId, { participantId: alice.participantId, connectionId: "ndead/1" });
    await stores.presence.connect(workshop.workshopId, { participantId: bob.participantId, connectionId: "ndead/2" });
    await stores.presence.connect(workshop.workshopId, { participantId: bob.participantId, connectionId: "nlive/3" });
    await stores.presence.heartbeat("ndead", 1000);
    await stores.presence.heartbeat("nlive", 50_000);
    expect(await stores.presence.deadNodes(10_000)).toEqual(["ndead"]);
    expect(await stores.presence.reapNode("ndead")).toBe(2);
    const online = (await activeView(stores, workshop.workshopId))?.participants.map((p) => [p.displayName, p.online]);
    expect(new Map(online as Array<[string, boolean]>)).toEqual(
      new Map([
        ["Person alice", false],
        ["Person bob", true],
      ]),
    );
    expect(await stores.presence.deadNodes(10_000)).toEqual([]);
  });

  it("S11b a live node's repair closes only the connections it no longer has", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "ta" });
    await stores.presence.connect(workshop.workshopId, { participantId: alice.participantId, connectionId: "nself/1" });
    await stores.presence.connect(workshop.workshopId, { participantId: alice.participantId, connectionId: "nself/2" });
    await stores.presence.heartbeat("nself", 50_000);
    expect(await stores.presence.reapNode("nself", (connectionId) => connectionId === "nself/2")).toBe(1);
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(true);
    expect(await stores.presence.reapNode("nself", () => false)).toBe(1);
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(false);
    // A live node stays registered.
    expect(await stores.presence.deadNodes(60_000)).toEqual(["nself"]);
  });

  it("S11c a heartbeat says when its node was not listed: first beat, and after it was reaped as dead", async () => {
    expect(await stores.presence.heartbeat("npaused", 1000)).toBe(true);
    expect(await stores.presence.heartbeat("npaused", 2000)).toBe(false);
    // Another node finds it silent and reaps it; the paused node's next beat learns of it.
    expect(await stores.presence.deadNodes(10_000)).toEqual(["npaused"]);
    await stores.presence.reapNode("npaused");
    expect(await stores.presence.heartbeat("npaused", 20_000)).toBe(true);
    expect(await stores.presence.heartbeat("npaused", 25_000)).toBe(false);
    // A live node's own repair pass does not unlist it.
    await stores.presence.reapNode("npaused", () => false);
    expect(await stores.presence.heartbeat("npaused", 30_000)).toBe(false);
  });

  it("S11d a reaped connection opened again by its node is online again, once", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "ta" });
    const open = { participantId: alice.participantId, connectionId: "npaused/1" };
    await stores.presence.connect(workshop.workshopId, open);
    await stores.presence.heartbeat("npaused", 1000);
    await stores.presence.reapNode("npaused");
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(false);
    await stores.presence.connect(workshop.workshopId, open);
    await stores.presence.connect(workshop.workshopId, open);
    expect((await activeView(stores, workshop.workshopId))?.participants[0]?.online).toBe(true);
    expect(await stores.presence.connectionCount(workshop.workshopId, alice.participantId)).toBe(1);
  });

  it("S17 the store's epoch is one id for as long as the store keeps its data", async () => {
    const first = await stores.presence.storeEpoch();
    expect(first).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await Promise.all([stores.presence.storeEpoch(), stores.presence.storeEpoch()])).toEqual([first, first]);
  });

  it("S16 connecting past a person's connection limit is refused and writes nothing", async () => {
    const alice = person("alice");
    await stores.workshops.addParticipant(workshop.workshopId, { record: alice, sessionTokenHash: "tokenhash-a" });
    expect(
      await stores.presence.connect(workshop.workshopId, {
        participantId: alice.participantId,
        connectionId: "n1/one",
        maxConnections: 2,
      }),
    ).toBe(true);
    expect(
      await stores.presence.connect(workshop.workshopId, {
        participantId: alice.participantId,
        connectionId: "n1/two",
        maxConnections: 2,
      }),
    ).toBe(true);
    expect(
      await stores.presence.connect(workshop.workshopId, {
        participantId: alice.participantId,
        connectionId: "n1/three",
        maxConnections: 2,
      }),
    ).toBe(false);
    // The same connection again is no new connection.
    expect(
      await stores.presence.connect(workshop.workshopId, {
        participantId: alice.participantId,
        connectionId: "n1/two",
        maxConnections: 2,
      }),
    ).toBe(true);
    expect(await stores.presence.connectionCount(workshop.workshopId, alice.participantId)).toBe(2);
    await stores.presence.disconnect(workshop.workshopId, ["n1/one"]);
    expect(
      await stores.presence.connect(workshop.workshopId, {
        participantId: alice.participantId,
        connectionId: "n1/three",
        maxConnections: 2,
      }),
    ).toBe(true);
  });
});
