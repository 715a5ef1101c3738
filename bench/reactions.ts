import { loadavg } from "node:os";
import { benchSetting } from "./lib/benchSettings.js";
import { startBench } from "./lib/benchStart.js";
import {
  ChildLoader,
  createWorkshop,
  everyLoader,
  machine,
  numberEnv,
  type RunningNode,
  sleep,
  startNode,
  startWorkshopCluster,
  stopWorkshopCluster,
  workingTree,
} from "./lib/cluster.js";
import { requireOpenFiles, runMain } from "./lib/processes.js";
import { type CpuSpan, cpuSpan, sampleAll } from "./lib/procStats.js";
import {
  type ReactionLoaderMessage,
  ReactionLoaderMessageSchema,
  type ReactionLoaderResult,
  type ReactionParentMessage,
  type ReactionServer,
} from "./lib/reactionMessages.js";
import { format, machineText, publish, ratio, writeBetweenMarkers } from "./lib/report.js";
import { histogramPercentile, max, mergeHistograms } from "./lib/stats.js";
import { BARE_POLL_ID } from "./lib/votePlan.js";

/**
 * The reaction storm: BENCH_PEOPLE people in one plenary each send BENCH_REACTIONS_EACH
 * reactions, spread evenly over BENCH_WINDOW_S seconds, and every one of them watches. The
 * people live in BENCH_LOADERS load-generator processes (bench/reactionClient.ts), the same
 * ones for both servers of a run: the vote storm's reference server (bench/tallyServers.ts,
 * TALLY_MODE=reference: one process, the tally in memory, broadcast at most every 100 ms; a
 * reaction is a vote that moves the tally) and two workshop nodes on one Redis
 * (`reactions:send`, bursts at most every REACTIONS_DELIVER_MS). The workshop people join
 * first; then the reference's people connect and its storm runs while the nodes wait; then the
 * workshop's storm, so the two storms are seconds apart. Reported: delivery p50/p99 on every
 * connection (the n-th reaction a viewer has seen counted is taken as the n-th sent, over every
 * generator), messages per viewer per second (mean, and the busiest second of the busiest
 * viewer), reactions lost, server CPU, and how far the generators fell behind. Writes its
 * section of docs/PERFORMANCE.md unless BENCH_WRITE=0.
 */

const settings = {
  people: benchSetting.people(2000),
  /** Load-generator processes; each runs every loaders-th person. */
  loaders: benchSetting.loaders(2),
  each: Math.floor(numberEnv("BENCH_REACTIONS_EACH", 3, 1)),
  windowS: numberEnv("BENCH_WINDOW_S", 10, 1),
  /** Workshop joins started per second before the storm (not measured). */
  joinRate: benchSetting.joinRate(25),
  /** Reference connections opened per second before its storm (not measured). */
  connectRate: benchSetting.connectRate(400),
  joinAttempts: benchSetting.joinAttempts(),
  /** After the window: the longest wait for every viewer to have seen every reaction. */
  settleTimeoutS: benchSetting.settleTimeoutS(30),
  /** Whole bench, whatever happens: every child is killed after this long. */
  timeoutS: benchSetting.timeoutS(900),
  write: benchSetting.write(),
};

const { logDir, log } = startBench(
  "bench-reactions-",
  "bench:reactions: BENCH_PEOPLE people in a plenary each send BENCH_REACTIONS_EACH reactions over BENCH_WINDOW_S seconds, every one watching; the vote storm's reference server and two workshop nodes, with the same BENCH_LOADERS load-generator processes, in one run.",
);

type Loader = ChildLoader<ReactionLoaderMessage, ReactionParentMessage>;

/** One storm's numbers. */
interface StormResult {
  server: ReactionServer;
  connected: number;
  connectFailures: Record<string, number>;
  sent: number;
  acked: number;
  refused: number;
  sendFailures: Record<string, number>;
  /** The fewest reactions any viewer connected to the end saw, and the most. */
  seenByEvery: number;
  seenMost: number;
  dropped: number;
  unsettled: number;
  p50Ms: number;
  p99Ms: number;
  /** Update messages per viewer per second from the first send until every viewer had every reaction. */
  messagesPerViewerPerSecond: number;
  busiestSecond: number;
  spanSeconds: number;
  cpu: CpuSpan;
  serverCpuSeconds: number;
  redisCpuSeconds: number | null;
  loaders: ReactionLoaderResult[];
  loadAverage: number;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Connects every generator's share of the people to one server; how many are in. */
async function connect(
  loaders: Loader[],
  server: ReactionServer,
  targets: string[],
  rate: number,
  joinCode?: string,
): Promise<{ ok: number; failures: Record<string, number> }> {
  const startAt = Date.now() + 300;
  loaders.forEach((loader, loaderIndex) => {
    loader.send({
      type: "connect",
      config: {
        server,
        targets,
        totalClients: settings.people,
        loaderIndex,
        loaderCount: loaders.length,
        connectRate: rate,
        startAt,
        ...(joinCode ? { joinCode } : {}),
        joinAttempts: settings.joinAttempts,
      },
    });
  });
  const budget = (settings.people / rate) * 1000 + 32_000 * settings.joinAttempts + 30_000;
  const answers = await everyLoader(loaders, "connected", budget, `connecting to the ${server} server`);
  const failures: Record<string, number> = {};
  for (const answer of answers) {
    for (const [code, n] of Object.entries(answer.failures)) failures[code] = (failures[code] ?? 0) + n;
  }
  const ok = sum(answers.map((answer) => answer.ok));
  log(`${server}: ${ok}/${settings.people} in after ${((Date.now() - startAt) / 1000).toFixed(1)} s`);
  if (ok < settings.people * 0.9) throw new Error(`${server}: only ${ok} of ${settings.people} got in`);
  return { ok, failures };
}

/** One storm on the people already connected to `server`: send on schedule, wait until every viewer has every reaction. */
async function storm(
  loaders: Loader[],
  server: ReactionServer,
  connected: { ok: number; failures: Record<string, number> },
  servers: RunningNode[],
  redis: RunningNode | null,
  options: string[],
): Promise<StormResult> {
  const pids = new Map<string, number>([
    ...servers.map((node): [string, number] => [node.name, node.pid]),
    ...(redis ? [["redis", redis.pid] as [string, number]] : []),
    ...loaders.flatMap(
      (loader, index): Array<[string, number]> =>
        loader.pid === undefined ? [] : [[`generator-${index + 1}`, loader.pid]],
    ),
  ]);
  const windowMs = settings.windowS * 1000;
  const startAt = Date.now() + 500;
  const deadlineAt = startAt + windowMs + settings.settleTimeoutS * 1000;
  const loadAverage = loadavg()[0] ?? Number.NaN;
  const before = sampleAll(pids);
  for (const loader of loaders) {
    loader.send({
      type: "storm",
      server,
      pollId: BARE_POLL_ID,
      options,
      each: settings.each,
      startAt,
      windowMs,
      deadlineAt,
    });
  }
  log(
    `${server}: ${settings.people * settings.each} reactions over ${settings.windowS} s (load average ${loadAverage.toFixed(1)})`,
  );
  const sent = await everyLoader(loaders, "sent", deadlineAt - Date.now() + 15_000, `${server} storm`);
  const refused = sum(sent.map((answer) => answer.refused));
  const sentAt = sent.flatMap((answer) => answer.sentAt).sort((a, b) => a - b);
  const expected = sentAt.length - refused;
  for (const loader of loaders) loader.send({ type: "expect", server, count: expected, deadlineAt });
  const settled = await everyLoader(loaders, "settled", deadlineAt - Date.now() + 15_000, `${server} delivery`);
  const settledAt = max(settled.map((answer) => answer.at));
  const after = sampleAll(pids);
  const unsettled = sum(settled.map((answer) => answer.unsettled));
  log(
    unsettled > 0
      ? `${server}: ${unsettled} viewers still short of ${expected} reactions at the deadline`
      : `${server}: every viewer saw all ${expected} reactions ${((settledAt - startAt) / 1000).toFixed(1)} s after the first`,
  );
  for (const loader of loaders) loader.send({ type: "end", server });
  await everyLoader(loaders, "ended", 30_000, `${server} end`);
  for (const loader of loaders) loader.send({ type: "resolve", server, sentAt });
  const results = (await everyLoader(loaders, "result", 60_000, `${server} results`)).map((answer) => answer.result);
  const delivery = mergeHistograms(results.map((result) => result.delivery));
  const viewers = sum(results.map((result) => result.connected));
  const seen = results.flatMap((result) => result.seen);
  const spanSeconds = Math.max(0.001, (settledAt - startAt) / 1000);
  const cpu = cpuSpan(server, before, after);
  const sendFailures: Record<string, number> = {};
  for (const answer of sent) {
    for (const [code, n] of Object.entries(answer.failures)) sendFailures[code] = (sendFailures[code] ?? 0) + n;
  }
  return {
    server,
    connected: viewers,
    connectFailures: connected.failures,
    sent: sentAt.length,
    acked: sum(sent.map((answer) => answer.acked)),
    refused,
    sendFailures,
    seenByEvery: Math.min(...seen),
    seenMost: Math.max(...seen),
    dropped: sum(results.map((result) => result.dropped)),
    unsettled,
    p50Ms: histogramPercentile(delivery, 50),
    p99Ms: histogramPercentile(delivery, 99),
    messagesPerViewerPerSecond: sum(results.flatMap((result) => result.messages)) / viewers / spanSeconds,
    busiestSecond: max(results.flatMap((result) => result.busiestSecond)),
    spanSeconds,
    cpu,
    serverCpuSeconds: sum(servers.map((node) => cpu.byProcess[node.name] ?? 0)),
    redisCpuSeconds: redis ? (cpu.byProcess.redis ?? 0) : null,
    loaders: results,
    loadAverage,
  };
}

function render(reference: StormResult, workshop: StormResult): string {
  const total = settings.people * settings.each;
  const both = (text: (r: StormResult) => string) => `${text(reference)} | ${text(workshop)}`;
  const row = (label: string, value: (r: StormResult) => number, digits: number, unit = "") =>
    `| ${label} | ${both((r) => `${format(value(r), digits)}${unit}`)} | ${ratio(value(workshop), value(reference))} |`;
  const text = (label: string, value: (r: StormResult) => string) => `| ${label} | ${both(value)} | |`;
  const lost = (r: StormResult) => Math.max(0, r.sent - r.refused - r.seenByEvery);
  const loaderText = (r: StormResult, pick: (l: ReactionLoaderResult) => number) =>
    r.loaders.map((l) => format(pick(l), 0)).join(" / ");
  const failures = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([code, n]) => `${n} × ${code}`)
      .join("; ") || "none";
  return [
    `_Written by \`npm run bench:reactions\` on ${new Date().toISOString()}; everything between the markers is replaced on the next run._`,
    "",
    `**Run:** ${settings.people} people, ${settings.each} reactions each over ${settings.windowS} s (${total} reactions, ${format(total / settings.windowS, 0)}/s), every person watching; the people in ${settings.loaders} load-generator processes, the same for both servers. Workshop people joined at ${settings.joinRate}/s alternating over the 2 nodes, then the reference's connected at ${settings.connectRate}/s and its storm ran while the nodes waited, then the workshop's storm. ${machineText(machine(), workingTree())}`,
    "",
    "| | reference (one process, tally every 100 ms) | workshop (2 nodes + Redis, bursts every 500 ms) | workshop ÷ reference |",
    "|---|---|---|---|",
    text("people in (connected at the storm)", (r) => `${r.connected}`),
    text("reactions sent / acknowledged / refused", (r) => `${r.sent} / ${r.acked} / ${r.refused}`),
    text("send failures", (r) => failures(r.sendFailures)),
    text("seen by every viewer (most seen)", (r) => `${r.seenByEvery} (${r.seenMost})`),
    text("**reactions lost** (sent, not refused, not seen by every viewer)", (r) => `**${lost(r)}**`),
    text("**counted more than once** (most seen beyond sent)", (r) => `**${Math.max(0, r.seenMost - r.sent)}**`),
    text("viewers dropped / short of every reaction at the deadline", (r) => `${r.dropped} / ${r.unsettled}`),
    row("**delivery p50** (every viewer)", (r) => r.p50Ms, 0, " ms"),
    row("**delivery p99** (every viewer)", (r) => r.p99Ms, 0, " ms"),
    row("**messages per viewer per s**, mean", (r) => r.messagesPerViewerPerSecond, 2),
    row("messages, busiest second of the busiest viewer", (r) => r.busiestSecond, 0),
    row("first send to every viewer done", (r) => r.spanSeconds, 1, " s"),
    row("**server CPU** (all nodes)", (r) => r.serverCpuSeconds, 2, " s"),
    text("Redis CPU", (r) => (r.redisCpuSeconds === null ? "—" : `${format(r.redisCpuSeconds, 2)} s`)),
    text("generators' CPU, s (each)", (r) => r.loaders.map((l) => format(l.cpuSeconds, 1)).join(" / ")),
    text("generators' event-loop delay p99 / max, ms (each)", (r) =>
      r.loaders.map((l) => `${format(l.loopDelayP99Ms, 0)} / ${format(l.loopDelayMaxMs, 0)}`).join("; "),
    ),
    text("generators' sends behind schedule p99 / max, ms (each)", (r) =>
      r.loaders.map((l) => `${format(l.sendLagP99Ms, 0)} / ${format(l.sendLagMaxMs, 0)}`).join("; "),
    ),
    text("people per generator", (r) => loaderText(r, (l) => l.connected)),
    text("other work on the machine (cores, mean over the storm)", (r) =>
      format(r.cpu.othersSeconds / Math.max(0.001, r.cpu.wallSeconds), 2),
    ),
    text("load average (1 min) at the start of the storm", (r) => format(r.loadAverage, 1)),
    text("join / connect failures before the storm", (r) => failures(r.connectFailures)),
  ].join("\n");
}

async function main(): Promise<void> {
  // The reference holds every connection; a generator holds its share of both servers'.
  const need = settings.people + 512;
  requireOpenFiles(need, "a server");
  log(`logs in ${logDir}; ${JSON.stringify(settings)}`);
  const loaders: Loader[] = Array.from({ length: Math.min(settings.loaders, settings.people) }, (_, index) =>
    ChildLoader.start<ReactionLoaderMessage, ReactionParentMessage>(
      logDir,
      "bench/reactionClient.ts",
      `generator-${index + 1}`,
      ReactionLoaderMessageSchema,
      ["--max-old-space-size=4096"],
    ),
  );
  try {
    await everyLoader(loaders, "ready", 30_000, "start");
    const cluster = await startWorkshopCluster(logDir);
    let reference: StormResult;
    let workshop: StormResult;
    try {
      const urls = cluster.nodes.map((node) => node.url);
      const created = await createWorkshop(urls[0] as string, "Reaction storm");
      const inWorkshop = await connect(loaders, "workshop", urls, settings.joinRate, created.joinCode);
      const server = await startNode(logDir, "reference", 0, {});
      try {
        const options = ((await (await fetch(`${server.url}/poll`)).json()) as { options: string[] }).options;
        const inReference = await connect(loaders, "reference", [server.url], settings.connectRate);
        await sleep(1000);
        reference = await storm(loaders, "reference", inReference, [server], null, options);
      } finally {
        await server.stop();
      }
      log(`reference done: p50 ${reference.p50Ms} ms, p99 ${reference.p99Ms} ms`);
      await sleep(2000);
      workshop = await storm(loaders, "workshop", inWorkshop, cluster.nodes, cluster.redis, []);
      log(`workshop done: p50 ${workshop.p50Ms} ms, p99 ${workshop.p99Ms} ms`);
    } finally {
      await stopWorkshopCluster(cluster).catch(() => []);
    }
    const markdown = render(reference, workshop);
    publish(
      markdown,
      settings.write,
      (file, text) =>
        writeBetweenMarkers(
          file,
          {
            start: "<!-- bench:reactions:start -->",
            end: "<!-- bench:reactions:end -->",
            heading: "## Reaction storm",
          },
          text,
        ),
      log,
    );
  } finally {
    await Promise.all(loaders.map((loader) => loader.close({ type: "close" })));
  }
  log(`logs kept in ${logDir}`);
}

runMain(main, settings.timeoutS, log);
