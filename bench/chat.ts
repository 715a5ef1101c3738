import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { ChatMessagesEvent } from "../shared/chat.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { currentRoomOf } from "../shared/workshopState.js";
import { plannedRooms } from "./lib/assignPlan.js";
import {
  benchLogger,
  createWorkshop,
  helpIfAsked,
  machine,
  numberEnv,
  type RunningNode,
  sleep,
  startNode,
  startWorkshopCluster,
  stopWorkshopCluster,
  until,
  workingTree,
} from "./lib/cluster.js";
import { exitText, runMain } from "./lib/processes.js";
import { cpuSpan, sampleAll } from "./lib/procStats.js";
import { format, machineText, publish, writeBetweenMarkers } from "./lib/report.js";
import { max, percentile } from "./lib/stats.js";
import { BARE_POLL_ID, bareVoterKey } from "./lib/votePlan.js";
import { ClientStats, epochNow, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * Chat in BENCH_CHAT_ROOMS rooms of BENCH_CHAT_ROOM_SIZE (34 of 10), every participant sending
 * one message every BENCH_CHAT_EVERY_S seconds (10) for BENCH_CHAT_SECONDS (30), on two workshop
 * nodes sharing one Redis; then the vote storm's reference server (bench/tallyServers.ts,
 * coalesced tally broadcast, no store) with the same connections each voting at the same pace,
 * in the same run. Measured: chat delivery (a message's send to its arrival at each roommate,
 * one clock: every client is in this process) and each server process's CPU over the same window.
 * Modest on purpose: it shares a 2-core machine. Writes its section of docs/PERFORMANCE.md
 * (BENCH_WRITE=0: print only).
 */

helpIfAsked("bench:chat: chat in 34 rooms of 10 against the vote storm's reference server", {
  BENCH_CHAT_ROOMS: "rooms (34)",
  BENCH_CHAT_ROOM_SIZE: "participants per room (10)",
  BENCH_CHAT_EVERY_S: "seconds between one participant's messages (10)",
  BENCH_CHAT_SECONDS: "seconds measured (30)",
  BENCH_WRITE: "0: print only",
});

const rooms = Math.floor(numberEnv("BENCH_CHAT_ROOMS", 34, 1));
const roomSize = Math.floor(numberEnv("BENCH_CHAT_ROOM_SIZE", 10, 2));
const everyMs = numberEnv("BENCH_CHAT_EVERY_S", 10, 1) * 1000;
const measureMs = numberEnv("BENCH_CHAT_SECONDS", 30, 5) * 1000;
const people = rooms * roomSize;
const log = benchLogger(Date.now());
const logDir = mkdtempSync(path.join(tmpdir(), "wk-bench-chat-"));

interface PhaseResult {
  label: string;
  /** Chat: send → each roommate; reference: vote → the next tally on the voter's own connection. */
  delays: number[];
  sent: number;
  cpu: Record<string, number>;
  wallSeconds: number;
  failures: number;
}

/** Every sender fires at its own offset in the period, so the load is even, as people are. */
async function paced(senders: number, send: (index: number) => void): Promise<void> {
  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  for (let index = 0; index < senders; index++) {
    const offset = (index * everyMs) / senders;
    timers.push(
      setTimeout(() => {
        send(index);
        timers.push(setInterval(() => send(index), everyMs));
      }, offset),
    );
  }
  await sleep(measureMs - (Date.now() - started));
  for (const timer of timers) clearInterval(timer);
}

async function chatPhase(): Promise<PhaseResult> {
  const cluster = await startWorkshopCluster(logDir);
  const clients: WorkshopClient[] = [];
  try {
    const [first, second] = cluster.nodes as [RunningNode, RunningNode];
    const created = await createWorkshop(first.url, "Bench chat");
    const stats = new ClientStats();
    const host = new WorkshopClient(
      first.url,
      { facilitatorKey: created.facilitatorKey, displayName: "Bench facilitator", protocol: PROTOCOL_VERSION },
      stats,
      () => undefined,
    );
    if (!(await until(() => host.session !== null, 30_000))) throw new Error("no facilitator session");
    for (let index = 0; index < people; index++) {
      clients.push(
        new WorkshopClient(
          (index % 2 === 0 ? first : second).url,
          { joinCode: created.joinCode, displayName: `Person ${index}`, protocol: PROTOCOL_VERSION },
          stats,
          () => undefined,
        ),
      );
      if (index % 20 === 19) await sleep(200);
    }
    if (!(await until(() => clients.every((client) => client.session !== null), 120_000))) {
      throw new Error("not everyone joined");
    }
    const plan = await host.command("breakout:plan", {
      commandId: newCommandId(),
      rooms: plannedRooms(rooms, people).map((room) => ({ name: room.name, capacity: roomSize })),
      durationSeconds: 3600,
    });
    if (!plan.ok) throw new Error(`plan refused: ${plan.code}`);
    const assigned = await host.command("breakout:assign", { commandId: newCommandId(), roundId: plan.data.roundId });
    if (!assigned.ok) throw new Error(`assign refused: ${assigned.code}`);
    const opened = await host.command("breakout:open", { commandId: newCommandId(), roundId: plan.data.roundId });
    if (!opened.ok) throw new Error(`open refused: ${opened.code}`);
    const roomOf = (client: WorkshopClient) => currentRoomOf(client.state, client.participantId);
    if (!(await until(() => clients.every((client) => roomOf(client) !== null), 60_000))) {
      throw new Error("not everyone knows their room");
    }
    await sleep(2000);
    log(`chat: ${people} participants in ${rooms} rooms, round open; measuring ${measureMs / 1000} s`);

    const delays: number[] = [];
    let sent = 0;
    let failures = 0;
    for (const client of clients) {
      client.socket.on("chat:messages", ({ messages }: ChatMessagesEvent) => {
        const now = epochNow();
        for (const message of messages) {
          const [, from, at] = /^b:(\d+):(\d+(?:\.\d+)?)$/.exec(message.text ?? "") ?? [];
          if (from !== undefined && Number(from) !== clients.indexOf(client)) delays.push(now - Number(at));
        }
      });
    }
    const pids = new Map([
      ...cluster.nodes.map((node) => [node.name, node.pid] as const),
      ["redis", cluster.redis.pid] as const,
    ]);
    const before = sampleAll(pids);
    await paced(clients.length, (index) => {
      const client = clients[index] as WorkshopClient;
      const channelId = roomOf(client);
      if (!channelId) return;
      sent++;
      void client
        .command("chat:send", { commandId: newCommandId(), channelId, text: `b:${index}:${epochNow()}` })
        .then((outcome) => {
          if (!outcome.ok) failures++;
        });
    });
    await sleep(2000);
    const span = cpuSpan("chat", before, sampleAll(pids));
    const exits = await stopWorkshopCluster(cluster);
    for (const { name, exit } of exits) if (exit !== "exit 0") log(`${name}: ${exit}`);
    host.socket.close();
    return { label: "chat", delays, sent, cpu: span.byProcess, wallSeconds: span.wallSeconds, failures };
  } finally {
    for (const client of clients) client.socket.close();
  }
}

async function referencePhase(): Promise<PhaseResult> {
  const node = await startNode(logDir, "reference", 0, { TALLY_ROOMS: String(rooms) });
  const sockets: Socket[] = [];
  try {
    const poll = (await (await fetch(`${node.url}/poll`)).json()) as { options: string[] };
    const lastVoteAt = new Map<number, number>();
    const delays: number[] = [];
    for (let index = 0; index < people; index++) {
      const socket = io(node.url, {
        transports: ["websocket"],
        forceNew: true,
        auth: { voterId: bareVoterKey(index) },
      });
      socket.on("poll:results", () => {
        const at = lastVoteAt.get(index);
        if (at === undefined) return;
        delays.push(epochNow() - at);
        lastVoteAt.delete(index);
      });
      sockets.push(socket);
    }
    if (!(await until(() => sockets.every((socket) => socket.connected), 60_000))) throw new Error("not connected");
    await sleep(2000);
    log(`reference: ${people} connections, measuring ${measureMs / 1000} s`);
    const pids = new Map([[node.name, node.pid]]);
    const before = sampleAll(pids);
    let sent = 0;
    let failures = 0;
    const rounds = new Map<number, number>();
    await paced(sockets.length, (index) => {
      // Alternating options: every vote changes the tally, as every chat message is news.
      const round = (rounds.get(index) ?? 0) + 1;
      rounds.set(index, round);
      sent++;
      lastVoteAt.set(index, epochNow());
      (sockets[index] as Socket)
        .timeout(10_000)
        .emit(
          "poll:vote",
          { pollId: BARE_POLL_ID, ballot: { kind: "single", optionId: poll.options[round % poll.options.length] } },
          (error: unknown, ack: { ok: boolean } | undefined) => {
            if (error || !ack?.ok) failures++;
          },
        );
    });
    await sleep(2000);
    const span = cpuSpan("reference", before, sampleAll(pids));
    log(`reference: ${exitText(await node.stop())}`);
    return { label: "reference", delays, sent, cpu: span.byProcess, wallSeconds: span.wallSeconds, failures };
  } finally {
    for (const socket of sockets) socket.close();
  }
}

function cpuPercent(result: PhaseResult, name: string): string {
  return `${format(((result.cpu[name] ?? 0) / result.wallSeconds) * 100)} %`;
}

function render(chat: PhaseResult, reference: PhaseResult): string {
  const row = (result: PhaseResult, what: string, servers: string) =>
    `| ${what} | ${result.sent} | ${result.failures} | ${result.delays.length} | ${format(percentile(result.delays, 50))} | ${format(percentile(result.delays, 99))} | ${format(max(result.delays))} | ${servers} |`;
  return [
    `Run: ${new Date().toISOString()}, ${machineText(machine(), workingTree())} ${rooms} rooms of ${roomSize} (${people} people), one message (or vote) per person every ${everyMs / 1000} s, ${measureMs / 1000} s measured.`,
    "",
    "| phase | sent | refused or lost | deliveries | p50 ms | p99 ms | max ms | server CPU (of one core) |",
    "|---|---|---|---|---|---|---|---|",
    row(
      chat,
      "chat, 2 workshop nodes + Redis",
      `node 1 ${cpuPercent(chat, "workshop-1")}, node 2 ${cpuPercent(chat, "workshop-2")}, Redis ${cpuPercent(chat, "redis")}`,
    ),
    row(reference, "vote storm's reference server (votes)", `${cpuPercent(reference, "reference-1")}`),
    "",
    "Deliveries: chat, every message at every roommate (the sender's own copy not counted); reference, a vote to the next tally on the voter's own connection.",
  ].join("\n");
}

runMain(
  async () => {
    log(`logs in ${logDir}`);
    const chat = await chatPhase();
    const reference = await referencePhase();
    publish(
      render(chat, reference),
      process.env.BENCH_WRITE !== "0",
      (file, text) =>
        writeBetweenMarkers(
          file,
          {
            start: "<!-- bench:chat:start -->",
            end: "<!-- bench:chat:end -->",
            heading: "## Chat: 34 rooms of 10, a message every 10 s each",
          },
          text,
        ),
      log,
    );
  },
  900,
  log,
);
