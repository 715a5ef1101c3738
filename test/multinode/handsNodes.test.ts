import { describe, expect, inject, it } from "vitest";
import type { HandChange, HandsView } from "../../shared/hands.js";
import { REACTION_KINDS } from "../../shared/hands.js";
import { workshopWithPeople } from "../helpers/breakout.js";
import { connectClient, newCommandId, type TestClient } from "../helpers/client.js";
import { useTwoNodes } from "../helpers/cluster.js";
import { scanRedis } from "../helpers/redisScan.js";

const cluster = useTwoNodes();

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`refused: ${settled.error.code}`);
  return settled.data;
}

/** Every message a client receives from now on, and every answer it gets, as JSON. */
function record(client: TestClient): string[] {
  const received: string[] = [];
  client.socket.onAny((event: string, ...args: unknown[]) => received.push(`${event} ${JSON.stringify(args)}`));
  const send = client.send;
  client.send = async (name, payload) => {
    const answer = await send(name, payload);
    received.push(`answer to ${name} ${JSON.stringify(answer)}`);
    return answer;
  };
  return received;
}

/** The latest hands view a client was pushed (the highest version), kept as they arrive. */
function latestHands(client: TestClient): { view: HandsView | null } {
  const latest: { view: HandsView | null } = { view: null };
  client.socket.on("hands:changed", (view) => {
    if (!latest.view || view.version >= latest.view.version) latest.view = view;
  });
  return latest;
}

describe("hands and reactions on two nodes", () => {
  it("the queue is in the exact order raised across nodes, retries keep places, participants see only themselves, and it outlives a node", async () => {
    const { a, b, stores } = await cluster.start();
    const world = await workshopWithPeople([a.url, b.url], 6, "Speaker");
    const { host } = world;
    cluster.track(host, ...world.people);
    const people = world.people;
    // A second facilitator on node b sees the same queue as the host on node a.
    const coHost = people[5] as TestClient;
    await ok(
      host.send("participant:setRole", {
        commandId: newCommandId(),
        participantId: coHost.session.participantId,
        role: "facilitator",
      }),
    );
    const raisers = people.slice(0, 5);
    const logs = raisers.map(record);
    const hostSees = latestHands(host);
    const coHostSees = latestHands(coHost);

    // One after another, alternating nodes (people[i] is on node i % 2): the order is the order raised.
    const firstAnswers: HandChange[] = [];
    const commandIds: string[] = [];
    for (const [i, person] of raisers.entries()) {
      commandIds.push(newCommandId());
      firstAnswers.push(await ok(person.send("hands:raise", { commandId: commandIds[i] as string })));
    }
    expect(firstAnswers.map((answer) => answer.hand)).toEqual(
      raisers.map((_, i) => ({ status: "waiting", position: i + 1 })),
    );
    // Retried (same command) and raised again (a new command): the first place holds, nothing moves.
    expect(await ok((raisers[1] as TestClient).send("hands:raise", { commandId: commandIds[1] as string }))).toEqual(
      firstAnswers[1],
    );
    const again = await ok((raisers[0] as TestClient).send("hands:raise", { commandId: newCommandId() }));
    expect(again.hand).toEqual({ status: "waiting", position: 1 });
    const order = raisers.map((person) => person.session.participantId);
    expect((await stores.hands.hands(host.session.workshopId)).waiting).toEqual(order);
    for (const sees of [hostSees, coHostSees]) {
      await expect
        .poll(() => sees.view?.queue?.map((entry) => entry.participantId), { timeout: 10_000 })
        .toEqual(order);
    }
    expect(hostSees.view?.queue?.map((entry) => entry.displayName)).toEqual(raisers.map((p) => p.session.displayName));

    // Each raiser is told their own place; a bystander only how many wait.
    for (const [i, person] of raisers.entries()) {
      const view = await ok(person.send("hands:queue", {}));
      expect(view).toMatchObject({ waiting: 5, mine: { status: "waiting", position: i + 1 }, queue: null });
    }

    // The host (node a) calls the next: the first raiser (node a) is invited; the co-host calls the fourth by name.
    const called = latestHands(raisers[0] as TestClient);
    expect((await ok(host.send("hands:call", { commandId: newCommandId() }))).participantId).toBe(order[0]);
    await expect.poll(() => called.view?.mine, { timeout: 10_000 }).toEqual({ status: "called", position: null });
    await ok(coHost.send("hands:call", { commandId: newCommandId(), participantId: order[3] as string }));
    // The third lowers their own; the host lowers the second's; the fifth leaves the workshop for good.
    await ok((raisers[2] as TestClient).send("hands:lower", { commandId: newCommandId() }));
    await ok(host.send("hands:lower", { commandId: newCommandId(), participantId: order[1] as string }));
    await ok((raisers[4] as TestClient).send("session:leave", { commandId: newCommandId() }));
    await expect
      .poll(async () => stores.hands.hands(host.session.workshopId), { timeout: 10_000 })
      .toMatchObject({ called: [order[0], order[3]], waiting: [] });
    for (const sees of [hostSees, coHostSees]) {
      await expect
        .poll(() => sees.view?.queue?.map((entry) => `${entry.participantId}:${entry.status}`), { timeout: 10_000 })
        .toEqual([`${order[0]}:called`, `${order[3]}:called`]);
    }

    // Node a goes; a new node serves the same queue to someone who reconnects there.
    await a.stop();
    const c = await cluster.another();
    const back = cluster.track(
      await connectClient(c.url, { sessionToken: (raisers[3] as TestClient).session.sessionToken }),
    )[0] as TestClient;
    expect(await ok(back.send("hands:queue", {}))).toMatchObject({ mine: { status: "called", position: null } });

    // Roster privacy: no participant ever received another participant's id or name through any of it.
    for (const [i, log] of logs.entries()) {
      const handsMessages = log.filter((line) => line.includes("hands"));
      expect(handsMessages.length).toBeGreaterThan(0);
      for (const [j, other] of raisers.entries()) {
        if (i === j) continue;
        for (const line of handsMessages) {
          expect(line).not.toContain(other.session.participantId);
          expect(line).not.toContain(other.session.displayName);
        }
      }
    }
  });

  it("500 reactions in 5 s from both nodes reach every viewer as at most a few messages a second, with exact totals, and leave nothing in Redis", async () => {
    const { a, b, keyPrefix } = await cluster.start();
    const world = await workshopWithPeople([a.url, b.url], 29, "Fan");
    cluster.track(world.host, ...world.people);
    const senders = world.people.slice(0, 25);
    const viewers = [world.host, ...world.people];
    // When each burst arrived (wall-clock second) and what it counted, per viewer.
    const arrivals = viewers.map(() => [] as number[]);
    const totals = viewers.map(() => REACTION_KINDS.map(() => 0));
    for (const [i, viewer] of viewers.entries()) {
      viewer.socket.on("reactions:burst", ({ counts }) => {
        arrivals[i]?.push(Date.now());
        const total = totals[i] as number[];
        for (const [k, count] of counts.entries()) total[k] = (total[k] ?? 0) + count;
      });
    }
    const workshopKeys = async () =>
      (await scanRedis(inject("redisUrl"), keyPrefix)).filter(
        (key) => !/(^|:)nodes?(:|$)/.test(key.key.slice(keyPrefix.length)),
      );
    const before = await workshopKeys();
    // 25 people on two nodes, 20 reactions each, 4 a second (within the per-connection limit): 500 in 5 s.
    const expected = REACTION_KINDS.map(() => 0);
    const refusals: string[] = [];
    await Promise.all(
      senders.map(async (sender, s) => {
        for (let r = 0; r < 20; r++) {
          const kind = (s + r) % REACTION_KINDS.length;
          expected[kind] = (expected[kind] ?? 0) + 1;
          const answer = await sender.send("reactions:send", {
            kind: REACTION_KINDS[kind] as (typeof REACTION_KINDS)[number],
          });
          if (!answer.ok) refusals.push(answer.error.code);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }),
    );
    expect(refusals).toEqual([]);
    for (const [i] of viewers.entries()) {
      await expect.poll(() => totals[i], { timeout: 10_000 }).toEqual(expected);
    }
    // A count, not a timing: in every wall-clock second, each viewer got at most a few messages.
    for (const times of arrivals) {
      const perSecond = new Map<number, number>();
      for (const at of times) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(3);
      expect(times.length).toBeLessThan(500 / 10);
    }
    // An adversary's copy of Redis holds nothing of the reactions, let alone who sent them: every
    // key is as it was before the first one (the nodes' heartbeats aside).
    expect(await workshopKeys()).toEqual(before);
  });
});
