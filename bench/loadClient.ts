import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/events.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { applyEventBatch, applySyncResult, emptyWorkshopState, type WorkshopState } from "../shared/workshopState.js";
import { connectErrorReason } from "./lib/connectError.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import {
  type LoadConfig,
  type LoaderMessage,
  type LoaderResult,
  type ParentMessage,
  ParentMessageSchema,
} from "./lib/messages.js";
import { kindOf, packetBytes } from "./lib/packets.js";

/**
 * One load generator: a child process of bench/run.ts that opens its share of the storm's
 * socket.io-client connections on schedule and measures what each client sees. It runs in
 * its own process so its CPU is never counted as the servers'.
 *
 * Each workshop client keeps its own copy of the workshop with the real client rules
 * (shared/workshopState.ts), resyncing on a version gap as the browser does.
 */

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Client {
  socket: AppSocket;
  target: number;
  startedAt: number;
  startOffsetMs: number;
  connectMs: number | null;
  readyMs: number | null;
  failure: string | null;
  messages: number;
  bytes: number;
  state: WorkshopState;
  converged: boolean;
  syncing: boolean;
  /** Highest toVersion of the batches that arrived before session:ready. */
  preReadyToVersion: number;
  /** Batches that arrived while a resync was in flight: applied after it, as the browser does. */
  held: EventBatch[];
}

type EventBatch = Parameters<ServerToClientEvents["workshop:events"]>[0];

/** A client that has neither its session nor a refusal after this long counts as failed. */
const CLIENT_TIMEOUT_MS = 30_000;
const CONVERGENCE_CHECK_MS = 250;

const clients: Client[] = [];
const byKind = new Map<string, { messages: number; bytes: number }>();
const failures = new Map<string, number>();
const disconnects = new Map<string, number>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let config: LoadConfig | null = null;
let expected: number | null = null;
let settled = 0;
let gaps = 0;
let staleReady = 0;
let resyncs = 0;
let maxStartLagMs = 0;
let firstStartAt = Number.NaN;
let lastReadyAt = Number.NaN;
let cpuAtStart = process.cpuUsage();
let closing = false;
let joinedSent = false;
let convergedSent = false;

const epochNow = () => performance.timeOrigin + performance.now();

const send = orchestratorChannel<ParentMessage, LoaderMessage>(ParentMessageSchema, {
  start: ({ config }) => start(config),
  expect: ({ participants }) => {
    expected = participants;
    checkConvergence();
  },
  report: () => send({ type: "result", result: result() }),
  close() {
    closing = true;
    for (const client of clients) client.socket.close();
  },
});

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function open(index: number, load: LoadConfig): void {
  const targetIndex = index % load.targets.length;
  const target = load.targets[targetIndex] ?? "";
  const auth =
    load.mode === "workshop"
      ? { joinCode: load.joinCode ?? "", displayName: `${load.namePrefix}${index}`, protocol: PROTOCOL_VERSION }
      : {};
  const startedAt = performance.now();
  if (Number.isNaN(firstStartAt)) firstStartAt = epochNow();
  const socket: AppSocket = io(target, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth,
  });
  const client: Client = {
    socket,
    target: targetIndex,
    startedAt,
    startOffsetMs: epochNow() - load.startAt,
    connectMs: null,
    readyMs: null,
    failure: null,
    messages: 0,
    bytes: 0,
    state: emptyWorkshopState(),
    converged: false,
    syncing: false,
    preReadyToVersion: -1,
    held: [],
  };
  clients.push(client);

  socket.io.engine.on("packet", (packet) => {
    const bytes = packetBytes(packet.data);
    const kind = kindOf(packet.type, packet.data);
    const total = byKind.get(kind) ?? { messages: 0, bytes: 0 };
    total.messages++;
    total.bytes += bytes;
    byKind.set(kind, total);
    client.bytes += bytes;
    if (packet.type === "message") client.messages++;
  });

  const timer = setTimeout(() => fail(client, `no session within ${CLIENT_TIMEOUT_MS / 1000} s`), CLIENT_TIMEOUT_MS);
  const ready = () => {
    if (client.readyMs !== null || client.failure !== null) return;
    clearTimeout(timer);
    client.readyMs = performance.now() - startedAt;
    lastReadyAt = epochNow();
    settleOne();
  };
  const fail = (failed: Client, reason: string) => {
    if (failed.readyMs !== null || failed.failure !== null) return;
    clearTimeout(timer);
    failed.failure = reason;
    bump(failures, reason);
    failed.socket.close();
    settleOne();
  };

  socket.on("connect", () => {
    client.connectMs = performance.now() - startedAt;
    if (load.mode === "bare") ready();
  });
  socket.on("connect_error", (error) => fail(client, connectErrorReason(error)));
  socket.on("disconnect", (reason) => {
    if (closing) return;
    if (client.readyMs === null) fail(client, `disconnected before ready: ${reason}`);
    else bump(disconnects, reason);
  });
  if (load.mode === "bare") return;

  socket.on("session:ready", ({ sync }) => {
    const fitted = applySyncResult(client.state, sync);
    // A first state (with its catch-up) older than a batch that reached the client before it.
    if (fitted && client.preReadyToVersion > client.state.version) staleReady++;
    if (!fitted) void catchUp(client);
    ready();
  });
  socket.on("workshop:events", (batch) => {
    if (client.state.version < 0) client.preReadyToVersion = Math.max(client.preReadyToVersion, batch.toVersion);
    if (client.syncing) client.held.push(batch);
    else applyBatch(client, batch);
  });
  socket.on("session:revoked", ({ reason }) => bump(disconnects, `revoked: ${reason}`));
}

function applyBatch(client: Client, batch: EventBatch): void {
  if (applyEventBatch(client.state, batch) === "gap") {
    gaps++;
    void catchUp(client);
  }
}

/**
 * As the browser does on a gap: ask for the missed events (or the whole state when the log no
 * longer has them), then apply the batches that arrived meanwhile.
 */
async function catchUp(client: Client): Promise<void> {
  if (client.syncing) return;
  client.syncing = true;
  resyncs++;
  try {
    const since = await client.socket
      .timeout(10_000)
      .emitWithAck("workshop:sync", { sinceVersion: Math.max(client.state.version, 0) });
    if (!since.ok || !applySyncResult(client.state, since.data)) {
      const full = await client.socket.timeout(10_000).emitWithAck("workshop:sync", {});
      if (full.ok) applySyncResult(client.state, full.data);
    }
  } catch {
    // No answer in time: the held batches below show the gap again and ask again.
  } finally {
    client.syncing = false;
  }
  const held = client.held;
  client.held = [];
  for (const batch of held) {
    if (client.syncing) client.held.push(batch);
    else applyBatch(client, batch);
  }
}

function mySlots(load: LoadConfig): number {
  return Math.floor((load.totalClients - load.loaderIndex - 1) / load.loaderCount) + 1;
}

function settleOne(): void {
  settled++;
  if (!config || joinedSent || settled < mySlots(config)) return;
  joinedSent = true;
  const ok = clients.filter((client) => client.readyMs !== null).length;
  send({ type: "joined", ok, failed: clients.length - ok });
}

/**
 * Everyone is here and online as this client sees it: by the head-count, which every viewer
 * gets whether the roster is private (names hidden from participants) or open.
 */
function isConverged(client: Client, participants: number): boolean {
  const { people } = client.state;
  return people.active >= participants && people.online >= participants;
}

function checkConvergence(): void {
  if (convergedSent || expected === null || !config) return;
  let unconverged = 0;
  for (const client of clients) {
    if (client.readyMs === null || client.converged) continue;
    if (config.mode === "bare" || isConverged(client, expected)) client.converged = true;
    else unconverged++;
  }
  if (unconverged === 0) {
    convergedSent = true;
    send({ type: "converged", at: epochNow(), unconverged: 0 });
    return;
  }
  setTimeout(checkConvergence, CONVERGENCE_CHECK_MS);
}

function start(load: LoadConfig): void {
  config = load;
  cpuAtStart = process.cpuUsage();
  loopDelay.enable();
  const interval = load.windowMs / load.totalClients;
  let next = load.loaderIndex;
  const tick = () => {
    const now = epochNow();
    while (next < load.totalClients && load.startAt + next * interval <= now) {
      maxStartLagMs = Math.max(maxStartLagMs, now - (load.startAt + next * interval));
      open(next, load);
      next += load.loaderCount;
    }
    if (next < load.totalClients) setTimeout(tick, Math.min(5, Math.max(0, load.startAt + next * interval - now)));
  };
  setTimeout(tick, Math.max(0, load.startAt - epochNow()));
}

function result(): LoaderResult {
  const ok = clients.filter((client) => client.readyMs !== null);
  const cpu = process.cpuUsage(cpuAtStart);
  loopDelay.disable();
  return {
    clients: clients.length,
    ok: ok.length,
    okPerTarget: config
      ? config.targets.map((_, target) => ok.filter((client) => client.target === target).length)
      : [],
    failures: Object.fromEntries(failures),
    connectMs: ok.map((client) => client.connectMs ?? Number.NaN),
    readyMs: ok.map((client) => client.readyMs ?? Number.NaN),
    startOffsetMs: ok.map((client) => client.startOffsetMs),
    messages: ok.map((client) => client.messages),
    bytes: ok.map((client) => client.bytes),
    byKind: Object.fromEntries(byKind),
    unconverged: ok.filter((client) => !client.converged).length,
    gaps,
    staleReady,
    resyncs,
    disconnects: Object.fromEntries(disconnects),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
    maxStartLagMs,
    firstStartAt,
    lastReadyAt,
  };
}
