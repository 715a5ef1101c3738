import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { REACTION_KINDS } from "../shared/hands.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { connectErrorReason } from "./lib/connectError.js";
import { orchestratorChannel } from "./lib/loaderIpc.js";
import { delayBeyondResolutionMs, loopDelayHistogram } from "./lib/loopDelay.js";
import {
  type ReactionConnect,
  type ReactionLoaderMessage,
  type ReactionLoaderResult,
  type ReactionParentMessage,
  ReactionParentMessageSchema,
  type ReactionServer,
} from "./lib/reactionMessages.js";
import { onSchedule } from "./lib/schedule.js";
import { max, percentile } from "./lib/stats.js";
import { epochNow } from "./lib/workshopClient.js";

/**
 * One load generator of the reaction storm (bench/reactions.ts): a child process that connects
 * its share of the people to one server (the reference, or the workshop nodes: joined, with a
 * joinId kept across tries), sends each one's reactions on schedule, and records on every
 * connection when each update message came and the count it took the viewer to. Once the
 * orchestrator has every generator's send times, it turns them into delivery times on every
 * connection. People keep no other state (no workshop copy): what is measured is the server.
 * Its own process, so its CPU is never counted as the servers'.
 */

type Ack = { ok: boolean; error?: { code: string } };

interface Person {
  index: number;
  joinId: string;
  socket: Socket | null;
  attempts: number;
  ready: boolean;
  done: boolean;
  lost: boolean;
  /** Connected when the storm started: only these are counted. */
  inStorm: boolean;
  /** The count of reactions seen so far (reference: the tally's version). */
  seen: number;
  /** Each update message of the storm that raised `seen`: when (epoch ms), and `seen` after it. */
  stepAt: number[];
  stepSeen: number[];
  messages: number;
  perSecond: Map<number, number>;
}

interface Side {
  config: ReactionConnect;
  people: Person[];
  failures: Map<string, number>;
  doneCount: number;
  connectedSent: boolean;
  stormAt: number | null;
  ended: boolean;
  expected: { count: number; deadlineAt: number; timer: NodeJS.Timeout | null } | null;
  sentAt: number[];
  lagMs: number[];
  cpuAtStart: NodeJS.CpuUsage;
  result: Omit<
    ReactionLoaderResult,
    "delivery" | "connected" | "messages" | "busiestSecond" | "seen" | "dropped"
  > | null;
}

const CONNECT_TIMEOUT_MS = 30_000;
const RETRY_DELAY_MS = 2000;
const SEND_TIMEOUT_MS = 10_000;
const loopDelay = loopDelayHistogram();

const sides = new Map<ReactionServer, Side>();
let closing = false;

const send = orchestratorChannel<ReactionParentMessage, ReactionLoaderMessage>(ReactionParentMessageSchema, {
  connect: ({ config }) => connect(config),
  storm: (message) => storm(message),
  expect: ({ server, count, deadlineAt }) => {
    const side = sideOf(server);
    side.expected = {
      count,
      deadlineAt,
      timer: setTimeout(() => checkSettled(side), Math.max(0, deadlineAt - epochNow()) + 1),
    };
    checkSettled(side);
  },
  end: ({ server }) => end(sideOf(server)),
  resolve: ({ server, sentAt }) => send({ type: "result", result: resolve(sideOf(server), sentAt) }),
  close() {
    closing = true;
    for (const side of sides.values()) for (const person of side.people) person.socket?.close();
  },
});

function sideOf(server: ReactionServer): Side {
  const side = sides.get(server);
  if (!side) throw new Error(`no people connected to the ${server} server`);
  return side;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** An update reached a viewer: counted while the storm runs; `next` is the count it took the viewer to. */
function updated(side: Side, person: Person, next: number): void {
  if (side.ended) return;
  const now = epochNow();
  if (side.stormAt !== null && now >= side.stormAt) {
    person.messages++;
    const second = Math.floor(now / 1000);
    person.perSecond.set(second, (person.perSecond.get(second) ?? 0) + 1);
  }
  if (next <= person.seen) return;
  person.seen = next;
  person.stepAt.push(now);
  person.stepSeen.push(next);
  if (side.expected && next >= side.expected.count) checkSettled(side);
}

function finishConnect(side: Side, person: Person): void {
  if (person.done) return;
  person.done = true;
  side.doneCount++;
  if (side.connectedSent || side.doneCount < side.people.length) return;
  side.connectedSent = true;
  send({
    type: "connected",
    ok: side.people.filter((other) => other.ready && !other.lost).length,
    failures: Object.fromEntries(side.failures),
  });
}

/** One try to connect (workshop: to join); a try that fails before it is ready is tried again 2 s later while tries are left. */
function open(side: Side, person: Person): void {
  const { config } = side;
  person.attempts++;
  const url = config.targets[Math.floor(person.index / config.loaderCount) % config.targets.length] ?? "";
  const auth =
    config.server === "workshop"
      ? {
          joinCode: config.joinCode ?? "",
          displayName: `Person ${person.index}`,
          joinId: person.joinId,
          protocol: PROTOCOL_VERSION,
        }
      : { voterId: `v${person.index}` };
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  person.socket = socket;
  let over = false;
  const fail = (reason: string) => {
    if (over || closing) return;
    over = true;
    clearTimeout(timer);
    socket.close();
    person.socket = null;
    if (person.attempts < config.joinAttempts) {
      setTimeout(() => open(side, person), RETRY_DELAY_MS);
      return;
    }
    bump(side.failures, reason);
    finishConnect(side, person);
  };
  const timer = setTimeout(() => fail(`not ready within ${CONNECT_TIMEOUT_MS / 1000} s`), CONNECT_TIMEOUT_MS);
  socket.once(config.server === "workshop" ? "session:ready" : "poll:results", () => {
    if (over) return;
    over = true;
    clearTimeout(timer);
    person.ready = true;
    finishConnect(side, person);
  });
  if (config.server === "workshop") {
    socket.on("reactions:burst", ({ counts }: { counts: number[] }) =>
      updated(side, person, person.seen + counts.reduce((sum, count) => sum + count, 0)),
    );
  } else {
    // The tally's version counts the votes that moved it: the n-th moved it to n.
    socket.on("poll:results", (update: { tallyVersion: number }) => updated(side, person, update.tallyVersion));
  }
  socket.on("connect_error", (error) => fail(connectErrorReason(error)));
  socket.on("disconnect", (reason) => {
    if (!over) fail(`disconnected before ready: ${reason}`);
    else if (person.ready && !closing && !side.ended) {
      person.lost = true;
      checkSettled(side);
    }
  });
}

function connect(config: ReactionConnect): void {
  const people: Person[] = [];
  for (let index = config.loaderIndex; index < config.totalClients; index += config.loaderCount) {
    people.push({
      index,
      joinId: randomUUID(),
      socket: null,
      attempts: 0,
      ready: false,
      done: false,
      lost: false,
      inStorm: false,
      seen: 0,
      stepAt: [],
      stepSeen: [],
      messages: 0,
      perSecond: new Map(),
    });
  }
  const side: Side = {
    config,
    people,
    failures: new Map(),
    doneCount: 0,
    connectedSent: false,
    stormAt: null,
    ended: false,
    expected: null,
    sentAt: [],
    lagMs: [],
    cpuAtStart: process.cpuUsage(),
    result: null,
  };
  sides.set(config.server, side);
  if (people.length === 0) {
    side.connectedSent = true;
    send({ type: "connected", ok: 0, failures: {} });
    return;
  }
  onSchedule(
    people,
    config.startAt,
    (person) => (person.index * 1000) / config.connectRate,
    (person) => open(side, person),
  );
}

const live = (person: Person) => person.ready && !person.lost && person.socket !== null;

function storm(message: Extract<ReactionParentMessage, { type: "storm" }>): void {
  const side = sideOf(message.server);
  const { totalClients, loaderIndex, loaderCount } = side.config;
  side.stormAt = message.startAt;
  side.cpuAtStart = process.cpuUsage();
  loopDelay.reset();
  loopDelay.enable();
  for (const person of side.people) person.inStorm = live(person);
  // This generator's reactions, in the global order: n = round × people + person index.
  const mine: Array<{ n: number; person: Person; round: number }> = [];
  for (let round = 0; round < message.each; round++) {
    for (let index = loaderIndex; index < totalClients; index += loaderCount) {
      const person = side.people[(index - loaderIndex) / loaderCount] as Person;
      if (person.inStorm) mine.push({ n: round * totalClients + index, person, round });
    }
  }
  const total = totalClients * message.each;
  let answered = 0;
  let acked = 0;
  let refused = 0;
  const failures = new Map<string, number>();
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    send({ type: "sent", sentAt: side.sentAt, acked, refused, failures: Object.fromEntries(failures) });
  };
  const answer = (outcome: Ack | "timeout" | "network") => {
    answered++;
    if (typeof outcome === "object" && outcome.ok) acked++;
    else {
      const code = typeof outcome === "string" ? outcome : (outcome.error?.code ?? "refused");
      bump(failures, code);
      // A timeout or a lost connection may still have been counted: only an answer that says no is a refusal.
      if (typeof outcome === "object") refused++;
    }
    if (answered === mine.length) report();
  };
  if (mine.length === 0) report();
  setTimeout(report, Math.max(0, message.deadlineAt - epochNow()));
  onSchedule(
    mine,
    message.startAt,
    ({ n }) => (n * message.windowMs) / total,
    ({ person, round }) => {
      const socket = person.socket;
      if (!socket || !live(person)) {
        answer("network");
        return;
      }
      side.sentAt.push(epochNow());
      const [event, payload] =
        message.server === "workshop"
          ? ["reactions:send", { kind: REACTION_KINDS[(person.index + round) % REACTION_KINDS.length] }]
          : [
              "poll:vote",
              // round + 1: the first vote must differ from no ballot; each next one from the last.
              {
                pollId: message.pollId,
                ballot: { kind: "single", optionId: message.options[(round + 1) % message.options.length] },
              },
            ];
      socket
        .timeout(SEND_TIMEOUT_MS)
        .emitWithAck(event as string, payload)
        .then(
          (ack: Ack) => answer(ack),
          () => answer(socket.connected ? "timeout" : "network"),
        );
    },
    (lateMs) => side.lagMs.push(lateMs),
  );
}

function checkSettled(side: Side): void {
  const expected = side.expected;
  if (!expected || expected.timer === null) return;
  const unsettled = side.people.filter(
    (person) => person.inStorm && live(person) && person.seen < expected.count,
  ).length;
  if (unsettled > 0 && epochNow() < expected.deadlineAt) return;
  clearTimeout(expected.timer);
  expected.timer = null;
  send({ type: "settled", at: epochNow(), unsettled });
}

function end(side: Side): void {
  const cpu = process.cpuUsage(side.cpuAtStart);
  side.result = {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    loopDelayP99Ms: delayBeyondResolutionMs(loopDelay.percentile(99)),
    loopDelayMaxMs: delayBeyondResolutionMs(loopDelay.max),
    sendLagP99Ms: percentile(side.lagMs, 99),
    sendLagMaxMs: max(side.lagMs),
  };
  loopDelay.disable();
  side.ended = true;
  for (const person of side.people) person.socket?.close();
  send({ type: "ended" });
}

/**
 * Delivery on every connection: each step took the viewer's count from the previous one to
 * stepSeen, so the reactions in between (in sending order) arrived at stepAt.
 */
function resolve(side: Side, sentAt: readonly number[]): ReactionLoaderResult {
  if (!side.result) throw new Error(`resolve before end (${side.config.server})`);
  const buckets = new Map<number, number>();
  let never = 0;
  const viewers = side.people.filter((person) => person.inStorm);
  for (const person of viewers) {
    let from = 0;
    person.stepSeen.forEach((seen, step) => {
      const at = person.stepAt[step] as number;
      for (let n = from; n < Math.min(seen, sentAt.length); n++) {
        const bucket = Math.max(0, Math.ceil(at - (sentAt[n] as number)));
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
      }
      from = Math.max(from, seen);
    });
    never += Math.max(0, sentAt.length - from);
  }
  return {
    ...side.result,
    connected: viewers.length,
    delivery: { buckets: Object.fromEntries(buckets), never },
    messages: viewers.map((person) => person.messages),
    busiestSecond: viewers.map((person) => Math.max(0, ...person.perSecond.values())),
    seen: viewers.filter((person) => !person.lost).map((person) => person.seen),
    dropped: viewers.filter((person) => person.lost).length,
  };
}
