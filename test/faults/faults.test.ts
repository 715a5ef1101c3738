import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient } from "../helpers/client.js";
import { expectLiveEqualsFresh, followPlenaryBoard } from "../helpers/liveEqualsFresh.js";
import { ANSWER_LIMIT_MS, FaultForum } from "./forum.js";

/**
 * The fault suite (`npm run test:faults`; also part of `npm test`): one forum on a private Redis
 * with AOF and two nodes as child processes, people voting and upvoting through every fault an
 * operator's bad day brings. After each: every answer that came while its connection stayed up
 * came within the command bound, every acknowledged write is counted exactly once, everyone is
 * online and every live copy equals a fresh snapshot, no node crashed. How long each fault
 * lasted for the people in it is written to test/.artifacts/faults.json (docs/OPERATIONS.md
 * quotes it).
 */
const PEOPLE = Number(process.env.FAULT_PEOPLE ?? 40);
const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

let forum: FaultForum;
const measured: Array<{ fault: string; recoveredMs: number; slowestAnswerMs: number; unavailable: number }> = [];

beforeAll(async () => {
  forum = await FaultForum.start(PEOPLE);
}, 180_000);
afterAll(async () => {
  await forum?.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}faults.json`, `${JSON.stringify({ people: PEOPLE, measured }, null, 2)}\n`);
});

/**
 * Runs one fault: `inject` starts it (and ends it, if it ends by itself or by the test); then the
 * world must be whole. Measures from the injection until the world was whole again.
 */
async function survive(fault: string, inject: () => Promise<void>, options: { actDuring?: boolean } = {}) {
  const since = forum.answered.length;
  const started = performance.now();
  if (options.actDuring ?? true) await forum.actThrough(inject);
  else {
    await inject();
    await forum.act();
  }
  await forum.expectWhole(fault);
  const answers = forum.answered.slice(since);
  measured.push({
    fault,
    recoveredMs: Math.round(performance.now() - started),
    slowestAnswerMs: Math.round(Math.max(0, ...answers.filter((a) => a.connectedThroughout).map((a) => a.elapsedMs))),
    unavailable: answers.filter((answer) => answer.code === "UNAVAILABLE").length,
  });
  expect(forum.lateAnswers(since), `answers slower than ${ANSWER_LIMIT_MS} ms`).toEqual([]);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((entry) => entry.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

describe.sequential(`fault suite (${PEOPLE} people, two nodes, Redis with AOF)`, () => {
  it("no fault: the forum acts, everything is counted once", async () => {
    await survive("none", async () => undefined);
  });

  it("a node hangs (SIGSTOP) past the dead-after time, then resumes: its people are online again without reconnecting", async () => {
    const hung = forum.nodes[1];
    if (!hung) throw new Error("no second node");
    const onHung = forum.people.filter((_, index) => index % 2 === 1).map((person) => person.client);
    const sessions = onHung.map((client) => client.mirror.sessions);
    await survive(
      "node SIGSTOP 3 s",
      async () => {
        hung.pause();
        try {
          await pause(3000);
        } finally {
          hung.resume();
        }
      },
      { actDuring: false },
    );
    expect(onHung.map((client) => client.mirror.sessions)).toEqual(sessions);
  });

  it("Redis paused by CLIENT PAUSE for 2.5 s", async () => {
    const admin = await forum.redisAdmin();
    await survive("Redis CLIENT PAUSE 2.5 s", async () => {
      await admin.sendCommand(["CLIENT", "PAUSE", "2500", "ALL"]);
    });
  });

  it("Redis hangs (SIGSTOP) for 2.5 s", async () => {
    await survive("Redis SIGSTOP 2.5 s", async () => {
      await pause(100);
      forum.redis.pause();
      try {
        await pause(2500);
      } finally {
        forum.redis.resume();
      }
    });
  });

  it("the pub/sub links are killed ten times", async () => {
    const admin = await forum.redisAdmin();
    await survive("CLIENT KILL TYPE pubsub x10", async () => {
      for (let i = 0; i < 10; i++) {
        await admin.sendCommand(["CLIENT", "KILL", "TYPE", "pubsub"]);
        await pause(150);
      }
    });
  });

  it("kill -9 of a node mid-traffic: its people resume on the other; a new node takes its place", async () => {
    const victim = forum.nodes[0];
    if (!victim) throw new Error("no node");
    await survive("node kill -9", async () => {
      await pause(50);
      await victim.kill();
      await forum.replaceNode(0);
    });
  });

  it("kill -9 of Redis, restarted from its AOF a second later: nothing acknowledged is lost", async () => {
    await survive("Redis kill -9, restart", async () => {
      await pause(50);
      await forum.redis.kill();
      await pause(1000);
      await forum.redis.restart();
    });
    // The data survived: no node may take the restart for a loss.
    expect(forum.everyone().map((client) => client.mirror.revoked)).toEqual(forum.everyone().map(() => null));
  });

  it("a reconnect storm: every connection dropped at once", async () => {
    await survive("reconnect storm", async () => {
      for (const client of forum.everyone()) client.socket.io.engine.close();
    });
  });

  it("a client that stops reading is dropped once what waits for it passes the limit, and catches up once it reads again", async () => {
    const [url] = forum.urls();
    // One of the forum from now on: the forum closes it.
    const slow = await connectClient(
      url,
      { joinCode: await joinCodeOf(forum), displayName: "Frozen tab" },
      { keptAcrossTests: true },
    );
    followPlenaryBoard(slow);
    const tcp = (slow.socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void; resume(): void } } })
      .ws?._socket;
    if (!tcp) throw new Error("no TCP socket under the client's WebSocket");
    const dropsBefore = await metric(url, "workshop_slow_clients_dropped_total");
    tcp.pause();
    const started = performance.now();
    try {
      // Answers (snapshots) and results flow to it while it reads nothing.
      while ((await metric(url, "workshop_slow_clients_dropped_total")) === dropsBefore) {
        if (performance.now() - started > 60_000) throw new Error("the frozen client was never dropped");
        for (let i = 0; i < 50; i++) slow.socket.emit("workshop:sync", {}, () => undefined);
        await forum.act();
      }
    } finally {
      tcp.resume();
    }
    measured.push({
      fault: "client stops reading",
      recoveredMs: Math.round(performance.now() - started),
      slowestAnswerMs: 0,
      unavailable: 0,
    });
    // Checked every second: past the limit by at most a second of what flows to it, never without end.
    const dropped = nodeOf(url)
      .output()
      .split("\n")
      .filter((line) => line.includes("dropped a client that stopped reading"))
      .map((line) => (JSON.parse(line) as { bufferedBytes: number }).bufferedBytes);
    expect(dropped.length).toBeGreaterThan(0);
    for (const bytes of dropped) expect(bytes).toBeLessThan(1024 * 1024);
    await expectLiveEqualsFresh(slow, "the frozen tab, reading again");
    forum.people.push({ client: slow, ballot: null, upvoted: false });
    await forum.expectWhole("client stops reading");
  });

  it("Redis loses its data: every node notices and is not ready for a while; everyone is told the workshop is lost", async () => {
    const admin = await forum.redisAdmin();
    const started = performance.now();
    await admin.flushAll();
    const everyone = forum.everyone();
    await expect.poll(() => everyone.filter((client) => client.mirror.revoked !== "workshop_lost").length).toBe(0);
    measured.push({
      fault: "Redis lost its data",
      recoveredMs: Math.round(performance.now() - started),
      slowestAnswerMs: 0,
      unavailable: 0,
    });
    for (const node of forum.nodes) {
      expect((await fetch(`${node.url}/readyz`)).status).toBe(503);
      expect(await metric(node.url, "workshop_store_data_lost_total")).toBe(1);
    }
    for (const node of forum.nodes) {
      await expect.poll(async () => (await fetch(`${node.url}/readyz`)).status).toBe(200);
    }
  });
});

function nodeOf(url: string) {
  const node = forum.nodes.find((candidate) => candidate.url === url);
  if (!node) throw new Error(`no node at ${url}`);
  return node;
}

async function joinCodeOf(forum: FaultForum): Promise<string> {
  const code = forum.host.mirror.state.workshop?.joinCode;
  if (!code) throw new Error("the host's copy has no join code");
  return code;
}
