import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./cluster.js";
import type { LoaderResult, LoadMode } from "./messages.js";
import { type ExitInfo, exitText } from "./processes.js";
import type { ProcSample } from "./procStats.js";
import { max, mean, percentile } from "./stats.js";

export interface BenchSettings {
  clients: number;
  windowS: number;
  nodes: number;
  loaders: number;
  warmupClients: number;
  quietS: number;
  settleTimeoutS: number;
  timeoutS: number;
  write: boolean;
  /** The storm workshop's roster setting (participants watch no people list, as phones by default). */
  roster: "open" | "private";
  /** 0: one Redis; N: a Redis Cluster of N primaries. */
  redisClusterPrimaries: number;
}

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  redis: string;
  socketIo: string;
  commit: string;
  openFiles: number;
}

export interface LoadRun {
  results: LoaderResult[];
  /** Epoch ms when every generator's clients were all connected or failed. */
  joinedAt: number;
  /** Epoch ms when every client's state was complete, or NaN when that never happened. */
  convergedAt: number;
  /** Length of the measurement window (CPU and RSS samples), seconds. */
  measuredSeconds: number;
}

/** Event-loop delay beyond the probe's 10 ms sampling interval, since the previous probe (bench/memoryProbe.ts). */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** process.memoryUsage() after a full GC, from bench/memoryProbe.ts. */
export interface HeapUsage {
  rss: number;
  heapUsed: number;
  external: number;
  loopDelay?: LoopDelay;
}

export interface NodeReport {
  name: string;
  connections: number;
  before: ProcSample;
  after: ProcSample;
  exit: ExitInfo;
  heapBefore: HeapUsage | null;
  heapAfter: HeapUsage | null;
  log: { lines: number; problems: Record<string, number> };
  metrics: Record<string, number>;
}

export interface PhaseReport {
  kind: LoadMode;
  run: LoadRun;
  nodes: NodeReport[];
  redis: {
    before: ProcSample;
    after: ProcSample;
    usedMemoryBefore: number;
    usedMemoryAfter: number;
    /** Commands every Redis server ran (INFO stats), summed, before and after. */
    commandsBefore: number;
    commandsAfter: number;
  } | null;
  /** Whole-machine CPU in the measurement window, and the part no process of the bench used. */
  machine: { busySeconds: number; othersSeconds: number; wallSeconds: number };
}

export const RESULTS_START = "<!-- bench:results:start -->";
export const RESULTS_END = "<!-- bench:results:end -->";

interface Summary {
  attempted: number;
  ok: number;
  failures: Record<string, number>;
  connectMs: number[];
  readyMs: number[];
  messages: number[];
  bytes: number[];
  byKind: Record<string, { messages: number; bytes: number }>;
  unconverged: number;
  gaps: number;
  staleReady: number;
  resyncs: number;
  disconnects: Record<string, number>;
  nodeCpuSeconds: number;
  nodeRssDelta: number;
  /** Growth of heapUsed + external after a full GC, both nodes; NaN when a node did not answer. */
  nodeLiveDelta: number;
  redisUsedDelta: number;
  redisCpuSeconds: number;
  redisRssDelta: number;
  redisCommands: number;
  measuredSeconds: number;
  loaderCpuSeconds: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  maxStartLagMs: number;
  stormSeconds: number;
  settleSeconds: number;
}

function mergeCounts(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

function summarize(phase: PhaseReport): Summary {
  const results = phase.run.results;
  const failures: Record<string, number> = {};
  const disconnects: Record<string, number> = {};
  const byKind: Record<string, { messages: number; bytes: number }> = {};
  for (const result of results) {
    mergeCounts(failures, result.failures);
    mergeCounts(disconnects, result.disconnects);
    for (const [kind, count] of Object.entries(result.byKind)) {
      const total = byKind[kind] ?? { messages: 0, bytes: 0 };
      total.messages += count.messages;
      total.bytes += count.bytes;
      byKind[kind] = total;
    }
  }
  const sum = (pick: (result: LoaderResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const lastReadyAt = max(results.map((result) => result.lastReadyAt));
  return {
    attempted: sum((result) => result.clients),
    ok: sum((result) => result.ok),
    failures,
    connectMs: results.flatMap((result) => result.connectMs),
    readyMs: results.flatMap((result) => result.readyMs),
    messages: results.flatMap((result) => result.messages),
    bytes: results.flatMap((result) => result.bytes),
    byKind,
    unconverged: sum((result) => result.unconverged),
    gaps: sum((result) => result.gaps),
    staleReady: sum((result) => result.staleReady),
    resyncs: sum((result) => result.resyncs),
    disconnects,
    nodeCpuSeconds: phase.nodes.reduce((total, node) => total + node.after.cpuSeconds - node.before.cpuSeconds, 0),
    nodeRssDelta: phase.nodes.reduce((total, node) => total + node.after.rssBytes - node.before.rssBytes, 0),
    nodeLiveDelta: phase.nodes.reduce(
      (total, node) =>
        total +
        (node.heapAfter && node.heapBefore
          ? node.heapAfter.heapUsed + node.heapAfter.external - node.heapBefore.heapUsed - node.heapBefore.external
          : Number.NaN),
      0,
    ),
    redisUsedDelta: phase.redis ? phase.redis.usedMemoryAfter - phase.redis.usedMemoryBefore : Number.NaN,
    redisCpuSeconds: phase.redis ? phase.redis.after.cpuSeconds - phase.redis.before.cpuSeconds : 0,
    redisRssDelta: phase.redis ? phase.redis.after.rssBytes - phase.redis.before.rssBytes : 0,
    redisCommands: phase.redis ? phase.redis.commandsAfter - phase.redis.commandsBefore : Number.NaN,
    measuredSeconds: phase.run.measuredSeconds,
    loaderCpuSeconds: sum((result) => result.cpuSeconds),
    loopDelayP99Ms: max(results.map((result) => result.loopDelayP99Ms)),
    loopDelayMaxMs: max(results.map((result) => result.loopDelayMaxMs)),
    maxStartLagMs: max(results.map((result) => result.maxStartLagMs)),
    stormSeconds: (lastReadyAt - Math.min(...results.map((result) => result.firstStartAt))) / 1000,
    settleSeconds: (phase.run.convergedAt - lastReadyAt) / 1000,
  };
}

export function format(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratio(workshop: number, bare: number): string {
  if (!Number.isFinite(workshop) || !Number.isFinite(bare) || bare <= 0) return "—";
  return `${format(workshop / bare, workshop / bare >= 10 ? 0 : 2)}×`;
}

const KiB = 1024;
const MiB = 1024 * 1024;

function row(label: string, bare: string, workshop: string, ratioText: string): string {
  return `| ${label} | ${bare} | ${workshop} | ${ratioText} |`;
}

function numericRow(label: string, unit: string, bare: number, workshop: number, digits = 1): string {
  const suffix = unit ? ` ${unit}` : "";
  return row(label, `${format(bare, digits)}${suffix}`, `${format(workshop, digits)}${suffix}`, ratio(workshop, bare));
}

function liveText(node: NodeReport): string {
  if (!node.heapBefore || !node.heapAfter) return "—";
  const live = (usage: HeapUsage) => format((usage.heapUsed + usage.external) / MiB);
  return `${live(node.heapBefore)} → ${live(node.heapAfter)} MiB`;
}

/** `n × key` by count, largest first; "none" when empty. */
export function countsText(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "none" : entries.map(([key, count]) => `${count} × ${key}`).join("; ");
}

/** The **Machine:** line of every bench's results; `tree` says what was uncommitted in the server code. */
export function machineText(machine: Machine, tree?: string): string {
  return (
    `**Machine:** ${machine.cpus} CPUs (${machine.cpuModel}), ${format(machine.memoryGiB, 1)} GiB RAM, ` +
    `Node ${machine.node}, Redis ${/v=(\S+)/.exec(machine.redis)?.[1] ?? machine.redis}, Socket.IO ${machine.socketIo}, ` +
    `open-file limit ${machine.openFiles}, commit ${machine.commit}${tree ? `: ${tree}` : ""}. ` +
    "Servers, Redis and load generators all share these CPUs."
  );
}

/** The Markdown that goes between the markers of docs/PERFORMANCE.md (and to stdout). */
export function renderResults(
  settings: BenchSettings,
  machine: Machine,
  barePhase: PhaseReport,
  workshopPhase: PhaseReport,
): string {
  const bare = summarize(barePhase);
  const workshop = summarize(workshopPhase);
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const admitted = workshopPhase.nodes.reduce((total, node) => total + (node.metrics.handshakesOk ?? 0), 0);

  push(
    `_Written by \`npm run bench\` on ${machine.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${settings.clients} clients joining one workshop (roster ${settings.roster}; no client opens the people list) over ${format(settings.windowS, 0)} s ` +
      `(${format(settings.clients / settings.windowS, 0)} joins/s), alternating over ${settings.nodes} nodes ` +
      `on ${settings.redisClusterPrimaries === 0 ? "one Redis" : `a Redis Cluster of ${settings.redisClusterPrimaries} primaries`}; ` +
      `${settings.loaders} load-generator processes; ${settings.warmupClients} warm-up clients per phase; ` +
      `measured until ${format(settings.quietS, 0)} s after every client's state was complete.`,
    "",
    machineText(machine),
    "",
    "| | bare Socket.IO | workshop server | workshop / bare |",
    "|---|---:|---:|---:|",
    row("clients connected", `${bare.ok} / ${bare.attempted}`, `${workshop.ok} / ${workshop.attempted}`, ""),
    numericRow("join latency p50", "ms", percentile(bare.readyMs, 50), percentile(workshop.readyMs, 50)),
    numericRow("join latency p95", "ms", percentile(bare.readyMs, 95), percentile(workshop.readyMs, 95)),
    numericRow("join latency p99", "ms", percentile(bare.readyMs, 99), percentile(workshop.readyMs, 99)),
    numericRow("join latency max", "ms", max(bare.readyMs), max(workshop.readyMs)),
    numericRow("messages received per client, mean", "", mean(bare.messages), mean(workshop.messages)),
    numericRow("messages received per client, max", "", max(bare.messages), max(workshop.messages), 0),
    numericRow("bytes received per client, mean", "KiB", mean(bare.bytes) / KiB, mean(workshop.bytes) / KiB),
    numericRow("bytes received per client, max", "KiB", max(bare.bytes) / KiB, max(workshop.bytes) / KiB),
    numericRow("server CPU, both nodes", "s", bare.nodeCpuSeconds, workshop.nodeCpuSeconds, 2),
    numericRow(
      "server CPU per client",
      "ms",
      (bare.nodeCpuSeconds * 1000) / bare.attempted,
      (workshop.nodeCpuSeconds * 1000) / workshop.attempted,
      2,
    ),
    row("Redis CPU per client", "—", `${format((workshop.redisCpuSeconds * 1000) / workshop.attempted, 2)} ms`, ""),
    row(
      "Redis commands per client / per second",
      "—",
      `${format(workshop.redisCommands / workshop.attempted)} / ${format(workshop.redisCommands / workshop.measuredSeconds, 0)}`,
      "",
    ),
    numericRow(
      "server + Redis CPU per client",
      "ms",
      (bare.nodeCpuSeconds * 1000) / bare.attempted,
      ((workshop.nodeCpuSeconds + workshop.redisCpuSeconds) * 1000) / workshop.attempted,
      2,
    ),
    numericRow(
      "server RSS growth per connection",
      "KiB",
      bare.nodeRssDelta / KiB / bare.ok,
      workshop.nodeRssDelta / KiB / workshop.ok,
    ),
    numericRow(
      "server live memory growth per connection",
      "KiB",
      bare.nodeLiveDelta / KiB / bare.ok,
      workshop.nodeLiveDelta / KiB / workshop.ok,
    ),
    row(
      "Redis memory growth per connection",
      "—",
      `${format(workshop.redisUsedDelta / KiB / workshop.ok)} KiB (RSS ${format(workshop.redisRssDelta / KiB / workshop.ok)} KiB)`,
      "",
    ),
    "",
    "Join latency, messages and bytes: over the clients that connected. CPU per client: over every client " +
      "that tried (a refused join costs CPU too); memory per connection: over the connections open at the end. " +
      "Join latency: from opening the connection to `session:ready` (workshop) or `connect` (bare). " +
      "Messages: Socket.IO packets received; bytes: WebSocket message payloads received (every Engine.IO " +
      "packet, including the open packet and pings; frame headers of 2–10 bytes each not included). " +
      "CPU and RSS: from /proc, from just before the first join to the end of the quiet period; RSS growth " +
      "mostly shows when V8 last collected garbage. Live memory: V8 heap used + external memory after a forced " +
      "full GC (bench/memoryProbe.ts), before and after. Redis: INFO used_memory.",
    "",
  );

  push(
    "#### Workshop server: what each client receives",
    "",
    `Totals over all ${workshop.attempted} clients (refused ones included), divided by ${workshop.attempted}.`,
    "",
    "| message | messages per client | KiB per client | share of bytes |",
    "|---|---:|---:|---:|",
  );
  const totalBytes = Object.values(workshop.byKind).reduce((total, count) => total + count.bytes, 0);
  for (const [kind, count] of Object.entries(workshop.byKind).sort((a, b) => b[1].bytes - a[1].bytes)) {
    push(
      `| \`${kind}\` | ${format(count.messages / workshop.attempted, 1)} | ${format(count.bytes / KiB / workshop.attempted, 1)} | ${format((100 * count.bytes) / totalBytes, 1)} % |`,
    );
  }
  push("");

  push(
    "#### Details",
    "",
    `- Workshop join, split: Socket.IO \`connect\` (handshake admitted, participant stored) ` +
      `p50 ${format(percentile(workshop.connectMs, 50))} ms / p99 ${format(percentile(workshop.connectMs, 99))} ms; ` +
      `then \`session:ready\` p50 ${format(percentile(workshop.readyMs, 50))} ms / p99 ${format(percentile(workshop.readyMs, 99))} ms.`,
    `- Storm length (first connection opened → last client joined): bare ${format(bare.stormSeconds)} s, ` +
      `workshop ${format(workshop.stormSeconds)} s. ` +
      (workshop.unconverged > 0
        ? `${workshop.unconverged} connected workshop clients never showed all ${workshop.ok} connected participants online.`
        : `Every connected workshop client's own state showed all ${workshop.ok} connected participants online ` +
          `${format(workshop.settleSeconds)} s after the last join.`),
    `- Failed connections: bare ${countsText(bare.failures)}; workshop ${countsText(workshop.failures)}.`,
    `- Handshakes the workshop nodes admitted (participant stored) during the storm: ${admitted} for ${workshop.ok} ` +
      `sessions started${admitted > workshop.ok ? `: ${admitted - workshop.ok} participants stay in the roster though their client never got a session` : ""}.`,
    `- Version gaps seen by workshop clients: ${workshop.gaps} (resyncs: ${workshop.resyncs}); ` +
      `${workshop.staleReady} clients got a \`session:ready\` snapshot older than an event batch that reached them ` +
      "before it. Unexpected disconnects: " +
      `bare ${countsText(bare.disconnects)}; workshop ${countsText(workshop.disconnects)}.`,
    `- Load generators (not counted above): bare phase ${format(bare.loaderCpuSeconds, 1)} s CPU, workshop phase ` +
      `${format(workshop.loaderCpuSeconds, 1)} s CPU; worst event-loop delay p99 ${format(bare.loopDelayP99Ms, 0)} / ` +
      `${format(workshop.loopDelayP99Ms, 0)} ms (max ${format(bare.loopDelayMaxMs, 0)} / ${format(workshop.loopDelayMaxMs, 0)} ms); ` +
      `worst start lag behind schedule ${format(bare.maxStartLagMs, 0)} / ${format(workshop.maxStartLagMs, 0)} ms. ` +
      "A busy generator adds to the measured latency.",
    `- Other work on the machine while measuring (CPU time no process of the bench used): bare phase ` +
      `${format(barePhase.machine.othersSeconds)} s of ${format(barePhase.machine.wallSeconds * machine.cpus)} CPU-s ` +
      `(${format((100 * barePhase.machine.othersSeconds) / (barePhase.machine.wallSeconds * machine.cpus), 0)} %), ` +
      `workshop phase ${format(workshopPhase.machine.othersSeconds)} s of ` +
      `${format(workshopPhase.machine.wallSeconds * machine.cpus)} CPU-s ` +
      `(${format((100 * workshopPhase.machine.othersSeconds) / (workshopPhase.machine.wallSeconds * machine.cpus), 0)} %). ` +
      "CPU seconds per process hold under such load; latencies do not.",
    "",
    "| process | connections | handshakes admitted | CPU | RSS before → after | peak RSS | live heap before → after | event batches sent | log warnings | exit |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
  );
  for (const phase of [barePhase, workshopPhase]) {
    for (const node of phase.nodes) {
      const problems = Object.values(node.log.problems).reduce((total, count) => total + count, 0);
      push(
        `| ${node.name} | ${node.connections} | ${node.metrics.handshakesOk ?? "—"} | ` +
          `${format(node.after.cpuSeconds - node.before.cpuSeconds, 2)} s | ` +
          `${format(node.before.rssBytes / MiB)} → ${format(node.after.rssBytes / MiB)} MiB | ` +
          `${format(node.after.peakRssBytes / MiB)} MiB | ${liveText(node)} | ` +
          `${node.metrics.eventBatches ?? "—"} | ${problems} | ${exitText(node.exit)} |`,
      );
    }
  }
  if (workshopPhase.redis) {
    const redis = workshopPhase.redis;
    push(
      `| redis | — | — | ${format(redis.after.cpuSeconds - redis.before.cpuSeconds, 2)} s | ` +
        `${format(redis.before.rssBytes / MiB)} → ${format(redis.after.rssBytes / MiB)} MiB | ` +
        `${format(redis.after.peakRssBytes / MiB)} MiB | ${format(redis.usedMemoryBefore / MiB)} → ` +
        `${format(redis.usedMemoryAfter / MiB)} MiB used | — | — | — |`,
    );
  }
  const logProblems: Record<string, number> = {};
  for (const node of [...barePhase.nodes, ...workshopPhase.nodes]) mergeCounts(logProblems, node.log.problems);
  push("", `Server log warnings and errors: ${countsText(logProblems)}.`);
  return lines.join("\n");
}

/**
 * Replaces what stands between two markers of the performance doc, keeping the hand-written
 * rest; without the markers, appends them under `heading` at the end.
 */
export function writeBetweenMarkers(
  file: string,
  markers: { start: string; end: string; heading: string },
  text: string,
) {
  const block = `${markers.start}\n${text}\n${markers.end}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Performance\n";
  const start = current.indexOf(markers.start);
  const end = current.indexOf(markers.end);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + markers.end.length)}`
      : `${current.trimEnd()}\n\n${markers.heading}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Prints a bench's results and, when `write` (not BENCH_WRITE=0), puts them into docs/PERFORMANCE.md with `writer`. */
export function publish(
  markdown: string,
  write: boolean,
  writer: (file: string, text: string) => void,
  log: (line: string) => void,
): void {
  process.stdout.write(`${markdown}\n`);
  if (!write) return;
  const file = path.join(repoRoot, "docs/PERFORMANCE.md");
  writer(file, markdown);
  log(`results written to ${path.relative(repoRoot, file)}`);
}

/** Replaces the join-storm results between their markers. */
export function writeResults(file: string, results: string): void {
  writeBetweenMarkers(file, { start: RESULTS_START, end: RESULTS_END, heading: "## Results" }, results);
}
