import type { WindowProfile } from "./cpuProfile.js";
import type { CpuSpan } from "./procStats.js";
import { format, type LoopDelay, type Machine, machineText, ratio, writeBetweenMarkers } from "./report.js";
import { type Histogram, histogramPercentile, max, mergeHistograms, percentile } from "./stats.js";
import type { VoteLoaderResult } from "./voteMessages.js";

export const VOTES_START = "<!-- bench:votes:start -->";
export const VOTES_END = "<!-- bench:votes:end -->";

export const PHASES = ["naive", "ceiling", "reference", "workshop", "reference-rooms", "workshop-rooms"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * `pairedWith`: a reference and the workshop phase held against it. When both run, the
 * reference runs inside the workshop phase, just before the workshop's own storm.
 */
export const phaseSpecs: Record<
  Phase,
  { kind: "naive" | "reference" | "ceiling" | "workshop"; rooms: boolean; title: string; pairedWith?: Phase }
> = {
  naive: { kind: "naive", rooms: false, title: "naive (Socket.IO, tally to all on every vote)" },
  ceiling: { kind: "ceiling", rooms: false, title: "ceiling (raw ws, coalesced 100 ms)" },
  reference: {
    kind: "reference",
    rooms: false,
    title: "reference (Socket.IO, coalesced 100 ms)",
    pairedWith: "workshop",
  },
  workshop: { kind: "workshop", rooms: false, title: "workshop, plenary", pairedWith: "reference" },
  "reference-rooms": {
    kind: "reference",
    rooms: true,
    title: "reference, every-room tally",
    pairedWith: "workshop-rooms",
  },
  "workshop-rooms": {
    kind: "workshop",
    rooms: true,
    title: "workshop, every-room poll",
    pairedWith: "reference-rooms",
  },
};

export interface VoteSettings {
  voters: number;
  windowS: number;
  loaders: number;
  rooms: number;
  phases: Phase[];
  joinRate: number;
  connectRate: number;
  warmupVoters: number;
  settleTimeoutS: number;
  quietS: number;
  joinAttempts: number;
  timeoutS: number;
  write: boolean;
  profile: boolean;
}

/** What the server counted, read after the storm. */
export interface Counted {
  /** Voter keys in the order the server counted their first ballot. */
  order: string[];
  positions: number;
  /** combined.voters and the option counts of the final tally (workshop: the export). */
  finalVoters: number;
  finalCounts: Record<string, number>;
  /** Every-room polls: the rooms' voters summed (must equal combined). */
  byRoomVoters: number | null;
  /** Workshop: combined.voters of `GET .../polls/:pollId/export?format=json`. */
  exportVoters: number | null;
  /** Bare servers: results messages written (one per receiving connection). */
  serverSent: number | null;
  /** Results emits (bare: broadcasts; workshop: `workshop_poll_results_broadcasts_total`, both nodes). */
  broadcasts: number | null;
  /** Workshop: Redis's own time for each castBallot script call (slow log), µs. */
  scriptMicros: number[];
  /** Workshop: counters of both nodes over the storm (/metrics). */
  metrics: Record<string, number>;
}

export interface StormReport {
  label: string;
  voters: number;
  connected: number;
  connectFailures: Record<string, number>;
  connectMs: number[];
  connectSeconds: number;
  results: VoteLoaderResult[];
  /** voter key, option, acknowledged. */
  ballots: Array<[string, string, boolean]>;
  counted: Counted;
  cpu: CpuSpan;
  serverNames: string[];
  loopDelay: Array<{ name: string; delay: LoopDelay | null }>;
  /** First vote due → every voter had the final tally (or the deadline). */
  stormSeconds: number;
  /** First vote due → every vote answered. */
  votedSeconds: number;
  unsettled: number;
  /** Monotonic µs, for the CPU profiles. */
  window: { from: number; to: number };
  exits?: Array<{ name: string; exit: string }>;
}

export interface PhaseReport {
  phase: Phase;
  storm: StormReport | null;
  logs: Record<string, Record<string, number>>;
  profiles: Array<{ process: string; window: WindowProfile }>;
}

interface Summary {
  phase: Phase;
  storm: StormReport;
  sent: number;
  acked: number;
  failures: Record<string, number>;
  /** Per vote sent, ms; Infinity: never (no ack; never saw it counted). */
  ackMs: number[];
  freshnessMs: number[];
  /** Every connection's freshness of the votes (see `everyonesFreshness` in bench/voteClient.ts). */
  everyone: Histogram;
  unseen: number;
  unseenDropped: number;
  notCounted: number;
  lost: number;
  doubleCounted: number;
  countedNotAcked: number;
  optionMismatch: number;
  messages: number;
  bytes: number;
  clients: number;
  resultsMessages: number;
  resultsBytes: number;
  serverCpu: number;
  redisCpu: number;
  loadersCpu: number;
  drops: Record<string, number>;
  loaderLoopP99: number;
  loaderLoopMax: number;
  maxVoteLag: number;
  worstLoop: LoopDelay | null;
}

function merge(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

const never = (value: number | null) => value ?? Number.POSITIVE_INFINITY;

function summarize(phase: Phase, storm: StormReport): Summary {
  const { results, counted, cpu } = storm;
  const failures: Record<string, number> = {};
  const drops: Record<string, number> = {};
  let resultsMessages = 0;
  let resultsBytes = 0;
  for (const result of results) {
    merge(failures, result.failures);
    merge(drops, result.drops);
    const tallies = result.byKind["poll:results"];
    resultsMessages += tallies?.messages ?? 0;
    resultsBytes += tallies?.bytes ?? 0;
  }
  const acked = new Set(storm.ballots.filter(([, , ok]) => ok).map(([key]) => key));
  const optionOf = new Map(storm.ballots.map(([key, option]) => [key, option]));
  const inOrder = new Set(counted.order);
  let ackedMissing = 0;
  for (const key of acked) if (!inOrder.has(key)) ackedMissing++;
  const expected: Record<string, number> = {};
  for (const key of counted.order) {
    const option = optionOf.get(key) ?? "?";
    expected[option] = (expected[option] ?? 0) + 1;
  }
  let optionMismatch = 0;
  for (const option of new Set([...Object.keys(expected), ...Object.keys(counted.finalCounts)])) {
    optionMismatch += Math.abs((counted.finalCounts[option] ?? 0) - (expected[option] ?? 0));
  }
  const sum = (pick: (result: VoteLoaderResult) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  const delays = storm.loopDelay.flatMap((entry) => (entry.delay ? [entry.delay] : []));
  const worstLoop =
    delays.length === 0
      ? null
      : delays.reduce((worst, delay) => (delay.p99Ms > worst.p99Ms || delay.maxMs > worst.maxMs ? delay : worst));
  return {
    phase,
    storm,
    sent: sum((result) => result.sent),
    acked: acked.size,
    failures,
    ackMs: results.flatMap((result) => result.ackMs.map(never)),
    freshnessMs: results.flatMap((result) => result.freshnessMs.map(never)),
    everyone: mergeHistograms(results.map((result) => result.everyone)),
    unseen: sum((result) => result.freshnessMs.filter((value) => value === null).length),
    unseenDropped: sum((result) => result.unseenDropped),
    notCounted: sum((result) => result.notCounted),
    lost: ackedMissing + Math.max(0, counted.order.length - counted.finalVoters),
    doubleCounted: Math.max(0, counted.finalVoters - counted.order.length),
    countedNotAcked: counted.order.filter((key) => !acked.has(key)).length,
    optionMismatch,
    messages: results.reduce((total, result) => total + result.messages.reduce((a, b) => a + b, 0), 0),
    bytes: results.reduce((total, result) => total + result.bytes.reduce((a, b) => a + b, 0), 0),
    clients: sum((result) => result.connected),
    resultsMessages,
    resultsBytes,
    serverCpu: storm.serverNames.reduce((total, name) => total + (cpu.byProcess[name] ?? 0), 0),
    redisCpu: cpu.byProcess.redis ?? 0,
    loadersCpu: Object.entries(cpu.byProcess)
      .filter(([name]) => name.startsWith("loader-"))
      .reduce((total, [, seconds]) => total + seconds, 0),
    drops,
    loaderLoopP99: max(results.map((result) => result.loopDelayP99Ms)),
    loaderLoopMax: max(results.map((result) => result.loopDelayMaxMs)),
    maxVoteLag: max(results.map((result) => result.maxVoteLagMs)),
    worstLoop,
  };
}

/** Other work above this many cores (of 2) makes a phase's latencies incomparable. */
const BUSY_CORES = 0.3;

const KiB = 1024;
const MiB = 1024 * 1024;

function ms(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "never";
  return Number.isFinite(value) ? `${format(value, value < 100 ? 1 : 0)} ms` : "—";
}

/** a / b as "n×"; "∞" when a never came. */
function times(a: number, b: number): string {
  return a === Number.POSITIVE_INFINITY && Number.isFinite(b) ? "∞" : ratio(a, b);
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "none" : entries.map(([key, n]) => `${n} × ${key}`).join("; ");
}

function verdict(met: boolean | null): string {
  if (met === null) return "not measured";
  return met ? "**met**" : "**not met**";
}

/**
 * Results messages a server sent: what the bare servers say they wrote (the naive one's clients
 * drop, so they receive less than it sent); the workshop's voters all stay connected and wait
 * for the final tally, so what they received is what it sent.
 */
function sentResults(summary: Summary): number {
  return summary.storm.counted.serverSent ?? summary.resultsMessages;
}

/**
 * Results messages sent per ballot counted: what a vote costs in messages whatever the number of
 * votes a server got through (the naive server counts only a few hundred before its clients drop).
 */
function perBallot(summary: Summary): number {
  return sentResults(summary) / Math.max(1, summary.storm.counted.order.length);
}

/** Freshness p95 of the workshop over that of its reference, ack p99 likewise. */
function against(workshop: Summary, reference: Summary) {
  return {
    freshness: percentile(workshop.freshnessMs, 95) / percentile(reference.freshnessMs, 95),
    everyone: histogramPercentile(workshop.everyone, 95) / histogramPercentile(reference.everyone, 95),
    ack: percentile(workshop.ackMs, 99) / percentile(reference.ackMs, 99),
  };
}

export function renderVoteResults(
  settings: VoteSettings,
  machine: Machine,
  reports: PhaseReport[],
  logDir: string,
  tree?: string,
): string {
  const summaries = reports
    .flatMap((report) => (report.storm ? [summarize(report.phase, report.storm)] : []))
    .sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  const of = (phase: Phase) => summaries.find((summary) => summary.phase === phase) ?? null;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    `_Written by \`npm run bench:votes\` on ${machine.date}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${settings.voters} voters, one vote each, voter _i_ at _i_ × ${format(settings.windowS, 0)} s / ${settings.voters} ` +
      `(${format(settings.voters / settings.windowS, 0)} votes/s); single choice, 4 options, results live. ` +
      `Rooms phases: ${settings.rooms} rooms. ${settings.loaders} load-generator processes; ` +
      `a warm-up storm of ${settings.warmupVoters} voters per phase first. Connections opened before the storm and not measured ` +
      `(bare: ${format(settings.connectRate, 0)}/s; workshop: joins at ${format(settings.joinRate, 0)}/s alternating over 2 nodes).`,
    "",
    machineText(machine, tree),
    "",
  );
  const header = `| | ${summaries.map((summary) => phaseSpecs[summary.phase].title).join(" | ")} |`;
  const rule = `|---|${summaries.map(() => "---:").join("|")}|`;
  const row = (label: string, cell: (summary: Summary) => string) =>
    push(`| ${label} | ${summaries.map((summary) => cell(summary)).join(" | ")} |`);
  push(header, rule);
  row("voters connected", (s) => `${s.storm.connected} / ${s.storm.voters}`);
  row("votes acknowledged / sent", (s) => `${s.acked} / ${s.sent}`);
  row("vote ack p50", (s) => ms(percentile(s.ackMs, 50)));
  row("vote ack p99", (s) => ms(percentile(s.ackMs, 99)));
  row("vote ack max (of the votes acknowledged)", (s) => ms(max(s.ackMs.filter(Number.isFinite))));
  row("tally freshness p50", (s) => ms(percentile(s.freshnessMs, 50)));
  row("tally freshness p95", (s) => ms(percentile(s.freshnessMs, 95)));
  row("tally freshness p99", (s) => ms(percentile(s.freshnessMs, 99)));
  row("tally freshness max (of the votes seen)", (s) => ms(max(s.freshnessMs.filter(Number.isFinite))));
  row("every connection's freshness p50", (s) => ms(histogramPercentile(s.everyone, 50)));
  row("every connection's freshness p95", (s) => ms(histogramPercentile(s.everyone, 95)));
  row("every connection's freshness p99", (s) => ms(histogramPercentile(s.everyone, 99)));
  row("votes their voter never saw counted", (s) =>
    s.unseen === 0 ? "0" : `**${s.unseen}** (${format((100 * s.unseen) / Math.max(1, s.sent), 1)} %)`,
  );
  row("ballots lost / double-counted", (s) => `${s.lost} / ${s.doubleCounted}`);
  row("final tally voters (counted order)", (s) => `${s.storm.counted.finalVoters} (${s.storm.counted.order.length})`);
  row("messages received, all clients", (s) => format(s.messages, 0));
  row("messages per client, mean", (s) => format(s.messages / Math.max(1, s.clients), 1));
  row("`poll:results` received, all clients", (s) => format(s.resultsMessages, 0));
  row("`poll:results` per client, mean", (s) => format(s.resultsMessages / Math.max(1, s.clients), 1));
  row("`poll:results` written by the server", (s) =>
    s.storm.counted.serverSent === null ? "—" : format(s.storm.counted.serverSent, 0),
  );
  row("`poll:results` sent per ballot counted", (s) => format(perBallot(s), 1));
  row("bytes received, all clients", (s) => `${format(s.bytes / MiB, 1)} MiB`);
  row("bytes per client, mean", (s) => `${format(s.bytes / KiB / Math.max(1, s.clients), 1)} KiB`);
  row("`poll:results` size, mean", (s) => `${format(s.resultsBytes / Math.max(1, s.resultsMessages), 0)} B`);
  row("server CPU (all server processes)", (s) => `${format(s.serverCpu, 2)} s`);
  row("Redis CPU", (s) =>
    s.storm.serverNames.some((name) => name.startsWith("workshop")) ? `${format(s.redisCpu, 2)} s` : "—",
  );
  row(
    "server CPU per `poll:results` delivered",
    (s) => `${format((s.serverCpu * 1e6) / Math.max(1, s.resultsMessages), 1)} µs`,
  );
  row(
    "server + Redis CPU per `poll:results` delivered",
    (s) => `${format(((s.serverCpu + s.redisCpu) * 1e6) / Math.max(1, s.resultsMessages), 1)} µs`,
  );
  row("server event-loop delay p99 / max (worst process)", (s) =>
    s.worstLoop ? `${ms(s.worstLoop.p99Ms)} / ${ms(s.worstLoop.maxMs)}` : "—",
  );
  row("clients dropped", (s) => {
    const dropped = Object.values(s.drops).reduce((a, b) => a + b, 0);
    return dropped === 0 ? "0" : `**${dropped}**`;
  });
  row(
    "measured (first vote → every voter has the final tally)",
    (s) =>
      `${format(s.storm.stormSeconds, 1)} s${s.storm.unsettled > 0 ? ` (deadline; ${s.storm.unsettled} never)` : ""}`,
  );
  push(
    "",
    "Ack: from emitting `poll:vote` to its ack, on the voter's connection. Freshness: from emitting the vote to the first " +
      "`poll:results` on the voter's own connection whose `combined.voters` reaches the position at which the server " +
      "counted that ballot (see Method). Every connection's freshness: the same rule on every voter's connection for " +
      "every vote (each generator: its votes on its connections, half of all pairs). Messages: Socket.IO packets (ws: WebSocket messages) received by the voters " +
      "from the start of the storm to its end, acks and pings included; bytes: their payloads. CPU: /proc, same window. " +
      "Event-loop delay: beyond the 10 ms sampling interval of `monitorEventLoopDelay` in each server process, same window.",
  );

  // --- Ratios and targets.
  const naive = of("naive");
  const reference = of("reference");
  const referenceRooms = of("reference-rooms");
  const ceiling = of("ceiling");
  push("", "#### Ratios and the issue's targets", "");
  push("| | ratio | target | |", "|---|---:|---:|---|");
  if (naive && reference) {
    push(
      `| results messages sent, naive / reference | ${ratio(sentResults(naive), sentResults(reference))} | | |`,
      `| freshness p95, naive / reference | ${times(percentile(naive.freshnessMs, 95), percentile(reference.freshnessMs, 95))} | | |`,
    );
  }
  if (ceiling && reference) {
    push(
      `| freshness p95, reference / ceiling | ${ratio(percentile(reference.freshnessMs, 95), percentile(ceiling.freshnessMs, 95))} | | |`,
      `| server CPU per message, reference / ceiling | ${ratio(reference.serverCpu / Math.max(1, reference.resultsMessages), ceiling.serverCpu / Math.max(1, ceiling.resultsMessages))} | | |`,
    );
  }
  for (const phase of ["workshop", "workshop-rooms"] as const) {
    const workshop = of(phase);
    if (!workshop) continue;
    const name = phaseSpecs[phase].title;
    const own = phase === "workshop-rooms" && referenceRooms ? referenceRooms : reference;
    if (own) {
      const versus = against(workshop, own);
      const ownName = phaseSpecs[own.phase].title.split(" (")[0];
      push(
        `| ${name}: freshness p95 / ${ownName} | ${times(versus.freshness, 1)} | ≤ 1.5× | ${verdict(Number.isNaN(versus.freshness) ? null : versus.freshness <= 1.5)} |`,
        `| ${name}: ack p99 / ${ownName} | ${times(versus.ack, 1)} | ≤ 2× | ${verdict(Number.isNaN(versus.ack) ? null : versus.ack <= 2)} |`,
        `| ${name}: every connection's freshness p95 / ${ownName} | ${times(versus.everyone, 1)} | | |`,
      );
    }
    if (phase === "workshop-rooms" && referenceRooms && reference) {
      const plain = against(workshop, reference);
      push(
        `| ${name}: freshness p95 / plenary reference | ${times(plain.freshness, 1)} | | |`,
        `| ${name}: ack p99 / plenary reference | ${times(plain.ack, 1)} | | |`,
      );
    }
    if (naive) {
      const fewer = perBallot(naive) / Math.max(Number.MIN_VALUE, perBallot(workshop));
      push(
        `| results messages sent per ballot counted, naive / ${name} | ${ratio(perBallot(naive), perBallot(workshop))} | ≥ 15× | ${verdict(fewer >= 15)} |`,
        `| results messages sent, naive / ${name} | ${ratio(sentResults(naive), sentResults(workshop))} | | |`,
        `| all messages received by the voters, naive / ${name} | ${ratio(naive.messages, workshop.messages)} | | |`,
      );
    }
    const exact = workshop.lost === 0 && workshop.doubleCounted === 0 && workshop.optionMismatch === 0;
    push(
      `| ${name}: ballots lost / double-counted | ${workshop.lost} / ${workshop.doubleCounted} | 0 / 0 | ${verdict(exact)} |`,
    );
  }
  push(
    "",
    "The every-room workshop poll is held against the reference server running the same every-room tally " +
      "(combined + byRoom, the same message size) when that phase ran; against the plenary reference for orientation.",
  );

  // --- How the box was shared.
  push("", "#### How the two CPUs were shared during each storm", "");
  push(
    "| phase | wall | servers | Redis | load generators | orchestrator | waiting workshop phase | other work on the machine |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  const busy: string[] = [];
  for (const s of summaries) {
    const { cpu } = s.storm;
    const cores = (seconds: number) => `${format(seconds, 1)} s (${format(seconds / cpu.wallSeconds, 2)} cores)`;
    const waiting = Object.entries(cpu.byProcess)
      .filter(([name]) => name.startsWith("idle "))
      .reduce((total, [, seconds]) => total + seconds, 0);
    push(
      `| ${s.phase} | ${format(cpu.wallSeconds, 1)} s | ${cores(s.serverCpu)} | ${
        s.storm.serverNames.some((name) => name.startsWith("workshop")) ? cores(s.redisCpu) : "—"
      } | ${cores(s.loadersCpu)} | ${cores(cpu.byProcess.orchestrator ?? 0)} | ${waiting > 0 ? cores(waiting) : "—"} | ${cores(cpu.othersSeconds)} |`,
    );
    if (cpu.othersSeconds / cpu.wallSeconds > BUSY_CORES)
      busy.push(`${s.phase} (${format(cpu.othersSeconds / cpu.wallSeconds, 2)} cores)`);
  }
  push(
    "",
    busy.length === 0
      ? `Other work stayed under ${BUSY_CORES} cores in every phase.`
      : `**Other work on the machine took more than ${BUSY_CORES} cores in ${busy.join(", ")}:** ` +
          "those phases' times are not comparable with the others'; their CPU seconds still are.",
  );

  // --- Details.
  push("", "#### Details", "");
  for (const s of summaries) {
    const { storm } = s;
    const counted = storm.counted;
    const detail: string[] = [];
    detail.push(
      `connected ${storm.connected}/${storm.voters} in ${format(storm.connectSeconds, 1)} s before the storm (p50 ${ms(percentile(storm.connectMs, 50))}, p99 ${ms(percentile(storm.connectMs, 99))}; failures: ${counts(storm.connectFailures)})`,
    );
    detail.push(
      `vote failures: ${counts(s.failures)}; every vote answered ${format(storm.votedSeconds, 1)} s after the first was due`,
    );
    detail.push(
      `check: ${counted.order.length} ballots in the server's counting order, final tally ${counted.finalVoters}` +
        (counted.exportVoters !== null ? ` (export: ${counted.exportVoters})` : "") +
        (counted.byRoomVoters !== null ? `, rooms summed ${counted.byRoomVoters}` : "") +
        `; option counts off by ${s.optionMismatch}; counted but not acknowledged ${s.countedNotAcked}; sent but not counted ${s.notCounted}`,
    );
    if (s.unseen > 0) {
      detail.push(
        `never saw their vote counted: ${s.unseen} of ${s.sent} (${s.unseenDropped} of them dropped, ${s.notCounted} votes not counted by the end)`,
      );
    }
    const sent =
      counted.serverSent !== null ? `; the server wrote ${format(counted.serverSent, 0)} results messages` : "";
    detail.push(`results emits: ${counted.broadcasts ?? "—"}${sent}`);
    if (Object.keys(s.drops).length > 0) detail.push(`drops: ${counts(s.drops)}`);
    detail.push(
      `load generators: ${format(s.loadersCpu, 1)} s CPU, event-loop delay p99 ${ms(s.loaderLoopP99)} / max ${ms(s.loaderLoopMax)}, ` +
        `worst vote behind schedule ${ms(s.maxVoteLag)}`,
    );
    detail.push(
      `servers: ${storm.loopDelay
        .map(
          (entry) =>
            `${entry.name} ${format(storm.cpu.byProcess[entry.name] ?? Number.NaN, 2)} s CPU, loop delay ${
              entry.delay
                ? `p50 ${ms(entry.delay.p50Ms)} / p99 ${ms(entry.delay.p99Ms)} / max ${ms(entry.delay.maxMs)}`
                : "—"
            }`,
        )
        .join("; ")}`,
    );
    if (counted.scriptMicros.length > 0) {
      const sum = counted.scriptMicros.reduce((a, b) => a + b, 0);
      detail.push(
        `Redis castBallot script: ${counted.scriptMicros.length} calls, p50 ${format(percentile(counted.scriptMicros, 50), 0)} µs, ` +
          `p99 ${format(percentile(counted.scriptMicros, 99), 0)} µs, ${format(sum / 1000, 0)} ms in all`,
      );
    }
    const m = counted.metrics;
    if (m.voteSecondsCount) {
      detail.push(
        `poll:vote handled on the nodes (receipt → ack, /metrics): mean ${ms(((m.voteSecondsSum ?? 0) * 1000) / m.voteSecondsCount)} over ${m.voteSecondsCount}`,
      );
    }
    if (storm.exits) detail.push(`exits: ${storm.exits.map((exit) => `${exit.name} ${exit.exit}`).join(", ")}`);
    push(`- **${s.phase}**: ${detail.join("; ")}.`);
  }
  const logProblems: Record<string, number> = {};
  for (const report of reports) for (const problems of Object.values(report.logs)) merge(logProblems, problems);
  push("", `Server log warnings and errors: ${counts(logProblems)}.`);

  const profiled = reports.filter((report) => report.profiles.length > 0);
  if (profiled.length > 0) {
    push("", "#### Where the servers spent the storm (BENCH_PROFILE=1)", "");
    for (const report of profiled) {
      for (const { process, window } of report.profiles) {
        const entries = (list: Array<{ name: string; ms: number }>) =>
          list.map((entry) => `\`${entry.name}\` ${format(entry.ms, 0)}`).join(", ");
        push(
          `- **${report.phase} / ${process}**: ${format(window.busyMs, 0)} ms busy, ${format(window.idleMs, 0)} ms idle. ` +
            `Self (ms): ${entries(window.self)}. Server code, inclusive (ms): ${entries(window.inclusive)}.`,
        );
      }
    }
  }
  push("", `Logs, per-voter numbers and profiles: \`${logDir}\` (temporary).`);
  return lines.join("\n");
}

export function writeVoteResults(file: string, results: string): void {
  writeBetweenMarkers(file, { start: VOTES_START, end: VOTES_END, heading: "## Vote storm results" }, results);
}
