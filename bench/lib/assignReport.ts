import type { AssignLoaderResult } from "./assignMessages.js";
import { LANGUAGES } from "./assignPlan.js";
import type { WindowProfile } from "./cpuProfile.js";
import type { CpuSpan } from "./procStats.js";
import type { SlowScript } from "./redisStats.js";
import { format, type Machine, machineText, ratio, writeBetweenMarkers } from "./report.js";
import { max, mean, percentile } from "./stats.js";

export const ASSIGN_START = "<!-- bench:assign:start -->";
export const ASSIGN_END = "<!-- bench:assign:end -->";

/** One delivery: from the facilitator's send to each participant's own state showing it. */
export interface Delivery {
  label: string;
  ackMs: number;
  /** Per participant that met the condition: ms after the send (room: shown). */
  afterSendMs: number[];
  /** room only: ms after the send at which the participant's `breakout:room` answer was applied. */
  fetchedAfterSendMs: number[];
  missing: number;
  /** room only: participants whose `breakout:room` fetch the server refused (the browser then does not ask again). */
  refused: number;
  excluded: number;
  /** baseline only: the facilitator's own state showing the banner (its client runs in the orchestrator). */
  facilitatorMs?: number;
}

interface TrafficWindow {
  messages: number;
  bytes: number;
  byKind: Record<string, number>;
}

export interface AssignReport {
  label: string;
  settings: {
    people: number;
    rooms: number;
    joinRate: number;
    loaders: number;
    keepTogether: number;
    keepApart: number;
    baselines: number;
    warmupPeople: number;
    loaderHeapMiB: number;
    joinAttempts: number;
    quietS: number;
  };
  join: {
    /** After the join settled: participants connected, online in the facilitator's state, online and connections in Redis. */
    presence: { connected: number; facilitatorOnline: number; storedOnline: number; storedConnections: number };
    seconds: number;
    connected: number;
    tagged: number;
    rosterSize: number;
    results: AssignLoaderResult[];
  };
  assignResult: { moved: number; unassigned: number; unmet: Record<string, number> };
  /** In-process assignBalanced on the same input: the first call, then the repeats. */
  computeMs: number[];
  /** The same calls' CPU time (user + system) in this process: unlike wall time, unmoved by other work. */
  computeCpuMs: number[];
  computeUnmet: Record<string, number>;
  candidates: number;
  constraintsBytes: number;
  baselines: Delivery[];
  assign: Delivery;
  facilitatorAssignedMs: number;
  open: Delivery;
  openAckMs: number;
  /** The facilitator's own state showing the round open (its client runs in the orchestrator). */
  facilitatorOpenMs: number;
  /** Monotonic µs windows of the measured steps, for the CPU profiles. */
  profileWindows: Array<{ label: string; from: number; to: number }>;
  profiles: Array<{ process: string; windows: WindowProfile[] }>;
  facilitator: { baseline: TrafficWindow; assign: TrafficWindow };
  cpu: CpuSpan[];
  redisStats: Record<string, { calls: number; usec: number }>;
  slowScripts: SlowScript[];
  eventBatches: number[];
  placement: {
    checked: number;
    wrongRoom: number;
    wrongMates: number;
    roomsUsed: number;
    smallestRoom: number;
    largestRoom: number;
  };
  logs: Record<string, Record<string, number>>;
  exits: Array<{ name: string; exit: string }>;
  machine: Machine;
  /** What of server/ and shared/ differed from the commit when the bench ran. */
  tree: string;
  logDir: string;
}

const KiB = 1024;

function countsText(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "none" : entries.map(([key, count]) => `${count} × ${key}`).join("; ");
}

function merge(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

/** "last (p50 / p95)" of a delivery's times, ms, and who it never reached. */
function reach(delivery: Delivery, values: readonly number[]): string {
  const never = delivery.missing + delivery.refused;
  if (never === 0) return spread(values);
  const expected = values.length + never;
  const why = [
    delivery.refused > 0 ? `${delivery.refused} fetches refused` : "",
    delivery.missing > 0 ? `${delivery.missing} still waiting at the timeout` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    `**never for ${never} of ${expected}** (${why}); the ${values.length} reached: ` +
    `${values.length > 0 ? spread(values) : "—"}`
  );
}

/** "last (p50 / p95)" of a delivery's times, ms. */
function spread(values: readonly number[]): string {
  return `${format(max(values), 0)} ms (p50 ${format(percentile(values, 50), 0)}, p95 ${format(percentile(values, 95), 0)})`;
}

function windowOf(results: readonly AssignLoaderResult[], name: string) {
  const windows = results.flatMap((result) => result.windows.filter((window) => window.name === name));
  const byKind: Record<string, { messages: number; bytes: number }> = {};
  for (const window of windows) {
    for (const [kind, count] of Object.entries(window.byKind)) {
      const total = byKind[kind] ?? { messages: 0, bytes: 0 };
      total.messages += count.messages;
      total.bytes += count.bytes;
      byKind[kind] = total;
    }
  }
  return {
    messages: windows.flatMap((window) => window.messages),
    bytes: windows.flatMap((window) => window.bytes),
    byKind,
    loopDelayP99Ms: max(windows.map((window) => window.loopDelayP99Ms)),
    loopDelayMaxMs: max(windows.map((window) => window.loopDelayMaxMs)),
  };
}

/** The Markdown that goes between the assignment markers of docs/PERFORMANCE.md (and to stdout). */
export function renderAssignResults(report: AssignReport): string {
  const { settings, join, machine } = report;
  const results = join.results;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const baselineLast = report.baselines.map((baseline) => max(baseline.afterSendMs));
  const baselineMedian = percentile(baselineLast, 50);
  const baselineAll = report.baselines.flatMap((baseline) => baseline.afterSendMs);
  const facilitatorBanner = percentile(
    report.baselines.map((baseline) => baseline.facilitatorMs ?? Number.NaN),
    50,
  );
  const assignLast = max(report.assign.afterSendMs);
  const shownLast = max(report.open.afterSendMs);
  const fetchedLast = max(report.open.fetchedAfterSendMs);
  const firstCompute = report.computeMs[0] ?? Number.NaN;
  const warmCompute = percentile(report.computeMs.slice(1), 50);
  const attempted = results.reduce((sum, result) => sum + result.clients, 0);
  const capacityRooms = Math.floor(settings.rooms / 4);
  const joinTraffic = windowOf(results, "join");
  const baselineTraffic = windowOf(results, "baseline");
  const assignTraffic = windowOf(results, "assign");
  const perBanner = (value: number) => value / settings.baselines;
  const roomFetches = results.reduce((sum, result) => sum + result.roomFetches, 0);
  const fetchFailures: Record<string, number> = {};
  const joinFailures: Record<string, number> = {};
  const disconnects: Record<string, number> = {};
  for (const result of results) {
    merge(fetchFailures, result.roomFetchFailures);
    merge(joinFailures, result.joinFailures);
    merge(disconnects, result.disconnects);
  }
  const sum = (pick: (result: AssignLoaderResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);

  push(
    `_Written by \`npm run bench:assign\` on ${machine.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${join.connected} of ${settings.people} participants connected (${attempted} started), joining at ` +
      `${format(settings.joinRate, 0)}/s alternately over 2 nodes (the join took ${format(join.seconds, 0)} s and is ` +
      `not measured); ${join.tagged} of them tagged with one of ${LANGUAGES.length} languages. ` +
      `${settings.rooms} rooms, ${capacityRooms} of them with a capacity. \`breakout:assign\` of ` +
      `${report.candidates} participants with {groupByTag: "language", ${settings.keepTogether} keepTogether pairs, ` +
      `${settings.keepApart} keepApart pairs, leadPerRoom: false} (a ${format(report.constraintsBytes / KiB, 1)} KiB ` +
      `payload), then \`breakout:open\`. ${settings.loaders} load-generator processes; a warm-up workshop of ` +
      `${settings.warmupPeople} participants went through the same steps first.`,
    "",
    machineText(machine, report.tree),
    "",
    "| step | time | ratio |",
    "|---|---:|---:|",
    `| **baseline**: one plenary-wide banner (\`breakout:broadcast\`, all rooms) sent → in every participant's state (median of ${settings.baselines}) | ${format(baselineMedian, 0)} ms (p50 of participants ${format(percentile(baselineAll, 50), 0)}) | 1× |`,
    `| baseline banner sent → in the facilitator's state (median) | ${format(facilitatorBanner, 0)} ms | |`,
    `| \`assignBalanced\` in this process, same input, no I/O: first call / warm median | ${format(firstCompute, 1)} / ${format(warmCompute, 1)} ms (CPU ${format(report.computeCpuMs[0] ?? Number.NaN, 1)} / ${format(percentile(report.computeCpuMs.slice(1), 50), 1)} ms) | |`,
    `| \`breakout:assign\` sent → ack (read, compute, one Lua move script) | ${format(report.assign.ackMs, 0)} ms | ${ratio(report.assign.ackMs, firstCompute)} first / ${ratio(report.assign.ackMs, warmCompute)} warm compute |`,
    `| assign sent → the facilitator's state holds all ${report.candidates} assignments | ${format(report.facilitatorAssignedMs, 0)} ms | ${ratio(report.facilitatorAssignedMs, baselineMedian)} |`,
    `| assign sent → every participant's own state holds its assignment | ${reach(report.assign, report.assign.afterSendMs)} | ${ratio(assignLast, baselineMedian)} |`,
    `| \`breakout:open\` sent → ack | ${format(report.openAckMs, 0)} ms | |`,
    `| open sent → the facilitator's state shows the round open | ${format(report.facilitatorOpenMs, 0)} ms | ${ratio(report.facilitatorOpenMs, baselineMedian)} |`,
    `| open sent → every participant's state shows its room (\`currentRoomOf\`) | ${spread(report.open.afterSendMs)} | ${ratio(shownLast, baselineMedian)} |`,
    `| open sent → every participant has its room's people (\`breakout:room\` answered and applied) | ${reach(report.open, report.open.fetchedAfterSendMs)} | ${report.open.missing + report.open.refused > 0 ? "—" : ratio(fetchedLast, baselineMedian)} |`,
    "",
    "Times are the last participant's (p50 and p95 over participants in brackets), on the load generators' clock from " +
      "the facilitator's send. Ratios: against the baseline banner's last participant, and the assign ack against the " +
      "first in-process compute. Each step waited for the previous one to reach everybody.",
    "",
    "| traffic | per participant, mean | per participant, max | facilitator | mean / baseline |",
    "|---|---:|---:|---:|---:|",
    `| messages, one baseline banner | ${format(perBanner(mean(baselineTraffic.messages)), 1)} | ${format(perBanner(max(baselineTraffic.messages)), 1)} | ${format(perBanner(report.facilitator.baseline.messages), 1)} | 1× |`,
    `| KiB, one baseline banner | ${format(perBanner(mean(baselineTraffic.bytes)) / KiB, 2)} | ${format(perBanner(max(baselineTraffic.bytes)) / KiB, 2)} | ${format(perBanner(report.facilitator.baseline.bytes) / KiB, 2)} | 1× |`,
    `| messages, assign + open + room fetch | ${format(mean(assignTraffic.messages), 1)} | ${format(max(assignTraffic.messages), 0)} | ${format(report.facilitator.assign.messages, 0)} | ${ratio(mean(assignTraffic.messages), perBanner(mean(baselineTraffic.messages)))} |`,
    `| KiB, assign + open + room fetch | ${format(mean(assignTraffic.bytes) / KiB, 2)} | ${format(max(assignTraffic.bytes) / KiB, 2)} | ${format(report.facilitator.assign.bytes / KiB, 1)} | ${ratio(mean(assignTraffic.bytes), perBanner(mean(baselineTraffic.bytes)))} |`,
    `| \`breakout:room\` fetches | ${format(roomFetches / Math.max(1, join.connected), 2)} | | — | |`,
    "",
    `Messages: Socket.IO packets received (acks included); bytes: WebSocket payloads (Engine.IO packets), frame headers ` +
      `not included. The assign window runs from just before \`breakout:assign\` to ${format(settings.quietS, 0)} s after ` +
      "the last room fetch; the baseline row is the baseline window divided by the number of banners.",
    "",
  );

  push(
    "#### What a participant receives in the assign window",
    "",
    "| message | messages per participant | KiB per participant | facilitator KiB |",
    "|---|---:|---:|---:|",
  );
  for (const [kind, count] of Object.entries(assignTraffic.byKind).sort((a, b) => b[1].bytes - a[1].bytes)) {
    push(
      `| \`${kind}\` | ${format(count.messages / join.connected, 2)} | ${format(count.bytes / KiB / join.connected, 2)} | ` +
        `${format((report.facilitator.assign.byKind[kind] ?? 0) / KiB, 1)} |`,
    );
  }
  push("");

  const processNames = ["workshop-1", "workshop-2", "redis"];
  push(
    "#### CPU seconds by process",
    "",
    "| step | wall | workshop-1 (facilitator's node) | workshop-2 | redis | load generators | orchestrator | other work on the machine |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const cpu of report.cpu) {
    const loaders = Object.entries(cpu.byProcess)
      .filter(([name]) => name.startsWith("loader-"))
      .reduce((total, [, seconds]) => total + seconds, 0);
    push(
      `| ${cpu.label} | ${format(cpu.wallSeconds, 2)} s | ` +
        processNames.map((name) => `${format(cpu.byProcess[name] ?? Number.NaN, 2)} s`).join(" | ") +
        ` | ${format(loaders, 2)} s | ${format(cpu.byProcess.orchestrator ?? Number.NaN, 2)} s | ` +
        `${format(cpu.othersSeconds, 2)} s (${format((100 * cpu.othersSeconds) / (cpu.wallSeconds * machine.cpus), 0)} %) |`,
    );
  }
  push("");

  const evalsha = report.redisStats.evalsha ?? { calls: 0, usec: 0 };
  const slowTotal = report.slowScripts.reduce((total, script) => total + script.totalMs, 0);
  push(
    "#### Details",
    "",
    `- Assignment: ${report.assignResult.moved} moved, ${report.assignResult.unassigned} unassigned; unmet wishes ` +
      `reported: ${countsText(report.assignResult.unmet)} (the in-process compute: ${countsText(report.computeUnmet)}). ` +
      `${report.placement.roomsUsed} rooms used, ${report.placement.smallestRoom}–${report.placement.largestRoom} people each.`,
    `- Check: ${report.placement.checked} participants' own states compared with the facilitator's: ` +
      `${report.placement.wrongRoom} show another room, ${report.placement.wrongMates} another head-count in it. ` +
      `Not reached: assignment ${report.assign.missing}; room ${report.open.missing} (still waiting at the timeout) + ` +
      `${report.open.refused} (\`breakout:room\` refused); left out as unassigned: ${report.open.excluded}.`,
    `- Room fetches: ${roomFetches} for ${join.connected} participants, answered p50 ` +
      `${format(
        percentile(
          results.flatMap((result) => result.roomFetchMs),
          50,
        ),
        0,
      )} ms / p99 ` +
      `${format(
        percentile(
          results.flatMap((result) => result.roomFetchMs),
          99,
        ),
        0,
      )} ms; failures: ${countsText(fetchFailures)}.`,
    `- Redis during the assign window: ${evalsha.calls} EVALSHA calls, ${format(evalsha.usec / 1000, 0)} ms; ` +
      `commands slower than 1 ms: ${
        report.slowScripts.length === 0
          ? "none"
          : report.slowScripts
              .map(
                (script) =>
                  `${script.calls} × ${script.name} (${format(script.totalMs, 0)} ms, max ${format(script.maxMs, 1)} ms)`,
              )
              .join("; ")
      } — ${format(slowTotal, 0)} ms in all.`,
    `- Event batches sent by the nodes in the measured part: ${report.eventBatches.join(" + ")}. Version gaps seen by ` +
      `participants over the whole run: ${sum((result) => result.gaps)} (resyncs ${sum((result) => result.resyncs)}, ` +
      `of which answered by a snapshot ${sum((result) => result.snapshotResyncs)}).`,
    `- Presence after the join settled: ${join.presence.connected} participants connected; the facilitator's state ` +
      `shows ${join.presence.facilitatorOnline} of them online; Redis counts ${join.presence.storedOnline} people online ` +
      `over ${join.presence.storedConnections} connections (the facilitator's included).`,
    `- Join (not measured): ${sum((result) => result.joinAttempts)} attempts for ${attempted} participants, join latency ` +
      `p50 ${format(
        percentile(
          results.flatMap((result) => result.readyMs),
          50,
        ),
        0,
      )} ms / p99 ` +
      `${format(
        percentile(
          results.flatMap((result) => result.readyMs),
          99,
        ),
        0,
      )} ms; given up: ${countsText(joinFailures)}; ` +
      `${join.rosterSize} participants in the roster (people whose join failed after they were stored stay in it and ` +
      `are assigned too). Tags refused: ${sum((result) => result.tagFailures)}. Dropped connections: ${countsText(disconnects)}. ` +
      `From the first join until the assign (joins, settling, planning) each participant received ${format(mean(joinTraffic.messages), 0)} ` +
      `messages and ${format(mean(joinTraffic.bytes) / 2 ** 20, 1)} MiB on average; load-generator event-loop delay ` +
      `p99 ${format(joinTraffic.loopDelayP99Ms, 0)} ms, max ${format(joinTraffic.loopDelayMaxMs, 0)} ms.`,
    `- Load generators: worst event-loop delay p99 ${format(baselineTraffic.loopDelayP99Ms, 0)} ms in the baseline ` +
      `window, ${format(assignTraffic.loopDelayP99Ms, 0)} ms in the assign window (max ${format(assignTraffic.loopDelayMaxMs, 0)} ms); ` +
      `heap used at the end ${results.map((result) => format(result.heapUsedBytes / 2 ** 30, 2)).join(" / ")} GiB ` +
      "(every participant keeps its own copy of the workshop). A busy generator adds to the measured times.",
    `- Server log warnings and errors: ${Object.entries(report.logs)
      .map(([name, problems]) => `${name}: ${countsText(problems)}`)
      .join("; ")}. Exits: ${report.exits.map((exit) => `${exit.name} ${exit.exit}`).join(", ")}.`,
  );
  for (const profile of report.profiles) {
    push("", `#### Where ${profile.process} spent the measured steps (CPU profile)`, "");
    for (const window of profile.windows) {
      const entries = (list: WindowProfile["self"]) =>
        list.map((entry) => `\`${entry.name}\` ${format(entry.ms, 0)}`).join(", ");
      push(
        `- **${window.label}**: ${format(window.busyMs, 0)} ms busy, ${format(window.idleMs, 0)} ms idle. ` +
          `Self (ms): ${entries(window.self)}. Server code, inclusive (ms): ${entries(window.inclusive)}.`,
      );
    }
  }
  return lines.join("\n");
}

/** Replaces the assignment results between their markers, keeping the hand-written rest. */
export function writeAssignResults(file: string, results: string): void {
  writeBetweenMarkers(
    file,
    { start: ASSIGN_START, end: ASSIGN_END, heading: "## Breakout assignment results" },
    results,
  );
}
