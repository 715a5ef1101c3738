import { existsSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { RoundView } from "../shared/breakout.js";
import { PollExportSchema, type PollScope } from "../shared/poll.js";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { plannedRooms } from "./lib/assignPlan.js";
import { benchSetting } from "./lib/benchSettings.js";
import { startBench } from "./lib/benchStart.js";
import {
  ChildLoader,
  createWorkshop,
  everyLoader,
  machine,
  numberEnv,
  type RunningNode,
  repoRoot,
  scrapeMetrics,
  sleep,
  startNode,
  startWorkshopCluster,
  stopWorkshopCluster,
  summarizeLog,
  until,
  type WorkshopCluster,
  workingTree,
} from "./lib/cluster.js";
import { findProfile, monotonicMicros, profileWindows } from "./lib/cpuProfile.js";
import { exitText, requireOpenFiles, runMain } from "./lib/processes.js";
import { cpuSpan, sampleAll } from "./lib/procStats.js";
import { slowlogEntries } from "./lib/redisStats.js";
import { publish } from "./lib/report.js";
import {
  type VoteLoaderMessage,
  VoteLoaderMessageSchema,
  type VoteMode,
  type VoteParentMessage,
} from "./lib/voteMessages.js";
import { votePoll } from "./lib/votePlan.js";
import {
  type Counted,
  PHASES,
  type Phase,
  type PhaseReport,
  phaseSpecs,
  renderVoteResults,
  type StormReport,
  type VoteSettings,
  writeVoteResults,
} from "./lib/voteReport.js";
import { ClientStats, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * The vote storm: BENCH_VOTERS voters each send one `poll:vote` within BENCH_WINDOW_S seconds
 * (voter i at i × window / N), measured against the same voters and pacing on three baselines
 * in the same run: a bare Socket.IO server broadcasting the tally on every vote (naive), the
 * same server broadcasting it at most every 100 ms (reference), and a raw `ws` server doing the
 * reference's loop (ceiling); then two workshop nodes on one Redis, in the plenary and over
 * BENCH_ROOMS breakout rooms. Each phase starts and stops its own processes; every process is
 * separate, so each one's CPU comes from the kernel. Writes its section of docs/PERFORMANCE.md
 * (BENCH_WRITE=0: print only).
 */

function phasesEnv(): Phase[] {
  const raw = process.env.BENCH_PHASES;
  if (!raw) return [...PHASES];
  const wanted = raw.split(",").map((name) => name.trim());
  for (const name of wanted) {
    if (!(PHASES as readonly string[]).includes(name)) {
      throw new Error(`BENCH_PHASES: unknown phase "${name}" (known: ${PHASES.join(", ")})`);
    }
  }
  return PHASES.filter((phase) => wanted.includes(phase));
}

const settings: VoteSettings = {
  /** Voters in the storm (the issue: 2,000). */
  voters: Math.floor(numberEnv("BENCH_VOTERS", 2000, 1)),
  /** Seconds over which the votes are spread evenly (the issue: within 10 s). */
  windowS: numberEnv("BENCH_WINDOW_S", 10, 0.1),
  /** Load generator processes; each runs every loaders-th voter. */
  loaders: benchSetting.loaders(2),
  /** Breakout rooms of the rooms phases. */
  rooms: benchSetting.rooms(100),
  phases: phasesEnv(),
  /** Workshop joins started per second before the storm (not measured). */
  joinRate: benchSetting.joinRate(25),
  /** Bare connections opened per second before the storm (not measured). */
  connectRate: benchSetting.connectRate(400),
  /** Voters of the warm-up storm each phase runs first (so the servers' code is compiled); 0: none. */
  warmupVoters: Math.floor(numberEnv("BENCH_WARMUP", 20, 0)),
  /** After the window: longest wait for the last acks and for every voter to see the final tally. */
  settleTimeoutS: benchSetting.settleTimeoutS(40),
  /** Seconds still measured after every voter saw the final tally. */
  quietS: benchSetting.quietS(1),
  joinAttempts: benchSetting.joinAttempts(),
  /** Whole bench, whatever happens: every child is killed after this long. */
  timeoutS: benchSetting.timeoutS(900),
  write: benchSetting.write(),
  profile: process.env.BENCH_PROFILE === "1",
};

const { logDir, log } = startBench(
  "wk-bench-votes-",
  "The vote storm: BENCH_VOTERS voters vote within BENCH_WINDOW_S seconds, each workshop phase measured against a bare reference server in the same run.",
  {
    BENCH_PHASES: "comma list of naive, ceiling, reference, workshop, reference-rooms, workshop-rooms (default: all)",
  },
);

/** Name prefix, in the CPU samples, of the bench's processes waiting for another phase. */
const IDLE = "idle ";

/** The warm-up storm's window: enough to run every code path a few times. */
const WARMUP_WINDOW_MS = 2000;

interface StormSetup {
  label: string;
  voters: number;
  windowMs: number;
  mode: VoteMode;
  targets: string[];
  connectRate: number;
  joinCode?: string;
  servers: RunningNode[];
  redis: RunningNode | null;
  /** Once everyone is connected: the poll to vote in (workshop: rooms planned and opened first, then the poll created). */
  prepare(connected: number): Promise<{ pollId: string; options: string[] }>;
  /**
   * Everyone connected and the poll ready, before anything is measured: the workshop phase runs
   * its paired reference here (`ours`: this storm's processes, waiting meanwhile).
   */
  beforeMeasure?(ours: ReadonlyMap<string, number>): Promise<void>;
  /** Processes of the bench waiting for another phase meanwhile: theirs is not "other work". */
  bystanders?: ReadonlyMap<string, number>;
  /** Just before the storm (workshop: the slow log on, metrics read). */
  beforeStorm?(): Promise<void>;
  /** After the storm: the server's counting order and final tally. */
  counted(pollId: string): Promise<Omit<Counted, "positions">>;
}

/** One storm: connect, prepare, vote on schedule, wait for the final tally everywhere, then resolve freshness. */
async function storm(setup: StormSetup): Promise<StormReport> {
  const count = Math.min(settings.loaders, setup.voters);
  const loaders = Array.from({ length: count }, (_, index) =>
    ChildLoader.start<VoteLoaderMessage, VoteParentMessage>(
      logDir,
      "bench/voteClient.ts",
      `${setup.label}-loader-${index + 1}`,
      VoteLoaderMessageSchema,
      ["--max-old-space-size=4096"],
    ),
  );
  try {
    await everyLoader(loaders, "ready", 30_000, "start");
    const connectStart = Date.now() + 300;
    loaders.forEach((loader, loaderIndex) => {
      loader.send({
        type: "start",
        config: {
          mode: setup.mode,
          targets: setup.targets,
          totalClients: setup.voters,
          loaderIndex,
          loaderCount: count,
          connectRate: setup.connectRate,
          startAt: connectStart,
          ...(setup.joinCode ? { joinCode: setup.joinCode } : {}),
          namePrefix: "voter-",
          joinAttempts: settings.joinAttempts,
        },
      });
    });
    const connectBudget = (setup.voters / setup.connectRate) * 1000 + 32_000 * settings.joinAttempts + 30_000;
    const connectedAnswers = await everyLoader(loaders, "connected", connectBudget, "connecting");
    const connected = connectedAnswers.reduce((sum, answer) => sum + answer.ok, 0);
    const connectFailures: Record<string, number> = {};
    for (const answer of connectedAnswers) {
      for (const [code, n] of Object.entries(answer.failures)) connectFailures[code] = (connectFailures[code] ?? 0) + n;
    }
    const connectMs = connectedAnswers.flatMap((answer) => answer.connectMs);
    const connectSeconds = (Date.now() - connectStart) / 1000;
    log(`${setup.label}: ${connected}/${setup.voters} connected in ${connectSeconds.toFixed(1)} s`);
    const poll = await setup.prepare(connected);

    const pids = new Map<string, number>([
      ...setup.servers.map((node) => [node.name, node.pid] as [string, number]),
      ...(setup.redis ? [["redis", setup.redis.pid] as [string, number]] : []),
      ...loaders.flatMap((loader, index) =>
        loader.pid === undefined ? [] : [[`loader-${index + 1}`, loader.pid] as [string, number]],
      ),
    ]);
    await setup.beforeMeasure?.(pids);
    for (const [name, pid] of setup.bystanders ?? []) pids.set(`${IDLE}${name}`, pid);
    // The forced GC of the probe (and the reset of its delay histogram) comes before the storm is measured.
    await Promise.all(setup.servers.map((node) => node.memory()));
    await setup.beforeStorm?.();
    const windowMs = setup.windowMs;
    const startAt = Date.now() + 500;
    const deadlineAt = startAt + windowMs + settings.settleTimeoutS * 1000;
    const before = sampleAll(pids);
    const fromMono = monotonicMicros() + 500_000;
    for (const loader of loaders) {
      loader.send({ type: "vote", pollId: poll.pollId, options: poll.options, startAt, windowMs, deadlineAt });
    }
    log(`${setup.label}: ${setup.voters} votes over ${windowMs / 1000} s`);
    const voted = await everyLoader(loaders, "voted", deadlineAt - Date.now() + 15_000, "voting");
    const acked = voted.reduce((sum, answer) => sum + answer.acked, 0);
    // Unacknowledged votes may have been counted all the same: wait for every vote not refused outright.
    const expected = voted.reduce((sum, answer) => sum + answer.sent - answer.refused, 0);
    const votedAt = Date.now();
    log(`${setup.label}: ${acked} votes acknowledged; waiting until every voter has a tally of ${expected}`);
    for (const loader of loaders) loader.send({ type: "expect", voters: expected, deadlineAt });
    const settledAnswers = await everyLoader(loaders, "settled", deadlineAt - Date.now() + 15_000, "settling");
    const unsettled = settledAnswers.reduce((sum, answer) => sum + answer.unsettled, 0);
    const settledAt = Math.max(...settledAnswers.map((answer) => answer.at));
    const toMono = monotonicMicros();
    log(
      unsettled > 0
        ? `${setup.label}: ${unsettled} connected voters never got the final tally (deadline)`
        : `${setup.label}: every voter has the final tally, ${((settledAt - startAt) / 1000).toFixed(1)} s after the first vote`,
    );
    await sleep(settings.quietS * 1000);
    const after = sampleAll(pids);
    // An overloaded server answers the probe late (the naive one may not answer at all).
    const probes = await Promise.all(setup.servers.map((node) => node.memory(10_000)));
    for (const loader of loaders) loader.send({ type: "end" });
    await everyLoader(loaders, "ended", 30_000, "end");
    const counted = await setup.counted(poll.pollId);
    const positions: Record<string, number> = {};
    counted.order.forEach((key, index) => {
      positions[key] = index + 1;
    });
    for (const loader of loaders) loader.send({ type: "resolve", positions });
    const results = (await everyLoader(loaders, "result", 60_000, "results")).map((answer) => answer.result);
    writeFileSync(path.join(logDir, `${setup.label}-voters.json`), JSON.stringify(results));
    return {
      label: setup.label,
      voters: setup.voters,
      connected,
      connectFailures,
      connectMs,
      connectSeconds,
      results,
      ballots: voted.flatMap((answer) => answer.ballots),
      counted: { ...counted, positions: Object.keys(positions).length },
      cpu: cpuSpan("storm", before, after),
      serverNames: setup.servers.map((node) => node.name),
      loopDelay: setup.servers.map((node, index) => ({ name: node.name, delay: probes[index]?.loopDelay ?? null })),
      stormSeconds: (settledAt - startAt) / 1000,
      votedSeconds: (votedAt - startAt) / 1000,
      unsettled,
      window: { from: fromMono, to: toMono },
    };
  } finally {
    await Promise.all(loaders.map((loader) => loader.close({ type: "close" })));
  }
}

async function json(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

const TallyOrderSchema = z.object({
  order: z.array(z.string()),
  results: z.object({
    combined: z.object({ counts: z.array(z.object({ optionId: z.string(), count: z.number() })), voters: z.number() }),
    byRoom: z.record(z.string(), z.object({ voters: z.number() })).optional(),
  }),
  sent: z.number(),
  broadcasts: z.number(),
});
const TallyPollSchema = z.object({ pollId: z.string(), options: z.array(z.string()) });

function byRoomSum(byRoom: Record<string, { voters: number }> | undefined): number | null {
  return byRoom ? Object.values(byRoom).reduce((sum, tally) => sum + tally.voters, 0) : null;
}

/** A bare phase; `bystanders`: processes of a workshop phase waiting for it to finish. */
async function barePhase(phase: Phase, bystanders: ReadonlyMap<string, number> = new Map()): Promise<PhaseReport> {
  const spec = phaseSpecs[phase];
  const kind = spec.kind === "workshop" ? "reference" : spec.kind;
  const rooms = spec.rooms ? settings.rooms : 0;
  const node = await startNode(logDir, kind, 0, { TALLY_ROOMS: String(rooms) });
  let report: StormReport | null = null;
  try {
    const run = async (label: string, voters: number, windowMs: number) => {
      await json(`${node.url}/reset`);
      const poll = TallyPollSchema.parse(await json(`${node.url}/poll`));
      return storm({
        label,
        voters,
        windowMs,
        mode: spec.kind === "ceiling" ? "ws" : "socketio",
        targets: [node.url],
        connectRate: settings.connectRate,
        servers: [node],
        redis: null,
        bystanders,
        prepare: async () => {
          await sleep(1000);
          return poll;
        },
        counted: async () => {
          const tally = TallyOrderSchema.parse(await json(`${node.url}/order`));
          return {
            order: tally.order,
            finalVoters: tally.results.combined.voters,
            finalCounts: Object.fromEntries(tally.results.combined.counts.map((c) => [c.optionId, c.count])),
            byRoomVoters: byRoomSum(tally.results.byRoom),
            exportVoters: null,
            serverSent: tally.sent,
            broadcasts: tally.broadcasts,
            scriptMicros: [],
            metrics: {},
          };
        },
      });
    };
    if (settings.warmupVoters > 0) {
      await run(`${phase}-warmup`, settings.warmupVoters, WARMUP_WINDOW_MS);
      await sleep(1000);
    }
    report = await run(phase, settings.voters, settings.windowS * 1000);
  } finally {
    const exit = await node.stop();
    if (report) report.exits = [{ name: node.name, exit: exitText(exit) }];
  }
  return {
    phase,
    storm: report,
    logs: { [node.name]: summarizeLog(node.logPath).problems },
    profiles: settings.profile ? profilesOf(phase, [node.name], report) : [],
  };
}

/**
 * The castBallot script calls of one poll in the slow log that may have counted, in the order
 * Redis ran them, with their voter (ARGV[2]). EVALSHA sha numkeys key... pollId participantId
 * ... ARGV[10] = the workshop version the node decided from ('' = read fresh). A node casts
 * fresh after one of its own calls came back stale (the workshop had moved on) and never
 * otherwise, so a call with a version that the same voter's fresh call follows counted nothing.
 */
function ballotCalls(entries: Awaited<ReturnType<typeof slowlogEntries>>, pollId: string) {
  const calls = entries.flatMap((entry) => {
    if (entry.name !== "castBallot") return [];
    const argv = 3 + Number(entry.args[2] ?? 0);
    if (entry.args[argv] !== pollId) return [];
    return [{ ...entry, voter: entry.args[argv + 1] ?? "", expected: entry.args[argv + 9] ?? "" }];
  });
  const freshAfter = new Set<number>();
  const laterFresh = new Set<string>();
  for (let index = calls.length - 1; index >= 0; index--) {
    const call = calls[index] as (typeof calls)[number];
    if (call.expected === "") laterFresh.add(call.voter);
    else if (laterFresh.has(call.voter)) freshAfter.add(index);
  }
  return { calls: calls.filter((_, index) => !freshAfter.has(index)), stale: freshAfter.size };
}

/**
 * A workshop phase; with `paired`, that reference phase runs once the participants are in and
 * the poll is ready, just before the workshop's own storm (the nodes wait meanwhile), so both
 * meet the machine in as nearly the same state as a shared machine allows.
 */
async function workshopPhase(phase: Phase, paired: Phase | null): Promise<PhaseReport[]> {
  const spec = phaseSpecs[phase];
  // The slow log is off until a storm starts; then it keeps every command, in order (see Method).
  const cluster: WorkshopCluster = await startWorkshopCluster(logDir, [
    "--slowlog-log-slower-than",
    "-1",
    "--slowlog-max-len",
    "1000000",
  ]);
  const [first, second] = cluster.nodes;
  if (!first || !second) throw new Error("two nodes expected");
  let report: StormReport | null = null;
  let pairedReport: PhaseReport | null = null;
  const redisClient = cluster.redisClient;
  try {
    const run = async (label: string, voters: number, rooms: number, windowMs: number, withPair: boolean) => {
      const created = await createWorkshop(first.url, `Bench votes ${label}`);
      const facilitator = new WorkshopClient(
        first.url,
        { facilitatorKey: created.facilitatorKey, displayName: "Bench facilitator", protocol: PROTOCOL_VERSION },
        new ClientStats(),
        () => undefined,
      );
      let metricsBefore: Array<Record<string, number>> = [];
      try {
        if (!(await until(() => facilitator.session !== null, 30_000))) throw new Error("facilitator got no session");
        const people = () =>
          [...facilitator.state.participants.values()].filter(
            (participant) => participant.role !== "facilitator" && participant.online,
          ).length;
        const command = async <T>(outcome: Promise<{ ok: true; data: T } | { ok: false; code: string }>) => {
          const answer = await outcome;
          if (!answer.ok) throw new Error(`${label}: a facilitator command was refused: ${answer.code}`);
          return answer.data;
        };
        return await storm({
          label,
          voters,
          windowMs,
          mode: "workshop",
          targets: cluster.nodes.map((node) => node.url),
          connectRate: settings.joinRate,
          joinCode: created.joinCode,
          servers: cluster.nodes,
          redis: cluster.redis,
          prepare: async (connected) => {
            if (!(await until(() => people() >= connected, 60_000))) {
              log(`${label}: after 60 s the facilitator shows ${people()} of ${connected} online`);
            }
            await sleep(2000);
            let scope: PollScope = { kind: "plenary" };
            if (rooms > 0) {
              const round: RoundView = await command(
                facilitator.command(
                  "breakout:plan",
                  { commandId: newCommandId(), rooms: plannedRooms(rooms, voters), durationSeconds: 3600 },
                  { timeoutMs: 30_000, attempts: 1 },
                ),
              );
              await until(() => facilitator.state.breakout.round?.roundId === round.roundId, 30_000);
              const assigned = await command(
                facilitator.command(
                  "breakout:assign",
                  { commandId: newCommandId(), roundId: round.roundId },
                  { timeoutMs: 60_000, attempts: 1 },
                ),
              );
              await command(
                facilitator.command(
                  "breakout:open",
                  { commandId: newCommandId(), roundId: round.roundId },
                  { timeoutMs: 30_000, attempts: 1 },
                ),
              );
              await until(() => facilitator.state.breakout.round?.status === "open", 30_000);
              log(`${label}: ${assigned.moved} participants in ${rooms} rooms, round open`);
              await sleep(3000);
              scope = { kind: "everyRoom", roundId: round.roundId };
            }
            const poll = await command(
              facilitator.command(
                "poll:create",
                { commandId: newCommandId(), definition: votePoll(scope), open: true },
                { timeoutMs: 30_000, attempts: 1 },
              ),
            );
            // The poll and its empty results reach everyone before the storm.
            await sleep(2000);
            const options = poll.definition.kind === "single" ? poll.definition.options.map((o) => o.optionId) : [];
            return { pollId: poll.pollId, options };
          },
          beforeMeasure: async (ours) => {
            if (!withPair || !paired) return;
            log(`${label}: participants in and poll ready; the paired ${paired} phase runs now`);
            pairedReport = await barePhase(paired, ours);
            await sleep(2000);
          },
          beforeStorm: async () => {
            await redisClient.sendCommand(["SLOWLOG", "RESET"]);
            await redisClient.sendCommand(["CONFIG", "SET", "slowlog-log-slower-than", "0"]);
            metricsBefore = await Promise.all(cluster.nodes.map((node) => scrapeMetrics(node.url)));
          },
          counted: async (pollId) => {
            await redisClient.sendCommand(["CONFIG", "SET", "slowlog-log-slower-than", "-1"]);
            const metricsAfter = await Promise.all(cluster.nodes.map((node) => scrapeMetrics(node.url)));
            const { calls, stale } = ballotCalls(await slowlogEntries(redisClient), pollId);
            if (stale > 0)
              log(`${phase}: ${stale} ballot casts came back stale and were decided again from fresh reads`);
            await redisClient.sendCommand(["SLOWLOG", "RESET"]);
            const seen = new Set<string>();
            const order: string[] = [];
            for (const call of calls) {
              const voter = call.voter;
              if (!seen.has(voter)) order.push(voter);
              seen.add(voter);
            }
            const token = facilitator.session?.sessionToken ?? "";
            const response = await fetch(
              `${first.url}/api/workshops/${created.workshopId}/polls/${pollId}/export?format=json`,
              { headers: { authorization: `Bearer ${token}` } },
            );
            if (!response.ok) throw new Error(`poll export answered ${response.status}`);
            const exported = PollExportSchema.parse(await response.json());
            const combined = exported.results.combined;
            const counts = "counts" in combined ? combined.counts : [];
            const metrics: Record<string, number> = {};
            metricsAfter.forEach((values, index) => {
              for (const [name, value] of Object.entries(values)) {
                if (name === "connections") continue;
                metrics[name] = (metrics[name] ?? 0) + value - (metricsBefore[index]?.[name] ?? 0);
              }
            });
            return {
              order,
              finalVoters: combined.voters,
              finalCounts: Object.fromEntries(counts.map((c) => [c.optionId, c.count])),
              byRoomVoters: byRoomSum(exported.results.byRoom),
              exportVoters: combined.voters,
              serverSent: null,
              broadcasts: metrics.pollResultBroadcasts ?? null,
              scriptMicros: calls.map((call) => call.micros),
              metrics,
            };
          },
        });
      } finally {
        facilitator.socket.close();
      }
    };
    if (settings.warmupVoters > 0) {
      const warmupRooms = spec.rooms ? Math.min(4, settings.rooms) : 0;
      await run(`${phase}-warmup`, settings.warmupVoters, warmupRooms, WARMUP_WINDOW_MS, false);
      await sleep(2000);
    }
    report = await run(phase, settings.voters, spec.rooms ? settings.rooms : 0, settings.windowS * 1000, true);
  } finally {
    const exits = await stopWorkshopCluster(cluster).catch(() => []);
    if (report) report.exits = exits;
  }
  const profiles = settings.profile ? profilesOf(phase, ["workshop-1", "workshop-2"], report) : [];
  const own: PhaseReport = {
    phase,
    storm: report,
    logs: Object.fromEntries(cluster.nodes.map((node) => [node.name, summarizeLog(node.logPath).problems])),
    profiles,
  };
  return pairedReport ? [pairedReport, own] : [own];
}

/** BENCH_PROFILE=1: where each server spent the storm (profiles are written when the servers exit). */
function profilesOf(phase: Phase, names: string[], report: StormReport | null): PhaseReport["profiles"] {
  if (!report) return [];
  const found: PhaseReport["profiles"] = [];
  for (const name of names) {
    const file = findProfile(path.join(logDir, "profiles", name));
    if (!file) {
      log(`${phase}: no CPU profile for ${name}`);
      continue;
    }
    const [window] = profileWindows(file, [{ label: "storm", ...report.window }], repoRoot, 12);
    if (window) found.push({ process: name, window });
  }
  return found;
}

async function main(): Promise<void> {
  // One bare server holds every connection; a generator holds its share.
  const need = settings.voters + 512;
  requireOpenFiles(need, "a server");
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  const reports: PhaseReport[] = [];
  const selected = (phase: Phase | undefined) => phase !== undefined && settings.phases.includes(phase);
  for (const phase of settings.phases) {
    const { kind, pairedWith } = phaseSpecs[phase];
    // A reference paired with a workshop phase that also runs is run by that phase.
    if (kind !== "workshop" && selected(pairedWith)) continue;
    log(`phase ${phase}`);
    if (kind === "workshop")
      reports.push(...(await workshopPhase(phase, selected(pairedWith) ? (pairedWith ?? null) : null)));
    else reports.push(await barePhase(phase));
    // Profiles are per process and directory: a later phase must not read this one's.
    if (settings.profile) {
      const dir = path.join(logDir, "profiles");
      if (existsSync(dir)) renameSync(dir, path.join(logDir, `profiles-${phase}`));
    }
    await sleep(1000);
  }
  const markdown = renderVoteResults(settings, machine(), reports, logDir, workingTree());
  publish(markdown, settings.write, writeVoteResults, log);
  log(`logs kept in ${logDir}`);
}

runMain(main, settings.timeoutS, log);
