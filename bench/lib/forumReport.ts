import type { ClientStatsSummary } from "./participantMessages.js";
import type { CpuSpan } from "./procStats.js";
import { countsText, format, type HeapUsage, type Machine, machineText, writeBetweenMarkers } from "./report.js";
import { percentile } from "./stats.js";

export const FORUM_START = "<!-- bench:forum:start -->";
export const FORUM_END = "<!-- bench:forum:end -->";

const KiB = 1024;
const MiB = 1024 * 1024;

export interface ForumSettings {
  people: number;
  nodes: number;
  redisClusterPrimaries: number;
  rooms: number;
  loaders: number;
  joinRate: number;
  voteWindowS: number;
  deliveryTimeoutS: number;
  quietS: number;
  pauseS: number;
  joinAttempts: number;
  loaderHeapMiB: number;
  timeoutS: number;
  roster: "open" | "private";
  write: boolean;
}

/** One latency of a phase over participants (or commands), ms; `missing`: never met by the timeout. */
export interface Latency {
  label: string;
  values: number[];
  missing?: number;
}

export interface ForumPhase {
  name: string;
  /** CPU per process from /proc over the phase (orchestrator included), the machine's other work. */
  cpu: CpuSpan;
  /** Commands each Redis server ran in the phase (INFO stats). */
  redisCommands: Record<string, number>;
  latencies: Latency[];
  /** One-line facts of the phase (acks, counts, the facilitator's view). */
  facts: string[];
  /** Each node's event-loop delay over the phase (bench/memoryProbe.ts), beyond its 10 ms sampling. */
  nodeLoop: Array<{ name: string; p99Ms: number; maxMs: number }>;
  /** What the participants received in the phase, summed over the load generators. */
  traffic: {
    participants: number;
    messages: number;
    bytes: number;
    byKind: Record<string, { messages: number; bytes: number }>;
  };
  /** Worst load-generator event-loop delay in the phase (p99, max), ms. */
  loaderLoop: { p99Ms: number; maxMs: number };
}

export interface NodeMemory {
  name: string;
  participants: number;
  rss: [number, number, number];
  live: [HeapUsage | null, HeapUsage | null, HeapUsage | null];
}

export interface Invariant {
  what: string;
  ok: boolean;
  detail: string;
}

export interface ForumReport {
  settings: ForumSettings;
  machine: Machine;
  tree: string;
  logDir: string;
  store: string;
  /** The Redis server that holds the workshop's keys (its hash slot). */
  workshopHolder: string;
  redisNames: string[];
  nodeNames: string[];
  loaderNames: string[];
  connected: number;
  joinFailures: Record<string, number>;
  joinRetries: number;
  phases: ForumPhase[];
  /** Memory before the join storm, after it, and at the end (after a forced GC for the live part). */
  memory: NodeMemory[];
  redisMemory: [number, number, number];
  invariants: Invariant[];
  /** The participants' clients, over every load generator. */
  clients: ClientStatsSummary & {
    disconnects: Record<string, number>;
    loaderHeapMiB: number[];
  };
  logs: Record<string, number>;
  exits: Array<{ name: string; exit: string }>;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function ms(value: number): string {
  return `${format(value, Math.abs(value) >= 100 || !Number.isFinite(value) ? 0 : 1)}`;
}

/** CPU seconds of the named processes in a phase. */
function cpuOf(phase: ForumPhase, names: readonly string[]): number[] {
  return names.map((name) => phase.cpu.byProcess[name] ?? Number.NaN);
}

function range(values: number[], digits: number): string {
  if (values.length === 0) return "—";
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high || values.length === 1 ? format(low, digits) : `${format(low, digits)}-${format(high, digits)}`;
}

function liveOf(usage: HeapUsage | null): number {
  return usage ? usage.heapUsed + usage.external : Number.NaN;
}

/** The Markdown between the forum markers of docs/PERFORMANCE.md (and on stdout). */
export function renderForumResults(report: ForumReport): string {
  const { settings, machine, phases } = report;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const people = report.connected;
  const perNode = people / Math.max(1, settings.nodes);
  const failed = report.invariants.filter((invariant) => !invariant.ok);
  const header = (first: string) => `| ${first} | ${phases.map((phase) => phase.name).join(" | ")} |`;
  const rule = `|---|${phases.map(() => "---:|").join("")}`;
  const phaseRow = (label: string, cell: (phase: ForumPhase) => string) =>
    push(`| ${label} | ${phases.map(cell).join(" | ")} |`);

  push(
    `_Written by \`npm run bench:forum\` on ${machine.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${people} of ${settings.people} participants joined one workshop (${settings.roster} roster) at ` +
      `${format(settings.joinRate, 0)} joins/s, alternating over ${settings.nodes} workshop nodes on ${report.store}; ` +
      `the workshop's keys live on ${report.workshopHolder}. Then, in order: a plenary poll, a Q&A question everyone ` +
      `upvotes, a breakout round of ${settings.rooms} rooms (about ${format(people / settings.rooms, 0)} each), and a ` +
      `poll in every room; every participant votes or upvotes once per phase, spread over ${format(settings.voteWindowS, 0)} s. ` +
      `${settings.loaders} load-generator processes hold the participants; the facilitator is a client in the orchestrator.` +
      (report.joinRetries > 0 ? ` ${report.joinRetries} joins needed a second try.` : "") +
      (Object.keys(report.joinFailures).length > 0 ? ` Joins that failed: ${countsText(report.joinFailures)}.` : ""),
    "",
    machineText(machine, report.tree),
    "",
    failed.length === 0
      ? `**Invariants: all ${report.invariants.length} hold** (listed below).`
      : `**Invariants: ${failed.length} of ${report.invariants.length} FAILED**: ${failed.map((f) => f.what).join("; ")}.`,
    "",
    "#### Latencies",
    "",
    "| phase | what | n | p50 | p95 | p99 | max |",
    "|---|---|---:|---:|---:|---:|---:|",
  );
  for (const phase of phases) {
    for (const latency of phase.latencies) {
      const missing = latency.missing ? ` (${latency.missing} never)` : "";
      push(
        `| ${phase.name} | ${latency.label} | ${latency.values.length}${missing} | ${ms(percentile(latency.values, 50))} | ` +
          `${ms(percentile(latency.values, 95))} | ${ms(percentile(latency.values, 99))} | ${ms(percentile(latency.values, 100))} |`,
      );
    }
  }
  push(
    "",
    "Milliseconds, on the load generators' clock (one machine: the same clock as the orchestrator's). A view's " +
      '"final" time is when what that participant\'s own state shows last changed, so it may come before the last ' +
      "vote's ack reached its voter (negative).",
    "",
  );
  for (const phase of phases) for (const fact of phase.facts) push(`- **${phase.name}**: ${fact}`);

  push("", "#### CPU, Redis and traffic per phase", "", header("per phase"), rule);
  phaseRow("duration", (phase) => `${format(phase.cpu.wallSeconds, 1)} s`);
  phaseRow("server CPU per node", (phase) => `${range(cpuOf(phase, report.nodeNames), 1)} s`);
  phaseRow(
    "server CPU per participant (all nodes)",
    (phase) => `${format((1000 * sum(cpuOf(phase, report.nodeNames))) / people, 2)} ms`,
  );
  phaseRow("busiest node, cores", (phase) =>
    format(Math.max(...cpuOf(phase, report.nodeNames)) / phase.cpu.wallSeconds, 2),
  );
  phaseRow("node event-loop delay p99 / max", (phase) => {
    const p99 = Math.max(...phase.nodeLoop.map((node) => node.p99Ms));
    const top = Math.max(...phase.nodeLoop.map((node) => node.maxMs));
    return `${ms(p99)} / ${ms(top)} ms`;
  });
  phaseRow("Redis CPU, per server", (phase) =>
    report.redisNames.map((name) => format(phase.cpu.byProcess[name] ?? Number.NaN, 1)).join(" / "),
  );
  phaseRow("Redis commands/s, per server", (phase) =>
    report.redisNames.map((name) => format((phase.redisCommands[name] ?? 0) / phase.cpu.wallSeconds, 0)).join(" / "),
  );
  phaseRow("Redis commands per participant", (phase) => format(sum(Object.values(phase.redisCommands)) / people, 1));
  phaseRow("messages / KiB per participant", (phase) => {
    const count = Math.max(1, phase.traffic.participants);
    return `${format(phase.traffic.messages / count, 1)} / ${format(phase.traffic.bytes / KiB / count, 1)}`;
  });
  phaseRow("load generators CPU (all)", (phase) => `${format(sum(cpuOf(phase, report.loaderNames)), 1)} s`);
  phaseRow(
    "load-generator loop delay p99 / max",
    (phase) => `${ms(phase.loaderLoop.p99Ms)} / ${ms(phase.loaderLoop.maxMs)} ms`,
  );
  const kinds = new Map<string, number>();
  for (const phase of phases) {
    for (const [kind, count] of Object.entries(phase.traffic.byKind))
      kinds.set(kind, (kinds.get(kind) ?? 0) + count.bytes);
  }
  const topKinds = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8);
  push(
    "",
    "What a participant received, per phase: messages / KiB (mean), the largest kinds:",
    "",
    header("message"),
    rule,
  );
  for (const [kind] of topKinds) {
    phaseRow(`\`${kind}\``, (phase) => {
      const count = phase.traffic.byKind[kind];
      const participants = Math.max(1, phase.traffic.participants);
      return count
        ? `${format(count.messages / participants, 1)} / ${format(count.bytes / KiB / participants, 2)}`
        : "—";
    });
  }
  push(
    "",
    `Redis servers in the order ${report.redisNames.join(", ")}; CPU in seconds. Commands: INFO \`total_commands_processed\`, ` +
      "the bench's own INFO reads included (a handful per phase). Traffic: Socket.IO packets and WebSocket payload bytes " +
      "each participant received (acks included), mean over participants.",
    "",
    `#### How the ${machine.cpus} cores were shared`,
    "",
    header("CPU-seconds"),
    rule,
  );
  phaseRow("capacity (cores × duration)", (phase) => format(machine.cpus * phase.cpu.wallSeconds, 1));
  phaseRow(`workshop nodes (${settings.nodes})`, (phase) => format(sum(cpuOf(phase, report.nodeNames)), 1));
  phaseRow(`Redis (${report.redisNames.length})`, (phase) => format(sum(cpuOf(phase, report.redisNames)), 1));
  phaseRow(`load generators (${settings.loaders})`, (phase) => format(sum(cpuOf(phase, report.loaderNames)), 1));
  phaseRow("orchestrator (facilitator's client)", (phase) => format(phase.cpu.byProcess.orchestrator ?? Number.NaN, 1));
  phaseRow("other work on the machine", (phase) => format(phase.cpu.othersSeconds, 1));
  phaseRow("idle", (phase) => {
    const used = sum(Object.values(phase.cpu.byProcess)) + phase.cpu.othersSeconds;
    return format(Math.max(0, machine.cpus * phase.cpu.wallSeconds - used), 1);
  });

  push(
    "",
    "#### Memory",
    "",
    "| process | participants | RSS before → after the join → end | per participant (join) | live after GC before → after the join → end | per participant (join / end) |",
    "|---|---:|---:|---:|---:|---:|",
  );
  for (const node of report.memory) {
    const [rssBefore, rssJoined, rssEnd] = node.rss;
    const [liveBefore, liveJoined, liveEnd] = node.live.map(liveOf) as [number, number, number];
    const per = (value: number) => format(value / KiB / Math.max(1, node.participants), 1);
    push(
      `| ${node.name} | ${node.participants} | ${format(rssBefore / MiB, 0)} → ${format(rssJoined / MiB, 0)} → ${format(rssEnd / MiB, 0)} MiB | ` +
        `${per(rssJoined - rssBefore)} KiB | ${format(liveBefore / MiB, 0)} → ${format(liveJoined / MiB, 0)} → ${format(liveEnd / MiB, 0)} MiB | ` +
        `${per(liveJoined - liveBefore)} / ${per(liveEnd - liveBefore)} KiB |`,
    );
  }
  const [redisBefore, redisJoined, redisEnd] = report.redisMemory;
  push(
    `| Redis, all servers (\`used_memory\`) | ${people} | ${format(redisBefore / MiB, 1)} → ${format(redisJoined / MiB, 1)} → ${format(redisEnd / MiB, 1)} MiB | ` +
      `${format((redisJoined - redisBefore) / KiB / Math.max(1, people), 2)} KiB | | ${format((redisEnd - redisBefore) / KiB / Math.max(1, people), 2)} KiB at the end |`,
    "",
  );

  push("#### What a node and a Redis shard carry at this pace (linear, one core each)", "");
  const holder = report.workshopHolder;
  for (const phase of phases) {
    const nodeCpu = Math.max(...cpuOf(phase, report.nodeNames));
    const holderCpu = phase.cpu.byProcess[holder] ?? Number.NaN;
    const busiest = Object.entries(phase.cpu.byProcess)
      .filter(([name]) => name !== "orchestrator")
      .sort((a, b) => b[1] - a[1])[0];
    push(
      `- **${phase.name}**: the busiest node used ${format(nodeCpu / phase.cpu.wallSeconds, 2)} of a core for its ` +
        `${format(perNode, 0)} participants, so one core would carry about ${format((perNode * phase.cpu.wallSeconds) / nodeCpu, 0)} ` +
        `at this pace; ${holder} (the workshop's shard) used ${format(holderCpu / phase.cpu.wallSeconds, 2)} of a core: about ` +
        `${format((people * phase.cpu.wallSeconds) / holderCpu, 0)} participants per shard core. Busiest process: ` +
        `${busiest ? `${busiest[0]} at ${format(busiest[1] / phase.cpu.wallSeconds, 2)} cores` : "—"}.`,
    );
  }
  push(
    "",
    "Linear extrapolations from CPU-seconds only: they assume each process had a core of its own and that its cost " +
      "per participant stays the same as the forum grows, which the phases above do not show (several grow with N). " +
      "On this machine the processes shared the cores listed above, so times are longer than they would be apart.",
    "",
    "#### Invariants",
    "",
  );
  for (const invariant of report.invariants) {
    push(`- ${invariant.ok ? "✓" : "✗ **FAILED**"} ${invariant.what}: ${invariant.detail}`);
  }
  const { clients } = report;
  push(
    "",
    `Participants' clients: ${clients.gaps} version gaps (${clients.resyncs} resyncs, ${clients.snapshotResyncs} from a snapshot), ` +
      `${clients.roomFetches} \`breakout:room\` fetches (refused, then asked again 1-4 s later as the browser does, or answered as of a version older than the participant's copy and asked again 0.3 s later: ${countsText(clients.roomFetchFailures)}), ` +
      `connections dropped: ${countsText(clients.disconnects)}. Load-generator heaps at the end: ` +
      `${clients.loaderHeapMiB.map((value) => format(value, 0)).join(", ")} MiB.`,
    "",
    `Server log warnings and errors: ${countsText(report.logs)}. Node exits: ${report.exits.map((exit) => `${exit.name} ${exit.exit}`).join(", ")}. ` +
      `Logs and raw numbers: \`${report.logDir}\`.`,
  );
  return lines.join("\n");
}

/** Replaces the forum results between their markers, keeping the hand-written rest. */
export function writeForumResults(file: string, results: string): void {
  writeBetweenMarkers(
    file,
    { start: FORUM_START, end: FORUM_END, heading: "## The 10,000-person forum (issue 18 item 4)" },
    results,
  );
}
