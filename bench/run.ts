import { writeFileSync } from "node:fs";
import path from "node:path";
import { PROTOCOL_VERSION } from "../shared/protocol.js";
import { startBenchRedis, sumSamples } from "./lib/benchRedis.js";
import { benchSetting } from "./lib/benchSettings.js";
import { startBench } from "./lib/benchStart.js";
import {
  ChildLoader,
  createWorkshop,
  machine,
  numberEnv,
  type RunningNode,
  scrapeMetrics,
  sleep,
  startNode,
  summarizeLog,
} from "./lib/cluster.js";
import {
  type LoaderMessage,
  LoaderMessageSchema,
  type LoaderResult,
  type LoadMode,
  type ParentMessage,
} from "./lib/messages.js";
import { type ExitInfo, requireOpenFiles, runMain } from "./lib/processes.js";
import { type ProcSample, sampleMachine, sampleProcess } from "./lib/procStats.js";
import {
  type BenchSettings,
  type HeapUsage,
  type LoadRun,
  type NodeReport,
  type PhaseReport,
  publish,
  renderResults,
  writeResults,
} from "./lib/report.js";
import { ClientStats, newCommandId, WorkshopClient } from "./lib/workshopClient.js";

/**
 * The join storm: BENCH_CLIENTS clients join one workshop within BENCH_WINDOW_S seconds over
 * two server nodes sharing one Redis, measured beside a bare Socket.IO server taking the same
 * connections in the same run. Servers, Redis and the load generators are separate processes,
 * so each one's CPU and memory come from the kernel (/proc) and nobody's work is counted as
 * someone else's. Writes the results section of docs/PERFORMANCE.md (BENCH_WRITE=0: print only).
 */

const settings: BenchSettings = {
  /** Clients in the storm (the issue: 2,000). */
  clients: Math.floor(numberEnv("BENCH_CLIENTS", 2000, 1)),
  /** Seconds over which the joins are spread evenly (the issue: within 20 s). */
  windowS: numberEnv("BENCH_WINDOW_S", 20, 0.1),
  /** Server nodes (each phase: bare and workshop); the issue's storm: 2, the 10,000-person forum: 4. */
  nodes: benchSetting.nodes(2),
  /** The workshop phase's store: 0, one Redis; N, a Redis Cluster of N primaries (no replicas), nothing on disk either way. */
  redisClusterPrimaries: benchSetting.redisClusterPrimaries(0),
  /** Load generator processes; each opens every loaders-th client. */
  loaders: benchSetting.loaders(2),
  /** Clients per phase that connect and leave before measuring, so the servers' code is compiled (JIT). */
  warmupClients: Math.floor(numberEnv("BENCH_WARMUP", 20, 0)),
  /** Seconds to keep measuring after every client's state is complete (late messages, idle cost). */
  quietS: benchSetting.quietS(3),
  /** Longest wait for every client's state to become complete after the last join. */
  settleTimeoutS: benchSetting.settleTimeoutS(20),
  /** The whole bench stops (and fails) after this long, whatever happens: two storms plus slack for stragglers. */
  timeoutS: benchSetting.timeoutS(Math.max(120, 60 + 4 * numberEnv("BENCH_WINDOW_S", 20, 0.1)), 10),
  write: benchSetting.write(),
  /**
   * The storm workshop's roster: "open" (the default: the case where everyone may know everyone,
   * the costlier one) or "private" (the default of new workshops).
   */
  roster: benchSetting.roster(),
};

const { logDir, log } = startBench(
  "wk-bench-",
  "The join storm: BENCH_CLIENTS clients join one workshop within BENCH_WINDOW_S seconds over two nodes and one Redis, beside a bare Socket.IO server taking the same connections in the same run.",
  {
    BENCH_ROSTER: "the storm workshop's roster: open (default; participants may know everyone) or private",
    BENCH_NODES: "server nodes per phase (default 2)",
    BENCH_REDIS_CLUSTER:
      "the workshop phase on a Redis Cluster of this many primaries, started here (default 0: one Redis)",
    BENCH_WS_DEFLATE_THRESHOLD_BYTES:
      "the workshop nodes' WS_DEFLATE_THRESHOLD_BYTES (default 0: uncompressed, like the bare server and the runs before the setting)",
  },
);

/** The storm's workshop, with its roster as `BENCH_ROSTER` says (set by a facilitator who then leaves); its join code. */
async function stormWorkshop(url: string): Promise<string> {
  const created = await createWorkshop(url, "Bench join storm");
  if (settings.roster === "private") return created.joinCode;
  const facilitator = new WorkshopClient(
    url,
    { facilitatorKey: created.facilitatorKey, displayName: "Bench facilitator", protocol: PROTOCOL_VERSION },
    new ClientStats(),
    () => undefined,
  );
  try {
    const deadline = Date.now() + 30_000;
    while (facilitator.state.version < 0 && Date.now() < deadline) await sleep(50);
    const opened = await facilitator.command("workshop:setRosterPrivacy", {
      commandId: newCommandId(),
      rosterPrivate: false,
    });
    if (!opened.ok) throw new Error(`could not open the roster: ${opened.code}`);
  } finally {
    facilitator.socket.close();
  }
  return created.joinCode;
}

/** A load generator of the join storm (bench/loadClient.ts). */
type Loader = ChildLoader<LoaderMessage, ParentMessage>;
const startLoader = (name: string): Loader =>
  ChildLoader.start<LoaderMessage, ParentMessage>(logDir, "bench/loadClient.ts", name, LoaderMessageSchema);

/** One storm: start generators, run the clients on schedule, wait until every state is complete. */
async function runLoad(options: {
  label: string;
  mode: LoadMode;
  targets: string[];
  clients: number;
  windowMs: number;
  loaders: number;
  joinCode?: string;
  quietMs: number;
  beforeStart?: () => Promise<void>;
  afterSettle?: () => Promise<void>;
}): Promise<LoadRun> {
  const count = Math.min(options.loaders, options.clients);
  const loaders = Array.from({ length: count }, (_, index) => startLoader(`${options.label}-loader-${index + 1}`));
  try {
    for (const loader of loaders) {
      if (!(await loader.next("ready", 30_000))) throw new Error("a load generator did not start within 30 s");
    }
    await options.beforeStart?.();
    const measureFrom = Date.now();
    const startAt = Date.now() + 500;
    loaders.forEach((loader, loaderIndex) => {
      loader.send({
        type: "start",
        config: {
          mode: options.mode,
          targets: options.targets,
          totalClients: options.clients,
          loaderIndex,
          loaderCount: count,
          windowMs: options.windowMs,
          startAt,
          namePrefix: "bench-",
          ...(options.joinCode ? { joinCode: options.joinCode } : {}),
        },
      });
    });
    let ok = 0;
    for (const loader of loaders) {
      // Every client either gets its session or gives up 30 s after its start.
      const joined = await loader.next("joined", startAt - Date.now() + options.windowMs + 40_000);
      if (!joined) throw new Error("clients neither joined nor failed in time");
      ok += joined.ok;
    }
    const joinedAt = Date.now();
    log(`${options.label}: ${ok}/${options.clients} joined; waiting for every client's state to hold ${ok}`);
    for (const loader of loaders) loader.send({ type: "expect", participants: ok });
    let convergedAt = 0;
    for (const loader of loaders) {
      const converged = await loader.next(
        "converged",
        Math.max(0, joinedAt + settings.settleTimeoutS * 1000 - Date.now()),
      );
      convergedAt = converged ? Math.max(convergedAt, converged.at) : Number.NaN;
    }
    log(
      Number.isNaN(convergedAt)
        ? `${options.label}: some clients never saw everyone (settle timeout); measuring ${options.quietMs / 1000} s more`
        : `${options.label}: every state complete; measuring ${options.quietMs / 1000} s more`,
    );
    await sleep(options.quietMs);
    await options.afterSettle?.();
    const measuredSeconds = (Date.now() - measureFrom) / 1000;
    const results: LoaderResult[] = [];
    for (const loader of loaders) {
      loader.send({ type: "report" });
      const result = await loader.next("result", 10_000);
      if (!result) throw new Error("a load generator did not report");
      results.push(result.result);
    }
    return { results, joinedAt, convergedAt, measuredSeconds };
  } finally {
    await Promise.all(loaders.map((loader) => loader.close({ type: "close" })));
  }
}

function samplePids(pids: number[]): ProcSample[] {
  return pids.map((pid) => sampleProcess(pid));
}

async function runPhase(kind: LoadMode): Promise<PhaseReport> {
  const redis = kind === "workshop" ? await startBenchRedis(logDir, settings.redisClusterPrimaries) : null;
  const prefix = `bench:${Math.random().toString(36).slice(2, 10)}:`;
  const nodes: RunningNode[] = [];
  try {
    const env: Record<string, string> = kind === "workshop" && redis ? redis.nodeEnv(prefix) : {};
    const starting = Array.from({ length: settings.nodes }, (_, index) => startNode(logDir, kind, index, env));
    // Keep every node that did start, so the finally below stops it even when another failed.
    const started = await Promise.allSettled(starting);
    for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    const targets = nodes.map((node) => node.url);
    const firstUrl = targets[0] ?? "";
    log(`${kind}: ${nodes.length} nodes up${redis ? ` on ${redis.label}` : ""}`);

    if (settings.warmupClients > 0) {
      await runLoad({
        label: `${kind}-warmup`,
        mode: kind,
        targets,
        clients: settings.warmupClients,
        windowMs: 1000,
        loaders: 1,
        quietMs: 0,
        ...(kind === "workshop" ? { joinCode: (await createWorkshop(firstUrl, "Bench warm-up")).joinCode } : {}),
      });
      await sleep(1000);
    }
    const joinCode = kind === "workshop" ? await stormWorkshop(firstUrl) : undefined;
    const pids = [...nodes.map((node) => node.pid), ...(redis ? redis.pids() : [])];
    let before: ProcSample[] = [];
    let after: ProcSample[] = [];
    let machineBefore = sampleMachine();
    let machineAfter = machineBefore;
    let benchCpuBefore = process.cpuUsage();
    let benchCpuSeconds = 0;
    let heapBefore: Array<HeapUsage | null> = [];
    let heapAfter: Array<HeapUsage | null> = [];
    let redisBytesBefore = Number.NaN;
    let redisBytesAfter = Number.NaN;
    let redisCommandsBefore = Number.NaN;
    let redisCommandsAfter = Number.NaN;
    let metricsBefore: Array<Record<string, number>> = [];
    log(`${kind}: storm of ${settings.clients} clients over ${settings.windowS} s`);
    const run = await runLoad({
      label: kind,
      mode: kind,
      targets,
      clients: settings.clients,
      windowMs: settings.windowS * 1000,
      loaders: settings.loaders,
      quietMs: settings.quietS * 1000,
      ...(joinCode ? { joinCode } : {}),
      beforeStart: async () => {
        // The forced GC comes first, so its CPU time is not counted in the storm.
        heapBefore = await Promise.all(nodes.map((node) => node.memory()));
        if (redis) redisBytesBefore = await redis.usedMemory();
        if (redis) redisCommandsBefore = await redis.commandsProcessed();
        if (kind === "workshop") metricsBefore = await Promise.all(targets.map((url) => scrapeMetrics(url)));
        before = samplePids(pids);
        machineBefore = sampleMachine();
        benchCpuBefore = process.cpuUsage();
      },
      afterSettle: async () => {
        after = samplePids(pids);
        machineAfter = sampleMachine();
        const cpu = process.cpuUsage(benchCpuBefore);
        benchCpuSeconds = (cpu.user + cpu.system) / 1e6;
        heapAfter = await Promise.all(nodes.map((node) => node.memory()));
        if (redis) redisBytesAfter = await redis.usedMemory();
        if (redis) redisCommandsAfter = await redis.commandsProcessed();
      },
    });
    writeFileSync(path.join(logDir, `${kind}-clients.json`), JSON.stringify(run.results));
    const metricsAfter = kind === "workshop" ? await Promise.all(targets.map((url) => scrapeMetrics(url))) : [];
    // Counters since the storm began (the warm-up counted too); the connections gauge as it is now.
    const metrics = metricsAfter.map((values, index) =>
      Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          name === "connections" ? value : value - (metricsBefore[index]?.[name] ?? 0),
        ]),
      ),
    );

    log(`${kind}: clients closed, stopping the nodes`);
    const exits: ExitInfo[] = [];
    for (const node of nodes) exits.push(await node.stop());
    log(`${kind}: nodes stopped`);
    const nodeReports: NodeReport[] = nodes.map((node, index) => ({
      name: node.name,
      connections: run.results.reduce((sum, result) => sum + (result.okPerTarget[index] ?? 0), 0),
      before: before[index] ?? sampleMissing(),
      after: after[index] ?? sampleMissing(),
      exit: exits[index] ?? { code: null, signal: null, forced: false },
      heapBefore: heapBefore[index] ?? null,
      heapAfter: heapAfter[index] ?? null,
      log: summarizeLog(node.logPath),
      metrics: metrics[index] ?? {},
    }));
    const redisReport =
      redis && before[nodes.length] && after[nodes.length]
        ? {
            before: sumSamples(before.slice(nodes.length)),
            after: sumSamples(after.slice(nodes.length)),
            usedMemoryBefore: redisBytesBefore,
            usedMemoryAfter: redisBytesAfter,
            commandsBefore: redisCommandsBefore,
            commandsAfter: redisCommandsAfter,
          }
        : null;
    const ours =
      benchCpuSeconds +
      run.results.reduce((sum, result) => sum + result.cpuSeconds, 0) +
      pids.reduce((sum, _, index) => sum + (after[index]?.cpuSeconds ?? 0) - (before[index]?.cpuSeconds ?? 0), 0);
    const machineBusy = machineAfter.busySeconds - machineBefore.busySeconds;
    return {
      kind,
      run,
      nodes: nodeReports,
      redis: redisReport,
      machine: {
        busySeconds: machineBusy,
        othersSeconds: Math.max(0, machineBusy - ours),
        wallSeconds: run.measuredSeconds,
      },
    };
  } finally {
    for (const node of nodes) await node.stop();
    if (redis) await redis.stop();
  }
}

function sampleMissing(): ProcSample {
  return { cpuSeconds: Number.NaN, rssBytes: Number.NaN, peakRssBytes: Number.NaN };
}

async function main(): Promise<void> {
  const need = Math.ceil(settings.clients / Math.min(settings.loaders, settings.nodes)) + 256;
  requireOpenFiles(need);
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  const bare = await runPhase("bare");
  const workshop = await runPhase("workshop");
  const markdown = renderResults(settings, machine(), bare, workshop);
  publish(markdown, settings.write, writeResults, log);
  log(`server logs kept in ${logDir}`);
}

runMain(main, settings.timeoutS, log);
