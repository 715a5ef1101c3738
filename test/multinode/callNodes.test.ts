import { describe, expect, it } from "vitest";
import type { RoomView } from "../../shared/breakout.js";
import { planRound } from "../helpers/breakout.js";
import { connectClient, createWorkshop, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { expectLiveEqualsFresh } from "../helpers/liveEqualsFresh.js";

/**
 * A room's call link may hold its meeting's password: it reaches exactly the room's people (and
 * facilitators), on whichever node they are, follows a person who is moved, and comes back after
 * a reconnect. Every payload every participant receives is searched for the links they may not have.
 */

const cluster = useTwoNodes();

interface Watched {
  client: TestClient;
  /** Every event and every answer this socket received, as JSON. */
  received: string[];
}

async function join(url: string, joinCode: string, displayName: string): Promise<Watched> {
  const received: string[] = [];
  const client = await connectClient(
    url,
    { joinCode, displayName },
    { capture: (_name, payload) => received.push(JSON.stringify(payload)) },
  );
  cluster.track(client);
  return { client, received };
}

function ok<T>(answer: { ok: true; data: T } | { ok: false; error: { code: string } }): T {
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
}

const TEMPLATE = "https://meet.example.org/forum-{workshop}-{room}";
const PASTED_FOR_B = "https://zoom.example.org/j/8123456789?pwd=secretOfRoomB";
const PLENARY = "https://stream.example.org/plenary";

describe("call links on two nodes", () => {
  it("a room's link reaches exactly its members, follows a moved person, and comes back after a reconnect", async () => {
    const { a, b } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient([a.url, b.url], {
      facilitatorKey: created.facilitatorKey,
      displayName: "Host",
    });
    cluster.track(host);
    // Two people in each room, one on each node; nobody in room C.
    const [a1, a2, b1, b2] = await Promise.all([
      join(a.url, created.joinCode, "A one"),
      join(b.url, created.joinCode, "A two"),
      join(a.url, created.joinCode, "B one"),
      join(b.url, created.joinCode, "B two"),
    ]);
    const people = [a1, a2, b1, b2] as Watched[];
    ok(await host.send("call:setPlenary", { commandId: newCommandId(), url: PLENARY }));
    ok(await host.send("call:setTemplate", { commandId: newCommandId(), template: TEMPLATE }));
    const round = await planRound(host, [{ name: "Forced labour" }, { name: "Survivor voices" }, { name: "Empty" }]);
    const [roomA, roomB, roomC] = round.rooms as [RoomView, RoomView, RoomView];
    ok(
      await host.send("call:setRoom", {
        commandId: newCommandId(),
        roundId: round.roundId,
        roomId: roomB.roomId,
        url: PASTED_FOR_B,
      }),
    );
    for (const [group, room] of [
      [[a1, a2], roomA],
      [[b1, b2], roomB],
    ] as const) {
      ok(
        await host.send("breakout:move", {
          commandId: newCommandId(),
          roundId: round.roundId,
          participantIds: group.map((person) => person.client.session.participantId),
          roomId: room.roomId,
        }),
      );
    }
    ok(await host.send("breakout:open", { commandId: newCommandId(), roundId: round.roundId }));

    // The facilitator sees every room's link: from the template (random words, never the room's name) or pasted.
    // Until the pasted link too: the plan's template links can arrive a batch before it.
    await host.mirror.until(
      (state) => state.calls.rooms.size === 3 && state.calls.rooms.get(roomB.roomId) === PASTED_FOR_B,
    );
    const links = host.mirror.state.calls.rooms;
    const linkA = links.get(roomA.roomId) as string;
    const linkC = links.get(roomC.roomId) as string;
    expect(links.get(roomB.roomId)).toBe(PASTED_FOR_B);
    expect(linkA).toMatch(/^https:\/\/meet\.example\.org\/forum-[a-z0-9]{8}-1-1-[a-z0-9]{8}$/);
    expect(linkC).toMatch(/-1-3-[a-z0-9]{8}$/);
    expect(host.mirror.state.calls.settings).toMatchObject({ template: TEMPLATE, plenary: PLENARY });

    // Each person holds the plenary's link and their own room's, whichever node they are on.
    for (const [person, link, room] of [
      [a1, linkA, roomA],
      [a2, linkA, roomA],
      [b1, PASTED_FOR_B, roomB],
      [b2, PASTED_FOR_B, roomB],
    ] as const) {
      await person.client.mirror.until(
        (state) => state.calls.rooms.get(room.roomId) === link && state.calls.rooms.size === 1,
      );
      expect(person.client.mirror.state.calls.plenary).toBe(PLENARY);
      expect(person.client.mirror.state.calls.settings).toBeNull();
    }
    // ...and never received another room's link, nor the template (which would tell every room's).
    const secretsOf = (room: RoomView) =>
      [roomA, roomB, roomC].filter((other) => other !== room).map((other) => links.get(other.roomId) as string);
    for (const [person, room] of [
      [a1, roomA],
      [a2, roomA],
      [b1, roomB],
      [b2, roomB],
    ] as const) {
      const everything = person.received.join("\n");
      for (const secret of [...secretsOf(room), "{room}", "forum-{workshop}"]) expect(everything).not.toContain(secret);
    }

    // A person moved from A to B: A's link leaves their copy, B's comes.
    const beforeMove = a1.received.length;
    ok(
      await host.send("breakout:move", {
        commandId: newCommandId(),
        roundId: round.roundId,
        participantIds: [a1.client.session.participantId],
        roomId: roomB.roomId,
      }),
    );
    await a1.client.mirror.until(
      (state) => state.calls.rooms.get(roomB.roomId) === PASTED_FOR_B && !state.calls.rooms.has(roomA.roomId),
    );
    // The room they are still in never hears of B's link; the moved person hears no more of A's.
    expect(a2.received.join("\n")).not.toContain(PASTED_FOR_B);
    expect(a1.received.slice(beforeMove).join("\n")).not.toContain(linkA);

    // A2 drops off; meanwhile A's link changes (pasted over the template); A2 comes back on the other node.
    a2.client.socket.disconnect();
    const newA = "https://bbb.example.org/b/room-a-xk2";
    ok(
      await host.send("call:setRoom", {
        commandId: newCommandId(),
        roundId: round.roundId,
        roomId: roomA.roomId,
        url: newA,
      }),
    );
    const manager = a2.client.socket.io as unknown as { uri: string; opts: { port?: string } };
    manager.uri = a.url;
    manager.opts.port = new URL(a.url).port;
    a2.client.socket.connect();
    await a2.client.mirror.until((state) => state.calls.rooms.get(roomA.roomId) === newA);
    expect(b1.received.join("\n")).not.toContain(newA);
    expect(b2.received.join("\n")).not.toContain(newA);
    for (const person of people) await expectLiveEqualsFresh(person.client, person.client.session.displayName);
    await expectLiveEqualsFresh(host, "host");

    // The round ends: everyone is back in the plenary, with the plenary's link only.
    ok(await host.send("breakout:end", { commandId: newCommandId(), roundId: round.roundId, immediate: true }));
    for (const person of people) {
      await person.client.mirror.until((state) => state.calls.rooms.size === 0 && state.calls.plenary === PLENARY);
    }

    // Nothing of it is in the outcome report, in any format.
    const secrets = [PLENARY, PASTED_FOR_B, linkA, linkC, newA, "{room}", "pwd="];
    for (const format of ["md", "html", "json", "csv"]) {
      const response = await fetch(
        `${b.url}/api/workshops/${host.session.workshopId}/report?format=${format}&scope=workshop`,
        { headers: { authorization: `Bearer ${host.session.sessionToken}` } },
      );
      expect(response.status).toBe(200);
      const body = await response.text();
      for (const secret of secrets) expect(body, `${format} report`).not.toContain(secret);
    }
  });

  it("junk is refused with a stable code and changes nothing; participants may not set links", async () => {
    const { a } = await cluster.start();
    const created = await createWorkshop(a.url);
    const host = await connectClient(a.url, { facilitatorKey: created.facilitatorKey, displayName: "Host" });
    cluster.track(host);
    const person = await join(a.url, created.joinCode, "P");
    const sync = ok(await host.send("workshop:sync", {}));
    const version = sync.kind === "snapshot" ? sync.snapshot.version : -1;
    const junk: unknown[] = [
      { commandId: newCommandId(), url: "http://meet.example.org/x" },
      { commandId: newCommandId(), url: "https://user:pass@meet.example.org/x" },
      { commandId: newCommandId(), url: "javascript:alert(1)" },
      { commandId: newCommandId(), url: "https://meet.example.org/{room}" },
      { commandId: newCommandId(), url: "https://meet.example.org/ x" },
      { commandId: newCommandId(), url: 42 },
      { commandId: newCommandId(), url: "https://meet.example.org/x", extra: true },
      { commandId: newCommandId() },
      null,
      "https://meet.example.org/x",
    ];
    for (const payload of junk) {
      const answer = await host.send("call:setPlenary", payload as never);
      expect(answer).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    for (const template of [
      "https://meet.example.org/fixed",
      "https://meet.example.org/{name}",
      "http://x.org/{room}",
    ]) {
      const answer = await host.send("call:setTemplate", { commandId: newCommandId(), template });
      expect(answer).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    // A room that is not in the current round.
    expect(
      await host.send("call:setRoom", {
        commandId: newCommandId(),
        roundId: "r0000000000x",
        roomId: "m0000000000x",
        url: "https://meet.example.org/x",
      }),
    ).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(
      await person.client.send("call:setPlenary", { commandId: newCommandId(), url: "https://meet.example.org/x" }),
    ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const after = ok(await host.send("workshop:sync", {}));
    expect(after.kind === "snapshot" ? after.snapshot.version : -2).toBe(version);
    // A retried command changes nothing twice.
    const commandId = newCommandId();
    const first = ok(await host.send("call:setPlenary", { commandId, url: "https://meet.example.org/p" }));
    const again = ok(await host.send("call:setPlenary", { commandId, url: "https://meet.example.org/p" }));
    expect(again).toEqual(first);
    const final = ok(await host.send("workshop:sync", {}));
    expect(final.kind === "snapshot" ? final.snapshot.version : -3).toBe(version + 2);
  });
});
