import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/events.js";
import type { PollResultsUpdate } from "../shared/poll.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { connectErrorReason } from "./lib/connectError.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import { kindOf, packetBytes } from "./lib/packets.js";
import { onSchedule } from "./lib/schedule.js";
import {
  type VoteLoadConfig,
  type VoteLoaderMessage,
  type VoteLoaderResult,
  type VoteParentMessage,
  VoteParentMessageSchema,
} from "./lib/voteMessages.js";
import { bareVoterKey, optionOf } from "./lib/votePlan.js";
import { ClientStats, epochNow, newCommandId } from "./lib/workshopClient.js";

/**
 * One load generator of the vote storm (bench/votes.ts): a child process that connects its
 * share of the voters (workshop: joins them, with a joinId kept across tries), sends each one's
 * `poll:vote` on schedule, and records for every voter when its ack came and every
 * `poll:results` it received (time and combined.voters). Once the orchestrator knows the
 * order in which the server counted the ballots, it computes each vote's freshness: the first
 * results on the voter's own connection whose tally holds at least as many voters as the
 * vote's position. Voters do not keep the workshop state (a browser would; that costs the
 * browser, not the server) and do not fetch their room. Its own process, so its CPU is never
 * counted as the servers'.
 */

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** One connection, Socket.IO or raw `ws`, as the voter needs it. */
interface Link {
  vote(payload: Record<string, unknown>, timeoutMs: number): Promise<Ack>;
  isOpen(): boolean;
  close(): void;
}

interface Voter {
  index: number;
  /** workshop: the participant id; bare: v<index>. */
  key: string | null;
  joinId: string;
  link: Link | null;
  attempts: number;
  openedAt: number;
  connectMs: number | null;
  failure: string | null;
  done: boolean;
  lost: string | null;
  messages: number;
  bytes: number;
  /** Traffic counters when the storm started. */
  messagesAtStart: number;
  bytesAtStart: number;
  /** Connected when the storm started: only these are counted. */
  inStorm: boolean;
  emitAt: number;
  ackAt: number;
  outcome: string | null;
  /** Every `poll:results` of the storm's poll that raised the highest voters seen: time (performance.now) and voters. */
  tallyAt: number[];
  tallyVoters: number[];
  settled: boolean;
}

const CONNECT_TIMEOUT_MS = 30_000;
const RETRY_DELAY_MS = 2000;
/** As the browser (client/src/net/commands.ts): 10 s per try, three tries with the same commandId. */
const VOTE_TIMEOUT_MS = 10_000;
const VOTE_ATTEMPTS = 3;
/** Outcomes after which the vote may still have been counted. */
const UNSURE = new Set(["ok", "timeout", "network", "no answer by the deadline"]);

const stats = new ClientStats();
const voters: Voter[] = [];
const connectFailures = new Map<string, number>();
const voteFailures = new Map<string, number>();
const drops = new Map<string, number>();
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
/** The histogram records the sampling interval plus the delay: the delay alone, as for the servers (bench/memoryProbe.ts). */
const beyondResolution = (nanoseconds: number) =>
  Number.isFinite(nanoseconds) ? Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS) : Number.NaN;
let config: VoteLoadConfig | null = null;
let pollId: string | null = null;
let expected: { voters: number; deadlineAt: number } | null = null;
let settleTimer: NodeJS.Timeout | null = null;
let resolved = 0;
let doneCount = 0;
let sent = 0;
let notConnected = 0;
let maxVoteLagMs = 0;
let cpuAtStart = process.cpuUsage();
let byKindAtStart = new Map<string, { messages: number; bytes: number }>();
let stormOpen = false;
let connectedSent = false;
let votedSent = false;
let closing = false;
let endSnapshot: {
  cpuSeconds: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  byKind: Map<string, { messages: number; bytes: number }>;
} | null = null;

const send = orchestratorChannel<VoteParentMessage, VoteLoaderMessage>(VoteParentMessageSchema, {
  start: ({ config }) => start(config),
  vote: (message) => storm(message),
  expect: ({ voters, deadlineAt }) => expect(voters, deadlineAt),
  end: () => end(),
  resolve: ({ positions }) => send({ type: "result", result: result(positions) }),
  close() {
    closing = true;
    for (const voter of voters) voter.link?.close();
  },
});

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function count(voter: Voter, kind: string, bytes: number, message: boolean): void {
  if (endSnapshot) return;
  stats.countPacket(kind, bytes);
  voter.bytes += bytes;
  if (message) voter.messages++;
}

function onResults(voter: Voter, update: PollResultsUpdate): void {
  if (endSnapshot || update.pollId !== pollId) return;
  const seen = update.results.combined.voters;
  const highest = voter.tallyVoters[voter.tallyVoters.length - 1] ?? -1;
  if (seen <= highest) return;
  voter.tallyAt.push(performance.now());
  voter.tallyVoters.push(seen);
  if (expected && !voter.settled && seen >= expected.voters) {
    voter.settled = true;
    checkSettled();
  }
}

/** What a connection attempt reports: its session (or connection), a failure before it, a loss after it. */
interface Attempt {
  ready(): void;
  fail(reason: string): void;
  lost(reason: string): void;
}

function socketIoLink(voter: Voter, url: string, auth: Record<string, unknown>, attempt: Attempt): Link {
  const socket: AppSocket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  socket.io.engine.on("packet", (packet) => {
    count(voter, kindOf(packet.type, packet.data), packetBytes(packet.data), packet.type === "message");
  });
  socket.on("poll:results", (update) => onResults(voter, update));
  if (config?.mode === "workshop") {
    socket.once("session:ready", ({ session }) => {
      voter.key = session.participantId;
      attempt.ready();
    });
  } else socket.once("connect", () => attempt.ready());
  socket.on("connect_error", (error) => attempt.fail(connectErrorReason(error)));
  socket.on("disconnect", (reason) => attempt.lost(reason));
  return {
    async vote(payload, timeoutMs) {
      const emitter = socket.timeout(timeoutMs) as unknown as {
        emitWithAck(name: "poll:vote", payload: Record<string, unknown>): Promise<Ack>;
      };
      return emitter.emitWithAck("poll:vote", payload);
    },
    isOpen: () => socket.connected,
    close: () => socket.close(),
  };
}

function wsLink(voter: Voter, url: string, attempt: Attempt): Link {
  const socket = new WebSocket(
    `${url.replace(/^http/, "ws")}/?voter=${encodeURIComponent(bareVoterKey(voter.index))}`,
    {
      perMessageDeflate: false,
    },
  );
  const pending = new Map<number, (ack: Ack) => void>();
  let nextAck = 0;
  socket.on("open", () => attempt.ready());
  socket.on("message", (data: Buffer) => {
    const text = data.toString();
    const results = text.startsWith('["poll:results"');
    count(voter, results ? "poll:results" : "ack", data.length, true);
    const message: unknown = JSON.parse(text);
    if (!Array.isArray(message)) return;
    if (results) onResults(voter, message[1] as PollResultsUpdate);
    else pending.get(message[0] as number)?.(message[1] as Ack);
  });
  socket.on("error", (error) => attempt.fail(`ws: ${error.message}`));
  socket.on("close", () => attempt.lost("closed"));
  return {
    vote(payload, timeoutMs) {
      const id = nextAck++;
      return new Promise<Ack>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("timeout"));
        }, timeoutMs);
        pending.set(id, (ack) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(ack);
        });
        socket.send(JSON.stringify(["poll:vote", id, payload]));
      });
    },
    isOpen: () => socket.readyState === WebSocket.OPEN,
    close: () => socket.terminate(),
  };
}

function live(voter: Voter): boolean {
  return voter.link !== null && voter.connectMs !== null && voter.lost === null;
}

function finishConnect(voter: Voter): void {
  if (voter.done) return;
  voter.done = true;
  doneCount++;
  if (!config || connectedSent || doneCount < voters.length) return;
  connectedSent = true;
  const ok = voters.filter(live);
  send({
    type: "connected",
    ok: ok.length,
    failures: Object.fromEntries(connectFailures),
    connectMs: ok.map((other) => other.connectMs ?? Number.NaN),
  });
}

function lose(voter: Voter, reason: string): void {
  if (closing || endSnapshot || voter.lost !== null) return;
  voter.lost = reason;
  if (stormOpen) bump(drops, reason);
  checkSettled();
}

/** One try to connect (workshop: to join); a try that fails before its session is tried again 2 s later while tries are left. */
function open(voter: Voter, load: VoteLoadConfig): void {
  voter.attempts++;
  voter.openedAt = performance.now();
  const url = load.targets[Math.floor(voter.index / load.loaderCount) % load.targets.length] ?? "";
  let over = false;
  const attempt: Attempt = {
    ready() {
      if (over) return;
      over = true;
      clearTimeout(timer);
      voter.connectMs = performance.now() - voter.openedAt;
      finishConnect(voter);
    },
    fail(reason) {
      if (over || closing) return;
      over = true;
      clearTimeout(timer);
      voter.link?.close();
      voter.link = null;
      if (voter.attempts < load.joinAttempts) {
        setTimeout(() => open(voter, load), RETRY_DELAY_MS);
        return;
      }
      voter.failure = reason;
      bump(connectFailures, reason);
      finishConnect(voter);
    },
    lost(reason) {
      if (!over) attempt.fail(`disconnected before ready: ${reason}`);
      else if (voter.connectMs !== null) lose(voter, reason);
    },
  };
  const timer = setTimeout(
    () => attempt.fail(`not connected within ${CONNECT_TIMEOUT_MS / 1000} s`),
    CONNECT_TIMEOUT_MS,
  );
  if (load.mode === "ws") voter.link = wsLink(voter, url, attempt);
  else if (load.mode === "socketio") voter.link = socketIoLink(voter, url, { voterId: voter.key }, attempt);
  else {
    const auth = {
      joinCode: load.joinCode ?? "",
      displayName: `${load.namePrefix}${voter.index}`,
      joinId: voter.joinId,
      protocol: PROTOCOL_VERSION,
    };
    voter.link = socketIoLink(voter, url, auth, attempt);
  }
}

function start(load: VoteLoadConfig): void {
  config = load;
  for (let index = load.loaderIndex; index < load.totalClients; index += load.loaderCount) {
    voters.push({
      index,
      key: load.mode === "workshop" ? null : bareVoterKey(index),
      joinId: randomUUID(),
      link: null,
      attempts: 0,
      openedAt: 0,
      connectMs: null,
      failure: null,
      done: false,
      lost: null,
      messages: 0,
      bytes: 0,
      messagesAtStart: 0,
      bytesAtStart: 0,
      inStorm: false,
      emitAt: 0,
      ackAt: 0,
      outcome: null,
      tallyAt: [],
      tallyVoters: [],
      settled: false,
    });
  }
  onSchedule(
    voters,
    load.startAt,
    (voter) => (voter.index * 1000) / load.connectRate,
    (voter) => open(voter, load),
  );
}

function answered(voter: Voter, outcome: string): void {
  if (voter.outcome !== null) return;
  voter.outcome = outcome;
  if (outcome !== "ok") bump(voteFailures, outcome);
  resolved++;
  finishVoting();
}

function finishVoting(): void {
  if (votedSent || resolved < voters.length) return;
  votedSent = true;
  const ballots: Array<[string, string, boolean]> = voters.flatMap((voter) =>
    voter.key === null || voter.emitAt === 0
      ? []
      : [[voter.key, optionOf(voter.index, optionsOf()), voter.outcome === "ok"] as [string, string, boolean]],
  );
  send({
    type: "voted",
    sent,
    acked: voters.filter((voter) => voter.outcome === "ok").length,
    refused: voters.filter((voter) => voter.emitAt > 0 && voter.outcome !== null && !UNSURE.has(voter.outcome)).length,
    ballots,
  });
}

let stormOptions: string[] = [];
const optionsOf = () => stormOptions;

async function castVote(voter: Voter, poll: string): Promise<void> {
  const link = voter.link;
  if (!link || !live(voter) || !link.isOpen()) {
    notConnected++;
    answered(voter, "not connected");
    return;
  }
  const payload = {
    commandId: newCommandId(),
    pollId: poll,
    ballot: { kind: "single", optionId: optionOf(voter.index, stormOptions) },
  };
  voter.emitAt = performance.now();
  sent++;
  let code = "timeout";
  for (let attempt = 1; attempt <= VOTE_ATTEMPTS; attempt++) {
    try {
      const ack = await link.vote(payload, VOTE_TIMEOUT_MS);
      if (ack.ok) {
        voter.ackAt = performance.now();
        answered(voter, "ok");
      } else answered(voter, ack.error.code);
      return;
    } catch {
      code = link.isOpen() ? "timeout" : "network";
      if (code === "network") break;
    }
  }
  answered(voter, code);
}

function storm(message: { pollId: string; options: string[]; startAt: number; windowMs: number; deadlineAt: number }) {
  pollId = message.pollId;
  stormOptions = message.options;
  stormOpen = true;
  cpuAtStart = process.cpuUsage();
  byKindAtStart = new Map([...stats.byKind].map(([kind, counts]) => [kind, { ...counts }]));
  loopDelay.reset();
  loopDelay.enable();
  for (const voter of voters) {
    voter.inStorm = live(voter);
    voter.messagesAtStart = voter.messages;
    voter.bytesAtStart = voter.bytes;
  }
  const total = config?.totalClients ?? voters.length;
  onSchedule(
    voters,
    message.startAt,
    (voter) => (voter.index * message.windowMs) / total,
    (voter) => void castVote(voter, message.pollId),
    (lateMs) => {
      maxVoteLagMs = Math.max(maxVoteLagMs, lateMs);
    },
  );
  setTimeout(
    () => {
      for (const voter of voters)
        answered(voter, voter.emitAt === 0 ? "not sent by the deadline" : "no answer by the deadline");
    },
    Math.max(0, message.deadlineAt - epochNow()),
  );
}

function checkSettled(): void {
  if (!expected || settleTimer === null) return;
  const unsettled = voters.filter((voter) => live(voter) && !voter.settled).length;
  if (unsettled > 0 && epochNow() < expected.deadlineAt) return;
  clearTimeout(settleTimer);
  settleTimer = null;
  send({ type: "settled", at: epochNow(), unsettled });
}

function expect(voterCount: number, deadlineAt: number): void {
  expected = { voters: voterCount, deadlineAt };
  for (const voter of voters) {
    voter.settled = (voter.tallyVoters[voter.tallyVoters.length - 1] ?? -1) >= voterCount;
  }
  settleTimer = setTimeout(checkSettled, Math.max(0, deadlineAt - epochNow()) + 1);
  checkSettled();
}

function end(): void {
  const cpu = process.cpuUsage(cpuAtStart);
  endSnapshot = {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    loopDelayP99Ms: beyondResolution(loopDelay.percentile(99)),
    loopDelayMaxMs: beyondResolution(loopDelay.max),
    byKind: new Map([...stats.byKind].map(([kind, counts]) => [kind, { ...counts }])),
  };
  loopDelay.disable();
  closing = true;
  for (const voter of voters) voter.link?.close();
  send({ type: "ended" });
}

function result(positions: Record<string, number>): VoteLoaderResult {
  const ackMs: Array<number | null> = [];
  const freshnessMs: Array<number | null> = [];
  let notCounted = 0;
  let unseenDropped = 0;
  for (const voter of voters) {
    if (voter.emitAt === 0) continue;
    ackMs.push(voter.outcome === "ok" ? voter.ackAt - voter.emitAt : null);
    const position = voter.key === null ? undefined : positions[voter.key];
    if (position === undefined) notCounted++;
    // The first tally on this connection, after the emit, that holds at least `position` voters.
    const at =
      position === undefined
        ? -1
        : voter.tallyVoters.findIndex((seen, index) => seen >= position && (voter.tallyAt[index] ?? 0) >= voter.emitAt);
    freshnessMs.push(at >= 0 ? (voter.tallyAt[at] ?? Number.NaN) - voter.emitAt : null);
    if (at < 0 && voter.lost !== null) unseenDropped++;
  }
  const inStorm = voters.filter((voter) => voter.inStorm);
  const observed = everyonesFreshness(positions, inStorm);
  const byKind: Record<string, { messages: number; bytes: number }> = {};
  for (const [kind, counts] of endSnapshot?.byKind ?? stats.byKind) {
    const before = byKindAtStart.get(kind) ?? { messages: 0, bytes: 0 };
    if (counts.messages > before.messages) {
      byKind[kind] = { messages: counts.messages - before.messages, bytes: counts.bytes - before.bytes };
    }
  }
  return {
    clients: voters.length,
    connected: inStorm.length,
    notConnected,
    sent,
    ackMs,
    failures: Object.fromEntries(voteFailures),
    freshnessMs,
    everyone: observed,
    notCounted,
    unseenDropped,
    messages: inStorm.map((voter) => voter.messages - voter.messagesAtStart),
    bytes: inStorm.map((voter) => voter.bytes - voter.bytesAtStart),
    byKind,
    drops: Object.fromEntries(drops),
    unsettled: voters.filter((voter) => live(voter) && !voter.settled).length,
    cpuSeconds: endSnapshot?.cpuSeconds ?? Number.NaN,
    loopDelayP99Ms: endSnapshot?.loopDelayP99Ms ?? Number.NaN,
    loopDelayMaxMs: endSnapshot?.loopDelayMaxMs ?? Number.NaN,
    maxVoteLagMs,
  };
}

/**
 * Freshness as every connection sees it, not only the voter's own: for each of this generator's
 * counted votes and each of its connections in the storm, from the vote's emit to the first tally
 * on that connection, after the emit, that includes it (the same rule as the voter's own). The
 * voters alternate over the generators, so its votes x its connections are an even half of all
 * pairs. Millisecond buckets (rounded up) keep the message small; `never`: not by the end.
 */
function everyonesFreshness(
  positions: Record<string, number>,
  connections: readonly Voter[],
): { buckets: Record<string, number>; never: number } {
  const votes: Array<{ position: number; emitAt: number }> = [];
  for (const voter of voters) {
    const position = voter.key === null ? undefined : positions[voter.key];
    if (voter.emitAt > 0 && position !== undefined) votes.push({ position, emitAt: voter.emitAt });
  }
  const buckets = new Map<number, number>();
  let neverSeen = 0;
  for (const connection of connections) {
    // Both rise along the connection (only tallies that raised the highest voters are kept).
    const { tallyAt, tallyVoters } = connection;
    for (const { position, emitAt } of votes) {
      const at = Math.max(firstAtLeast(tallyAt, emitAt), firstAtLeast(tallyVoters, position));
      const seenAt = tallyAt[at];
      if (seenAt === undefined) {
        neverSeen++;
        continue;
      }
      const bucket = Math.ceil(seenAt - emitAt);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
  }
  return { buckets: Object.fromEntries(buckets), never: neverSeen };
}

/** Index of the first value >= target in an ascending array (its length when none). */
function firstAtLeast(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? Number.POSITIVE_INFINITY) >= target) high = middle;
    else low = middle + 1;
  }
  return low;
}
