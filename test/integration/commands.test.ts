import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { serverForThisTest, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ store: "redis" });
});
afterAll(() => server.close());

async function workshopWithPeople(names: string[]) {
  const created = await createWorkshop(server.url);
  const host = await connectClient(server.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
  const people: TestClient[] = [];
  for (const displayName of names) {
    people.push(await connectClient(server.url, { joinCode: created.joinCode, displayName }));
  }
  await host.mirror.until((state) => state.participants.size === names.length + 1);
  return { created, host, people };
}

describe("roles", () => {
  it("a facilitator promotes a participant to note-taker and co-facilitator; everyone sees it", async () => {
    const { host, people } = await workshopWithPeople(["Ana", "Budi"]);
    const [ana, budi] = people as [TestClient, TestClient];
    const promoted = await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: ana.session.participantId,
      role: "note-taker",
    });
    expect(promoted).toEqual({
      ok: true,
      data: { participantId: ana.session.participantId, displayName: "Ana", role: "note-taker", listed: false },
    });
    await budi.mirror.until((state) => state.participants.get(ana.session.participantId)?.role === "note-taker");
    expect(budi.mirror.state.participants.get(ana.session.participantId)?.online).toBe(true);
    await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: budi.session.participantId,
      role: "facilitator",
    });
    // The new co-facilitator's very next command is judged by the new role.
    const demote = await budi.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: ana.session.participantId,
      role: "participant",
    });
    expect(demote.ok).toBe(true);
  });

  it("participants and note-takers may not change roles, remove anyone or end the workshop", async () => {
    const { host, people } = await workshopWithPeople(["Chandra"]);
    const [chandra] = people as [TestClient];
    for (const attempt of [
      () =>
        chandra.send("participant:setRole", {
          commandId: newCommandId(),
          participantId: host.session.participantId,
          role: "participant",
        }),
      () =>
        chandra.send("participant:remove", { commandId: newCommandId(), participantId: host.session.participantId }),
      () => chandra.send("workshop:end", { commandId: newCommandId() }),
    ]) {
      expect(await attempt()).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });

  it("a facilitator cannot change their own role or remove themselves; unknown people are NOT_FOUND", async () => {
    const { host } = await workshopWithPeople([]);
    const self = host.session.participantId;
    expect(
      await host.send("participant:setRole", { commandId: newCommandId(), participantId: self, role: "participant" }),
    ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await host.send("participant:remove", { commandId: newCommandId(), participantId: self })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(
      await host.send("participant:remove", { commandId: newCommandId(), participantId: "p000000000000000" }),
    ).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("removal", () => {
  it("sends the removed person session:revoked, disconnects them, and drops them from every list", async () => {
    const { host, people } = await workshopWithPeople(["Dewi", "Eka"]);
    const [dewi, eka] = people as [TestClient, TestClient];
    const disconnected = new Promise((resolve) => dewi.socket.once("disconnect", resolve));
    await host.send("participant:remove", { commandId: newCommandId(), participantId: dewi.session.participantId });
    await disconnected;
    expect(dewi.mirror.revoked).toBe("removed");
    await eka.mirror.until((state) => !state.participants.has(dewi.session.participantId));
  });

  it("refuses the removed person's next command even before their disconnect arrives", async () => {
    // A long broadcast interval holds back the revocation, as a lost disconnect message would.
    const slow = await serverForThisTest({ store: "redis", env: { BROADCAST_INTERVAL_MS: "5000" } });
    const created = await createWorkshop(slow.url);
    const host = await connectClient(slow.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const fay = await connectClient(slow.url, { joinCode: created.joinCode, displayName: "Fay" });
    await host.send("participant:remove", { commandId: newCommandId(), participantId: fay.session.participantId });
    expect(fay.socket.connected).toBe(true);
    const disconnected = new Promise((resolve) => fay.socket.once("disconnect", resolve));
    expect(await fay.send("session:leave", { commandId: newCommandId() })).toMatchObject({
      ok: false,
      error: { code: "SESSION_REVOKED" },
    });
    // The refusal also closes the stale connection instead of waiting for the feed.
    await disconnected;
  });

  it("leaving (quick exit) revokes your own session and takes your name off the list", async () => {
    const { host, people } = await workshopWithPeople(["Gita"]);
    const [gita] = people as [TestClient];
    expect(await gita.send("session:leave", { commandId: newCommandId() })).toEqual({ ok: true, data: {} });
    await host.mirror.until((state) => !state.participants.has(gita.session.participantId));
    await new Promise((resolve) =>
      gita.socket.disconnected ? resolve(null) : gita.socket.once("disconnect", resolve),
    );
    expect(gita.mirror.revoked).toBe("left");
  });

  it("ending the workshop revokes everyone", async () => {
    const { host, people } = await workshopWithPeople(["Hana"]);
    const [hana] = people as [TestClient];
    const ended = await host.send("workshop:end", { commandId: newCommandId() });
    expect(ended).toMatchObject({ ok: true, data: { status: "ended" } });
    await hana.mirror.until(() => hana.mirror.revoked === "workshop_ended");
    expect(hana.mirror.state.workshop?.status).toBe("ended");
  });

  it("the facilitator who ends the workshop gets the answer before being disconnected, every time", async () => {
    // The end's own event revokes the facilitator's socket; the revoke waits for the
    // commands that socket already sent (the end included) to be answered.
    for (let attempt = 0; attempt < 8; attempt++) {
      const { host } = await workshopWithPeople([]);
      const [ended, other] = await Promise.all([
        host.send("workshop:end", { commandId: newCommandId() }),
        host.send("workshop:sync", {}),
      ]);
      expect(ended).toMatchObject({ ok: true, data: { status: "ended" } });
      expect(other.ok).toBe(true);
      await host.mirror.until(() => host.mirror.revoked === "workshop_ended");
      host.close();
    }
  });
});

describe("idempotent retries (invariant 3)", () => {
  it("a retried command returns the first result and applies nothing twice, even concurrently", async () => {
    const { host, people } = await workshopWithPeople(["Indah", "Joko"]);
    const [indah, joko] = people as [TestClient, TestClient];
    const before = await server.stores.workshops.currentVersion(host.session.workshopId);
    const payload = {
      commandId: newCommandId(),
      participantId: indah.session.participantId,
      role: "note-taker" as const,
    };
    const answers = await Promise.all([
      host.send("participant:setRole", payload),
      host.send("participant:setRole", payload),
      host.send("participant:setRole", payload),
    ]);
    expect(answers[0]).toMatchObject({ ok: true });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // Once: the new role, and (the roster being private) the presence of someone everyone now sees.
    expect((await server.stores.workshops.eventsSince(host.session.workshopId, before))?.map((e) => e.type)).toEqual([
      "participant:upserted",
      "participant:presence",
    ]);

    const removal = { commandId: newCommandId(), participantId: joko.session.participantId };
    const first = await host.send("participant:remove", removal);
    // The state changed since (Joko is gone), yet the retry gets the first answer, not NOT_FOUND.
    const retry = await host.send("participant:remove", removal);
    expect(first).toMatchObject({ ok: true });
    expect(retry).toEqual(first);
  });

  it("the same command id from another person is a different command", async () => {
    const { host, people } = await workshopWithPeople(["Kiri"]);
    const [kiri] = people as [TestClient];
    const commandId = newCommandId();
    await host.send("participant:setRole", {
      commandId,
      participantId: kiri.session.participantId,
      role: "facilitator",
    });
    const theirs = await kiri.send("participant:setRole", {
      commandId,
      participantId: host.session.participantId,
      role: "note-taker",
    });
    expect(theirs).toMatchObject({ ok: true, data: { role: "note-taker" } });
  });
});
