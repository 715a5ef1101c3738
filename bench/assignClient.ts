import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { currentRoomOf } from "../shared/workshopState.js";
import {
  type AssignLoadConfig,
  type AssignLoaderMessage,
  type AssignLoaderResult,
  type AssignParentMessage,
  AssignParentMessageSchema,
  type WatchCondition,
  type WindowResult,
} from "./lib/assignMessages.js";
import { languageOf } from "./lib/assignPlan.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import { ClientStats, epochNow, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * One load generator of the assignment bench (bench/assign.ts): a child process that joins
 * its share of the participants on schedule, sets their language tags, keeps every
 * participant's own copy of the workshop with the browser's rules (bench/lib/workshopClient.ts)
 * and records, per participant, when its own state first meets what the orchestrator watches
 * for (a banner, its assignment, its room shown and fetched). Its own process, so its CPU is
 * never counted as the servers'.
 */

interface Participant {
  index: number;
  /** One per person, kept across retries (as the browser does): a retried join resumes the person it made. */
  joinId: string;
  client: WorkshopClient | null;
  attempts: number;
  startedAt: number;
  readyMs: number | null;
  /** Why the last attempt failed, once no attempt is left. */
  failed: string | null;
  language: string | null;
  settled: boolean;
  lost: boolean;
  /** Current watch: epoch ms the condition was met (room: shown) and the room fetched; 0 = not yet. */
  metAt: number;
  fetchedAt: number;
  complete: boolean;
  /** room: the server refused this participant's `breakout:room` fetch, so it never comes. */
  fetchRefused: boolean;
}

interface Watch {
  id: string;
  condition: WatchCondition;
  excluded: Set<string>;
  remaining: number;
  timer: NodeJS.Timeout;
  done: boolean;
}

interface Mark {
  name: string;
  messages: number[];
  bytes: number[];
  byKind: Map<string, { messages: number; bytes: number }>;
}

const RETRY_DELAY_MS = 2000;
const JOIN_TIMEOUT_MS = 30_000;

const stats = new ClientStats();
const participants: Participant[] = [];
const joinFailures = new Map<string, number>();
const disconnects = new Map<string, number>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const marks: Mark[] = [];
const windowDelays: Array<{ p99: number; max: number }> = [];
let config: AssignLoadConfig | null = null;
let watch: Watch | null = null;
let joinAttempts = 0;
let tagged = 0;
let tagFailures = 0;
let settledCount = 0;
let joinedSent = false;
let closing = false;

const send = orchestratorChannel<AssignParentMessage, AssignLoaderMessage>(AssignParentMessageSchema, {
  handle: (message) => handle(message),
  close() {
    closing = true;
    for (const participant of participants) participant.client?.socket.close();
  },
});

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function mySlots(load: AssignLoadConfig): number {
  return Math.floor((load.totalClients - load.loaderIndex - 1) / load.loaderCount) + 1;
}

function live(participant: Participant): participant is Participant & { client: WorkshopClient } {
  return participant.client !== null && participant.readyMs !== null && !participant.lost;
}

function settle(participant: Participant): void {
  if (participant.settled) return;
  participant.settled = true;
  settledCount++;
  if (!config || joinedSent || settledCount < mySlots(config)) return;
  joinedSent = true;
  const connected = participants.filter(live).length;
  send({ type: "joined", connected, failed: participants.length - connected, tagged });
}

function open(participant: Participant, load: AssignLoadConfig): void {
  const target = load.targets[participant.index % load.targets.length] ?? "";
  participant.attempts++;
  joinAttempts++;
  participant.startedAt = performance.now();
  const client = new WorkshopClient(
    target,
    {
      joinCode: load.joinCode,
      displayName: `${load.namePrefix}${participant.index}`,
      joinId: participant.joinId,
      protocol: PROTOCOL_VERSION,
    },
    stats,
    () => evaluate(participant),
  );
  participant.client = client;
  let over = false;
  const timer = setTimeout(() => fail(`no session within ${JOIN_TIMEOUT_MS / 1000} s`), JOIN_TIMEOUT_MS);
  const fail = (reason: string) => {
    if (over || participant.readyMs !== null || participant.client !== client) return;
    over = true;
    clearTimeout(timer);
    client.socket.close();
    if (participant.attempts < load.joinAttempts && !closing) {
      setTimeout(() => open(participant, load), RETRY_DELAY_MS);
      return;
    }
    participant.failed = reason;
    bump(joinFailures, reason);
    settle(participant);
  };
  client.socket.on("connect_error", (error) => {
    const data = "data" in error && typeof error.data === "object" && error.data !== null ? error.data : null;
    fail(data && "code" in data && typeof data.code === "string" ? data.code : `connect_error: ${error.message}`);
  });
  client.socket.on("disconnect", (reason) => {
    if (closing) return;
    if (participant.readyMs === null) {
      fail(`disconnected before ready: ${reason}`);
      return;
    }
    participant.lost = true;
    bump(disconnects, reason);
    if (watch && !watch.done && !participant.complete) {
      watch.remaining--;
      finishIfDone();
    }
  });
  client.socket.once("session:ready", ({ session }) => {
    if (over || participant.client !== client) return;
    over = true;
    clearTimeout(timer);
    participant.readyMs = performance.now() - participant.startedAt;
    if (!participant.language) {
      settle(participant);
      return;
    }
    const tags = { language: participant.language };
    void client
      .command(
        "participant:setTags",
        { commandId: newCommandId(), participantId: session.participantId, tags },
        { timeoutMs: 30_000, attempts: 3 },
      )
      .then((outcome) => {
        if (outcome.ok) tagged++;
        else tagFailures++;
        settle(participant);
      });
  });
}

function start(load: AssignLoadConfig): void {
  config = load;
  for (let index = load.loaderIndex; index < load.totalClients; index += load.loaderCount) {
    participants.push({
      index,
      joinId: randomUUID(),
      client: null,
      attempts: 0,
      startedAt: 0,
      readyMs: null,
      failed: null,
      language: languageOf(index),
      settled: false,
      lost: false,
      metAt: 0,
      fetchedAt: 0,
      complete: false,
      fetchRefused: false,
    });
  }
  const interval = 1000 / load.joinRate;
  let next = 0;
  const tick = () => {
    const now = epochNow();
    for (; next < participants.length; next++) {
      const participant = participants[next]!;
      if (load.startAt + participant.index * interval > now) break;
      open(participant, load);
    }
    if (next < participants.length) {
      const due = load.startAt + participants[next]!.index * interval;
      setTimeout(tick, Math.min(50, Math.max(0, due - now)));
    }
  };
  setTimeout(tick, Math.max(0, load.startAt - epochNow()));
}

function met(participant: Participant & { client: WorkshopClient }, condition: WatchCondition): boolean {
  const { state } = participant.client;
  switch (condition.kind) {
    case "version":
      return state.version >= condition.atLeast;
    case "broadcast":
      return state.breakout.broadcasts.some((broadcast) => broadcast.text === condition.text);
    case "assigned":
      return (
        state.breakout.round?.roundId === condition.roundId &&
        state.selfId !== null &&
        state.breakout.assignments.has(state.selfId)
      );
    case "room":
      return state.breakout.round?.roundId === condition.roundId && currentRoomOf(state, state.selfId) !== null;
    default: {
      const exhaustive: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Called after every change of a participant's state: records the first time it meets the watch. */
function evaluate(participant: Participant): void {
  if (!watch || watch.done || participant.complete || !live(participant)) return;
  const id = participant.client.participantId;
  if (id === null || watch.excluded.has(id)) return;
  if (participant.metAt === 0 && met(participant, watch.condition)) participant.metAt = epochNow();
  if (participant.metAt === 0) return;
  if (watch.condition.kind === "room") {
    const room = participant.client.roomKey();
    const fetchedAt = room ? participant.client.roomFetchedAt.get(room.key) : undefined;
    if (fetchedAt !== undefined) participant.fetchedAt = fetchedAt;
    else if (participant.client.roomRefused()) participant.fetchRefused = true;
    else return;
  }
  participant.complete = true;
  watch.remaining--;
  finishIfDone();
}

function finishIfDone(): void {
  if (watch && !watch.done && watch.remaining <= 0) finishWatch();
}

function finishWatch(): void {
  const current = watch;
  if (!current || current.done) return;
  current.done = true;
  clearTimeout(current.timer);
  const times: number[] = [];
  const fetchedTimes: number[] = [];
  let missing = 0;
  let refused = 0;
  let excluded = 0;
  for (const participant of participants) {
    if (!live(participant)) continue;
    const id = participant.client.participantId ?? "";
    if (current.excluded.has(id)) {
      excluded++;
      continue;
    }
    if (participant.metAt > 0) times.push(participant.metAt);
    if (participant.fetchedAt > 0) fetchedTimes.push(participant.fetchedAt);
    if (!participant.complete) missing++;
    if (participant.fetchRefused) refused++;
  }
  send({ type: "watched", id: current.id, times, fetchedTimes, missing, refused, excluded });
}

function startWatch(id: string, condition: WatchCondition, timeoutMs: number): void {
  if (watch && !watch.done) finishWatch();
  let remaining = 0;
  for (const participant of participants) {
    participant.metAt = 0;
    participant.fetchedAt = 0;
    participant.complete = false;
    participant.fetchRefused = false;
    if (live(participant)) remaining++;
  }
  watch = { id, condition, excluded: new Set(), remaining, timer: setTimeout(finishWatch, timeoutMs), done: false };
  for (const participant of participants) evaluate(participant);
  finishIfDone();
}

function exclude(ids: readonly string[]): void {
  const current = watch;
  if (!current || current.done) return;
  const wanted = new Set(ids);
  for (const participant of participants) {
    const id = participant.client?.participantId;
    if (!live(participant) || !id || !wanted.has(id) || current.excluded.has(id)) continue;
    current.excluded.add(id);
    if (!participant.complete) current.remaining--;
  }
  finishIfDone();
}

function mark(name: string): void {
  if (marks.length > 0) {
    windowDelays.push({ p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 });
  }
  loopDelay.reset();
  loopDelay.enable();
  marks.push({
    name,
    messages: participants.map((participant) => participant.client?.messages ?? 0),
    bytes: participants.map((participant) => participant.client?.bytes ?? 0),
    byKind: new Map([...stats.byKind].map(([kind, count]) => [kind, { ...count }])),
  });
}

function windows(): WindowResult[] {
  const now: Mark = {
    name: "now",
    messages: participants.map((participant) => participant.client?.messages ?? 0),
    bytes: participants.map((participant) => participant.client?.bytes ?? 0),
    byKind: stats.byKind,
  };
  const delays = [...windowDelays, { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }];
  return marks.map((from, index) => {
    const to = marks[index + 1] ?? now;
    const messages: number[] = [];
    const bytes: number[] = [];
    participants.forEach((participant, at) => {
      if (!live(participant)) return;
      messages.push((to.messages[at] ?? 0) - (from.messages[at] ?? 0));
      bytes.push((to.bytes[at] ?? 0) - (from.bytes[at] ?? 0));
    });
    const byKind: Record<string, { messages: number; bytes: number }> = {};
    for (const [kind, count] of to.byKind) {
      const before = from.byKind.get(kind) ?? { messages: 0, bytes: 0 };
      if (count.messages > before.messages) {
        byKind[kind] = { messages: count.messages - before.messages, bytes: count.bytes - before.bytes };
      }
    }
    const delay = delays[index] ?? { p99: Number.NaN, max: Number.NaN };
    return { name: from.name, messages, bytes, byKind, loopDelayP99Ms: delay.p99, loopDelayMaxMs: delay.max };
  });
}

function result(): AssignLoaderResult {
  const connected = participants.filter(live);
  return {
    clients: participants.length,
    connected: connected.length,
    joinAttempts,
    joinFailures: Object.fromEntries(joinFailures),
    readyMs: connected.map((participant) => participant.readyMs ?? Number.NaN),
    tagged,
    tagFailures,
    windows: windows(),
    roomFetches: stats.roomFetches,
    roomFetchFailures: Object.fromEntries(stats.roomFetchFailures),
    roomFetchMs: stats.roomFetchMs,
    gaps: stats.gaps,
    resyncs: stats.resyncs,
    snapshotResyncs: stats.snapshotResyncs,
    disconnects: Object.fromEntries(disconnects),
    placements: connected.map((participant) => {
      const { state } = participant.client;
      const roomId = currentRoomOf(state, state.selfId);
      let mates = 0;
      if (roomId !== null) for (const room of state.breakout.assignments.values()) if (room === roomId) mates++;
      return [participant.client.participantId ?? "", roomId, mates];
    }),
    heapUsedBytes: process.memoryUsage().heapUsed,
  };
}

function handle(message: Exclude<AssignParentMessage, { type: "close" }>): void {
  switch (message.type) {
    case "start":
      start(message.config);
      break;
    case "watch":
      startWatch(message.id, message.condition, message.timeoutMs);
      break;
    case "exclude":
      exclude(message.participantIds);
      break;
    case "mark":
      mark(message.name);
      break;
    case "report":
      send({ type: "result", result: result() });
      break;
    default: {
      const exhaustive: never = message;
      throw new Error(`unknown message ${JSON.stringify(exhaustive)}`);
    }
  }
}
send({ type: "ready" });
