import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { assignBalanced, seededRandom } from "../server/domain/breakout/assignment.js";
import type { AssignConstraints, RoundView } from "../shared/breakout.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import {
  type AssignLoaderMessage,
  AssignLoaderMessageSchema,
  type AssignLoaderResult,
  type AssignParentMessage,
  type WatchCondition,
} from "./lib/assignMessages.js";
import { plannedPairs, plannedRooms } from "./lib/assignPlan.js";
import { type AssignReport, type Delivery, renderAssignResults, writeAssignResults } from "./lib/assignReport.js";
import { benchSetting } from "./lib/benchSettings.js";
import { startBench } from "./lib/benchStart.js";
import {
  ChildLoader,
  createWorkshop,
  machine,
  numberEnv,
  repoRoot,
  scrapeMetrics,
  sleep,
  startWorkshopCluster,
  stopWorkshopCluster,
  summarizeLog,
  until,
  type WorkshopCluster,
  workingTree,
} from "./lib/cluster.js";
import { findProfile, monotonicMicros, profileWindows, type WindowProfile } from "./lib/cpuProfile.js";
import { mergeWatched } from "./lib/participantMessages.js";
import { requireOpenFiles, runMain } from "./lib/processes.js";
import { cpuSpan, sampleAll } from "./lib/procStats.js";
import { commandStats, slowScripts } from "./lib/redisStats.js";
import { publish } from "./lib/report.js";
import { ClientStats, epochNow, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * The breakout-assignment bench: BENCH_PEOPLE participants join one workshop (slowly: the
 * join is not what is measured) over two server nodes sharing one Redis, most with a language
 * tag. A facilitator plans BENCH_ROOMS rooms, assigns everyone with constraints (groupByTag,
 * keepTogether, keepApart) and opens the round. Measured: the ack of `breakout:assign`
 * (compute + store) beside the pure compute of assignBalanced on the same input in this
 * process; the time until every participant's own state holds its assignment, then (after
 * `breakout:open`) shows its room and has fetched it; messages and bytes per participant and
 * for the facilitator. The baseline, in the same run: one plenary-wide banner
 * (`breakout:broadcast` to all rooms) reaching the same participants.
 * Writes its section of docs/PERFORMANCE.md (BENCH_WRITE=0: print only).
 */

const settings = {
  people: benchSetting.people(5000),
  rooms: benchSetting.rooms(200),
  /** Participants starting to join per second, over all load generators. */
  joinRate: benchSetting.joinRate(20),
  loaders: benchSetting.loaders(4),
  keepTogether: Math.floor(numberEnv("BENCH_KEEP_TOGETHER", 150, 0)),
  keepApart: Math.floor(numberEnv("BENCH_KEEP_APART", 150, 0)),
  /** Plenary-wide banners sent for the baseline; the median is the baseline. */
  baselines: Math.floor(numberEnv("BENCH_BASELINES", 3, 1)),
  /** Participants of the warm-up workshop run through the same steps first (0: none). */
  warmupPeople: Math.floor(numberEnv("BENCH_WARMUP", 40, 0)),
  /** In-process compute: calls after the first, for the warm median. */
  computeRepeats: Math.floor(numberEnv("BENCH_COMPUTE_REPEATS", 5, 0)),
  /** Longest wait for one delivery (banner, assignments, rooms) to reach every participant. */
  deliveryTimeoutS: benchSetting.deliveryTimeoutS(180),
  /** Seconds measured after the last room was fetched (late messages). */
  quietS: benchSetting.quietS(2),
  /** V8 old-space limit of each load generator, MiB: each holds every one of its participants' copies of the workshop. */
  loaderHeapMiB: benchSetting.loaderHeapMiB(),
  /** Join tries per participant (a refused or dropped join is tried again 2 s later, as a person would). */
  joinAttempts: benchSetting.joinAttempts(),
  /** Whole bench, whatever happens: every child is killed after this long. */
  timeoutS: benchSetting.timeoutS(900),
  seed: Math.floor(numberEnv("BENCH_SEED", 1, 0)),
  write: benchSetting.write(),
};

const { logDir, log } = startBench(
  "wk-bench-assign-",
  "Breakout assignment: 5,000 participants into 200 rooms: the assignment's compute and the round's delivery, measured in one run.",
);

type Loader = ChildLoader<AssignLoaderMessage, AssignParentMessage>;
type Cluster = WorkshopCluster;

/** What Redis says about presence: people counted online, and open connections (the facilitator's included). */
async function storedPresence(cluster: Cluster, workshopId: string): Promise<{ online: number; connections: number }> {
  const base = `${cluster.keyPrefix}wk:{${workshopId}}:`;
  const [online, connections] = await Promise.all([
    cluster.redisClient.hLen(`${base}online`),
    cluster.redisClient.hLen(`${base}connections`),
  ]);
  return { online: Number(online), connections: Number(connections) };
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(what);
  return value;
}

/** Arms a watch in every generator: each participant's state is checked from now on, the first time it meets the condition recorded. */
function armWatch(loaders: Loader[], id: string, condition: WatchCondition): void {
  const timeoutMs = settings.deliveryTimeoutS * 1000;
  for (const loader of loaders) loader.send({ type: "watch", id, condition, timeoutMs });
}

type Watched = Omit<Extract<AssignLoaderMessage, { type: "watched" }>, "type" | "id">;

/** Arms a watch and starts collecting its answers; await the result after sending what is watched for. */
function watch(loaders: Loader[], id: string, condition: WatchCondition): Promise<Watched> {
  armWatch(loaders, id, condition);
  const collected = collectWatch(loaders, id);
  // Awaited later: keep an early failure from counting as unhandled meanwhile.
  collected.catch(() => undefined);
  return collected;
}

async function collectWatch(loaders: Loader[], id: string): Promise<Watched> {
  const answers: Array<Extract<AssignLoaderMessage, { type: "watched" }>> = [];
  for (const loader of loaders) {
    const watched = await loader.next("watched", settings.deliveryTimeoutS * 1000 + 15_000);
    if (!watched) throw new Error(`a load generator never answered watch ${id}`);
    answers.push(watched);
  }
  return mergeWatched(id, answers);
}

function delivery(label: string, sentAt: number, ackAt: number, watched: Watched): Delivery {
  return {
    label,
    ackMs: ackAt - sentAt,
    afterSendMs: watched.times.map((time) => time - sentAt),
    fetchedAfterSendMs: watched.fetchedTimes.map((time) => time - sentAt),
    missing: watched.missing,
    refused: watched.refused,
    excluded: watched.excluded,
  };
}

interface ScenarioOptions {
  label: string;
  people: number;
  rooms: number;
  joinRate: number;
  baselines: number;
  computeRepeats: number;
}

async function scenario(cluster: Cluster, options: ScenarioOptions): Promise<AssignReport> {
  const { nodes, redis, redisClient } = cluster;
  const targets = nodes.map((node) => node.url);
  const firstUrl = must(targets[0], "no node");
  const created = await createWorkshop(firstUrl, `Bench assign ${options.label}`);
  const facStats = new ClientStats();
  let facProbe: (() => void) | null = null;
  const facilitator = new WorkshopClient(
    firstUrl,
    { facilitatorKey: created.facilitatorKey, displayName: "Bench facilitator", protocol: PROTOCOL_VERSION },
    facStats,
    () => facProbe?.(),
  );
  const loaderCount = Math.min(settings.loaders, options.people);
  const loaders = Array.from({ length: loaderCount }, (_, index) =>
    ChildLoader.start<AssignLoaderMessage, AssignParentMessage>(
      logDir,
      "bench/assignClient.ts",
      `${options.label}-loader-${index + 1}`,
      AssignLoaderMessageSchema,
      [`--max-old-space-size=${settings.loaderHeapMiB}`],
    ),
  );
  try {
    if (!(await until(() => facilitator.state.version >= 0, 30_000))) throw new Error("facilitator got no session");
    for (const loader of loaders) {
      if (!(await loader.next("ready", 30_000))) throw new Error("a load generator did not start within 30 s");
    }

    const pids = new Map<string, number>([
      ...nodes.map((node) => [node.name, node.pid] as [string, number]),
      ["redis", redis.pid],
      ...loaders.flatMap((loader, index) =>
        loader.pid === undefined ? [] : [[`loader-${index + 1}`, loader.pid] as [string, number]],
      ),
    ]);
    const facMarks = new Map<string, { messages: number; bytes: number; byKind: Map<string, number> }>();
    const mark = (name: string) => {
      for (const loader of loaders) loader.send({ type: "mark", name });
      facMarks.set(name, {
        messages: facilitator.messages,
        bytes: facilitator.bytes,
        byKind: new Map([...facStats.byKind].map(([kind, count]) => [kind, count.bytes])),
      });
    };

    // --- Join (not measured): slowly, so the servers are not overloaded by it.
    mark("join");
    const joinSample = sampleAll(pids);
    const joinStart = Date.now();
    const startAt = joinStart + 500;
    for (const [loaderIndex, loader] of loaders.entries()) {
      loader.send({
        type: "start",
        config: {
          targets,
          joinCode: created.joinCode,
          totalClients: options.people,
          loaderIndex,
          loaderCount,
          joinRate: options.joinRate,
          startAt,
          namePrefix: "bench-",
          joinAttempts: settings.joinAttempts,
        },
      });
    }
    log(
      `${options.label}: ${options.people} participants joining at ${options.joinRate}/s ` +
        `(about ${Math.round(options.people / options.joinRate)} s)`,
    );
    let connected = 0;
    let tagged = 0;
    const joinBudget = (options.people / options.joinRate) * 1000 + 30_000 * settings.joinAttempts + 60_000;
    for (const loader of loaders) {
      const joined = await loader.next("joined", Math.max(0, startAt + joinBudget - Date.now()));
      if (!joined) throw new Error("participants neither joined nor gave up in time");
      connected += joined.connected;
      tagged += joined.tagged;
    }
    const joinSeconds = (Date.now() - startAt) / 1000;
    const joinedSample = sampleAll(pids);
    log(`${options.label}: ${connected}/${options.people} joined (${tagged} tagged) in ${joinSeconds.toFixed(0)} s`);
    const people = () =>
      [...facilitator.state.participants.values()].filter((participant) => participant.role !== "facilitator");
    const facCaughtUp = await until(
      () =>
        people().filter((participant) => participant.online).length >= connected &&
        facilitator.state.breakout.tags.size >= tagged,
      60_000,
    );
    const stored = await storedPresence(cluster, created.workshopId);
    if (!facCaughtUp) {
      log(
        `${options.label}: after 60 s the facilitator's state shows ${people().length} participants, ` +
          `${people().filter((participant) => participant.online).length} online, ` +
          `${facilitator.state.breakout.tags.size} tagged (expected ${connected} online, ${tagged} tagged); ` +
          `Redis holds ${stored.online} people online over ${stored.connections} connections`,
      );
    }
    const presence = {
      connected,
      facilitatorOnline: people().filter((participant) => participant.online).length,
      storedOnline: stored.online,
      storedConnections: stored.connections,
    };
    const settled = await watch(loaders, "settled", { kind: "version", atLeast: facilitator.state.version });
    log(`${options.label}: every participant's state caught up (${settled.missing} did not); settling 3 s`);
    await sleep(3000);

    // --- Plan the rooms.
    const rooms = plannedRooms(options.rooms, options.people);
    const plan = await facilitator.command(
      "breakout:plan",
      { commandId: newCommandId(), rooms, durationSeconds: 3600 },
      { timeoutMs: 30_000, attempts: 1 },
    );
    if (!plan.ok) throw new Error(`breakout:plan refused: ${plan.code} ${plan.message}`);
    const round: RoundView = plan.data;
    await until(() => facilitator.state.breakout.round?.roundId === round.roundId, 30_000);
    const planned = await watch(loaders, "planned", { kind: "version", atLeast: facilitator.state.version });
    log(`${options.label}: ${round.rooms.length} rooms planned (${planned.missing} participants did not see it)`);
    // Every generator has just decoded the round once per participant: let that (and its GC) pass.
    await sleep(3000);

    // --- The same input the server will compute, computed here (no I/O), first call and warm.
    const constraintsRandom = seededRandom(settings.seed);
    const candidates = people();
    const pairs = plannedPairs(
      candidates.map((participant) => participant.participantId),
      settings.keepTogether,
      settings.keepApart,
      constraintsRandom,
    );
    const constraints: AssignConstraints = {
      groupByTag: "language",
      keepTogether: pairs.keepTogether,
      keepApart: pairs.keepApart,
      leadPerRoom: false,
    };
    const computeInput = {
      people: candidates.map((participant) => ({
        participantId: participant.participantId,
        isLead: false,
        tags: facilitator.state.breakout.tags.get(participant.participantId) ?? {},
      })),
      rooms: round.rooms.map((room) => ({ roomId: room.roomId, capacity: room.capacity })),
      constraints,
      fixed: new Map<string, string>(),
    };
    const computeMs: number[] = [];
    const computeCpuMs: number[] = [];
    let computeUnmet: Record<string, number> = {};
    for (let call = 0; call <= options.computeRepeats; call++) {
      const random = seededRandom(settings.seed + call);
      const cpuBefore = process.cpuUsage();
      const begun = performance.now();
      const outcome = assignBalanced({ ...computeInput, random });
      computeMs.push(performance.now() - begun);
      const cpu = process.cpuUsage(cpuBefore);
      computeCpuMs.push((cpu.user + cpu.system) / 1000);
      if (call === 0) computeUnmet = countKinds(outcome.unmet.map((unmet) => unmet.kind));
    }
    await sleep(1000);

    // --- Assign: ack, then every participant's own assignment.
    const metricsBefore = await Promise.all(targets.map((url) => scrapeMetrics(url)));
    await redisClient.sendCommand(["CONFIG", "RESETSTAT"]);
    await redisClient.sendCommand(["SLOWLOG", "RESET"]);
    mark("assign");
    const assignWatched = watch(loaders, "assigned", { kind: "assigned", roundId: round.roundId });
    await sleep(200);
    let facAssignedAt = 0;
    const expectedAssignments = () => candidates.length;
    facProbe = () => {
      if (facAssignedAt === 0 && facilitator.state.breakout.assignments.size >= expectedAssignments())
        facAssignedAt = epochNow();
    };
    const assignStart = sampleAll(pids);
    const assignStartMono = monotonicMicros();
    const assignSentAt = epochNow();
    const assigned = await facilitator.command(
      "breakout:assign",
      { commandId: newCommandId(), roundId: round.roundId, constraints },
      { timeoutMs: 120_000, attempts: 1 },
    );
    const assignAckAt = epochNow();
    const assignAckMono = monotonicMicros();
    const assignAcked = sampleAll(pids);
    if (!assigned.ok) throw new Error(`breakout:assign refused: ${assigned.code} ${assigned.message}`);
    log(
      `${options.label}: assign acknowledged after ${(assignAckAt - assignSentAt).toFixed(0)} ms: ` +
        `${assigned.data.moved} moved, ${assigned.data.unassigned.length} unassigned, ${assigned.data.unmet.length} unmet`,
    );
    for (const loader of loaders) loader.send({ type: "exclude", participantIds: assigned.data.unassigned });
    const assignDelivery = delivery("assign", assignSentAt, assignAckAt, await assignWatched);
    const assignDelivered = sampleAll(pids);
    const assignDeliveredMono = monotonicMicros();
    await until(() => facAssignedAt > 0, 30_000);
    log(
      `${options.label}: every participant holds its assignment ` +
        `${(Math.max(...assignDelivery.afterSendMs) / 1000).toFixed(2)} s after the assign was sent` +
        ` (${assignDelivery.missing} missing)`,
    );

    // --- Open: every participant's state shows its room, then has fetched it.
    await sleep(200);
    const openWatched = watch(loaders, "room", { kind: "room", roundId: round.roundId });
    await sleep(200);
    for (const loader of loaders) loader.send({ type: "exclude", participantIds: assigned.data.unassigned });
    let facOpenAt = 0;
    facProbe = () => {
      if (facOpenAt === 0 && facilitator.state.breakout.round?.status === "open") facOpenAt = epochNow();
    };
    const openStart = sampleAll(pids);
    const openStartMono = monotonicMicros();
    const openSentAt = epochNow();
    const opened = await facilitator.command(
      "breakout:open",
      { commandId: newCommandId(), roundId: round.roundId },
      { timeoutMs: 60_000, attempts: 1 },
    );
    const openAckAt = epochNow();
    if (!opened.ok) throw new Error(`breakout:open refused: ${opened.code} ${opened.message}`);
    const openDelivery = delivery("open", openSentAt, openAckAt, await openWatched);
    const roomsFetched = sampleAll(pids);
    const roomsFetchedMono = monotonicMicros();
    log(
      `${options.label}: every participant shows and has fetched its room ` +
        `${(Math.max(...openDelivery.fetchedAfterSendMs) / 1000).toFixed(2)} s after the open was sent` +
        ` (${openDelivery.missing} missing)`,
    );
    await sleep(settings.quietS * 1000);
    const end = sampleAll(pids);
    const metricsAfter = await Promise.all(targets.map((url) => scrapeMetrics(url)));
    const redisStats = await commandStats(redisClient);
    const slow = await slowScripts(redisClient);

    // --- Baseline: one plenary-wide banner to the same participants, as many times as asked.
    // Only once the round runs: a banner needs a running round.
    mark("baseline");
    const baselineStart = sampleAll(pids);
    const baselines: Delivery[] = [];
    for (let k = 1; k <= options.baselines; k++) {
      const text = `Baseline banner ${k} ${Math.random().toString(36).slice(2, 8)}`;
      const watched = watch(loaders, `baseline-${k}`, { kind: "broadcast", text });
      await sleep(200);
      let facBannerAt = 0;
      facProbe = () => {
        if (facBannerAt === 0 && facilitator.state.breakout.broadcasts.some((banner) => banner.text === text))
          facBannerAt = epochNow();
      };
      const sentAt = epochNow();
      const sent = await facilitator.command(
        "breakout:broadcast",
        { commandId: newCommandId(), roomId: null, text },
        { timeoutMs: 30_000, attempts: 1 },
      );
      const ackAt = epochNow();
      if (!sent.ok) throw new Error(`breakout:broadcast refused: ${sent.code}`);
      baselines.push({
        ...delivery(`baseline ${k}`, sentAt, ackAt, await watched),
        facilitatorMs: facBannerAt > 0 ? facBannerAt - sentAt : Number.NaN,
      });
      await sleep(1000);
    }
    const baselineEnd = sampleAll(pids);
    mark("end");

    const results: AssignLoaderResult[] = [];
    for (const loader of loaders) {
      loader.send({ type: "report" });
      const result = await loader.next("result", 30_000);
      if (!result) throw new Error("a load generator did not report");
      results.push(result.result);
    }
    writeFileSync(path.join(logDir, `${options.label}-clients.json`), JSON.stringify(results));

    // Placement check: each participant's own room (and its head-count there) against the facilitator's view.
    const facRoomOf = facilitator.state.breakout.assignments;
    const roomSize = new Map<string, number>();
    for (const roomId of facRoomOf.values()) roomSize.set(roomId, (roomSize.get(roomId) ?? 0) + 1);
    let wrongRoom = 0;
    let wrongMates = 0;
    for (const result of results) {
      for (const [participantId, roomId, mates] of result.placements) {
        if ((facRoomOf.get(participantId) ?? null) !== roomId) wrongRoom++;
        else if (roomId !== null && roomSize.get(roomId) !== mates) wrongMates++;
      }
    }
    const sizes = [...roomSize.values()];
    const facWindow = (from: string, to: string) => {
      const a = must(facMarks.get(from), from);
      const b = must(facMarks.get(to), to);
      const byKind: Record<string, number> = {};
      for (const [kind, bytes] of b.byKind) {
        const delta = bytes - (a.byKind.get(kind) ?? 0);
        if (delta > 0) byKind[kind] = delta;
      }
      return { messages: b.messages - a.messages, bytes: b.bytes - a.bytes, byKind };
    };

    return {
      label: options.label,
      settings: { ...settings, people: options.people, rooms: options.rooms, joinRate: options.joinRate },
      join: {
        presence,
        seconds: joinSeconds,
        connected,
        tagged,
        rosterSize: people().length,
        results,
      },
      assignResult: {
        moved: assigned.data.moved,
        unassigned: assigned.data.unassigned.length,
        unmet: countKinds(assigned.data.unmet.map((unmet) => unmet.kind)),
      },
      computeMs,
      computeCpuMs,
      computeUnmet,
      candidates: candidates.length,
      constraintsBytes: Buffer.byteLength(JSON.stringify(constraints)),
      baselines,
      assign: assignDelivery,
      facilitatorAssignedMs: facAssignedAt > 0 ? facAssignedAt - assignSentAt : Number.NaN,
      open: openDelivery,
      openAckMs: openAckAt - openSentAt,
      facilitatorOpenMs: facOpenAt > 0 ? facOpenAt - openSentAt : Number.NaN,
      profileWindows: [
        { label: "assign sent → ack", from: assignStartMono, to: assignAckMono },
        { label: "ack → every assignment delivered", from: assignAckMono, to: assignDeliveredMono },
        { label: "open sent → every room fetched", from: openStartMono, to: roomsFetchedMono },
      ],
      profiles: [],
      facilitator: {
        baseline: facWindow("baseline", "end"),
        assign: facWindow("assign", "baseline"),
      },
      cpu: [
        cpuSpan("join (not measured)", joinSample, joinedSample),
        cpuSpan("baseline banners (all)", baselineStart, baselineEnd),
        cpuSpan("assign sent → ack", assignStart, assignAcked),
        cpuSpan("ack → every assignment delivered", assignAcked, assignDelivered),
        cpuSpan("open sent → every room fetched", openStart, roomsFetched),
        cpuSpan("whole assign window (assign → quiet end)", assignStart, end),
      ],
      redisStats,
      slowScripts: slow,
      eventBatches: metricsAfter.map(
        (after, index) => (after.eventBatches ?? 0) - (metricsBefore[index]?.eventBatches ?? 0),
      ),
      placement: {
        checked: results.reduce((sum, result) => sum + result.placements.length, 0),
        wrongRoom,
        wrongMates,
        roomsUsed: sizes.length,
        smallestRoom: sizes.length > 0 ? Math.min(...sizes) : 0,
        largestRoom: sizes.length > 0 ? Math.max(...sizes) : 0,
      },
      logs: Object.fromEntries(nodes.map((node) => [node.name, summarizeLog(node.logPath).problems])),
      exits: [],
      machine: machine(),
      tree: workingTree(),
      logDir,
    };
  } finally {
    facProbe = null;
    facilitator.socket.close();
    await Promise.all(loaders.map((loader) => loader.close({ type: "close" })));
  }
}

/** BENCH_PROFILE=1: where each workshop node spent the measured steps (profiles are written when the nodes exit). */
function profiles(report: AssignReport): Array<{ process: string; windows: WindowProfile[] }> {
  if (process.env.BENCH_PROFILE !== "1") return [];
  const found: Array<{ process: string; windows: WindowProfile[] }> = [];
  // The first load generator too: a busy generator adds to every time measured.
  for (const name of ["workshop-1", "workshop-2", "assign-loader-1"]) {
    const file = findProfile(path.join(logDir, "profiles", name));
    if (!file) {
      log(`no CPU profile for ${name}`);
      continue;
    }
    try {
      found.push({ process: name, windows: profileWindows(file, report.profileWindows, repoRoot) });
    } catch (error) {
      log(`could not read the profile of ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}

function countKinds(kinds: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const perLoader = Math.ceil(settings.people / settings.loaders) + 256;
  const perNode = Math.ceil(settings.people / 2) + 512;
  requireOpenFiles(Math.max(perLoader, perNode));
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  // Every command slower than 1 ms lands in the slow log, so Redis's share of a step can be read afterwards.
  const cluster = await startWorkshopCluster(logDir, [
    "--slowlog-log-slower-than",
    "1000",
    "--slowlog-max-len",
    "100000",
  ]);
  log(`redis and ${cluster.nodes.length} workshop nodes up`);
  let report: AssignReport | null = null;
  try {
    if (settings.warmupPeople > 0) {
      await scenario(cluster, {
        label: "warmup",
        people: settings.warmupPeople,
        rooms: Math.max(2, Math.min(settings.rooms, Math.floor(settings.warmupPeople / 5))),
        joinRate: Math.max(settings.joinRate, 20),
        baselines: 1,
        computeRepeats: 1,
      });
      log("warm-up done");
      await sleep(2000);
    }
    report = await scenario(cluster, {
      label: "assign",
      people: settings.people,
      rooms: settings.rooms,
      joinRate: settings.joinRate,
      baselines: settings.baselines,
      computeRepeats: settings.computeRepeats,
    });
  } finally {
    const exits = await stopWorkshopCluster(cluster).catch(() => []);
    if (report) {
      report.exits = exits;
      report.profiles = profiles(report);
    }
    log(`nodes stopped: ${exits.map((exit) => `${exit.name} ${exit.exit}`).join(", ")}`);
  }
  if (!report) throw new Error("no report");
  const markdown = renderAssignResults(report);
  publish(markdown, settings.write, writeAssignResults, log);
  log(`logs kept in ${logDir}`);
}

runMain(main, settings.timeoutS, log);
