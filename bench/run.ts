import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createClient } from "redis";
import { z } from "zod";
import { ConfigSchema } from "../server/config.js";
import { CreateWorkshopResponseSchema } from "../shared/workshop.js";
import { freePort } from "../test/helpers/ports.js";
import {
  type LoaderMessage,
  LoaderMessageSchema,
  type LoaderResult,
  type LoadMode,
  type ParentMessage,
} from "./lib/messages.js";
import {
  type ExitInfo,
  killAllNow,
  openFilesLimit,
  stopChild,
  tail,
  track,
  waitForHttp,
  waitForPort,
} from "./lib/processes.js";
import { type ProcSample, sampleMachine, sampleProcess } from "./lib/procStats.js";
import {
  type BenchSettings,
  type HeapUsage,
  type LoadRun,
  type Machine,
  type NodeReport,
  type PhaseReport,
  renderResults,
  writeResults,
} from "./lib/report.js";

/**
 * The join storm: BENCH_CLIENTS clients join one workshop within BENCH_WINDOW_S seconds over
 * two server nodes sharing one Redis, measured beside a bare Socket.IO server taking the same
 * connections in the same run. Servers, Redis and the load generators are separate processes,
 * so each one's CPU and memory come from the kernel (/proc) and nobody's work is counted as
 * someone else's. Writes the results section of docs/PERFORMANCE.md (BENCH_WRITE=0: print only).
 */

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

function numberEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return value;
}

const settings: BenchSettings = {
  /** Clients in the storm (the issue: 2,000). */
  clients: Math.floor(numberEnv("BENCH_CLIENTS", 2000, 1)),
  /** Seconds over which the joins are spread evenly (the issue: within 20 s). */
  windowS: numberEnv("BENCH_WINDOW_S", 20, 0.1),
  nodes: 2,
  /** Load generator processes; each opens every loaders-th client. */
  loaders: Math.floor(numberEnv("BENCH_LOADERS", 2, 1)),
  /** Clients per phase that connect and leave before measuring, so the servers' code is compiled (JIT). */
  warmupClients: Math.floor(numberEnv("BENCH_WARMUP", 20, 0)),
  /** Seconds to keep measuring after every client's state is complete (late messages, idle cost). */
  quietS: numberEnv("BENCH_QUIET_S", 3, 0),
  /** Longest wait for every client's state to become complete after the last join. */
  settleTimeoutS: numberEnv("BENCH_SETTLE_TIMEOUT_S", 20, 1),
  /** The whole bench stops (and fails) after this long, whatever happens: two storms plus slack for stragglers. */
  timeoutS: numberEnv("BENCH_TIMEOUT_S", Math.max(120, 60 + 4 * numberEnv("BENCH_WINDOW_S", 20, 0.1)), 10),
  write: process.env.BENCH_WRITE !== "0",
};

const benchStart = Date.now();
const logDir = mkdtempSync(path.join(tmpdir(), "wk-bench-"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) =>
  process.stderr.write(`[bench +${((Date.now() - benchStart) / 1000).toFixed(1)}s] ${line}\n`);

interface RunningNode {
  name: string;
  url: string;
  pid: number;
  logPath: string;
  stop(): Promise<ExitInfo>;
  /** Memory after a full GC (servers only). */
  memory(): Promise<HeapUsage | null>;
}

/** The environment of a child: ours, minus every server setting, so the shell cannot change what is measured. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(ConfigSchema.shape)) delete env[key];
  return { ...env, ...extra };
}

/** BENCH_PROFILE=1: a V8 CPU profile of every server node and load generator, written to the log directory when it stops. */
function profileArgs(name: string): string[] {
  if (process.env.BENCH_PROFILE !== "1") return [];
  // One directory per node: the module-loader thread writes a profile of its own beside the main one.
  return ["--cpu-prof", `--cpu-prof-dir=${path.join(logDir, "profiles", name)}`];
}

async function startNode(kind: LoadMode, index: number, extraEnv: Record<string, string>): Promise<RunningNode> {
  const port = await freePort();
  const name = `${kind}-${index + 1}`;
  const logPath = path.join(logDir, `${name}.log`);
  const logFd = openSync(logPath, "a");
  const entry = kind === "workshop" ? "server/main.ts" : "bench/bareServer.ts";
  const memoryFile = path.join(logDir, `${name}.memory.json`);
  const child = track(
    spawn(process.execPath, [...profileArgs(name), "--expose-gc", "--import", "tsx", "--import", memoryProbe, entry], {
      cwd: repoRoot,
      env: childEnv({ PORT: String(port), HOST: "127.0.0.1", BENCH_MEMORY_FILE: memoryFile, ...extraEnv }),
      stdio: ["ignore", logFd, logFd],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${kind === "workshop" ? "/readyz" : "/healthz"}`, child, name, logPath);
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  const pid = child.pid;
  return { name, url, pid, logPath, stop: () => stopChild(child), memory: () => probeMemory(pid, memoryFile) };
}

const memoryProbe = pathToFileURL(path.join(repoRoot, "bench/memoryProbe.ts")).href;
const HeapSchema = z.object({ at: z.number(), rss: z.number(), heapUsed: z.number(), external: z.number() });

/** Asks a server (bench/memoryProbe.ts) for a full GC and its memory use afterwards; null if it never answers. */
async function probeMemory(pid: number, file: string): Promise<HeapUsage | null> {
  const asked = Date.now();
  try {
    process.kill(pid, "SIGUSR2");
  } catch {
    return null;
  }
  const deadline = asked + 5000;
  while (Date.now() < deadline) {
    await sleep(50);
    try {
      const usage = HeapSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      if (usage.at >= asked) return usage;
    } catch {
      // Not written yet.
    }
  }
  return null;
}

/** Redis's own count of the bytes it holds (INFO memory used_memory). */
async function redisUsedMemory(url: string): Promise<number> {
  const client = createClient({ url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const info = await client.info("memory");
    return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
  } finally {
    client.destroy();
  }
}

async function startRedis(): Promise<RunningNode> {
  const port = await freePort();
  const logPath = path.join(logDir, "redis.log");
  const logFd = openSync(logPath, "a");
  const binary = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const child = track(
    spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", logDir],
      { stdio: ["ignore", logFd, logFd] },
    ),
  );
  await waitForPort(port, child, "redis-server", logPath);
  if (child.pid === undefined) throw new Error("redis-server has no pid");
  return {
    name: "redis",
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    logPath,
    stop: () => stopChild(child),
    memory: async () => null,
  };
}

async function createWorkshop(url: string, title: string): Promise<string> {
  const response = await fetch(`${url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`POST /api/workshops answered ${response.status}`);
  return CreateWorkshopResponseSchema.parse(await response.json()).joinCode;
}

/** A load generator child and the messages it sent that nobody has taken yet. */
class Loader {
  private readonly inbox: LoaderMessage[] = [];
  private wake: () => void = () => {};
  readonly logPath: string;

  constructor(
    private readonly child: ReturnType<typeof fork>,
    logPath: string,
  ) {
    this.logPath = logPath;
    child.on("message", (raw: unknown) => {
      const parsed = LoaderMessageSchema.safeParse(raw);
      this.inbox.push(
        parsed.success ? parsed.data : { type: "fatal", message: `unreadable message: ${parsed.error.message}` },
      );
      this.wake();
    });
    child.on("exit", () => this.wake());
  }

  static start(name: string): Loader {
    const logPath = path.join(logDir, `${name}.log`);
    const logFd = openSync(logPath, "a");
    const child = track(
      fork(path.join(repoRoot, "bench/loadClient.ts"), [], {
        cwd: repoRoot,
        execArgv: [...profileArgs(name), "--import", "tsx"],
        stdio: ["ignore", logFd, logFd, "ipc"],
      }),
    );
    return new Loader(child, logPath);
  }

  send(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  /** The next message of this type, or null after timeoutMs; a fatal message or an early exit throws. */
  async next<T extends LoaderMessage["type"]>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<LoaderMessage, { type: T }> | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fatal = this.inbox.find((message) => message.type === "fatal");
      if (fatal && fatal.type === "fatal") throw new Error(`load generator: ${fatal.message}`);
      const index = this.inbox.findIndex((message) => message.type === type);
      if (index >= 0) return this.inbox.splice(index, 1)[0] as Extract<LoaderMessage, { type: T }>;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `load generator exited (${this.child.exitCode ?? this.child.signalCode}):\n${tail(this.logPath, 20)}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async close(): Promise<void> {
    this.send({ type: "close" });
    const deadline = Date.now() + 5000;
    while (this.child.exitCode === null && this.child.signalCode === null && Date.now() < deadline) await sleep(50);
    await stopChild(this.child, 1000);
  }
}

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
  const loaders = Array.from({ length: count }, (_, index) => Loader.start(`${options.label}-loader-${index + 1}`));
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
    await Promise.all(loaders.map((loader) => loader.close()));
  }
}

function samplePids(pids: number[]): ProcSample[] {
  return pids.map((pid) => sampleProcess(pid));
}

interface LogSummary {
  lines: number;
  /** pino level >= 40 (warn, error, fatal) and anything that is not a pino line, by message. */
  problems: Record<string, number>;
}

function summarizeLog(logPath: string): LogSummary {
  const problems: Record<string, number> = {};
  let lines = 0;
  let text = "";
  try {
    text = readFileSync(logPath, "utf8");
  } catch {
    return { lines, problems };
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    lines++;
    let key: string | null = `non-JSON: ${line.slice(0, 160)}`;
    try {
      const entry: unknown = JSON.parse(line);
      if (typeof entry === "object" && entry !== null && "level" in entry && typeof entry.level === "number") {
        const message = "msg" in entry && typeof entry.msg === "string" ? entry.msg : "";
        const err = "err" in entry && typeof entry.err === "string" ? ` (${entry.err})` : "";
        key = entry.level >= 40 ? `level ${entry.level}: ${message}${err}` : null;
      }
    } catch {
      // Not JSON: keep it, a stack trace or a console.error line is worth seeing.
    }
    if (key) problems[key] = (problems[key] ?? 0) + 1;
  }
  return { lines, problems };
}

/** Counters from a workshop node's /metrics (prom-client text format). */
async function scrapeMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const wanted: Record<string, RegExp> = {
    handshakesOk: /^workshop_handshakes_total\{outcome="ok"\} (\d+)/m,
    eventBatches: /^workshop_event_batches_total (\d+)/m,
    connections: /^workshop_connections (\d+)/m,
  };
  const values: Record<string, number> = {};
  for (const [name, pattern] of Object.entries(wanted)) {
    const match = pattern.exec(text);
    if (match) values[name] = Number(match[1]);
  }
  return values;
}

async function runPhase(kind: LoadMode): Promise<PhaseReport> {
  const redis = kind === "workshop" ? await startRedis() : null;
  const prefix = `bench:${Math.random().toString(36).slice(2, 10)}:`;
  const nodes: RunningNode[] = [];
  try {
    const env: Record<string, string> =
      kind === "workshop" && redis
        ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: "warn", CLIENT_DIR: "" }
        : {};
    const starting = Array.from({ length: settings.nodes }, (_, index) => startNode(kind, index, env));
    // Keep every node that did start, so the finally below stops it even when another failed.
    const started = await Promise.allSettled(starting);
    for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    const targets = nodes.map((node) => node.url);
    const firstUrl = targets[0] ?? "";
    log(`${kind}: ${nodes.length} nodes up${redis ? ` on ${redis.url}` : ""}`);

    if (settings.warmupClients > 0) {
      await runLoad({
        label: `${kind}-warmup`,
        mode: kind,
        targets,
        clients: settings.warmupClients,
        windowMs: 1000,
        loaders: 1,
        quietMs: 0,
        ...(kind === "workshop" ? { joinCode: await createWorkshop(firstUrl, "Bench warm-up") } : {}),
      });
      await sleep(1000);
    }
    const joinCode = kind === "workshop" ? await createWorkshop(firstUrl, "Bench join storm") : undefined;
    const pids = [...nodes.map((node) => node.pid), ...(redis ? [redis.pid] : [])];
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
        if (redis) redisBytesBefore = await redisUsedMemory(redis.url);
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
        if (redis) redisBytesAfter = await redisUsedMemory(redis.url);
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
            before: before[nodes.length] ?? sampleMissing(),
            after: after[nodes.length] ?? sampleMissing(),
            usedMemoryBefore: redisBytesBefore,
            usedMemoryAfter: redisBytesAfter,
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

function command(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: "utf8", cwd: repoRoot }).trim();
  } catch {
    return "unknown";
  }
}

function machine(): Machine {
  const socketIo: unknown = JSON.parse(
    readFileSync(path.join(repoRoot, "node_modules/socket.io/package.json"), "utf8"),
  );
  const dirty = command("git", ["status", "--porcelain"]) !== "";
  return {
    date: new Date().toISOString(),
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    redis: command(process.env.REDIS_SERVER_BIN ?? "redis-server", ["--version"]),
    socketIo:
      typeof socketIo === "object" && socketIo !== null && "version" in socketIo ? String(socketIo.version) : "unknown",
    commit: `${command("git", ["rev-parse", "--short", "HEAD"])}${dirty ? " (with uncommitted changes)" : ""}`,
    openFiles: openFilesLimit(),
  };
}

async function main(): Promise<void> {
  const need = Math.ceil(settings.clients / Math.min(settings.loaders, settings.nodes)) + 256;
  const limit = openFilesLimit();
  if (limit < need) {
    throw new Error(
      `open-file limit is ${limit}, a process here needs about ${need}: run \`ulimit -n 65536\` in this shell first`,
    );
  }
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  const bare = await runPhase("bare");
  const workshop = await runPhase("workshop");
  const markdown = renderResults(settings, machine(), bare, workshop);
  process.stdout.write(`${markdown}\n`);
  if (settings.write) {
    const file = path.join(repoRoot, "docs/PERFORMANCE.md");
    writeResults(file, markdown);
    log(`results written to ${path.relative(repoRoot, file)}`);
  }
  log(`server logs kept in ${logDir}`);
}

const hardTimeout = setTimeout(() => {
  log(`hard timeout: still running after ${settings.timeoutS} s, stopping everything`);
  killAllNow();
  process.exit(2);
}, settings.timeoutS * 1000);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping everything`);
    killAllNow();
    process.exit(130);
  });
}
process.on("exit", killAllNow);

main()
  .then(() => {
    clearTimeout(hardTimeout);
  })
  .catch((error: unknown) => {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    killAllNow();
    process.exit(1);
  });
