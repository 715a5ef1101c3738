import { execFileSync, fork, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { openSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createClient } from "redis";
import { z } from "zod";
import { ConfigSchema } from "../../server/config.js";
import { type CreateWorkshopResponse, CreateWorkshopResponseSchema } from "../../shared/workshop.js";
import { freePort } from "../../test/helpers/ports.js";
import { FatalMessageSchema } from "./loaderIpc.js";
import {
  type ExitInfo,
  exitText,
  openFilesLimit,
  stopChild,
  tail,
  track,
  waitForHttp,
  waitForPort,
} from "./processes.js";
import { newRedisClient, type RedisClient } from "./redisStats.js";
import type { HeapUsage, Machine } from "./report.js";

/**
 * What every bench needs around the code it measures: its own redis-server, workshop (or bare)
 * server nodes and load-generator children, each a separate process so the kernel tells whose
 * CPU is whose; their logs; and a description of the machine. Shared by bench/run.ts (join
 * storm), bench/assign.ts (breakout assignment) and bench/votes.ts (vote storm).
 */

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `ready` holds; false after timeoutMs. */
export async function until(ready: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/** A numeric setting from the environment, or its default; anything else stops the bench with a clear message. */
/** Every numeric setting a bench read, for its `--help`. */
const numberSettings = new Map<string, { fallback: number; min: number }>();

export function numberEnv(name: string, fallback: number, min: number): number {
  numberSettings.set(name, { fallback, min });
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return value;
}

/** A stderr logger that stamps each line with the seconds since `start`. */
export function benchLogger(start: number): (line: string) => void {
  return (line: string) => process.stderr.write(`[bench +${((Date.now() - start) / 1000).toFixed(1)}s] ${line}\n`);
}

/**
 * workshop: server/main.ts; bare: bench/bareServer.ts (accepts connections, nothing else);
 * naive / reference / ceiling: bench/tallyServers.ts in that mode (the vote storm's baselines).
 */
export type NodeKind = "workshop" | "bare" | "naive" | "reference" | "ceiling";

const entries: Record<NodeKind, string> = {
  workshop: "server/main.ts",
  bare: "bench/bareServer.ts",
  naive: "bench/tallyServers.ts",
  reference: "bench/tallyServers.ts",
  ceiling: "bench/tallyServers.ts",
};

export interface RunningNode {
  name: string;
  url: string;
  pid: number;
  logPath: string;
  stop(): Promise<ExitInfo>;
  /** Memory after a full GC (servers only), and the event-loop delay since the last ask; null after timeoutMs (5 s). */
  memory(timeoutMs?: number): Promise<HeapUsage | null>;
}

/** The environment of a child: ours, minus every server setting, so the shell cannot change what is measured. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(ConfigSchema.shape)) delete env[key];
  return { ...env, ...extra };
}

/** BENCH_PROFILE=1: a V8 CPU profile of every server node and load generator, written to the log directory when it stops. */
export function profileArgs(logDir: string, name: string): string[] {
  // BENCH_NODE_ARGS: more V8 flags for every forked process (e.g. --trace-gc, which NODE_OPTIONS refuses).
  const extra = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  if (process.env.BENCH_PROFILE !== "1") return extra;
  // One directory per node: the module-loader thread writes a profile of its own beside the main one.
  return ["--cpu-prof", `--cpu-prof-dir=${path.join(logDir, "profiles", name)}`, ...extra];
}

const memoryProbe = pathToFileURL(path.join(repoRoot, "bench/memoryProbe.ts")).href;
const LoopDelaySchema = z.object({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number(), meanMs: z.number() });
const HeapSchema = z.object({
  at: z.number(),
  rss: z.number(),
  heapUsed: z.number(),
  external: z.number(),
  loopDelay: LoopDelaySchema.optional(),
});

/** Starts one server node (see NodeKind) and waits until it answers. */
export async function startNode(
  logDir: string,
  kind: NodeKind,
  index: number,
  extraEnv: Record<string, string>,
): Promise<RunningNode> {
  const port = await freePort();
  const name = `${kind}-${index + 1}`;
  const logPath = path.join(logDir, `${name}.log`);
  const logFd = openSync(logPath, "a");
  const entry = entries[kind];
  const mode: Record<string, string> = entry === "bench/tallyServers.ts" ? { TALLY_MODE: kind } : {};
  const memoryFile = path.join(logDir, `${name}.memory.json`);
  const child = track(
    spawn(
      process.execPath,
      [...profileArgs(logDir, name), "--expose-gc", "--import", "tsx", "--import", memoryProbe, entry],
      {
        cwd: repoRoot,
        env: childEnv({ PORT: String(port), HOST: "127.0.0.1", BENCH_MEMORY_FILE: memoryFile, ...mode, ...extraEnv }),
        stdio: ["ignore", logFd, logFd],
      },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${kind === "workshop" ? "/readyz" : "/healthz"}`, child, name, logPath);
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  const pid = child.pid;
  return {
    name,
    url,
    pid,
    logPath,
    stop: () => stopChild(child),
    memory: (timeoutMs = 5000) => probeMemory(pid, memoryFile, timeoutMs),
  };
}

/**
 * Asks a server (bench/memoryProbe.ts) for a full GC and its memory use afterwards, with its
 * event-loop delay since the previous ask; null if it never answers.
 */
async function probeMemory(pid: number, file: string, timeoutMs: number): Promise<HeapUsage | null> {
  const asked = Date.now();
  try {
    process.kill(pid, "SIGUSR2");
  } catch {
    return null;
  }
  const deadline = asked + timeoutMs;
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
export async function redisUsedMemory(url: string): Promise<number> {
  return redisInfoNumber(url, "memory", "used_memory");
}

/** Redis's count of the commands it has run since it started (INFO stats total_commands_processed). */
export async function redisCommandsProcessed(url: string): Promise<number> {
  return redisInfoNumber(url, "stats", "total_commands_processed");
}

async function redisInfoNumber(url: string, section: string, field: string): Promise<number> {
  const client = createClient({ url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const info = await client.info(section);
    return Number(new RegExp(`^${field}:(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);
  } finally {
    client.destroy();
  }
}

/** A redis-server of our own on a free port, no persistence; extraArgs are more `--name value` settings. */
export async function startRedis(logDir: string, extraArgs: string[] = []): Promise<RunningNode> {
  const port = await freePort();
  const logPath = path.join(logDir, "redis.log");
  const logFd = openSync(logPath, "a");
  const binary = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const child = track(
    spawn(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        logDir,
        ...extraArgs,
      ],
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

/** A bench's own Redis and two workshop nodes on it (its own key prefix, `LOG_LEVEL=warn`, API only). */
export interface WorkshopCluster {
  redis: RunningNode;
  nodes: RunningNode[];
  redisClient: RedisClient;
  keyPrefix: string;
}

/**
 * The environment of a bench workshop node on Redis: a run's own anonymity key, and the door
 * limits lifted (every load client connects from 127.0.0.1; the limits would be what is measured).
 */
export function workshopNodeEnv(redisUrl: string, prefix: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: "warn",
    CLIENT_DIR: "",
    ANONYMITY_KEY: `bench-anonymity-key-${prefix}-0123456789abcdef`,
    RATE_CREATE_PER_HOUR: "100000",
    RATE_JOINS_PER_ADDRESS_PER_MINUTE: "1000000",
    RATE_JOINS_PER_WORKSHOP_PER_MINUTE: "1000000",
    // Uncompressed like the bare baselines and every run before the setting existed, unless asked (bench:deflate measures it).
    WS_DEFLATE_THRESHOLD_BYTES: process.env.BENCH_WS_DEFLATE_THRESHOLD_BYTES ?? "0",
  };
}

/** Starts Redis (extra `--name value` settings in redisArgs) and two workshop nodes; stops what started if one fails. */
export async function startWorkshopCluster(logDir: string, redisArgs: string[] = []): Promise<WorkshopCluster> {
  const redis = await startRedis(logDir, redisArgs);
  const prefix = `bench:${Math.random().toString(36).slice(2, 10)}:`;
  const env = workshopNodeEnv(redis.url, prefix);
  const nodes: RunningNode[] = [];
  const started = await Promise.allSettled([0, 1].map((index) => startNode(logDir, "workshop", index, env)));
  for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
  const failed = started.find((result) => result.status === "rejected");
  if (failed && failed.status === "rejected") {
    for (const node of nodes) await node.stop();
    await redis.stop();
    throw failed.reason;
  }
  const redisClient = newRedisClient(redis.url);
  await redisClient.connect();
  return { redis, nodes, redisClient, keyPrefix: prefix };
}

/** Stops the nodes, then Redis; how each node exited. */
export async function stopWorkshopCluster(cluster: WorkshopCluster): Promise<Array<{ name: string; exit: string }>> {
  cluster.redisClient.destroy();
  const exits: Array<{ name: string; exit: string }> = [];
  for (const node of cluster.nodes) exits.push({ name: node.name, exit: exitText(await node.stop()) });
  await cluster.redis.stop();
  return exits;
}

/** POST /api/workshops: the join code and the facilitator key of a new workshop. */
export async function createWorkshop(url: string, title: string): Promise<CreateWorkshopResponse> {
  const response = await fetch(`${url}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`POST /api/workshops answered ${response.status}`);
  return CreateWorkshopResponseSchema.parse(await response.json());
}

/** A load generator child (forked with IPC) and the messages it sent that nobody has taken yet. */
export class ChildLoader<M extends { type: string }, P> {
  private readonly inbox: Array<M | { type: "fatal"; message: string }> = [];
  private wake: () => void = () => {};

  private constructor(
    private readonly child: ReturnType<typeof fork>,
    readonly logPath: string,
    schema: z.ZodType<M>,
  ) {
    child.on("message", (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) this.inbox.push(parsed.data);
      else {
        const fatal = FatalMessageSchema.safeParse(raw);
        this.inbox.push(
          fatal.success ? fatal.data : { type: "fatal", message: `unreadable message: ${parsed.error.message}` },
        );
      }
      this.wake();
    });
    child.on("exit", () => this.wake());
  }

  /** Forks `script` (a path under the repository) with tsx; its stdout and stderr go to `<name>.log`. */
  static start<M extends { type: string }, P>(
    logDir: string,
    script: string,
    name: string,
    schema: z.ZodType<M>,
    nodeArgs: string[] = [],
  ): ChildLoader<M, P> {
    const logPath = path.join(logDir, `${name}.log`);
    const logFd = openSync(logPath, "a");
    const child = track(
      fork(path.join(repoRoot, script), [], {
        cwd: repoRoot,
        execArgv: [...profileArgs(logDir, name), ...nodeArgs, "--import", "tsx"],
        stdio: ["ignore", logFd, logFd, "ipc"],
      }),
    );
    return new ChildLoader<M, P>(child, logPath, schema);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: P): void {
    if (this.child.connected) this.child.send(message as object);
  }

  /** The next message of this type, or null after timeoutMs; a fatal message or an early exit throws. */
  async next<T extends M["type"]>(type: T, timeoutMs: number): Promise<Extract<M, { type: T }> | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fatal = this.inbox.find((message) => message.type === "fatal");
      if (fatal && "message" in fatal) throw new Error(`load generator: ${String(fatal.message)}`);
      const index = this.inbox.findIndex((message) => message.type === type);
      if (index >= 0) return this.inbox.splice(index, 1)[0] as Extract<M, { type: T }>;
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

  /** Sends `closeMessage`, gives the child 5 s to exit, then stops it. */
  async close(closeMessage: P): Promise<void> {
    this.send(closeMessage);
    const deadline = Date.now() + 5000;
    while (this.child.exitCode === null && this.child.signalCode === null && Date.now() < deadline) await sleep(50);
    await stopChild(this.child, 1000);
  }
}

/**
 * The next message of this type from every loader, in order; throws if one does not say it by
 * timeoutMs (`what`: the step, for the error). Shared by the orchestrators of bench/votes.ts,
 * bench/reactions.ts and bench/notes.ts.
 */
export async function everyLoader<M extends { type: string }, P, T extends M["type"]>(
  loaders: ReadonlyArray<ChildLoader<M, P>>,
  type: T,
  timeoutMs: number,
  what?: string,
): Promise<Array<Extract<M, { type: T }>>> {
  const answers: Array<Extract<M, { type: T }>> = [];
  const deadline = Date.now() + timeoutMs;
  for (const loader of loaders) {
    const answer = await loader.next(type, Math.max(1000, deadline - Date.now()));
    if (!answer) throw new Error(`a load generator did not say "${type}" in time${what ? ` (${what})` : ""}`);
    answers.push(answer);
  }
  return answers;
}

export interface LogSummary {
  lines: number;
  /** pino level >= 40 (warn, error, fatal) and anything that is not a pino line, by message. */
  problems: Record<string, number>;
}

export function summarizeLog(logPath: string): LogSummary {
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
export async function scrapeMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const wanted: Record<string, RegExp> = {
    handshakesOk: /^workshop_handshakes_total\{outcome="ok"\} (\d+)/m,
    eventBatches: /^workshop_event_batches_total (\d+)/m,
    connections: /^workshop_connections (\d+)/m,
    pollResultBroadcasts: /^workshop_poll_results_broadcasts_total (\d+)/m,
    voteCommandsOk: /^workshop_commands_total\{command="poll:vote",outcome="ok"\} (\d+)/m,
    voteSecondsSum: /^workshop_command_duration_seconds_sum\{command="poll:vote"\} ([\d.e+-]+)/m,
    voteSecondsCount: /^workshop_command_duration_seconds_count\{command="poll:vote"\} (\d+)/m,
  };
  const values: Record<string, number> = {};
  for (const [name, pattern] of Object.entries(wanted)) {
    const match = pattern.exec(text);
    if (match) values[name] = Number(match[1]);
  }
  return values;
}

function command(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: "utf8", cwd: repoRoot }).trim();
  } catch {
    return "unknown";
  }
}

export function machine(): Machine {
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

/** The server code measured: uncommitted changes to server/ and shared/ named by a hash of their diff. */
export function workingTree(): string {
  try {
    const diff = execFileSync("git", ["diff", "HEAD", "--", "server", "shared"], { cwd: repoRoot, encoding: "utf8" });
    if (diff === "") return "no uncommitted changes in server/ or shared/";
    const files = execFileSync("git", ["diff", "HEAD", "--name-only", "--", "server", "shared"], {
      cwd: repoRoot,
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    const hash = createHash("sha1").update(diff).digest("hex").slice(0, 10);
    return `uncommitted changes in ${files.join(", ")} (diff sha1 ${hash})`;
  } catch {
    return "unknown";
  }
}

/**
 * `npm run bench:<name> -- --help` (or -h): what the bench measures, every setting it read with
 * its default and the value it would use now, then exit without starting anything. Called once
 * its settings are read; `more` lists its settings that are not numbers.
 */
export function helpIfAsked(summary: string, more: Record<string, string> = {}): void {
  if (!process.argv.includes("--help") && !process.argv.includes("-h")) return;
  const lines = [summary.trim(), "", "Settings (environment variables):"];
  for (const [name, { fallback, min }] of numberSettings) {
    const now = process.env[name];
    lines.push(`  ${name}  default ${fallback} (at least ${min})${now ? `, now ${now}` : ""}`);
  }
  for (const [name, text] of Object.entries({
    ...more,
    BENCH_WRITE: "0: print the results only; otherwise they rewrite their section of docs/PERFORMANCE.md",
    BENCH_PROFILE: "1: V8 CPU profiles of every server and generator, in the log directory",
  })) {
    lines.push(`  ${name}  ${text}`);
  }
  lines.push("", "docs/PERFORMANCE.md says how each is run and how to read it.");
  process.stdout.write(`${lines.join("\n")}\n`);
  process.exit(0);
}
