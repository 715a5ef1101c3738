import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { MAX_ROOMS } from "../shared/breakout.js";
import type { CommandName, CommandPayload, CommandResult } from "../shared/events.js";
import { PollExportSchema, type PollScope } from "../shared/poll.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { applyQnaChanged, emptyQnaCopy } from "../shared/qnaState.js";
import { applyPollResults, applySyncResult, emptyWorkshopState } from "../shared/workshopState.js";
import { type BenchRedis, startBenchRedis } from "./lib/benchRedis.js";
import { benchSetting } from "./lib/benchSettings.js";
import { startBench } from "./lib/benchStart.js";
import {
  ChildLoader,
  createWorkshop,
  everyLoader,
  machine,
  numberEnv,
  type RunningNode,
  redisCommandsProcessed,
  sleep,
  startNode,
  summarizeLog,
  until,
  workingTree,
} from "./lib/cluster.js";
import {
  type ForumAction,
  type ForumLoaderMessage,
  ForumLoaderMessageSchema,
  type ForumParentMessage,
  type ForumWatch,
} from "./lib/forumMessages.js";
import { type Counts, countsOf, sameCounts, sendUntilAnswered, tallyOf, tallyText } from "./lib/forumPlan.js";
import {
  type ForumPhase,
  type ForumReport,
  type ForumSettings,
  type Invariant,
  type Latency,
  renderForumResults,
  writeForumResults,
} from "./lib/forumReport.js";
import { mergeWatched } from "./lib/participantMessages.js";
import { exitText, requireOpenFiles, runMain } from "./lib/processes.js";
import { cpuSpan, type Sample, sampleAll } from "./lib/procStats.js";
import { countsText, type HeapUsage, publish } from "./lib/report.js";
import { max } from "./lib/stats.js";
import { votePoll } from "./lib/votePlan.js";
import { ClientStats, epochNow, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * Issue 18 item 4: a 10,000-person forum in one workshop over four workshop nodes on a Redis
 * Cluster, in one run on the same processes: the join storm, a plenary poll everyone votes in,
 * a Q&A question everyone upvotes, a breakout round of 500 rooms, and a poll in every room.
 * The same phases as the CI test at 300 (test/cluster/forumScale.test.ts) with the same exact
 * counts checked, plus per-phase latencies, CPU per process from /proc, Redis commands per
 * server, memory per participant and the machine's other work. Writes its section of
 * docs/PERFORMANCE.md (BENCH_WRITE=0: print only); a failed invariant exits 1.
 */

const settings: ForumSettings = {
  people: benchSetting.people(10_000),
  nodes: benchSetting.nodes(4),
  redisClusterPrimaries: benchSetting.redisClusterPrimaries(3),
  rooms: benchSetting.rooms(500),
  loaders: benchSetting.loaders(4),
  /** The issue's storm: 10,000 in 100 s. */
  joinRate: benchSetting.joinRate(100),
  /** Seconds over which each phase's votes (or upvotes) are spread evenly. */
  voteWindowS: numberEnv("BENCH_VOTE_WINDOW_S", 20, 0.1),
  /** Also the longest wait for a phase's acks. */
  deliveryTimeoutS: benchSetting.deliveryTimeoutS(120),
  /** At the end of each phase. */
  quietS: benchSetting.quietS(2),
  /** Seconds between phases, not measured. */
  pauseS: numberEnv("BENCH_PAUSE_S", 3, 0),
  joinAttempts: benchSetting.joinAttempts(),
  loaderHeapMiB: benchSetting.loaderHeapMiB(),
  timeoutS: benchSetting.timeoutS(2400, 60),
  roster: benchSetting.roster(),
  write: benchSetting.write(),
};

const { logDir, log } = startBench(
  "wk-bench-forum-",
  "The 10,000-person forum (issue 18 item 4): BENCH_PEOPLE participants join one workshop over BENCH_NODES nodes on a Redis Cluster, then a plenary poll, Q&A upvotes, a breakout round of BENCH_ROOMS rooms and a poll in every room, each phase measured and its counts checked exactly.",
  {
    BENCH_ROSTER: "the workshop's roster: open (default; participants may know everyone, no list opened) or private",
  },
);

type Loader = ChildLoader<ForumLoaderMessage, ForumParentMessage>;
type Watched = Omit<Extract<ForumLoaderMessage, { type: "watched" }>, "type" | "id">;
type Acted = Extract<ForumLoaderMessage, { type: "acted" }>;

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(what);
  return value;
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

function mergeInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) bump(target, key, value);
}

/** Everything one run holds while its phases go. */
class Forum {
  readonly invariants: Invariant[] = [];
  readonly phases: ForumPhase[] = [];
  readonly pids = new Map<string, number>();
  private readonly facilitatorResent: Record<string, number> = {};
  private readonly facilitatorQna = emptyQnaCopy();
  private watchCount = 0;
  /** Each node's memory after the last probe (a forced GC). */
  probes: Array<HeapUsage | null> = [];
  /** At each phase's start and end: the samples and each node's probe. */
  readonly starts: Array<{ sample: Sample; probes: Array<HeapUsage | null> }> = [];
  readonly ends: Array<{ sample: Sample; probes: Array<HeapUsage | null> }> = [];

  constructor(
    readonly redis: BenchRedis,
    readonly nodes: RunningNode[],
    readonly loaders: Loader[],
    readonly facilitator: WorkshopClient,
    readonly workshopId: string,
  ) {
    for (const node of nodes) this.pids.set(node.name, node.pid);
    for (const server of redis.servers) this.pids.set(server.name, server.pid);
    loaders.forEach((loader, index) => {
      if (loader.pid !== undefined) this.pids.set(`loader-${index + 1}`, loader.pid);
    });
    facilitator.socket.on("poll:results", (update) => applyPollResults(facilitator.state, update));
    facilitator.socket.on("qna:changed", (changed) => applyQnaChanged(this.facilitatorQna, changed));
  }

  check(what: string, ok: boolean, detail: string): void {
    this.invariants.push({ what, ok, detail });
    log(`${ok ? "ok" : "FAILED"}: ${what}: ${detail}`);
  }

  /** The facilitator's live copy came to show what the store holds: `facilitatorMs` after `from` (NaN: never). */
  checkHostSaw(what: string, facilitatorMs: number, from: string): void {
    this.check(
      what,
      Number.isFinite(facilitatorMs),
      Number.isFinite(facilitatorMs)
        ? `${format0(facilitatorMs)} ms after ${from}`
        : `not within ${settings.deliveryTimeoutS} s`,
    );
  }

  /** Every participant's own state met the final watch of a phase, and no connection dropped meanwhile. */
  checkEveryoneSaw(what: string, final: Watched): void {
    this.check(
      what,
      final.missing === 0 && final.lost === 0,
      `${final.times.length} did; ${final.missing} never did, ${final.lost} connections dropped`,
    );
  }

  /** A facilitator command until answered (passing refusals sent again, same commandId); a refusal stops the bench. */
  async command<C extends CommandName>(
    name: C,
    payload: CommandPayload<C>,
    timeoutMs = 30_000,
  ): Promise<CommandResult<C>> {
    const outcome = await sendUntilAnswered(
      this.facilitator,
      name,
      payload,
      Date.now() + 2 * timeoutMs,
      (code) => bump(this.facilitatorResent, `${name} ${code}`),
      timeoutMs,
    );
    if (!outcome.ok) throw new Error(`the facilitator's ${name} was refused: ${outcome.code} ${outcome.message}`);
    return outcome.data;
  }

  /** Arms a watch in every generator now; await the result after sending what is watched for. */
  watch(condition: ForumWatch): Promise<Watched> {
    const id = `${condition.kind}-${++this.watchCount}`;
    const timeoutMs = settings.deliveryTimeoutS * 1000;
    for (const loader of this.loaders) loader.send({ type: "watch", id, condition, timeoutMs });
    const collected = (async () => {
      const answers = await everyLoader(this.loaders, "watched", timeoutMs + 15_000, `watch ${id}`);
      const total = mergeWatched(id, answers);
      if (total.missing > 0) log(`watch ${id}: ${total.missing} participants never met it`);
      return total;
    })();
    // Awaited later: keep an early failure from counting as unhandled meanwhile.
    collected.catch(() => undefined);
    return collected;
  }

  /** Every participant's one command of a phase, spread over the vote window; the generators' answers merged. */
  async act(action: ForumAction): Promise<Acted & { refusedTotal: number }> {
    const id = `${action.kind}-${++this.watchCount}`;
    const windowMs = settings.voteWindowS * 1000;
    const startAt = Date.now() + 1000;
    const deadlineAt = startAt + windowMs + settings.deliveryTimeoutS * 1000;
    for (const loader of this.loaders) loader.send({ type: "act", id, action, startAt, windowMs, deadlineAt });
    log(`${action.kind}: every participant within ${settings.voteWindowS} s`);
    const answers = await everyLoader(this.loaders, "acted", deadlineAt - Date.now() + 15_000, `act ${id}`);
    const total: Acted = {
      type: "acted",
      id,
      sent: 0,
      acked: 0,
      refused: {},
      unanswered: 0,
      notConnected: 0,
      ackMs: [],
      resent: {},
      acknowledged: [],
      firstSentAt: Number.POSITIVE_INFINITY,
      lastAckAt: Number.NEGATIVE_INFINITY,
      maxLagMs: 0,
    };
    for (const answer of answers) {
      total.sent += answer.sent;
      total.acked += answer.acked;
      mergeInto(total.refused, answer.refused);
      total.unanswered += answer.unanswered;
      total.notConnected += answer.notConnected;
      total.ackMs.push(...answer.ackMs);
      mergeInto(total.resent, answer.resent);
      total.acknowledged.push(...answer.acknowledged);
      if (!Number.isNaN(answer.firstSentAt)) total.firstSentAt = Math.min(total.firstSentAt, answer.firstSentAt);
      if (!Number.isNaN(answer.lastAckAt)) total.lastAckAt = Math.max(total.lastAckAt, answer.lastAckAt);
      total.maxLagMs = Math.max(total.maxLagMs, answer.maxLagMs);
    }
    const refusedTotal = Object.values(total.refused).reduce((sum, n) => sum + n, 0);
    log(
      `${action.kind}: ${total.acked}/${total.sent} acknowledged, refused: ${countsText(total.refused)}, ` +
        `${total.unanswered} unanswered, resent: ${countsText(total.resent)}`,
    );
    return { ...total, refusedTotal };
  }

  /** Every connected participant sent its command and every one was acknowledged. */
  checkActed(what: string, acted: Acted & { refusedTotal: number }, connected: number): void {
    this.check(
      `${what}: every participant's command acknowledged`,
      acted.acked === connected && acted.refusedTotal === 0 && acted.unanswered === 0 && acted.notConnected === 0,
      `${acted.acked} of ${connected} acknowledged; refused: ${countsText(acted.refused)}; ${acted.unanswered} never ` +
        `answered; ${acted.notConnected} not connected at their turn; resent after a passing refusal: ${countsText(acted.resent)}`,
    );
  }

  private redisCounts(): Promise<number[]> {
    return Promise.all(this.redis.servers.map((server) => redisCommandsProcessed(server.url)));
  }

  /** Starts a phase: every node's probe first (a forced GC, its loop delay reset), then the samples. */
  async begin(name: string): Promise<{ name: string; sample: Sample; redis: number[] }> {
    this.probes = await Promise.all(this.nodes.map((node) => node.memory(15_000)));
    for (const loader of this.loaders) loader.send({ type: "mark", name });
    const redis = await this.redisCounts();
    log(`phase: ${name}`);
    const sample = sampleAll(this.pids);
    this.starts.push({ sample, probes: this.probes });
    return { name, sample, redis };
  }

  /** Ends a phase after the quiet time: samples, then every node's probe (loop delay over the phase, memory). */
  async end(
    started: { name: string; sample: Sample; redis: number[] },
    latencies: Latency[],
    facts: string[],
  ): Promise<void> {
    await sleep(settings.quietS * 1000);
    const sample = sampleAll(this.pids);
    const redisAfter = await this.redisCounts();
    this.probes = await Promise.all(this.nodes.map((node) => node.memory(15_000)));
    this.ends.push({ sample, probes: this.probes });
    const redisCommands: Record<string, number> = {};
    this.redis.servers.forEach((server, index) => {
      redisCommands[server.name] = (redisAfter[index] ?? Number.NaN) - (started.redis[index] ?? Number.NaN);
    });
    this.phases.push({
      name: started.name,
      cpu: cpuSpan(started.name, started.sample, sample),
      redisCommands,
      latencies,
      facts,
      nodeLoop: this.nodes.map((node, index) => ({
        name: node.name,
        p99Ms: this.probes[index]?.loopDelay?.p99Ms ?? Number.NaN,
        maxMs: this.probes[index]?.loopDelay?.maxMs ?? Number.NaN,
      })),
      // Filled from the generators' windows at the end.
      traffic: { participants: 0, messages: 0, bytes: 0, byKind: {} },
      loaderLoop: { p99Ms: Number.NaN, maxMs: Number.NaN },
    });
    log(`phase ${started.name} done in ${((sample.at - started.sample.at) / 1000).toFixed(1)} s`);
    await sleep(settings.pauseS * 1000);
  }

  /** The poll's results as the store holds them (REST export with the facilitator's session). */
  async storedResults(pollId: string): Promise<{ combined: Counts | null; byRoom: Record<string, Counts> }> {
    const url = this.nodes[0]?.url ?? "";
    const response = await fetch(`${url}/api/workshops/${this.workshopId}/polls/${pollId}/export?format=json`, {
      headers: { authorization: `Bearer ${this.facilitator.session?.sessionToken ?? ""}` },
    });
    if (!response.ok) throw new Error(`poll export answered ${response.status}`);
    const { results } = PollExportSchema.parse(await response.json());
    const byRoom: Record<string, Counts> = {};
    for (const roomId of Object.keys(results.byRoom ?? {})) byRoom[roomId] = countsOf(results, roomId) ?? {};
    return { combined: countsOf(results), byRoom };
  }

  /** Waits until the facilitator's live copy satisfies `ok`; ms from `from`, or NaN. */
  async facilitatorSees(ok: () => boolean, from: number): Promise<number> {
    const seen = await until(ok, settings.deliveryTimeoutS * 1000);
    return seen ? epochNow() - from : Number.NaN;
  }

  get qna() {
    return this.facilitatorQna;
  }

  get resent(): Record<string, number> {
    return this.facilitatorResent;
  }
}

const after = (times: readonly number[], from: number) => times.map((time) => time - from);

/** A latency over participants: from `from` to each one's time in the watch; those that never met it, counted. */
const reached = (label: string, watched: Watched, from: number): Latency => ({
  label,
  values: after(watched.times, from),
  missing: watched.missing,
});

/** Phase 1: everyone joins on schedule; every state then shows everyone online. */
async function joinStorm(forum: Forum, joinCode: string, targets: string[]) {
  const started = await forum.begin("join storm");
  const windowMs = (settings.people / settings.joinRate) * 1000;
  const startAt = Date.now() + 1000;
  forum.loaders.forEach((loader, loaderIndex) => {
    loader.send({
      type: "start",
      config: {
        targets,
        joinCode,
        totalClients: settings.people,
        loaderIndex,
        loaderCount: forum.loaders.length,
        windowMs,
        startAt,
        namePrefix: "forum-",
        joinAttempts: settings.joinAttempts,
      },
    });
  });
  log(`join storm: ${settings.people} participants over ${(windowMs / 1000).toFixed(0)} s`);
  const budget = windowMs + 1000 + settings.joinAttempts * 32_000 + 60_000;
  const answers = await everyLoader(forum.loaders, "joined", budget, "joining");
  const joinedAt = epochNow();
  const connected = answers.reduce((sum, answer) => sum + answer.connected, 0);
  const perTarget = targets.map((_, index) => answers.reduce((sum, answer) => sum + (answer.perTarget[index] ?? 0), 0));
  const failures: Record<string, number> = {};
  for (const answer of answers) mergeInto(failures, answer.failures);
  const retries = answers.reduce((sum, answer) => sum + answer.retries, 0);
  const lag = Math.max(...answers.map((answer) => answer.maxStartLagMs));
  log(`join storm: ${connected}/${settings.people} joined (${retries} retries); waiting for every state to show them`);
  // Everyone counts, the facilitator too (online in the orchestrator).
  const everyone = connected + 1;
  const converged = await forum.watch({ kind: "people", atLeast: everyone });
  const facilitatorMs = await forum.facilitatorSees(() => {
    const count = forum.facilitator.state.people;
    return count.active >= everyone && count.online >= everyone;
  }, joinedAt);
  const convergedAll = await converged;
  forum.check(
    "join storm: every participant joined and every state shows everyone online",
    connected === settings.people && convergedAll.missing === 0 && convergedAll.lost === 0,
    `${connected} of ${settings.people} joined (failures: ${countsText(failures)}); ${convergedAll.missing} states ` +
      `never showed ${everyone} people online, ${convergedAll.lost} connections dropped`,
  );
  const readyMs = answers.flatMap((answer) => answer.readyMs);
  await forum.end(
    started,
    [
      { label: "join: connection opened → `session:ready` (retries included)", values: readyMs },
      reached("every participant joined → its state shows everyone online", convergedAll, joinedAt),
    ],
    [
      `${connected} joined at ${format0(settings.joinRate)}/s over ${targets.length} nodes (${perTarget.join(" / ")}); ` +
        `the facilitator's state showed everyone ${format0(facilitatorMs)} ms after the last join; ` +
        `generators started joins up to ${format0(lag)} ms late.`,
    ],
  );
  return { connected, perTarget, failures, retries };
}

const format0 = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "—");

/** Phases 2 and 5: a poll everyone sees and votes in once; exact tallies in the store, the host's copy and every view. */
async function pollPhase(
  forum: Forum,
  name: string,
  scope: PollScope,
  shift: number,
  connected: number,
  roomOf: ReadonlyMap<string, string> | null,
): Promise<void> {
  const started = await forum.begin(name);
  const createdAt = epochNow();
  const poll = await forum.command("poll:create", {
    commandId: newCommandId(),
    definition: votePoll(scope),
    open: true,
  });
  const createAckMs = epochNow() - createdAt;
  const shown = await forum.watch({ kind: "poll", pollId: poll.pollId });
  log(`${name}: the poll reached ${shown.times.length} participants (${shown.missing} never)`);
  const options = poll.definition.kind === "single" ? poll.definition.options.map((option) => option.optionId) : [];
  const acted = await forum.act({ kind: "vote", pollId: poll.pollId, options, shift });
  forum.checkActed(name, acted, connected);
  const expected = tallyOf(
    acted.acknowledged.map(([, choice]) => choice),
    options,
  );
  const stored = await forum.storedResults(poll.pollId);
  forum.check(
    `${name}: the stored tally equals the acknowledged ballots, each counted once`,
    sameCounts(stored.combined, expected),
    `stored ${tallyText(stored.combined)}; acknowledged ${tallyText(expected)}`,
  );
  const facts = [
    `\`poll:create\` acknowledged in ${format0(createAckMs)} ms; ${acted.acked} votes acknowledged, resent after a ` +
      `passing refusal: ${countsText(acted.resent)}; votes started up to ${format0(acted.maxLagMs)} ms late.`,
  ];
  let final: Watched;
  let facilitatorMs: number;
  if (roomOf) {
    const expectedByRoom = new Map<string, string[]>();
    let roomless = 0;
    for (const [participantId, choice] of acted.acknowledged) {
      const roomId = roomOf.get(participantId);
      if (roomId === undefined) roomless++;
      else expectedByRoom.set(roomId, [...(expectedByRoom.get(roomId) ?? []), choice]);
    }
    const wrongRooms = [...new Set([...expectedByRoom.keys(), ...Object.keys(stored.byRoom)])].filter(
      (roomId) =>
        !sameCounts(stored.byRoom[roomId] ?? tallyOf([], options), tallyOf(expectedByRoom.get(roomId) ?? [], options)),
    );
    forum.check(
      `${name}: every room's stored tally is exactly its own people's ballots`,
      wrongRooms.length === 0 && roomless === 0,
      `${Object.keys(stored.byRoom).length} rooms with ballots; ${wrongRooms.length} rooms differ` +
        `${wrongRooms.length > 0 ? ` (${wrongRooms.slice(0, 5).join(", ")})` : ""}; ${roomless} ballots of people in no room`,
    );
    final = await forum.watch({ kind: "roomTally", pollId: poll.pollId, byRoom: stored.byRoom });
    facilitatorMs = await forum.facilitatorSees(() => {
      const results = forum.facilitator.state.pollResults.get(poll.pollId)?.results;
      return (
        sameCounts(countsOf(results), stored.combined) &&
        Object.entries(stored.byRoom).every(([roomId, counts]) => sameCounts(countsOf(results, roomId), counts))
      );
    }, acted.lastAckAt);
  } else {
    final = await forum.watch({ kind: "tally", pollId: poll.pollId, counts: stored.combined ?? {} });
    facilitatorMs = await forum.facilitatorSees(
      () => sameCounts(countsOf(forum.facilitator.state.pollResults.get(poll.pollId)?.results), stored.combined),
      acted.lastAckAt,
    );
  }
  forum.checkHostSaw(
    `${name}: the host's live copy shows the stored tally${roomOf ? ", every room's too" : ""}`,
    facilitatorMs,
    "the last vote's ack",
  );
  forum.checkEveryoneSaw(
    `${name}: every participant's own view shows the final tally${roomOf ? " of its room" : ""}`,
    final,
  );
  facts.push(
    `every view exact ${format0(max(final.times) - acted.firstSentAt)} ms after the first vote was sent ` +
      `(${format0(max(final.times) - acted.lastAckAt)} ms after the last ack); the host's ${format0(facilitatorMs)} ms after the last ack.`,
  );
  await forum.end(
    started,
    [
      reached("`poll:create` sent → the poll in each participant's state", shown, createdAt),
      { label: "vote sent → ack (resends included)", values: acted.ackMs },
      reached(`last vote's ack → each view shows its final ${roomOf ? "room " : ""}tally`, final, acted.lastAckAt),
    ],
    facts,
  );
}

/** Phase 3: a question asked and approved by the host, upvoted once by everyone. */
async function qnaPhase(forum: Forum, connected: number): Promise<void> {
  const started = await forum.begin("Q&A upvotes");
  const askedAt = epochNow();
  const asked = await forum.command("qna:ask", {
    commandId: newCommandId(),
    secret: randomBytes(32).toString("base64url"),
    boardId: "plenary",
    text: "What should the outcomes say first?",
    anonymous: false,
  });
  const questionId = asked.question.questionId;
  const shown = forum.watch({ kind: "question", questionId });
  if (asked.question.status !== "approved")
    await forum.command("qna:approve", { commandId: newCommandId(), questionId });
  const approvedMs = epochNow() - askedAt;
  const shownAll = await shown;
  const acted = await forum.act({ kind: "upvote", questionId });
  forum.checkActed("Q&A upvotes", acted, connected);
  const board = await forum.command("qna:board", { boardId: "plenary" });
  const stored = board.questions.find((question) => question.questionId === questionId)?.votes ?? Number.NaN;
  forum.check(
    "Q&A upvotes: the stored count equals the acknowledged upvotes, each counted once",
    stored === acted.acked,
    `stored ${stored}; acknowledged ${acted.acked}`,
  );
  const final = await forum.watch({ kind: "votes", questionId, votes: stored });
  const facilitatorMs = await forum.facilitatorSees(
    () => forum.qna.questions.get(questionId)?.votes === stored,
    acted.lastAckAt,
  );
  forum.checkHostSaw(
    "Q&A upvotes: the host's live copy shows the stored count",
    facilitatorMs,
    "the last upvote's ack",
  );
  forum.checkEveryoneSaw("Q&A upvotes: every participant's own copy shows the final count", final);
  await forum.end(
    started,
    [
      reached("`qna:ask` sent → the approved question in each participant's copy", shownAll, askedAt),
      { label: "upvote sent → ack (resends included)", values: acted.ackMs },
      reached("last upvote's ack → each copy shows the final count", final, acted.lastAckAt),
    ],
    [
      `asked and approved in ${format0(approvedMs)} ms; ${acted.acked} upvotes acknowledged, resent after a passing ` +
        `refusal: ${countsText(acted.resent)}; every copy exact ${format0(max(final.times) - acted.firstSentAt)} ms after ` +
        `the first upvote was sent; the host's ${format0(facilitatorMs)} ms after the last ack.`,
    ],
  );
}

/** Phase 4: rooms planned, everyone assigned, the round opened; returns each participant's room as the store says. */
async function breakoutPhase(forum: Forum, connected: number): Promise<Map<string, string>> {
  const started = await forum.begin("breakout round");
  const planSentAt = epochNow();
  const rooms = Array.from({ length: settings.rooms }, (_, index) => ({ name: `Room ${index + 1}` }));
  const round = await forum.command(
    "breakout:plan",
    { commandId: newCommandId(), rooms, durationSeconds: 3600 },
    60_000,
  );
  const planAckMs = epochNow() - planSentAt;
  await until(() => forum.facilitator.state.breakout.round?.roundId === round.roundId, 30_000);
  const assignedWatch = forum.watch({ kind: "assigned", roundId: round.roundId });
  await sleep(300);
  const assignSentAt = epochNow();
  const assigned = await forum.command(
    "breakout:assign",
    { commandId: newCommandId(), roundId: round.roundId },
    120_000,
  );
  const assignAckMs = epochNow() - assignSentAt;
  log(`breakout: ${assigned.moved} assigned in ${assignAckMs.toFixed(0)} ms, ${assigned.unassigned.length} unassigned`);
  const assignedAll = await assignedWatch;
  const roomWatch = forum.watch({ kind: "room", roundId: round.roundId });
  await sleep(300);
  const openSentAt = epochNow();
  await forum.command("breakout:open", { commandId: newCommandId(), roundId: round.roundId }, 60_000);
  const openAckMs = epochNow() - openSentAt;
  const roomAll = await roomWatch;
  // What the store holds now: a fresh snapshot, as a facilitator's reload would get it.
  const snapshot = await forum.command("workshop:sync", {}, 60_000);
  const fresh = emptyWorkshopState(forum.facilitator.participantId);
  if (!applySyncResult(fresh, snapshot)) throw new Error("the facilitator's snapshot did not apply");
  const assignments = new Map(fresh.breakout.assignments);
  const participantIds = [...fresh.participants.values()]
    .filter((participant) => participant.role !== "facilitator")
    .map((participant) => participant.participantId);
  const unplaced = participantIds.filter((participantId) => !assignments.has(participantId));
  const known = new Set(participantIds);
  const strangers = [...assignments.keys()].filter((participantId) => !known.has(participantId));
  const sizes = new Map<string, number>();
  for (const roomId of assignments.values()) sizes.set(roomId, (sizes.get(roomId) ?? 0) + 1);
  const counts = [...sizes.values()];
  const smallest = counts.length === settings.rooms ? Math.min(...counts) : 0;
  const largest = counts.length > 0 ? Math.max(...counts) : 0;
  forum.check(
    "breakout round: every participant placed exactly once, rooms balanced",
    participantIds.length === connected &&
      unplaced.length === 0 &&
      strangers.length === 0 &&
      largest - smallest <= 1 &&
      assigned.unassigned.length === 0,
    `${assignments.size} assignments for ${participantIds.length} participants (${connected} connected); ${unplaced.length} ` +
      `unplaced, ${strangers.length} assignments of nobody known; room sizes ${smallest}-${largest} over ${settings.rooms} rooms`,
  );
  // The room shown is the invariant; its people list fetched after it is measured (a refusal or a lost fetch is reported).
  const neverShown = Math.max(0, connected - roomAll.lost - roomAll.times.length);
  const neverFetched = roomAll.times.length - roomAll.fetchedTimes.length;
  forum.check(
    "breakout round: every participant's own state shows its room once the round is open",
    assignedAll.missing === 0 && neverShown === 0 && roomAll.lost === 0,
    `${assignedAll.missing} never held their assignment, ${neverShown} never showed their room, ` +
      `${roomAll.lost} connections dropped`,
  );
  await forum.end(
    started,
    [
      reached("`breakout:assign` sent → own assignment in each participant's state", assignedAll, assignSentAt),
      {
        label: "`breakout:open` sent → each participant's state shows its room",
        values: after(roomAll.times, openSentAt),
        missing: neverShown,
      },
      {
        label: "`breakout:open` sent → its room's people fetched and applied (`breakout:room`)",
        values: after(roomAll.fetchedTimes, openSentAt),
        missing: neverFetched,
      },
    ],
    [
      `plan of ${settings.rooms} rooms acknowledged in ${format0(planAckMs)} ms, \`breakout:assign\` of ${assigned.moved} in ` +
        `${format0(assignAckMs)} ms, \`breakout:open\` in ${format0(openAckMs)} ms; rooms of ${smallest}-${largest}; ` +
        `${neverFetched} room lists never fetched (${roomAll.refused} refused for good).`,
    ],
  );
  return assignments;
}

async function runForum(redis: BenchRedis, nodes: RunningNode[]): Promise<ForumReport> {
  const targets = nodes.map((node) => node.url);
  const firstUrl = must(targets[0], "no node");
  const created = await createWorkshop(firstUrl, "Bench forum");
  const facilitator = new WorkshopClient(
    firstUrl,
    { facilitatorKey: created.facilitatorKey, displayName: "Bench facilitator", protocol: PROTOCOL_VERSION },
    new ClientStats(),
    () => undefined,
  );
  const loaders: Loader[] = Array.from({ length: Math.min(settings.loaders, settings.people) }, (_, index) =>
    ChildLoader.start<ForumLoaderMessage, ForumParentMessage>(
      logDir,
      "bench/forumClient.ts",
      `forum-loader-${index + 1}`,
      ForumLoaderMessageSchema,
      [`--max-old-space-size=${settings.loaderHeapMiB}`],
    ),
  );
  try {
    if (!(await until(() => facilitator.state.version >= 0, 30_000))) throw new Error("the facilitator got no session");
    const forum = new Forum(redis, nodes, loaders, facilitator, created.workshopId);
    if (settings.roster === "open") {
      await forum.command("workshop:setRosterPrivacy", { commandId: newCommandId(), rosterPrivate: false });
    }
    await everyLoader(loaders, "ready", 30_000, "start");
    const workshopHolder = await redis.holderOf(`{${created.workshopId}}`);
    const redisMemoryBefore = await redis.usedMemory();

    const join = await joinStorm(forum, created.joinCode, targets);
    const redisMemoryJoined = await redis.usedMemory();

    await pollPhase(forum, "plenary poll", { kind: "plenary" }, 0, join.connected, null);
    await qnaPhase(forum, join.connected);
    const roomOf = await breakoutPhase(forum, join.connected);
    const roundId = must(forum.facilitator.state.breakout.round?.roundId, "no round");
    await pollPhase(forum, "every-room poll", { kind: "everyRoom", roundId }, 1, join.connected, roomOf);
    const redisMemoryEnd = await redis.usedMemory();

    for (const loader of loaders) loader.send({ type: "report" });
    const results = (await everyLoader(loaders, "result", 60_000, "report")).map((answer) => answer.result);
    writeFileSync(path.join(logDir, "forum-clients.json"), JSON.stringify(results));
    // Each participant's own room against the store's.
    let wrongRoom = 0;
    let checked = 0;
    for (const result of results) {
      for (const [participantId, roomId] of result.placements) {
        checked++;
        if ((roomOf.get(participantId) ?? null) !== roomId) wrongRoom++;
      }
    }
    forum.check(
      "breakout round: each participant's own room is the one the store holds (at the end)",
      wrongRoom === 0 && checked === join.connected,
      `${checked} participants checked, ${wrongRoom} show another room`,
    );
    // The generators' traffic windows, one per phase, in order.
    forum.phases.forEach((phase, index) => {
      for (const result of results) {
        const window = result.windows[index];
        if (!window) continue;
        phase.traffic.participants += window.participants;
        phase.traffic.messages += window.messages;
        phase.traffic.bytes += window.bytes;
        for (const [kind, count] of Object.entries(window.byKind)) {
          const total = phase.traffic.byKind[kind] ?? { messages: 0, bytes: 0 };
          total.messages += count.messages;
          total.bytes += count.bytes;
          phase.traffic.byKind[kind] = total;
        }
        phase.loaderLoop.p99Ms = Math.max(phase.loaderLoop.p99Ms || 0, window.loopDelayP99Ms);
        phase.loaderLoop.maxMs = Math.max(phase.loaderLoop.maxMs || 0, window.loopDelayMaxMs);
      }
    });
    const sum = (pick: (result: (typeof results)[number]) => number) =>
      results.reduce((total, r) => total + pick(r), 0);
    const fetchFailures: Record<string, number> = {};
    const disconnects: Record<string, number> = {};
    for (const result of results) {
      mergeInto(fetchFailures, result.roomFetchFailures);
      mergeInto(disconnects, result.disconnects);
    }
    const before = must(forum.starts[0], "no phase");
    const joined = must(forum.ends[0], "no phase");
    const last = must(forum.ends[forum.ends.length - 1], "no phase");
    const rssAt = (at: { sample: Sample }, name: string) => at.sample.procs.get(name)?.rssBytes ?? Number.NaN;
    return {
      settings,
      machine: machine(),
      tree: workingTree(),
      logDir,
      store: redis.label,
      workshopHolder,
      redisNames: redis.servers.map((server) => server.name),
      nodeNames: nodes.map((node) => node.name),
      loaderNames: loaders.map((_, index) => `loader-${index + 1}`),
      connected: join.connected,
      joinFailures: join.failures,
      joinRetries: join.retries,
      phases: forum.phases,
      memory: nodes.map((node, index) => ({
        name: node.name,
        participants: join.perTarget[index] ?? 0,
        rss: [rssAt(before, node.name), rssAt(joined, node.name), rssAt(last, node.name)],
        live: [before.probes[index] ?? null, joined.probes[index] ?? null, last.probes[index] ?? null],
      })),
      redisMemory: [redisMemoryBefore, redisMemoryJoined, redisMemoryEnd],
      invariants: forum.invariants,
      clients: {
        gaps: sum((result) => result.gaps),
        resyncs: sum((result) => result.resyncs),
        snapshotResyncs: sum((result) => result.snapshotResyncs),
        roomFetches: sum((result) => result.roomFetches),
        roomFetchFailures: fetchFailures,
        disconnects,
        loaderHeapMiB: results.map((result) => result.heapUsedBytes / 2 ** 20),
      },
      logs: {},
      exits: [],
    };
  } finally {
    facilitator.socket.close();
    await Promise.all(loaders.map((loader) => loader.close({ type: "close" })));
  }
}

async function main(): Promise<void> {
  if (settings.rooms > MAX_ROOMS) {
    throw new Error(
      `BENCH_ROOMS=${settings.rooms}, but the server plans at most ${MAX_ROOMS} rooms a round (MAX_ROOMS in shared/breakout.ts): ` +
        `\`breakout:plan\` would be refused. Run with BENCH_ROOMS=${MAX_ROOMS} or raise the limit first.`,
    );
  }
  const perLoader = Math.ceil(settings.people / settings.loaders) + 256;
  const perNode = Math.ceil(settings.people / settings.nodes) + 512;
  requireOpenFiles(Math.max(perLoader, perNode));
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  const redis = await startBenchRedis(logDir, settings.redisClusterPrimaries);
  // The cluster's servers are not children the process helpers track: a hard stop must end them too.
  let redisStopped = false;
  process.on("exit", () => {
    if (redisStopped) return;
    for (const pid of redis.pids()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
  });
  const prefix = `bench:${Math.random().toString(36).slice(2, 10)}:`;
  const nodes: RunningNode[] = [];
  let report: ForumReport | null = null;
  try {
    const env = redis.nodeEnv(prefix);
    const started = await Promise.allSettled(
      Array.from({ length: settings.nodes }, (_, index) => startNode(logDir, "workshop", index, env)),
    );
    for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    log(`${nodes.length} workshop nodes up on ${redis.label}`);
    report = await runForum(redis, nodes);
  } finally {
    const exits: Array<{ name: string; exit: string }> = [];
    for (const node of nodes) exits.push({ name: node.name, exit: exitText(await node.stop()) });
    await redis.stop();
    redisStopped = true;
    if (report) {
      report.exits = exits;
      const problems: Record<string, number> = {};
      for (const node of nodes) mergeInto(problems, summarizeLog(node.logPath).problems);
      report.logs = problems;
    }
  }
  if (!report) throw new Error("no report");
  const markdown = renderForumResults(report);
  const failed = report.invariants.filter((invariant) => !invariant.ok);
  publish(markdown, settings.write && failed.length === 0, writeForumResults, log);
  log(`logs kept in ${logDir}`);
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} invariant(s) failed (docs/PERFORMANCE.md left alone):\n${failed.map((f) => `- ${f.what}: ${f.detail}`).join("\n")}`,
    );
  }
}

runMain(main, settings.timeoutS, log);
