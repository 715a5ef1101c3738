import type { WindowProfile } from "./cpuProfile.js";
import type { CpuSpan } from "./procStats.js";
import { format, type LoopDelay, type Machine, machineText, writeBetweenMarkers } from "./report.js";

export const NOTES_START = "<!-- bench:notes:start -->";
export const NOTES_END = "<!-- bench:notes:end -->";

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of one sort (the propagation arrays hold hundreds of thousands of values). */
export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted.length === 0
      ? Number.NaN
      : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] ?? 0),
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

export interface ConvergenceCheck {
  docs: number;
  /** Documents whose editors all hold the same text. */
  docsEditorsAgree: number;
  /** Documents whose stored text (a fresh `notes:open` with an empty state vector) equals every editor's. */
  docsStoredAgree: number;
  editorsChecked: number;
  /** Editors with updates Yjs could not apply yet (a dependency never arrived). */
  editorsPending: number;
  ackedUpdates: number;
  /** Acknowledged updates whose marker line is in the stored text. */
  ackedInStored: number;
  duplicateLines: number;
  /** Marker lines of updates that were not acknowledged (refused or timed out, yet stored). */
  unackedInStored: number;
  /** Lines that are not whole markers (a split or garbled line). */
  foreignLines: number;
  storedBytes: number;
}

export interface NotesPhaseReport {
  label: string;
  kind: "plenary" | "rooms";
  docs: number;
  editorsPlanned: number;
  editorsJoined: number;
  editable: number;
  readOnly: number;
  setupFailures: Record<"join" | "role" | "move" | "open", Record<string, number>>;
  updatesPerEditor: number;
  seconds: number;
  rate: number;
  sent: number;
  acked: number;
  /** Refused `notes:update` messages by code. */
  refused: Record<string, number>;
  /** Messages that carried refused edits again, merged with the next edit (the sync engine's rule). */
  resends: number;
  ackedAfterResend: number;
  neverAcked: number;
  /** Markers an editor received twice (a resent update that had been stored after all). */
  duplicates: number;
  ack: Summary;
  /** Ack p50 / p99 by the second of the typing in which the message was emitted. */
  ackBySecond: Array<{ second: number; p50: number; p99: number }>;
  propagation: Summary;
  /** Acks and propagation of the updates emitted after the first 3 s (start-up queues excluded). */
  ackSteady: Summary;
  propagationSteady: Summary;
  sameNode: Summary;
  crossNode: Summary;
  /** Per update: emit → the last other editor of its document receiving it (updates every other editor received). */
  lastReceiver: Summary;
  updatesSeenByAll: number;
  deliveries: number;
  expectedDeliveries: number;
  incompleteEditors: number;
  missingDeliveries: number;
  unmarked: number;
  notesEvents: number[];
  wsMessages: number[];
  wsBytes: number[];
  window: { typingSeconds: number; lastAckS: number; lastDeliveryS: number };
  cpu: CpuSpan;
  /** 2 s before the typing, everyone connected and following: what the nodes cost anyway. */
  idleCpu: CpuSpan;
  nodeLoop: Array<{ name: string; loopDelay: LoopDelay | null }>;
  nodeUpdateMs: Array<{ name: string; count: number; meanMs: number }>;
  redis: Array<{ name: string; calls: number; usec: number }>;
  loaders: Array<{
    name: string;
    editors: number;
    cpuSeconds: number;
    loopDelayP99Ms: number;
    loopDelayMaxMs: number;
    lateP99Ms: number;
    lateMaxMs: number;
    disconnects: Record<string, number>;
  }>;
  convergence: ConvergenceCheck;
  afterResync: ConvergenceCheck | null;
  /** Idle (2 s before the typing) and the typing: where the nodes spent them (BENCH_PROFILE=1). */
  profileWindows: Array<{ label: string; from: number; to: number }>;
}

export interface NotesSettings {
  editors: number;
  rooms: number;
  rate: number;
  seconds: number;
  phases: string[];
  loaders: number;
  admins: number;
  joinRate: number;
  warmup: boolean;
  ackTimeoutS: number;
  settleTimeoutS: number;
  timeoutS: number;
  write: boolean;
}

export interface NotesRun {
  settings: NotesSettings;
  phases: NotesPhaseReport[];
  nodeNames: string[];
  exits: Array<{ name: string; exit: string }>;
  logs: Record<string, Record<string, number>>;
  profiles: Array<{ process: string; windows: WindowProfile[] }>;
  machine: Machine;
  tree: string;
  logDir: string;
}

const KiB = 1024;

function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return `${format(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
}

function us(value: number): string {
  return Number.isFinite(value) ? `${format(value, value < 100 ? 1 : 0)} µs` : "—";
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "none" : entries.map(([key, count]) => `${count} × ${key}`).join(", ");
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function cores(seconds: number, wall: number): string {
  return `${format(seconds, 2)} s (${format(wall > 0 ? seconds / wall : Number.NaN, 2)} cores)`;
}

function nodeSeconds(phase: NotesPhaseReport, span: CpuSpan = phase.cpu): number {
  return Object.entries(span.byProcess)
    .filter(([name]) => name.startsWith("workshop-"))
    .reduce((sum, [, seconds]) => sum + seconds, 0);
}

function processSeconds(phase: NotesPhaseReport, prefix: string): number {
  return Object.entries(phase.cpu.byProcess)
    .filter(([name]) => name.startsWith(prefix))
    .reduce((sum, [, seconds]) => sum + seconds, 0);
}

function title(phase: NotesPhaseReport): string {
  return phase.kind === "plenary"
    ? `plenary: ${phase.editorsPlanned} editors, one document`
    : `rooms: ${phase.docs} rooms × ${Math.round(phase.editorsPlanned / Math.max(1, phase.docs))} editors`;
}

function checkText(check: ConvergenceCheck): string {
  const ok =
    check.docsEditorsAgree === check.docs &&
    check.docsStoredAgree === check.docs &&
    check.editorsPending === 0 &&
    check.ackedInStored === check.ackedUpdates &&
    check.duplicateLines === 0 &&
    check.foreignLines === 0;
  return (
    `${ok ? "**yes**" : "**no**"}: editors agree in ${check.docsEditorsAgree}/${check.docs} docs, stored = editors in ` +
    `${check.docsStoredAgree}/${check.docs}; acked updates in the stored text ${check.ackedInStored}/${check.ackedUpdates}` +
    `${check.duplicateLines > 0 ? `, ${check.duplicateLines} duplicated` : ""}` +
    `${check.unackedInStored > 0 ? `, ${check.unackedInStored} unacked yet stored` : ""}` +
    `${check.foreignLines > 0 ? `, ${check.foreignLines} broken lines` : ""}` +
    `${check.editorsPending > 0 ? `, ${check.editorsPending} editors with pending updates` : ""}`
  );
}

/** The Markdown between the markers of docs/PERFORMANCE.md (and on stdout). */
export function renderNotesResults(run: NotesRun): string {
  const { settings, phases } = run;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    `_Written by \`npm run bench:notes\` on ${run.machine.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${settings.rate} updates/s per editor for ${settings.seconds} s, each update one marker line ` +
      "(`[e<editor>.<seq>@<emit ms>]`, 24–27 bytes with its newline) inserted at a random line start and sent as its own `notes:update`; " +
      `no awareness messages. Editors are note-takers, spread over 2 nodes (see Method); ${settings.loaders} load-generator ` +
      `processes${settings.warmup ? "; a 3 s warm-up phase (4 editors) first" : ""}.`,
    "",
    machineText(run.machine, run.tree),
    "",
  );
  if (phases.length === 0) {
    push("No phase ran.");
    return lines.join("\n");
  }
  const row = (label: string, cell: (phase: NotesPhaseReport) => string) =>
    push(`| ${label} | ${phases.map(cell).join(" | ")} |`);
  push(`| | ${phases.map(title).join(" | ")} |`, `|---|${phases.map(() => "---:").join("|")}|`);
  row("editors typing / joined", (phase) => `${phase.editable} / ${phase.editorsJoined}`);
  row("updates offered, all editors", (phase) => `${format(phase.editable * phase.rate, 0)}/s`);
  row("updates sent / acked", (phase) => `${phase.sent} / ${phase.acked}`);
  row("`notes:update` messages refused", (phase) =>
    Object.keys(phase.refused).length === 0 ? "0" : counts(phase.refused),
  );
  row(
    "updates acked only when resent with a later one / never acked",
    (phase) => `${phase.ackedAfterResend} / ${phase.neverAcked}`,
  );
  row("**ack p50 / p99** (max)", (phase) => `${ms(phase.ack.p50)} / ${ms(phase.ack.p99)} (${ms(phase.ack.max)})`);
  row(
    "**propagation p50 / p95 / p99**, every receiver",
    (phase) => `${ms(phase.propagation.p50)} / ${ms(phase.propagation.p95)} / ${ms(phase.propagation.p99)}`,
  );
  row("propagation max", (phase) => ms(phase.propagation.max));
  row(
    "after the first 3 s: ack p50 / p99, propagation p50 / p99",
    (phase) =>
      `${ms(phase.ackSteady.p50)} / ${ms(phase.ackSteady.p99)}, ${ms(phase.propagationSteady.p50)} / ` +
      `${ms(phase.propagationSteady.p99)}`,
  );
  row(
    "propagation p50 / p99, receiver on the sender's node",
    (phase) => `${ms(phase.sameNode.p50)} / ${ms(phase.sameNode.p99)} (${phase.sameNode.count})`,
  );
  row(
    "propagation p50 / p99, receiver on the other node",
    (phase) => `${ms(phase.crossNode.p50)} / ${ms(phase.crossNode.p99)} (${phase.crossNode.count})`,
  );
  row(
    "emit → last editor of the doc has it, p50 / p99",
    (phase) => `${ms(phase.lastReceiver.p50)} / ${ms(phase.lastReceiver.p99)}`,
  );
  row("deliveries received / expected", (phase) => `${phase.deliveries} / ${phase.expectedDeliveries}`);
  row(
    "`notes:update` received per editor, mean",
    (phase) => `${format(mean(phase.notesEvents), 0)} (${format(mean(phase.notesEvents) / phase.seconds, 0)}/s)`,
  );
  row(
    "WebSocket messages received per editor, mean",
    (phase) => `${format(mean(phase.wsMessages), 0)} (${format(mean(phase.wsMessages) / phase.seconds, 0)}/s)`,
  );
  row("bytes received per editor, mean", (phase) => `${format(mean(phase.wsBytes) / KiB, 0)} KiB`);
  row(
    "every update acked / delivered after",
    (phase) => `${format(phase.window.lastAckS, 1)} s / ${format(phase.window.lastDeliveryS, 1)} s`,
  );
  row("server CPU, both nodes", (phase) => cores(nodeSeconds(phase), phase.cpu.wallSeconds));
  row("server CPU per node", (phase) =>
    run.nodeNames.map((name) => `${format(phase.cpu.byProcess[name] ?? Number.NaN, 2)} s`).join(" + "),
  );
  row("server CPU idle before the typing (everyone following)", (phase) =>
    cores(nodeSeconds(phase, phase.idleCpu), phase.idleCpu.wallSeconds),
  );
  row("Redis CPU", (phase) => cores(phase.cpu.byProcess.redis ?? Number.NaN, phase.cpu.wallSeconds));
  row("server CPU per update acked", (phase) => us((nodeSeconds(phase) / phase.acked) * 1e6));
  row("server CPU per update acked, above idle", (phase) => {
    const idleRate = nodeSeconds(phase, phase.idleCpu) / phase.idleCpu.wallSeconds;
    return us(((nodeSeconds(phase) - idleRate * phase.cpu.wallSeconds) / phase.acked) * 1e6);
  });
  row("server CPU per delivery", (phase) => us((nodeSeconds(phase) / phase.deliveries) * 1e6));
  row("server + Redis CPU per update acked", (phase) =>
    us(((nodeSeconds(phase) + (phase.cpu.byProcess.redis ?? 0)) / phase.acked) * 1e6),
  );
  row("`notes:update` handled on the node (receipt → ack), mean", (phase) =>
    phase.nodeUpdateMs.map((node) => ms(node.meanMs)).join(" / "),
  );
  row("event-loop delay p99 / max, worst node", (phase) => {
    const delays = phase.nodeLoop.flatMap((node) => (node.loopDelay ? [node.loopDelay] : []));
    if (delays.length === 0) return "—";
    return `${ms(Math.max(...delays.map((delay) => delay.p99Ms)))} / ${ms(Math.max(...delays.map((delay) => delay.maxMs)))}`;
  });
  row("load generators: CPU, loop delay p99, ticks late p99 / max", (phase) => {
    const loaders = phase.loaders;
    return (
      `${format(processSeconds(phase, "loader-"), 1)} s, ${ms(Math.max(...loaders.map((l) => l.loopDelayP99Ms)))}, ` +
      `${ms(Math.max(...loaders.map((l) => l.lateP99Ms)))} / ${ms(Math.max(...loaders.map((l) => l.lateMaxMs)))}`
    );
  });
  row("other work on the machine", (phase) => cores(phase.cpu.othersSeconds, phase.cpu.wallSeconds));
  row("converged as typed", (phase) => checkText(phase.convergence));
  if (phases.some((phase) => phase.afterResync)) {
    row("converged after one resync", (phase) => (phase.afterResync ? checkText(phase.afterResync) : "not needed"));
  }
  push(
    "",
    "Propagation: from the sender's emit of `notes:update` to each other editor of the document receiving it " +
      "(socket.io-client's event, before Yjs applies it), one clock. Ack: emit → ack (stored in Redis). " +
      "WebSocket messages: a binary event is two (header + attachment); acks and pings included. CPU: /proc, from the " +
      "first tick to the moment every editor had every acknowledged update of its document.",
    "",
    "#### How the two CPUs were shared",
    "",
    "| phase | wall | workshop nodes | Redis | load generators | orchestrator | other work |",
    "|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const phase of phases) {
    const wall = phase.cpu.wallSeconds;
    push(
      `| ${phase.label} | ${format(wall, 1)} s | ${cores(nodeSeconds(phase), wall)} | ` +
        `${cores(phase.cpu.byProcess.redis ?? Number.NaN, wall)} | ${cores(processSeconds(phase, "loader-"), wall)} | ` +
        `${cores(phase.cpu.byProcess.orchestrator ?? Number.NaN, wall)} | ${cores(phase.cpu.othersSeconds, wall)} |`,
    );
  }
  push("", "#### Details", "");
  for (const phase of phases) {
    const redis = phase.redis
      .map((entry) => `${entry.name} ${entry.calls} calls ${format(entry.usec / 1000, 0)} ms`)
      .join(", ");
    const loops = phase.nodeLoop
      .map((node) =>
        node.loopDelay
          ? `${node.name} p50 ${ms(node.loopDelay.p50Ms)} / p99 ${ms(node.loopDelay.p99Ms)} / max ${ms(node.loopDelay.maxMs)}`
          : `${node.name} —`,
      )
      .join("; ");
    const loaders = phase.loaders
      .map(
        (loader) =>
          `${loader.name} (${loader.editors} editors) ${format(loader.cpuSeconds, 1)} s CPU, loop delay p99 ` +
          `${ms(loader.loopDelayP99Ms)} / max ${ms(loader.loopDelayMaxMs)}, ticks late p99 ${ms(loader.lateP99Ms)} / ` +
          `max ${ms(loader.lateMaxMs)}, drops ${counts(loader.disconnects)}`,
      )
      .join("; ");
    push(
      `- **${phase.label}**: ${phase.docs} documents, ${phase.updatesPerEditor} updates per editor; setup failures: ` +
        `join ${counts(phase.setupFailures.join)}, role ${counts(phase.setupFailures.role)}, move ` +
        `${counts(phase.setupFailures.move)}, open ${counts(phase.setupFailures.open)}; ${phase.readOnly} editors read-only; ` +
        `ack p95 ${ms(phase.ack.p95)}, mean ${ms(phase.ack.mean)}; propagation mean ${ms(phase.propagation.mean)}; ` +
        `last-editor p95 ${ms(phase.lastReceiver.p95)}, max ${ms(phase.lastReceiver.max)} ` +
        `(${phase.updatesSeenByAll} updates seen by every other editor of their doc); ` +
        `${phase.resends} resends, ${phase.duplicates} updates received twice; ` +
        `${phase.incompleteEditors} editors missed ${phase.missingDeliveries} updates at the settle deadline; ` +
        `updates without a marker received: ${phase.unmarked}; stored text ${format(phase.convergence.storedBytes / KiB, 0)} KiB; ` +
        `node event loops: ${loops}; \`notes:update\` counted by the nodes: ` +
        `${phase.nodeUpdateMs.map((node) => `${node.name} ${node.count}`).join(", ")}; Redis (CPU inside commands, ` +
        `top by time): ${redis}; load generators: ${loaders}.`,
    );
  }
  push("", "#### Ack p50 / p99 by the second the update was emitted in", "");
  for (const phase of phases) {
    push(
      `- **${phase.label}**: ${phase.ackBySecond
        .map((entry) => `${entry.second}: ${format(entry.p50, 0)} / ${format(entry.p99, 0)}`)
        .join(" · ")} (ms)`,
    );
  }
  const problems: Record<string, number> = {};
  for (const perNode of Object.values(run.logs)) {
    for (const [key, count] of Object.entries(perNode)) problems[key] = (problems[key] ?? 0) + count;
  }
  push(
    "",
    `Server log warnings and errors: ${counts(problems)}. Exits: ${run.exits.map((exit) => `${exit.name} ${exit.exit}`).join(", ") || "—"}.`,
  );
  if (run.profiles.length > 0) {
    push("", "#### Where the nodes spent the typing (V8 CPU profile, BENCH_PROFILE=1)", "");
    for (const profile of run.profiles) {
      for (const window of profile.windows) {
        const entries = (list: WindowProfile["self"]) =>
          list.map((entry) => `\`${entry.name}\` ${format(entry.ms, 0)}`).join(", ");
        push(
          `- **${profile.process}, ${window.label}**: ${format(window.busyMs, 0)} ms busy, ${format(window.idleMs, 0)} ms idle. ` +
            `Self (ms): ${entries(window.self)}. Server code, inclusive (ms): ${entries(window.inclusive)}.`,
        );
      }
    }
  }
  push("", `Logs, per-editor numbers${run.profiles.length > 0 ? " and profiles" : ""}: \`${run.logDir}\` (temporary).`);
  return lines.join("\n");
}

/** Replaces the notes results between their markers, keeping the hand-written rest. */
export function writeNotesResults(file: string, results: string): void {
  writeBetweenMarkers(file, { start: NOTES_START, end: NOTES_END, heading: "## Notes editing results" }, results);
}
