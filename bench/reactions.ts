import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { REACTION_KINDS } from "../shared/hands.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import {
  benchLogger,
  createWorkshop,
  helpIfAsked,
  machine,
  numberEnv,
  type RunningNode,
  repoRoot,
  sleep,
  startNode,
  startWorkshopCluster,
  stopWorkshopCluster,
  until,
  workingTree,
} from "./lib/cluster.js";
import { runMain } from "./lib/processes.js";
import { cpuSpan, sampleAll } from "./lib/procStats.js";
import { machineText } from "./lib/report.js";
import { BARE_POLL_ID } from "./lib/votePlan.js";

/**
 * The reaction storm: BENCH_PEOPLE people in one plenary each send BENCH_REACTIONS_EACH
 * reactions, spread evenly over BENCH_WINDOW_S seconds, and every one of them watches. Measured
 * twice in one run with the same people and pacing: against the vote storm's reference server
 * (bench/tallyServers.ts, TALLY_MODE=reference: one process, the tally in memory, broadcast at
 * most every 100 ms; a reaction is a vote that moves the tally), and against two workshop nodes
 * on one Redis (`reactions:send`, bursts at most every REACTIONS_DELIVER_MS). Reported: delivery
 * p50/p99 (send to shown, matched in order: the n-th reaction counted is taken as the n-th sent),
 * messages per viewer per second (mean and the worst second of the worst viewer), server CPU.
 * Writes its section of docs/PERFORMANCE.md unless BENCH_WRITE=0.
 */

helpIfAsked("bench:reactions: a plenary sending reactions, against the vote storm's reference server", {
  BENCH_PEOPLE: "people in the plenary, each sending and watching (2000)",
  BENCH_REACTIONS_EACH: "reactions each person sends (3)",
  BENCH_WINDOW_S: "seconds over which they are spread (10)",
  BENCH_WRITE: "0: print the results without writing docs/PERFORMANCE.md",
});

const people = Math.floor(numberEnv("BENCH_PEOPLE", 2000, 2));
const each = Math.floor(numberEnv("BENCH_REACTIONS_EACH", 3, 1));
const windowS = numberEnv("BENCH_WINDOW_S", 10, 1);
const total = people * each;
const started = Date.now();
const log = benchLogger(started);

type Kind = "reference" | "workshop";

/** One phase's numbers. */
interface PhaseResult {
  kind: Kind;
  /** People who got in (a join storm on a busy box may lose a few). */
  joined: number;
  sent: number;
  refused: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  messagesPerViewerPerSecond: number;
  worstViewerSecond: number;
  serverCpuSeconds: number;
  redisCpuSeconds: number | null;
  wallSeconds: number;
}

/** Send times of the storm, in the order sent: the n-th counted is matched with the n-th sent. */
class Timeline {
  private readonly sentAt: number[] = [];
  readonly latencies: number[] = [];
  sent(): void {
    this.sentAt.push(performance.now());
  }
  /** A viewer saw the count reach `count`: every reaction up to it that this viewer had not seen yet arrived now. */
  delivered(from: number, to: number): void {
    const now = performance.now();
    for (let n = from; n < Math.min(to, this.sentAt.length); n++) this.latencies.push(now - (this.sentAt[n] as number));
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** One watcher: counts its messages per wall-clock second and what it has seen so far. */
class Viewer {
  seen = 0;
  readonly perSecond = new Map<number, number>();
  count(): void {
    const second = Math.floor(Date.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
  }
  get messages(): number {
    let sum = 0;
    for (const n of this.perSecond.values()) sum += n;
    return sum;
  }
}

const readiness = new WeakMap<Socket, Record<string, boolean>>();
function readyOnes(socket: Socket): Record<string, boolean> {
  let marks = readiness.get(socket);
  if (!marks) {
    marks = {};
    readiness.set(socket, marks);
  }
  return marks;
}

async function connectAll(
  urls: string[],
  auth: (i: number) => Record<string, unknown>,
  ready: string,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let up = 0;
  // A few at a time: the door is not what is measured.
  for (let i = 0; i < people; i++) {
    const socket = io(urls[i % urls.length] as string, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: auth(i),
    });
    socket.once(ready, () => {
      up++;
      readyOnes(socket)[ready] = true;
    });
    sockets.push(socket);
    if (i % 50 === 49) await until(() => up >= i - 20, 60_000);
  }
  // A join storm on a busy box loses a few (the join storm's known limit): the storm goes on with those who are in.
  await until(() => up === people, 120_000);
  const joined = sockets.filter((socket) => socket.connected && ready in readyOnes(socket));
  for (const socket of sockets) if (!joined.includes(socket)) socket.close();
  if (joined.length < people * 0.9) throw new Error(`only ${joined.length} of ${people} connected`);
  return joined;
}

/** Sends the storm: person i's r-th reaction at (r × people + i) × window / total. */
async function storm(
  joined: number,
  send: (i: number, r: number) => Promise<boolean>,
  timeline: Timeline,
): Promise<number> {
  const total = joined * each;
  let refused = 0;
  const begin = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = begin + (n * windowS * 1000) / total;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    timeline.sent();
    pending.push(
      send(n % joined, Math.floor(n / joined)).then((ok) => {
        if (!ok) refused++;
      }),
    );
  }
  await Promise.all(pending);
  return refused;
}

async function measure(
  kind: Kind,
  sockets: Socket[],
  viewers: Viewer[],
  timeline: Timeline,
  send: (i: number, r: number) => Promise<boolean>,
  pids: Map<string, number>,
  serverNames: string[],
): Promise<PhaseResult> {
  const before = sampleAll(pids);
  const refused = await storm(sockets.length, send, timeline);
  const sent = sockets.length * each;
  const expected = sent - refused;
  await until(() => viewers.every((viewer) => viewer.seen >= expected), 30_000);
  const after = sampleAll(pids);
  const cpu = cpuSpan(kind, before, after);
  const delivered = Math.min(...viewers.map((viewer) => viewer.seen));
  const seconds = Math.max(1, (after.at - before.at) / 1000);
  for (const socket of sockets) socket.close();
  return {
    kind,
    joined: sockets.length,
    sent,
    refused,
    delivered,
    p50Ms: percentile(timeline.latencies, 50),
    p99Ms: percentile(timeline.latencies, 99),
    messagesPerViewerPerSecond: viewers.reduce((sum, viewer) => sum + viewer.messages, 0) / viewers.length / seconds,
    worstViewerSecond: Math.max(...viewers.map((viewer) => Math.max(0, ...viewer.perSecond.values()))),
    serverCpuSeconds: serverNames.reduce((sum, name) => sum + (cpu.byProcess[name] ?? 0), 0),
    redisCpuSeconds: cpu.byProcess.redis ?? null,
    wallSeconds: seconds,
  };
}

/** The reference: a reaction is a vote that moves the tally (each person goes round the options). */
async function referencePhase(logDir: string): Promise<PhaseResult> {
  const server = await startNode(logDir, "reference", 0, {});
  try {
    const options = ((await (await fetch(`${server.url}/poll`)).json()) as { options: string[] }).options;
    const timeline = new Timeline();
    const sockets = await connectAll([server.url], (i) => ({ voterId: `v${i}` }), "poll:results");
    const viewers = sockets.map(() => new Viewer());
    sockets.forEach((socket, i) => {
      const viewer = viewers[i] as Viewer;
      socket.on("poll:results", (update: { tallyVersion: number }) => {
        viewer.count();
        // The tally's version counts the votes that moved it: the n-th moved it to n.
        if (update.tallyVersion > viewer.seen) {
          if (i % 10 === 0) timeline.delivered(viewer.seen, update.tallyVersion);
          viewer.seen = update.tallyVersion;
        }
      });
    });
    await sleep(500);
    for (const viewer of viewers) viewer.perSecond.clear();
    const send = async (i: number, r: number) => {
      const socket = sockets[i] as Socket;
      // r + 1: the first vote must differ from no ballot; each next one from the last.
      const optionId = options[(r + 1) % options.length] as string;
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck("poll:vote", { pollId: BARE_POLL_ID, ballot: { kind: "single", optionId } })
        .catch(() => ({ ok: false }))) as { ok: boolean };
      return ack.ok;
    };
    return await measure("reference", sockets, viewers, timeline, send, new Map([[server.name, server.pid]]), [
      server.name,
    ]);
  } finally {
    await server.stop();
  }
}

/** The workshop: two nodes on one Redis, people on both, `reactions:send` and `reactions:burst`. */
async function workshopPhase(logDir: string): Promise<PhaseResult> {
  const cluster = await startWorkshopCluster(logDir);
  try {
    const urls = cluster.nodes.map((node: RunningNode) => node.url);
    const created = await createWorkshop(urls[0] as string, "Reaction storm");
    const timeline = new Timeline();
    const sockets = await connectAll(
      urls,
      (i) => ({ joinCode: created.joinCode, displayName: `Person ${i}`, protocol: PROTOCOL_VERSION }),
      "session:ready",
    );
    const viewers = sockets.map(() => new Viewer());
    sockets.forEach((socket, i) => {
      const viewer = viewers[i] as Viewer;
      socket.on("reactions:burst", ({ counts }: { counts: number[] }) => {
        viewer.count();
        const next = viewer.seen + counts.reduce((sum, count) => sum + count, 0);
        if (i % 10 === 0) timeline.delivered(viewer.seen, next);
        viewer.seen = next;
      });
    });
    // Let the join's own traffic settle before the storm.
    await sleep(3000);
    const send = async (i: number, r: number) => {
      const socket = sockets[i] as Socket;
      const kind = REACTION_KINDS[(i + r) % REACTION_KINDS.length];
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck("reactions:send", { kind })
        .catch(() => ({ ok: false }))) as { ok: boolean };
      return ack.ok;
    };
    const pids = new Map<string, number>([
      ...cluster.nodes.map((node): [string, number] => [node.name, node.pid]),
      ["redis", cluster.redis.pid],
    ]);
    return await measure(
      "workshop",
      sockets,
      viewers,
      timeline,
      send,
      pids,
      cluster.nodes.map((node) => node.name),
    );
  } finally {
    await stopWorkshopCluster(cluster);
  }
}

function render(results: PhaseResult[]): string {
  const row = (r: PhaseResult) =>
    `| ${r.kind === "reference" ? "reference (one process, tally every 100 ms)" : "workshop (2 nodes + Redis, bursts every 500 ms)"} | ${r.joined} | ${r.sent - r.refused} / ${r.sent} | ${r.delivered} | ${r.p50Ms.toFixed(0)} | ${r.p99Ms.toFixed(0)} | ${r.messagesPerViewerPerSecond.toFixed(2)} | ${r.worstViewerSecond} | ${r.serverCpuSeconds.toFixed(2)}${r.redisCpuSeconds === null ? "" : ` (+ Redis ${r.redisCpuSeconds.toFixed(2)})`} |`;
  return [
    `${people} people, ${each} reactions each over ${windowS} s (${total} reactions, ${(total / windowS).toFixed(0)}/s), every person watching. ${machineText(machine(), workingTree())}`,
    "",
    "| server | people in | counted / sent | seen by every viewer | delivery p50 ms | delivery p99 ms | messages per viewer per s | worst second, worst viewer | server CPU s |",
    "|---|---|---|---|---|---|---|---|---|",
    ...results.map(row),
  ].join("\n");
}

async function main(): Promise<void> {
  const logDir = mkdtempSync(path.join(tmpdir(), "bench-reactions-"));
  log(`${people} people × ${each} reactions over ${windowS} s; logs in ${logDir}`);
  const results: PhaseResult[] = [];
  results.push(await referencePhase(logDir));
  log(`reference done: ${JSON.stringify(results[0])}`);
  results.push(await workshopPhase(logDir));
  log(`workshop done: ${JSON.stringify(results[1])}`);
  const text = render(results);
  console.log(text);
  if (process.env.BENCH_WRITE === "0") return;
  const file = path.join(repoRoot, "docs/PERFORMANCE.md");
  const doc = readFileSync(file, "utf8");
  const start = "<!-- bench:reactions:start -->";
  const end = "<!-- bench:reactions:end -->";
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < 0) throw new Error("docs/PERFORMANCE.md has no bench:reactions markers");
  writeFileSync(file, `${doc.slice(0, from + start.length)}\n${text}\n${doc.slice(to)}`);
}

runMain(main, 1200, log);
