import { describe, expect, it } from "vitest";
import { participantOfRosterEntry } from "../../shared/workshop.js";
import { connectClient, createWorkshop, namesOf, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";

const cluster = useTwoNodes();

async function twoNodes(extraEnv: Record<string, string> = {}) {
  const { a, b } = await cluster.start(extraEnv);
  return [a, b] as const;
}

async function join(urls: string | string[], auth: Parameters<typeof connectClient>[1]) {
  const client = await connectClient(urls, auth);
  cluster.track(client);
  return client;
}

describe("two nodes on one Redis", () => {
  it("a workshop created on node A is joinable on node B; presence and events flow both ways", async () => {
    const [a, b] = await twoNodes();
    const created = await createWorkshop(a.url);
    const host = await join(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host on A" });
    const guest = await join(b.url, { joinCode: created.joinCode, displayName: "Guest on B" });
    for (const client of [host, guest]) {
      await client.mirror.until(
        (state) => state.participants.size === 2 && [...state.participants.values()].every((p) => p.online),
      );
    }
    await host.send("participant:setRole", {
      commandId: newCommandId(),
      participantId: guest.session.participantId,
      role: "note-taker",
    });
    await guest.mirror.until((state) => state.participants.get(guest.session.participantId)?.role === "note-taker");
    const late = await join(b.url, { joinCode: created.joinCode, displayName: "Late on B" });
    await host.mirror.until((state) => state.participants.size === 3);
    late.close();
    await host.mirror.until((state) => state.participants.get(late.session.participantId)?.online === false);
    expect(namesOf(guest.mirror.state.participants.values())).toEqual(["Guest on B", "Host on A", "Late on B"]);
  });

  it("removal on node A revokes the person's session on node B at once", async () => {
    const [a, b] = await twoNodes();
    const created = await createWorkshop(a.url);
    const host = await join(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    const guest = await join(b.url, { joinCode: created.joinCode, displayName: "Guest" });
    const gone = new Promise((resolve) => guest.socket.once("disconnect", resolve));
    await host.send("participant:remove", { commandId: newCommandId(), participantId: guest.session.participantId });
    await gone;
    expect(guest.mirror.revoked).toBe("removed");
  });

  it("kill -9 node A: its clients reconnect to B, resync, and nothing acknowledged is lost", async () => {
    const [a, b] = await twoNodes({ NODE_HEARTBEAT_MS: "200", NODE_DEAD_AFTER_MS: "1500" });
    const created = await createWorkshop(a.url);
    const host = await join([b.url], { facilitatorKey: created.facilitatorKey, displayName: "Host on B" });
    // About losing a node, not about privacy: everyone sees everyone, so every copy can be compared whole.
    await host.send("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false });
    const onA: TestClient[] = [];
    for (let i = 0; i < 5; i++) {
      onA.push(await join([a.url, b.url], { joinCode: created.joinCode, displayName: `A${i}` }));
    }
    await host.mirror.until((state) => state.participants.size === 6);
    // Acknowledged writes through node A just before it dies.
    const acked = [];
    for (const client of onA.slice(0, 3)) {
      acked.push(
        await host.send("participant:setRole", {
          commandId: newCommandId(),
          participantId: client.session.participantId,
          role: "note-taker",
        }),
      );
    }
    expect(acked.every((answer) => answer.ok)).toBe(true);
    const quitter = onA[4] as TestClient;
    quitter.socket.io.reconnection(false);
    const sessionsBefore = onA.map((client) => client.mirror.sessions);
    await a.kill();
    for (const [index, client] of onA.slice(0, 4).entries()) {
      // The roles may have arrived before the kill: wait for the resumed session on B as well.
      await client.mirror.until(
        (state) =>
          client.mirror.sessions > (sessionsBefore[index] ?? 0) &&
          client.socket.connected &&
          state.participants.size === 6 &&
          onA.slice(0, 3).every((c) => state.participants.get(c.session.participantId)?.role === "note-taker"),
      );
      expect(client.socket.connected).toBe(true);
    }
    // The person who never came back is shown offline once B notices A is dead.
    await host.mirror.until((state) => state.participants.get(quitter.session.participantId)?.online === false, 15_000);
    // Everyone's copy equals the server's.
    const truth = await host.send("workshop:sync", {});
    if (!truth.ok || truth.data.kind !== "snapshot") throw new Error("expected a snapshot");
    const { snapshot } = truth.data;
    const expected = new Map(snapshot.roster.map(participantOfRosterEntry).map((p) => [p.participantId, p]));
    for (const client of [host, ...onA.slice(0, 4)]) {
      await client.mirror.until((state) => state.version >= snapshot.version);
      expect(client.mirror.state.participants).toEqual(expected);
    }
  });
});
